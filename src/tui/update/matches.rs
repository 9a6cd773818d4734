//! The matches table: moving the selection, sorting, showing only changed pairs, and the focus
//! between the two panels.

use crate::tui::action::Action;
use crate::tui::state::{Focus, Model};

/// Up, Down, PageUp, PageDown, Home, End in the table.
pub fn move_by(m: &mut Model, action: Action) {
    let page = m.page() as isize;
    let by = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Top => isize::MIN / 2,
        _ => isize::MAX / 2,
    };
    m.move_row(by);
}

pub fn switch_panel(m: &mut Model) {
    m.focus = match m.focus {
        Focus::Weights => Focus::Matches,
        Focus::Matches => Focus::Weights,
    }
}

pub fn cycle_sort(m: &mut Model) {
    m.matches.sort = m.matches.sort.next();
    m.rebuild_rows();
    m.info(format!("Matches sorted by {}", m.matches.sort.label()));
}

pub fn toggle_changed_only(m: &mut Model) {
    m.matches.changed_only = !m.matches.changed_only;
    m.rebuild_rows();
    m.info(if m.matches.changed_only {
        "Showing only the mentees whose pair changed (c shows all)"
    } else {
        "Showing all mentees"
    });
}
