//! The council, as `update` sees it: choosing the members' profiles (`C`), convening them (an
//! effect the convener thread carries out), scrolling what came of it, and taking the consensus
//! as the current settings, the baseline or a new profile.

use std::collections::HashMap;
use std::path::Path;

use dyad::analysis::council::Member;
use dyad::profile::Profile;

use crate::tui::action::{Action, Effect, Msg, ProfileEntry, Task};
use crate::tui::jobs::council::{self, Convened, Convening};
use crate::tui::scroll::Scroll;
use crate::tui::state::council::MEMBERS;
use crate::tui::state::{Confirm, CouncilPick, CouncilView, Model, Pending, Top};

/// `C`: the member picker; the profiles are listed by the event loop.
pub fn open(m: &mut Model) -> Vec<Effect> {
    m.top = Top::CouncilPick(CouncilPick {
        entries: Vec::new(),
        chosen: Vec::new(),
        selected: 0,
    });
    vec![Effect::ListCouncil]
}

/// Whether a profile file is in the members folder.
fn in_members(file: Option<&Path>) -> bool {
    file.and_then(Path::parent)
        .and_then(Path::file_name)
        .is_some_and(|n| n == MEMBERS)
}

/// The profiles listed: those chosen last time stay chosen; the first time, the members folder.
pub fn listed(m: &mut Model, entries: Vec<ProfileEntry>) -> Vec<Effect> {
    let before = m.document.council_chosen.clone();
    if let Top::CouncilPick(p) = &mut m.top {
        p.chosen = entries
            .iter()
            .map(|e| {
                e.profile.is_ok()
                    && if before.is_empty() {
                        in_members(e.file.as_deref())
                    } else {
                        before.contains(&e.file)
                    }
            })
            .collect();
        p.selected = 0;
        p.entries = entries;
    }
    Vec::new()
}

/// A short label per member: the file's name without `.toml`, or with its folder when two
/// members' files have the same name; a built-in profile's name.
fn labels(entries: &[&ProfileEntry]) -> Vec<String> {
    let stem = |e: &ProfileEntry| match &e.file {
        Some(f) => f
            .file_stem()
            .map_or_else(|| f.display().to_string(), |s| s.to_string_lossy().into()),
        None => e.profile.as_ref().map_or(String::new(), |p| p.name.clone()),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in entries {
        *seen.entry(stem(e)).or_default() += 1;
    }
    entries
        .iter()
        .map(|e| {
            let s = stem(e);
            match (&e.file, seen[&s]) {
                (Some(f), n) if n > 1 => f.with_extension("").display().to_string(),
                _ => s,
            }
        })
        .collect()
}

pub fn pick_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::CouncilPick(p) = &mut m.top else {
        return Vec::new();
    };
    let last = p.entries.len().saturating_sub(1);
    match msg {
        Msg::Action(Action::Up) => p.selected = p.selected.saturating_sub(1),
        Msg::Action(Action::Down) => p.selected = (p.selected + 1).min(last),
        Msg::Action(Action::Toggle) => match p.entries.get(p.selected) {
            Some(e) if e.profile.is_err() => {
                m.warn("That profile does not load, so it cannot sit on the council")
            }
            Some(_) => p.chosen[p.selected] = !p.chosen[p.selected],
            None => {}
        },
        Msg::Action(Action::Accept) => return convene(m),
        _ => {}
    }
    Vec::new()
}

/// Enter in the picker: convene the chosen profiles.
fn convene(m: &mut Model) -> Vec<Effect> {
    let Top::CouncilPick(p) = &m.top else {
        return Vec::new();
    };
    let chosen: Vec<&ProfileEntry> = p
        .entries
        .iter()
        .zip(&p.chosen)
        .filter(|(e, c)| **c && e.profile.is_ok())
        .map(|(e, _)| e)
        .collect();
    if chosen.len() < 2 {
        m.warn("Choose at least two profiles (Space) to convene a council");
        return Vec::new();
    }
    let labels = labels(&chosen);
    let members: Vec<Member> = chosen
        .iter()
        .zip(&labels)
        .filter_map(|(e, label)| {
            let profile = e.profile.as_ref().ok()?.clone();
            Some(Member {
                label: label.clone(),
                profile,
            })
        })
        .collect();
    m.document.council_chosen = chosen.iter().map(|e| e.file.clone()).collect();
    m.document.councils += 1;
    let id = m.document.councils;
    m.top = Top::Council(Box::new(CouncilView {
        id,
        labels,
        council: None,
        elapsed: None,
        scroll: Scroll::default(),
    }));
    let req = Convening {
        id,
        members,
        overrides: m.document.overrides.clone(),
    };
    vec![Effect::Run(Task::new("council", id, move |engine| {
        Msg::Convened(Box::new(council::convene(engine, req.clone())))
    }))]
}

/// A council arrived: shown when it is the one the view waits for.
pub fn convened(m: &mut Model, c: Convened) {
    if let Top::Council(v) = &mut m.top
        && v.id == c.id
    {
        v.council = Some(c.council);
        v.elapsed = Some(c.elapsed);
        // "Still being convened" no longer holds.
        m.status = None;
    }
}

pub fn council_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::Council(v) = &mut m.top else {
        return Vec::new();
    };
    let page = v.scroll.page() as isize;
    match msg {
        Msg::Action(Action::Up) => v.scroll.scroll_by(-1),
        Msg::Action(Action::Down) => v.scroll.scroll_by(1),
        Msg::Action(Action::PageUp) => v.scroll.scroll_by(-page),
        Msg::Action(Action::PageDown) => v.scroll.scroll_by(page),
        Msg::Action(Action::OpenCouncil) => return open(m),
        Msg::Action(Action::Accept)
        | Msg::Action(Action::SaveAs)
        | Msg::Action(Action::LoadAsBaseline) => {
            let consensus = match &v.council {
                Some(Ok(c)) => c.consensus.profile.clone(),
                Some(Err(_)) => {
                    m.warn("This council has no consensus: it could not be convened");
                    return Vec::new();
                }
                None => {
                    m.warn("The council is still being convened; its consensus is not ready");
                    return Vec::new();
                }
            };
            return match msg {
                Msg::Action(Action::LoadAsBaseline) => as_baseline(m, consensus),
                _ => adopt(m, consensus, matches!(msg, Msg::Action(Action::SaveAs))),
            };
        }
        _ => {}
    }
    Vec::new()
}

fn as_baseline(m: &mut Model, consensus: Profile) -> Vec<Effect> {
    m.top = Top::Main;
    m.info(format!(
        "\"{}\" is now the baseline (not saved)",
        consensus.name
    ));
    m.document.baseline = consensus;
    m.document.baseline_file = None;
    m.recompute()
}

/// Takes the consensus as the current settings, asking first when that drops unsaved changes;
/// with `save`, then opens the save-as form.
fn adopt(m: &mut Model, consensus: Profile, save: bool) -> Vec<Effect> {
    if save && m.document.read_only.is_some() {
        m.open_save_as();
        return Vec::new();
    }
    if m.profile_modified() {
        let question = format!(
            "Take \"{}\" as the current settings and drop the unsaved changes to \"{}\"?",
            consensus.name, m.document.current.name
        );
        m.top = Top::Confirm(Box::new(Confirm {
            question,
            on_yes: Pending::Adopt {
                profile: consensus,
                save,
            },
        }));
        return Vec::new();
    }
    adopt_now(m, consensus, save)
}

/// The consensus becomes the current settings. It has no file yet, so it counts as unsaved
/// (quitting asks; `s` and `S` save it as a new profile).
pub fn adopt_now(m: &mut Model, consensus: Profile, save: bool) -> Vec<Effect> {
    m.top = Top::Main;
    let name = consensus.name.clone();
    // An edit like any other: u goes back to the settings (and file) before it.
    let before = m.document.snapshot();
    m.document.history.undo.push(before);
    m.document.history.redo.clear();
    m.document.current = consensus;
    m.document.current_file = None;
    if save {
        // Without a file, the form starts with the consensus's name.
        m.open_save_as();
    } else {
        m.info(format!(
            "\"{name}\" is now the current settings; S saves it as a new profile, u goes back"
        ));
    }
    m.recompute()
}
