//! Profiles and overrides on disk, as `update` sees them: what to ask, what to write, and what
//! to do with the answer. The writing itself is an effect the event loop carries out.

use std::path::{Path, PathBuf};

use dyad::io::backup_dir;
use dyad::profile::Profile;

use super::weights::recompute;
use crate::tui::action::{Effect, ProfileEntry, SaveError, SaveResult};
use crate::tui::state::{Confirm, Field, Model, Pending, Popup, ProfilesState, SaveAs};

fn confirm(m: &mut Model, question: String, on_yes: Pending) {
    m.popup = Some(Popup::Confirm(Box::new(Confirm { question, on_yes })));
}

fn show(p: &Path) -> String {
    p.display().to_string()
}

pub fn open_profiles(m: &mut Model) -> Vec<Effect> {
    m.popup = Some(Popup::Profiles(ProfilesState {
        entries: Vec::new(),
        selected: 0,
    }));
    vec![Effect::ListProfiles]
}

pub fn listed(m: &mut Model, entries: Vec<ProfileEntry>) -> Vec<Effect> {
    if let Some(Popup::Profiles(state)) = &mut m.popup {
        state.selected = entries
            .iter()
            .position(|e| e.file.is_some() && e.file == m.document.current_file)
            .unwrap_or(0);
        state.entries = entries;
    }
    Vec::new()
}

/// Opens a profile as the current one (after asking, when there are unsaved changes).
pub fn open(m: &mut Model, entry: ProfileEntry) -> Vec<Effect> {
    let profile = match entry.profile {
        Ok(p) => p,
        Err(e) => {
            m.error(format!("Cannot open it: {e}"));
            return Vec::new();
        }
    };
    if m.profile_modified() {
        let q = format!(
            "Open \"{}\" and drop the unsaved changes to \"{}\"?",
            profile.name, m.document.current.name
        );
        confirm(m, q, Pending::Open(profile, entry.file));
        return Vec::new();
    }
    open_now(m, profile, entry.file)
}

pub fn open_now(m: &mut Model, profile: Profile, file: Option<PathBuf>) -> Vec<Effect> {
    m.popup = None;
    m.info(format!(
        "Opened \"{}\" as the current profile",
        profile.name
    ));
    m.document.saved = profile.clone();
    m.document.current = profile;
    m.document.current_file = file;
    m.document.history = Default::default();
    recompute(m)
}

pub fn use_as_baseline(m: &mut Model, entry: ProfileEntry) -> Vec<Effect> {
    match entry.profile {
        Ok(p) => {
            m.popup = None;
            m.info(format!("\"{}\" is now the baseline", p.name));
            m.document.baseline = p;
            m.document.baseline_file = entry.file;
            recompute(m)
        }
        Err(e) => {
            m.error(format!("Cannot use it: {e}"));
            Vec::new()
        }
    }
}

/// Whether saving is off because another dyad holds the profiles (and if so, says so).
fn read_only(m: &mut Model) -> bool {
    let Some(why) = m.document.read_only.clone() else {
        return false;
    };
    m.warn(format!(
        "Not saved: read-only, {why}. Quit it, then start dyad again to save."
    ));
    true
}

/// `s`: save to the current profile's own file, asking first; a built-in profile has no file,
/// so it is saved as a new one.
pub fn save(m: &mut Model) -> Vec<Effect> {
    if read_only(m) {
        return Vec::new();
    }
    let Some(path) = m.document.current_file.clone() else {
        save_as(m);
        return Vec::new();
    };
    if !m.profile_modified() {
        m.info(format!("No changes to save in {}", show(&path)));
        return Vec::new();
    }
    let q = format!(
        "Replace {} with the current settings? The old version is kept in {}.",
        show(&path),
        show(&backup_dir(&path))
    );
    let profile = m.document.current.clone();
    confirm(m, q, Pending::Replace { path, profile });
    Vec::new()
}

/// `S`: the save-as form, starting with the name: empty when the settings came from a file
/// (a new profile needs a new name), else the settings' own name (built-in profiles, a council's
/// consensus).
pub fn save_as(m: &mut Model) {
    if read_only(m) {
        return;
    }
    let name = if m.document.current_file.is_some() {
        String::new()
    } else {
        m.document.current.name.clone()
    };
    m.popup = Some(Popup::SaveAs(SaveAs {
        filled: !name.is_empty(),
        name,
        description: m.document.current.description.clone(),
        field: Field::Name,
    }));
}

/// Enter in the save-as form.
pub fn save_as_accept(m: &mut Model) -> Vec<Effect> {
    let Some(Popup::SaveAs(form)) = &mut m.popup else {
        return Vec::new();
    };
    let name = form.name.trim().to_string();
    if name.is_empty() {
        m.warn("Type a name for the new profile first");
        return Vec::new();
    }
    if form.field == Field::Name {
        form.field = Field::Description;
        form.filled = !form.description.is_empty();
        return Vec::new();
    }
    let mut profile = m.document.current.clone();
    profile.name = name;
    profile.description = form.description.trim().to_string();
    let path = m.path_for(&profile.name);
    m.popup = None;
    vec![Effect::SaveProfile {
        path,
        profile: Box::new(profile),
        replace: false,
    }]
}

pub fn saved(m: &mut Model, r: SaveResult) -> Vec<Effect> {
    match r.outcome {
        Ok(backup) => {
            m.document.current.name = r.profile.name.clone();
            m.document.current.description = r.profile.description.clone();
            m.document.current.saved = r.profile.saved.clone();
            m.document.saved = r.profile;
            m.document.current_file = Some(r.path.clone());
            let kept = backup.map_or(String::new(), |b| {
                format!("; the old version is in {}", show(&b))
            });
            m.info(format!("Saved {}{kept}", show(&r.path)));
        }
        Err(SaveError::Exists) => {
            let q = format!(
                "{} already exists. Replace it? The old version is kept in {}.",
                show(&r.path),
                show(&backup_dir(&r.path))
            );
            confirm(
                m,
                q,
                Pending::Replace {
                    path: r.path,
                    profile: r.profile,
                },
            );
        }
        Err(SaveError::Failed(e)) => m.error(format!("Not saved: {e}")),
    }
    Vec::new()
}

/// `q`: quits, asking first when settings or overrides are unsaved.
pub fn quit(m: &mut Model) {
    let mut unsaved = Vec::new();
    if m.profile_modified() {
        unsaved.push(format!("changes to \"{}\"", m.document.current.name));
    }
    if m.overrides_modified() {
        unsaved.push("pins and bans (w writes them)".to_string());
    }
    if unsaved.is_empty() {
        m.quit = true;
    } else if m.document.read_only.is_some() {
        // Saving is off here: ask only whether to drop them.
        let q = format!(
            "Quit and lose {}? (This dyad is read-only and cannot save them.)",
            unsaved.join(" and ")
        );
        confirm(m, q, Pending::Quit);
    } else {
        let q = format!("Quit without saving {}?", unsaved.join(" and "));
        confirm(m, q, Pending::Quit);
    }
}

/// `y` to the open question.
pub fn yes(m: &mut Model) -> Vec<Effect> {
    let Some(Popup::Confirm(c)) = m.popup.take() else {
        return Vec::new();
    };
    match c.on_yes {
        Pending::Quit => {
            m.quit = true;
            Vec::new()
        }
        Pending::Replace { path, profile } => vec![Effect::SaveProfile {
            path,
            profile: Box::new(profile),
            replace: true,
        }],
        Pending::Open(p, file) => open_now(m, p, file),
        Pending::Adopt { profile, save } => {
            crate::tui::update::council::adopt_now(m, profile, save)
        }
    }
}

pub fn save_overrides(m: &mut Model) -> Vec<Effect> {
    if read_only(m) {
        return Vec::new();
    }
    match &m.document.pool.source.dir {
        Some(dir) => vec![Effect::SaveOverrides {
            path: dir.join("overrides.csv"),
            csv: m.document.overrides.to_csv(&m.document.pool),
        }],
        None => {
            m.warn(
                "The built-in sample pool has no folder to write overrides.csv to (use --data DIR)",
            );
            Vec::new()
        }
    }
}

pub fn overrides_saved(m: &mut Model, r: Result<Option<PathBuf>, String>) -> Vec<Effect> {
    match r {
        Ok(_) => {
            m.document.saved_overrides = m.document.overrides.clone();
            let pins = m
                .document
                .overrides
                .iter()
                .filter(|o| o.action == dyad::pool::Action::Pin)
                .count();
            let bans = m.document.overrides.len() - pins;
            let count = |n: usize, one: &str| match n {
                1 => format!("1 {one}"),
                n => format!("{n} {one}s"),
            };
            m.info(format!(
                "Wrote {} and {} to overrides.csv",
                count(pins, "pin"),
                count(bans, "ban")
            ));
        }
        Err(e) => m.error(format!("overrides.csv not written: {e}")),
    }
    Vec::new()
}
