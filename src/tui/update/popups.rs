//! Messages while a popup is open: search, pair detail, profiles, help, the save-as form and
//! questions.

use super::council;
use super::profiles;
use super::weights;
use super::{fit_offsets, move_row, open_detail, rebuild_rows};
use crate::tui::action::{Action, Effect, Msg};
use crate::tui::keys::help;
use crate::tui::state::search::{self, Target};
use crate::tui::state::{Field, Focus, Model, Popup, SearchState};

/// The longest name and description the save-as form takes.
const MAX_NAME: usize = 80;
const MAX_DESCRIPTION: usize = 300;

pub fn update(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if matches!(msg, Msg::Action(Action::Close) | Msg::Action(Action::No)) {
        m.popup = None;
        return Vec::new();
    }
    // Ctrl-c leaves any popup and quits, asking first when something is unsaved.
    if matches!(msg, Msg::Action(Action::Quit)) && !matches!(m.popup, Some(Popup::Confirm(_))) {
        m.popup = None;
        profiles::quit(m);
        return Vec::new();
    }
    match m.popup.as_ref() {
        Some(Popup::Search(_)) => search_msg(m, msg),
        Some(Popup::Detail(_)) => detail_msg(m, msg),
        Some(Popup::Profiles(_)) => profiles_msg(m, msg),
        Some(Popup::Help { .. }) => {
            let max = help::max_scroll(m.size);
            let page = m.size.1.saturating_sub(4).max(1);
            if let Some(Popup::Help { scroll }) = &mut m.popup {
                *scroll = match msg {
                    Msg::Action(Action::Up) => scroll.saturating_sub(1),
                    Msg::Action(Action::Down) => scroll.saturating_add(1),
                    Msg::Action(Action::PageUp) => scroll.saturating_sub(page),
                    Msg::Action(Action::PageDown) => scroll.saturating_add(page),
                    Msg::Action(Action::Top) => 0,
                    Msg::Action(Action::Bottom) => max,
                    _ => *scroll,
                }
                .min(max);
            }
            Vec::new()
        }
        Some(Popup::Influence { .. }) => influence_msg(m, msg),
        Some(Popup::SaveAs(_)) => save_as_msg(m, msg),
        Some(Popup::CouncilPick(_)) => council::pick_msg(m, msg),
        Some(Popup::Council(_)) => council::council_msg(m, msg),
        Some(Popup::Confirm(_)) => match msg {
            Msg::Action(Action::Yes) => profiles::yes(m),
            Msg::Action(Action::Quit) => {
                m.quit = true;
                Vec::new()
            }
            _ => Vec::new(),
        },

        None => Vec::new(),
    }
}

pub fn open_search(m: &mut Model) {
    let hits = search::query(&m.entries, "");
    m.popup = Some(Popup::Search(SearchState {
        query: String::new(),
        hits,
        selected: 0,
    }));
}

fn search_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Some(Popup::Search(s)) = &mut m.popup else {
        return Vec::new();
    };
    let requery = |s: &mut SearchState, entries| {
        s.hits = search::query(entries, &s.query);
        s.selected = 0;
    };
    match msg {
        Msg::Input(c) => {
            s.query.push(c);
            requery(s, &m.entries);
        }
        Msg::Action(Action::Backspace) => {
            s.query.pop();
            requery(s, &m.entries);
        }
        Msg::Action(Action::ClearField) => {
            s.query.clear();
            requery(s, &m.entries);
        }
        Msg::Action(Action::Up) => s.selected = s.selected.saturating_sub(1),
        Msg::Action(Action::Down) => {
            s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1))
        }
        Msg::Action(Action::Accept) => {
            let target = s.hits.get(s.selected).map(|h| m.entries[h.entry].target);
            m.popup = None;
            if let Some(t) = target {
                jump(m, t);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Selects a mentee's row, or the row of a mentor's first mentee.
pub fn jump(m: &mut Model, target: Target) {
    let mentee = match target {
        Target::Mentee(i) => i,
        Target::Mentor(j) => {
            let first = m.results.as_ref().and_then(|r| {
                r.current
                    .matching
                    .pairs
                    .iter()
                    .find(|p| p.mentor == j)
                    .map(|p| p.mentee)
            });
            match first {
                Some(i) => i,
                None => {
                    let id = &m.pool.mentors[j].id;
                    m.warn(format!("{id} has no mentee in the current matching"));
                    return;
                }
            }
        }
    };
    if !m.rows.iter().any(|r| r.mentee == mentee) && m.changed_only {
        m.changed_only = false;
        rebuild_rows(m);
        m.info("Showing all mentees again, to show the one found");
    }
    m.selected_mentee = Some(mentee);
    m.focus = Focus::Matches;
    fit_offsets(m);
}

fn detail_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(Action::Up) | Msg::Action(Action::Down) => {
            move_row(
                m,
                if matches!(msg, Msg::Action(Action::Up)) {
                    -1
                } else {
                    1
                },
            );
            open_detail(m);
            Vec::new()
        }
        Msg::Action(Action::Ban) => weights::ban(m),
        Msg::Action(Action::Pin) => weights::pin(m),
        Msg::Action(Action::ToggleFullDetail) => {
            if let (Some(Popup::Detail(d)), Some(r)) = (&mut m.popup, &m.results) {
                **d = crate::tui::state::detail::build(r, d.mentee, &m.disclosure, !d.full);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The criteria in the order the influence popup lists them: largest swing first, those not
/// analysed yet last (in criterion order).
fn influence_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Some(Popup::Influence { selected }) = m.popup else {
        return Vec::new();
    };
    let order = m.influence_order();
    let at = order.iter().position(|&k| k == selected).unwrap_or(0);
    match msg {
        Msg::Action(Action::Up) | Msg::Action(Action::Down) => {
            let to = if matches!(msg, Msg::Action(Action::Up)) {
                at.saturating_sub(1)
            } else {
                (at + 1).min(order.len() - 1)
            };
            m.popup = Some(Popup::Influence {
                selected: order[to],
            });
        }
        Msg::Action(Action::Accept) => {
            m.popup = None;
            m.focus = Focus::Weights;
            m.setting = selected;
            fit_offsets(m);
        }
        _ => {}
    }
    Vec::new()
}

fn profiles_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Some(Popup::Profiles(p)) = &mut m.popup else {
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
                profiles::open(m, entry)
            } else {
                profiles::use_as_baseline(m, entry)
            };
        }
        _ => {}
    }
    Vec::new()
}

fn save_as_msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Some(Popup::SaveAs(form)) = &mut m.popup else {
        return Vec::new();
    };
    let (text, max) = match form.field {
        Field::Name => (&mut form.name, MAX_NAME),
        Field::Description => (&mut form.description, MAX_DESCRIPTION),
    };
    let filled = std::mem::replace(&mut form.filled, false);
    match msg {
        Msg::Input(c) if !c.is_control() => {
            if filled {
                text.clear();
            }
            if text.chars().count() < max {
                text.push(c);
            }
        }
        Msg::Action(Action::Backspace) => {
            text.pop();
        }
        Msg::Action(Action::ClearField) => text.clear(),
        Msg::Action(Action::Accept) => return profiles::save_as_accept(m),
        _ => {}
    }
    Vec::new()
}
