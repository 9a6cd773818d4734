//! Profiles and overrides on disk, as `update` sees them: what to ask, what to write, and what
//! to do with the answer. The writing itself is an effect the event loop carries out.

use std::path::{Path, PathBuf};

use dyad::io::backup_dir;
use dyad::profile::Profile;

use crate::tui::action::{Action, Effect, Msg, ProfileEntry, SaveError, SaveResult};
use crate::tui::state::{Model, Pending, ProfilesState, Top};

/// The longest name and description the save-as form takes.
fn show(p: &Path) -> String {
    p.display().to_string()
}

pub fn open_profiles(m: &mut Model) -> Vec<Effect> {
    m.top = Top::Profiles(ProfilesState {
        entries: Vec::new(),
        selected: 0,
    });
    vec![Effect::ListProfiles]
}

pub fn listed(m: &mut Model, entries: Vec<ProfileEntry>) -> Vec<Effect> {
    if let Top::Profiles(state) = &mut m.top {
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
        m.confirm(q, Pending::Open(profile, entry.file));
        return Vec::new();
    }
    open_now(m, profile, entry.file)
}

pub fn open_now(m: &mut Model, profile: Profile, file: Option<PathBuf>) -> Vec<Effect> {
    m.top = Top::Main;
    m.info(format!(
        "Opened \"{}\" as the current profile",
        profile.name
    ));
    m.document.saved = profile.clone();
    m.document.current = profile;
    m.document.current_file = file;
    m.document.history = Default::default();
    m.recompute()
}

pub fn use_as_baseline(m: &mut Model, entry: ProfileEntry) -> Vec<Effect> {
    match entry.profile {
        Ok(p) => {
            m.top = Top::Main;
            m.info(format!("\"{}\" is now the baseline", p.name));
            m.document.baseline = p;
            m.document.baseline_file = entry.file;
            m.recompute()
        }
        Err(e) => {
            m.error(format!("Cannot use it: {e}"));
            Vec::new()
        }
    }
}

/// `s`: save to the current profile's own file, asking first; a built-in profile has no file,
/// so it is saved as a new one.
pub fn save(m: &mut Model) -> Vec<Effect> {
    if m.saving_off() {
        return Vec::new();
    }
    let Some(path) = m.document.current_file.clone() else {
        m.open_save_as();
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
    m.confirm(q, Pending::Replace { path, profile });
    Vec::new()
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
            m.confirm(
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
        m.confirm(q, Pending::Quit);
    } else {
        let q = format!("Quit without saving {}?", unsaved.join(" and "));
        m.confirm(q, Pending::Quit);
    }
}

/// `y` to a question about quitting or profiles (the popup is closed already).
pub fn yes(m: &mut Model, on_yes: Pending) -> Vec<Effect> {
    match on_yes {
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
        // The council's own question, answered there.
        Pending::Adopt { .. } => Vec::new(),
    }
}

pub fn save_overrides(m: &mut Model) -> Vec<Effect> {
    if m.saving_off() {
        return Vec::new();
    }
    match &m.document.pool.source.dir {
        Some(dir) => vec![Effect::SaveOverrides {
            path: dir.join(dyad::pool::files::OVERRIDES),
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

/// The profiles popup (`p`): Enter opens one as current, `b` uses it as the baseline.
pub fn list_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::Profiles(p) = &mut m.top else {
        return Vec::new();
    };
    match msg {
        Msg::Action(Action::Up) => p.selected = p.selected.saturating_sub(1),
        Msg::Action(Action::Down) => {
            p.selected = (p.selected + 1).min(p.entries.len().saturating_sub(1))
        }
        Msg::Action(Action::Accept) | Msg::Action(Action::LoadAsBaseline) => {
            let Some(entry) = p.entries.get(p.selected).cloned() else {
                return Vec::new();
            };
            return if matches!(msg, Msg::Action(Action::Accept)) {
                open(m, entry)
            } else {
                use_as_baseline(m, entry)
            };
        }
        _ => {}
    }
    Vec::new()
}
