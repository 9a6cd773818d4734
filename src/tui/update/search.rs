//! The search popup (`/`): typing narrows the hits; Enter selects the mentee found, or a
//! mentor's first mentee, in the matches table.

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::state::search::{self, Target};
use crate::tui::state::{Focus, Model, SearchState, Top};

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::Search(s) = &mut m.top else {
        return Vec::new();
    };
    let entries = &m.document.entries;
    let requery = |s: &mut SearchState| {
        s.hits = search::query(entries, &s.query);
        s.selected = 0;
    };
    match msg {
        Msg::Input(c) => {
            s.query.push(c);
            requery(s);
        }
        Msg::Action(Action::Backspace) => {
            s.query.pop();
            requery(s);
        }
        Msg::Action(Action::ClearField) => {
            s.query.clear();
            requery(s);
        }
        Msg::Action(Action::Up) => s.selected = s.selected.saturating_sub(1),
        Msg::Action(Action::Down) => {
            s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1))
        }
        Msg::Action(Action::Accept) => {
            let target = s.hits.get(s.selected).map(|h| entries[h.entry].target);
            m.top = Top::Main;
            if let Some(t) = target {
                jump(m, t);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Selects a mentee's row, or the row of a mentor's first mentee; in the mentors view, a mentor
/// there (a mentee: back to the mentees).
pub fn jump(m: &mut Model, target: Target) {
    if m.mentors.shown {
        if let Target::Mentor(j) = target {
            m.mentors.selected = Some(j);
            m.mentors.fit();
            m.focus = Focus::Matches;
            return;
        }
        m.mentors.shown = false;
    }
    let mentee = match target {
        Target::Mentee(i) => i,
        Target::Mentor(j) => {
            let first = m.solve.results.as_ref().and_then(|r| {
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
                    let id = &m.document.pool.mentors[j].id;
                    m.warn(format!("{id} has no mentee in the current matching"));
                    return;
                }
            }
        }
    };
    if !m.matches.rows.iter().any(|r| r.mentee == mentee) && m.matches.changed_only {
        m.matches.changed_only = false;
        m.rebuild_rows();
        m.info("Showing all mentees again, to show the one found");
    }
    m.matches.selected_mentee = Some(mentee);
    m.focus = Focus::Matches;
    m.fit_offsets();
}
