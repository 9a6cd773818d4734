//! The UI state. Only `update` changes it; the view only reads it. One file per feature, with
//! the same name in `update/` and `view/`: the weights panel's settings (`weights`), the matches
//! table's rows (`matches`), a pair explained (`detail`), search (`search`); `stable` reads a
//! weight's stable range.

pub mod analyses;
pub mod council;
pub mod detail;
pub mod matches;
pub mod mentors;
pub mod search;
pub mod stable;
pub mod weights;

pub use analyses::Analyses;
pub use council::{CouncilPick, CouncilView};

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use dyad::analysis::stability::Stability;
use dyad::criteria::N;
use dyad::pool::{Overrides, Pool};
use dyad::profile::Profile;

use crate::tui::action::ProfileEntry;
use crate::tui::jobs::analyses::{Job, Order, Wants};
use crate::tui::jobs::rematch::{Request, Results};
use crate::tui::keys::Mode;
use crate::tui::state::detail::Detail;
use crate::tui::state::matches::{Row, Sort};
use crate::tui::state::search::{Entry, Hit};
use crate::tui::state::weights::Setting;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Weights,
    Matches,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistView {
    All,
    Groups,
    /// The weight-free measures.
    Measures,
}

impl DistView {
    /// `g`: the groups, or back to the scores from them.
    pub fn toggle_groups(self) -> DistView {
        match self {
            DistView::Groups => DistView::All,
            DistView::All | DistView::Measures => DistView::Groups,
        }
    }

    /// `v`: the measures, or back to the scores from them.
    pub fn toggle_measures(self) -> DistView {
        match self {
            DistView::Measures => DistView::All,
            DistView::All | DistView::Groups => DistView::Measures,
        }
    }
}

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

/// Settings, pins and bans as they were before an edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub profile: Profile,
    pub overrides: Overrides,
    /// The current profile's file (changes only when a council's consensus is taken).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub undo: Vec<Snapshot>,
    pub redo: Vec<Snapshot>,
}

/// The most edits kept for undo.
pub const HISTORY: usize = 500;

pub struct Model {
    pub pool: Arc<Pool>,
    /// The search index over the pool.
    pub entries: Vec<Entry>,
    /// Where profiles are listed and saved as new.
    pub configs: PathBuf,
    /// The settings being tuned, their file, and the settings as last loaded or saved.
    pub current: Profile,
    pub current_file: Option<PathBuf>,
    pub saved: Profile,
    pub baseline: Profile,
    pub baseline_file: Option<PathBuf>,
    pub overrides: Overrides,
    pub saved_overrides: Overrides,
    pub history: History,
    /// The newest recompute requested, and the one whose results are shown.
    pub generation: u64,
    pub shown: u64,
    pub results: Option<Results>,
    pub elapsed: Option<Duration>,
    /// Why the newest settings could not be matched (the results shown are older).
    pub match_error: Option<String>,
    pub rows: Vec<Row>,
    pub sort: Sort,
    pub changed_only: bool,
    pub selected_mentee: Option<usize>,
    pub matches_offset: usize,
    pub focus: Focus,
    pub setting: usize,
    pub weights_offset: usize,
    pub dist: DistView,
    /// The mentors view of the matches panel.
    pub mentors: mentors::Mentors,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    /// Terminal size (columns, rows), for mouse hits and scrolling.
    pub size: (u16, u16),
    /// The weight being dragged with the mouse.
    pub dragging: Option<usize>,
    /// Why saving is off (another dyad holds the profiles), or `None`.
    pub read_only: Option<String>,
    /// Identity groups with fewer eligible mentees show `<k` instead of their figures.
    pub small_cells: dyad::privacy::SmallCells,
    /// What the analyst found about the results shown.
    pub analyses: Analyses,
    /// The number of the last council convened, and the profile files it was made of.
    pub councils: u64,
    pub council_chosen: Vec<Option<PathBuf>>,
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
        let entries = crate::tui::state::search::index(&pool);
        let overrides = pool.overrides.clone();
        let mut m = Model {
            pool,
            entries,
            configs,
            saved: current.0.clone(),
            current: current.0,
            current_file: current.1,
            baseline: baseline.0,
            baseline_file: baseline.1,
            saved_overrides: overrides.clone(),
            overrides,
            history: History::default(),
            generation: 0,
            shown: 0,
            results: None,
            elapsed: None,
            match_error: None,
            rows: Vec::new(),
            sort: Sort::Changed,
            changed_only: false,
            selected_mentee: None,
            matches_offset: 0,
            focus: Focus::Weights,
            setting: 0,
            weights_offset: 0,
            dist: DistView::All,
            mentors: mentors::Mentors::default(),
            popup: None,
            status: None,
            size,
            dragging: None,
            read_only: None,
            small_cells: dyad::profile::settings::Settings::default().small_cells(),
            analyses: Analyses::new(0),
            councils: 0,
            council_chosen: Vec::new(),
            quit: false,
        };
        let req = m.request();
        (m, req)
    }

    /// A new recompute request for the settings as they are now.
    pub fn request(&mut self) -> Request {
        self.generation += 1;
        Request {
            generation: self.generation,
            current: self.current.clone(),
            baseline: self.baseline.clone(),
            overrides: self.overrides.clone(),
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
        self.current != self.saved
    }

    pub fn overrides_modified(&self) -> bool {
        self.overrides != self.saved_overrides
    }

    /// Whether the newest settings are still being matched.
    pub fn busy(&self) -> bool {
        self.shown < self.generation && self.match_error.is_none()
    }

    /// The position of the selected mentee among the rows shown.
    pub fn selected_row(&self) -> Option<usize> {
        let m = self.selected_mentee?;
        self.rows.iter().position(|r| r.mentee == m)
    }

    pub fn selected(&self) -> Option<&Row> {
        self.rows.get(self.selected_row()?)
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
        if self.match_error.is_some() {
            return None;
        }
        self.analyses.stability[k].as_ref()
    }

    /// The criteria in the influence popup's order: the largest swing first, those not yet
    /// computed last.
    pub fn influence_order(&self) -> Vec<usize> {
        let swing = |k: usize| match &self.analyses.influence[k] {
            Some(Ok(i)) => Some(i.swing()),
            _ => None,
        };
        let mut order: Vec<usize> = (0..N).collect();
        order.sort_by_key(|&k| (swing(k).is_none(), std::cmp::Reverse(swing(k)), k));
        order
    }

    /// Where save-as writes a profile of this name.
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.configs.join(dyad::profile::file_name_for(name))
    }

    pub fn all_weights_zero(&self) -> bool {
        dyad::matching::weights_inert(&self.current.weights)
    }
}

/// What the screen wants analysed, read from the model.
pub fn wants(m: &Model) -> Wants {
    let diagnose = match &m.popup {
        Some(Popup::Detail(d)) if d.current.is_none() => Some(d.mentee),
        _ => None,
    };
    Wants {
        criterion: Setting::at(m.setting).weight(),
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
