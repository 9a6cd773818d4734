//! The UI state. Only `update` changes it; the view only reads it. One file per feature, with
//! the same name in `update/` and `view/`: the weights panel's settings (`weights`), the matches
//! table's rows (`matches`), a pair explained (`detail`), search (`search`); `stable` reads a
//! weight's stable range.

pub mod analyses;
pub mod council;
pub mod detail;
pub mod document;
pub mod matches;
pub mod rematch;
pub mod search;
pub mod stable;
pub mod weights;

pub use analyses::Analyses;
pub use council::{CouncilPick, CouncilView};
pub use document::{Document, HISTORY, Snapshot};
pub use matches::Matches;
pub use rematch::Rematch;
pub use weights::Weights;

use std::path::PathBuf;
use std::sync::Arc;

use dyad::analysis::stability::Stability;
use dyad::pool::Pool;
use dyad::profile::Profile;

use crate::tui::action::ProfileEntry;
use crate::tui::jobs::analyses::{Job, Order, Wants};
use crate::tui::jobs::rematch::Request;
use crate::tui::keys::Mode;
use crate::tui::state::detail::Detail;
use crate::tui::state::matches::Row;
use crate::tui::state::search::Hit;
use crate::tui::state::weights::Setting;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Weights,
    Matches,
}

pub use matches::DistView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub level: Level,
}

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
        scroll: u16,
    },
    /// The influence of each weight (the tornado); the selected row.
    Influence {
        selected: usize,
    },
    SaveAs(SaveAs),
    Confirm(Box<Confirm>),
    CouncilPick(CouncilPick),
    Council(Box<CouncilView>),
}

/// The whole UI state, in parts: the settings and files being tuned (`document`), the rematch
/// shown and what was found about it (`rematch`), the weights panel (`weights`), the matches
/// table (`matches`), the open popup and the status line.
pub struct Model {
    pub document: Document,
    pub rematch: Rematch,
    pub weights: Weights,
    pub matches: Matches,
    pub focus: Focus,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    /// Terminal size (columns, rows), for mouse hits and scrolling.
    pub size: (u16, u16),
    pub quit: bool,
}

impl Model {
    /// A model for a pool and profiles, with the first recompute request to send.
    pub fn new(
        pool: Arc<Pool>,
        current: (Profile, Option<PathBuf>),
        baseline: (Profile, Option<PathBuf>),
        configs: PathBuf,
        size: (u16, u16),
    ) -> (Model, Request) {
        let mut m = Model {
            document: Document::new(pool, current, baseline, configs),
            rematch: Rematch::default(),
            weights: Weights::default(),
            matches: Matches::default(),
            focus: Focus::Weights,
            popup: None,
            status: None,
            size,
            quit: false,
        };
        let req = m.request();
        (m, req)
    }

    /// A new recompute request for the settings as they are now.
    pub fn request(&mut self) -> Request {
        self.rematch.generation += 1;
        Request {
            generation: self.rematch.generation,
            current: self.document.current.clone(),
            baseline: self.document.baseline.clone(),
            overrides: self.document.overrides.clone(),
        }
    }

    pub fn mode(&self) -> Mode {
        match &self.popup {
            None => Mode::Normal,
            Some(Popup::Detail(_)) => Mode::Detail,
            Some(Popup::Search(_)) => Mode::Search,
            Some(Popup::Profiles(_)) => Mode::Profiles,
            Some(Popup::Help { .. }) => Mode::Help,
            Some(Popup::Influence { .. }) => Mode::Influence,
            Some(Popup::SaveAs(_)) => Mode::Text,
            Some(Popup::Confirm(_)) => Mode::Confirm,
            Some(Popup::CouncilPick(_)) => Mode::CouncilPick,
            Some(Popup::Council(_)) => Mode::Council,
        }
    }

    pub fn profile_modified(&self) -> bool {
        self.document.profile_modified()
    }

    pub fn overrides_modified(&self) -> bool {
        self.document.overrides_modified()
    }

    /// Whether the newest settings are still being matched.
    pub fn busy(&self) -> bool {
        self.rematch.busy()
    }

    /// The position of the selected mentee among the rows shown.
    pub fn selected_row(&self) -> Option<usize> {
        self.matches.selected_row()
    }

    pub fn selected(&self) -> Option<&Row> {
        self.matches.selected()
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Info,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Warning,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Error,
        });
    }

    /// The stable range of a weight, while it belongs to the settings shown (not when the
    /// newest settings could not be matched and older pairs are on the screen).
    pub fn stability(&self, k: usize) -> Option<&Result<Stability, String>> {
        self.rematch.stability(k)
    }

    /// The criteria in the influence popup's order: the largest swing first, those not yet
    /// computed last.
    pub fn influence_order(&self) -> Vec<usize> {
        self.rematch.influence_order()
    }

    /// Where save-as writes a profile of this name.
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.document.path_for(name)
    }

    /// Identity groups with fewer eligible mentees than `cells` show `<k` instead of figures.
    pub fn set_small_cells(&mut self, cells: dyad::privacy::SmallCells) {
        self.document.small_cells = cells;
    }

    /// Turns saving off (another dyad holds the profiles), and says so.
    pub fn set_read_only(&mut self, why: String) {
        self.warn(format!(
            "Read-only: {why}. You can try settings; saving is off."
        ));
        self.document.read_only = Some(why);
    }

    pub fn all_weights_zero(&self) -> bool {
        dyad::matching::weights_inert(&self.document.current.weights)
    }
}

/// What the screen wants analysed, read from the model.
pub fn wants(m: &Model) -> Wants {
    let diagnose = match &m.popup {
        Some(Popup::Detail(d)) if d.current.is_none() => Some(d.mentee),
        _ => None,
    };
    Wants {
        criterion: Setting::at(m.weights.setting).weight(),
        influence: matches!(m.popup, Some(Popup::Influence { .. })),
        diagnose,
    }
}

/// Keeps the analyst up to date with the model: a job for each new result, and what the screen
/// wants whenever that changes. Used by the event loop after each batch of messages (and by the
/// test harness after each message).
#[derive(Default)]
pub struct Sync {
    generation: u64,
    wants: Wants,
}

impl Sync {
    pub fn requests(&mut self, m: &Model) -> Vec<Order> {
        let mut out = Vec::new();
        if let Some(r) = m
            .rematch
            .results
            .as_ref()
            .filter(|r| r.generation != self.generation)
        {
            self.generation = r.generation;
            out.push(Order::Job(Job {
                generation: r.generation,
                pool: r.pool.clone(),
                ev: r.current.clone(),
            }));
        }
        let w = wants(m);
        if w != self.wants || !out.is_empty() {
            self.wants = w;
            out.push(Order::Wants(w));
        }
        out
    }
}
