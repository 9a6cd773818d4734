//! What is on top of the main screen ([`Top`]). Each view's state is in the file of its name
//! (a scroll or a selected row only, as the help's and the influence's, in its variant).

use strum::{EnumDiscriminants, EnumIter};

use crate::tui::scroll::Scroll;
use crate::tui::state::confirm::Confirm;
use crate::tui::state::council::{CouncilPick, CouncilView};
use crate::tui::state::detail::Detail;
use crate::tui::state::profiles::ProfilesState;
use crate::tui::state::save_as::SaveAs;
use crate::tui::state::search::SearchState;

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
    /// The price of fairness (what is shown is the model's `fairness`).
    Fairness,
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
