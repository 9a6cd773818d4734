//! The mentors view of the matches panel (`m`): showing it or the mentees again, moving the
//! selection as in the matches table, and Enter, which goes to the selected mentor's mentees in
//! the matches table. Keys that act on a mentee's pair say to go back to the mentees first.

use crate::tui::action::Action;
use crate::tui::layout::{Areas, matches_body_height as body_height};
use crate::tui::state::{Focus, Model};

use ratatui::layout::Rect;

/// `m`: the mentors instead of the mentees, or back; the matches panel gets the focus.
pub fn toggle(m: &mut Model) {
    let v = &mut m.mentors;
    v.shown = !v.shown;
    m.focus = Focus::Matches;
    if m.mentors.shown {
        if let Some(r) = &m.results {
            m.mentors.rebuild(r);
        }
        fit(m);
    }
}

/// What an action does while the mentors are shown, when it acts on the table (`None`: the
/// action does what it does elsewhere).
pub fn action(m: &mut Model, a: Action) -> Option<()> {
    let by = |m: &Model| usize::from(body_height(areas(m).matches)).max(1) as isize;
    match a {
        Action::Up | Action::Down | Action::Top | Action::Bottom if m.focus == Focus::Weights => {
            return None;
        }
        Action::Up => move_by(m, -1),
        Action::Down => move_by(m, 1),
        Action::PageUp => move_by(m, -by(m)),
        Action::PageDown => move_by(m, by(m)),
        Action::Top => move_by(m, isize::MIN / 2),
        Action::Bottom => move_by(m, isize::MAX / 2),
        Action::OpenDetail => enter(m),
        Action::Ban
        | Action::Unban
        | Action::Pin
        | Action::CycleSort
        | Action::ToggleChangedOnly => {
            m.info("That key acts on the mentees' pairs: m shows the mentees again")
        }
        _ => return None,
    }
    Some(())
}

/// Enter: the matches table again, on the mentor's first mentee (in the table's order); an
/// idle mentor has none to go to, and the status line says so.
fn enter(m: &mut Model) {
    let Some(r) = m.mentors.selected().cloned() else {
        return;
    };
    let id = m.pool.mentors[r.mentor].id.clone();
    if r.idle() {
        let before = match r.base_load {
            0 => String::new(),
            n => format!(" (the baseline gave them {n})"),
        };
        m.info(format!("{id} has no mentee under these settings{before}"));
        return;
    }
    if m.changed_only && !m.rows.iter().any(|row| r.mentees.contains(&row.mentee)) {
        m.changed_only = false;
        crate::tui::update::rebuild_rows(m);
    }
    let first = m
        .rows
        .iter()
        .find(|row| r.mentees.contains(&row.mentee))
        .map(|row| row.mentee);
    m.mentors.shown = false;
    m.selected_mentee = first.or(m.selected_mentee);
    crate::tui::update::fit_offsets(m);
    let ids: Vec<&str> = r
        .mentees
        .iter()
        .map(|&i| m.pool.mentees[i].id.as_str())
        .collect();
    m.info(format!(
        "{id} mentors {}: Enter explains a pair · m shows the mentors again",
        ids.join(", ")
    ));
}

fn areas(m: &Model) -> Areas {
    Areas::of(Rect::new(0, 0, m.size.0, m.size.1))
}

/// Moves the selected mentor by `by` rows (clamped to the table).
pub fn move_by(m: &mut Model, by: isize) {
    let v = &mut m.mentors;
    if v.rows.is_empty() {
        return;
    }
    let at = v.selected_row().unwrap_or(0) as isize;
    let to = at.saturating_add(by).clamp(0, v.rows.len() as isize - 1) as usize;
    v.selected = Some(v.rows[to].mentor);
    fit(m);
}

/// Keeps the selected mentor on screen.
pub fn fit(m: &mut Model) {
    let h = usize::from(body_height(areas(m).matches)).max(1);
    let v = &mut m.mentors;
    let sel = v.selected_row().unwrap_or(0);
    if sel < v.offset {
        v.offset = sel;
    } else if sel >= v.offset + h {
        v.offset = sel + 1 - h;
    }
    v.offset = v.offset.min(v.rows.len().saturating_sub(h));
}
