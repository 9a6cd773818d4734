//! A council: choosing its members' profiles, and the council convened or being convened.

use std::sync::Arc;
use std::time::Duration;

use dyad::analysis::council::Council;

use crate::tui::action::ProfileEntry;
use crate::tui::scroll::Scroll;

/// The folder (inside the configs folder) whose profiles are the council's members by default.
pub const MEMBERS: &str = "members";

/// Choosing the profiles that make up a council.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilPick {
    pub entries: Vec<ProfileEntry>,
    /// Per entry: whether it is in the council.
    pub chosen: Vec<bool>,
    pub selected: usize,
}

/// A council being convened or shown.
#[derive(Debug, Clone)]
pub struct CouncilView {
    /// The request this view waits for or shows.
    pub id: u64,
    /// The members' labels, to show while convening.
    pub labels: Vec<String>,
    /// `None` while convening.
    pub council: Option<Result<Arc<Council>, String>>,
    pub elapsed: Option<Duration>,
    pub scroll: Scroll,
}

impl PartialEq for CouncilView {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.scroll == other.scroll && self.labels == other.labels
    }
}
