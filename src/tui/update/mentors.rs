//! The mentors view of the matches panel (`m`): showing it or the mentees again, moving the
//! selection as in the matches table (keys, clicks, the wheel), and Enter, which goes to the
//! selected mentor's mentees in the matches table. Keys that act on a mentee's pair say to go
//! back to the mentees first.

use ratatui::layout::Rect;

use crate::tui::action::{Action, Mouse, MouseKind};
use crate::tui::layout::{Areas, matches_body};
use crate::tui::state::{Focus, Model};

/// `m`: the mentors instead of the mentees, or back; the matches panel gets the focus.
pub fn toggle(m: &mut Model) {
    m.mentors.shown = !m.mentors.shown;
    m.focus = Focus::Matches;
    if m.mentors.shown {
        m.refresh_mentors();
    }
}

/// Whether the mentors view took an action (the others do what they do elsewhere).
pub fn action(m: &mut Model, a: Action) -> bool {
    let page = m.mentors.scroll.page() as isize;
    let by = match a {
        Action::Up | Action::Down | Action::Top | Action::Bottom if m.focus == Focus::Weights => {
            return false;
        }
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        Action::OpenDetail => {
            enter(m);
            return true;
        }
        Action::Ban
        | Action::Unban
        | Action::Pin
        | Action::CycleSort
        | Action::ToggleChangedOnly => {
            m.info("That key acts on the mentees' pairs: m shows the mentees again");
            return true;
        }
        _ => return false,
    };
    m.mentors.move_by(by);
    true
}

/// A click on a mentor selects them; the wheel over the panel moves the selection. Whether the
/// mentors view took the event (the others go to the weights panel).
pub fn mouse(m: &mut Model, ev: Mouse) -> bool {
    let panel = Areas::of(Rect::new(0, 0, m.size.0, m.size.1)).matches;
    if !panel.contains((ev.column, ev.row).into()) {
        return false;
    }
    match ev.kind {
        MouseKind::Press => {
            let body = matches_body(panel);
            if body.contains((ev.column, ev.row).into()) {
                let at = m.mentors.scroll.offset + usize::from(ev.row - body.y);
                if let Some(r) = m.mentors.rows.get(at) {
                    m.mentors.selected = Some(r.mentor);
                }
            }
            m.focus = Focus::Matches;
            m.mentors.fit();
        }
        MouseKind::ScrollUp => m.mentors.move_by(-1),
        MouseKind::ScrollDown => m.mentors.move_by(1),
        MouseKind::Drag | MouseKind::Release => return false,
    }
    true
}

/// Enter: the matches table again, on the mentor's first mentee (in the table's order); an
/// idle mentor has none to go to, and the status line says so.
fn enter(m: &mut Model) {
    let Some(r) = m.mentors.selected().cloned() else {
        return;
    };
    let pool = m.document.pool.clone();
    let id = &pool.mentors[r.mentor].id;
    if r.idle() {
        let before = match r.base_load {
            0 => String::new(),
            n => format!(" (the baseline gave them {n})"),
        };
        m.info(format!("{id} has no mentee under these settings{before}"));
        return;
    }
    let shown = |m: &Model| {
        m.matches
            .rows
            .iter()
            .find(|row| r.mentees.contains(&row.mentee))
            .map(|row| row.mentee)
    };
    if shown(m).is_none() && m.matches.changed_only {
        m.matches.changed_only = false;
        m.rebuild_rows();
    }
    m.mentors.shown = false;
    if let Some(first) = shown(m) {
        m.matches.selected_mentee = Some(first);
    }
    m.fit_offsets();
    let ids: Vec<&str> = r
        .mentees
        .iter()
        .map(|&i| pool.mentees[i].id.as_str())
        .collect();
    m.info(format!(
        "{id} mentors {}: Enter explains a pair · m shows the mentors again",
        ids.join(", ")
    ));
}
