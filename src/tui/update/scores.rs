//! The Scores panel: `g` shows the identity groups, `v` the weight-free measures; each again goes
//! back to the scores.

use crate::tui::state::Model;

pub fn toggle_groups(m: &mut Model) {
    m.scores = m.scores.toggle_groups();
}

pub fn toggle_measures(m: &mut Model) {
    m.scores = m.scores.toggle_measures();
}
