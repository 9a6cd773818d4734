//! What is on top of the main screen ([`Top`]), and what each popup holds.

use std::path::PathBuf;

use strum::{EnumDiscriminants, EnumIter};

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

/// What is on top of the screen: the main screen, a view or a popup, each with its state. The
/// one registry of them: its variants' names, fieldless, are the [`Mode`]s the keymap is keyed
/// by (one table of keys and one help section each, in this order), and `update` and `view`
/// hand each variant to the file of its name.
#[derive(Debug, Clone, PartialEq, Default, EnumDiscriminants)]
#[strum_discriminants(name(Mode), derive(EnumIter))]
#[strum_discriminants(doc = "What is on top, without its state: the keymap's key (see [`Top`]).")]
pub enum Top {
    /// The weights beside the matches, nothing over them.
    #[default]
    Main,
    Search(SearchState),
    Detail(Box<Detail>),
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
    Profiles(ProfilesState),
    CouncilPick(CouncilPick),
    Council(Box<CouncilView>),
    /// The save-as form, where one types a name and a description.
    SaveAs(SaveAs),
    Confirm(Box<Confirm>),
    Help {
        scroll: Scroll,
    },
}

impl Top {
    /// Nothing over the main screen.
    pub fn is_main(&self) -> bool {
        matches!(self, Top::Main)
    }

    /// Which it is, for the keymap.
    pub fn mode(&self) -> Mode {
        Mode::from(self)
    }
}
