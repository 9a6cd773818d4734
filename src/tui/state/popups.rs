//! The popups: what each holds.

use std::path::PathBuf;

use dyad::profile::Profile;

use crate::tui::action::ProfileEntry;
use crate::tui::scroll::Scroll;
use crate::tui::state::council::{CouncilPick, CouncilView};
use crate::tui::state::detail::Detail;
use crate::tui::state::search::Hit;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
}

/// The save-as form.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveAs {
    pub name: String,
    pub description: String,
    /// The description of the profile file the settings came from, shown under the field
    /// (the field itself starts empty); empty for settings from no file.
    pub was: String,
    pub field: Field,
    /// The field holds text dyad filled in, untouched so far: typing replaces it (as in a
    /// form whose text is selected); Backspace or Enter keeps it.
    pub filled: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProfilesState {
    pub entries: Vec<ProfileEntry>,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Detail(Box<Detail>),
    Search(SearchState),
    Profiles(ProfilesState),
    Help {
        scroll: Scroll,
    },
    /// The influence of each weight (the tornado); the selected row.
    Influence {
        selected: usize,
    },
    /// What the survey of past pairs says (the outcome shown is the model's `evidence`).
    Evidence {
        scroll: Scroll,
    },
    /// The pairs in place re-matched (what is shown is the model's `midcycle`).
    Midcycle,
    SaveAs(SaveAs),
    Confirm(Box<Confirm>),
    CouncilPick(CouncilPick),
    Council(Box<CouncilView>),
}
