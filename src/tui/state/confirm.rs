//! A question on top of the screen, and what a yes to it does.

use std::path::PathBuf;

use dyad::profile::Profile;

/// What a "yes" to a question does.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Quit,
    /// Write the profile over an existing file (keeping a backup).
    Replace {
        path: PathBuf,
        profile: Profile,
    },
    /// Open a profile as current, dropping unsaved changes.
    Open(Profile, Option<PathBuf>),
    /// Take a council's consensus as the current settings (not saved yet), dropping unsaved
    /// changes; then open the save-as form when `save`.
    Adopt {
        profile: Profile,
        save: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
}
