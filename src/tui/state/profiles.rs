//! The saved profiles listed (`p`), and the one selected.

use crate::tui::action::ProfileEntry;

#[derive(Debug, Clone, PartialEq)]
pub struct ProfilesState {
    pub entries: Vec<ProfileEntry>,
    pub selected: usize,
}
