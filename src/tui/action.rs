//! What keys do (`Action`), what can happen to the UI (`Msg`: an action, other terminal input,
//! or a result) and what the UI asks the outside world to do (`Effect`). Keys become actions
//! through the keymap (`keys`); effects are carried out by the event loop, which feeds their
//! results back as messages.

use crate::tui::scroll::Drawn;
use std::path::PathBuf;

use dyad::matching::engine::Engine;
use dyad::profile::Profile;

use crate::tui::jobs::analyses::{Analysis, Order};
use crate::tui::jobs::council::Convened;
use crate::tui::jobs::solve::{Outcome, Request};

/// Which way a slider or setting moves, and by how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
    FineUp,
    FineDown,
}

/// What a key does. Each mode's table in `keys::bindings` (with the global table behind it) maps
/// keys to actions; the same tables fill the hint line, the `?` help and the popup footers, so
/// what they say is what the keys do. The keys named below are the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The setting, row, result or profile above (↑ k); in the help and council, scroll up.
    Up,
    /// The setting, row, result or profile below (↓ j); in the help and council, scroll down.
    Down,
    /// A page up in the matches, the help or the council (PgUp).
    PageUp,
    /// A page down in the matches, the help or the council (PgDn; Space in the help).
    PageDown,
    /// The first row, or the top of the help (Home).
    Top,
    /// The last row, or the end of the help (End).
    Bottom,
    /// Between the weights and the matches (Tab, Shift-Tab).
    SwitchPanel,
    /// Raise or lower the selected setting (→ l ← h; Shift and L H by a small step).
    Change(Step),
    /// The selected weight to 0, a rule to its loosest value (0).
    Zero,
    /// Move the selected weight down to where the pairs next change ([).
    JumpDown,
    /// Move the selected weight up to where the pairs next change (]).
    JumpUp,
    /// Undo the last change of settings, pins or bans (u).
    Undo,
    /// Redo what was undone (Ctrl-r).
    Redo,
    /// Sort the matches: changes first, by score, by id (o).
    CycleSort,
    /// Show only the pairs that changed, or all (c).
    ToggleChangedOnly,
    /// The Scores panel: all pairs, or per identity group (g).
    ToggleGroups,
    /// The Scores panel: scores, or the weight-free measures (v).
    ToggleMeasures,
    /// The matches panel: the mentors instead of the mentees, or back (m).
    ToggleMentors,
    /// Ban the selected pair (x).
    Ban,
    /// Lift every ban of the selected mentee (X).
    Unban,
    /// Pin the selected pair, or unpin it (.).
    Pin,
    /// Write pins and bans to the pool's overrides.csv (w).
    SaveOverrides,
    /// Write the decision record (the current settings against the baseline) as an HTML page
    /// into `reports/` beside the configs folder (R).
    WriteRecord,
    /// Explain the selected pair, or why the mentee has none (Enter).
    OpenDetail,
    /// In the pair explained: every attribute of the two people, or only what a shared screen
    /// may show (f).
    ToggleFullDetail,
    /// Find a mentee or mentor (/).
    OpenSearch,
    /// The saved profiles (p).
    OpenProfiles,
    /// Every key (?).
    OpenHelp,
    /// The influence of each weight (i).
    OpenInfluence,
    /// Choose a council's members (C; in the council, choose them again).
    OpenCouncil,
    /// What the survey of past pairs says about each criterion (e).
    OpenEvidence,
    /// The previous or next outcome of the survey (← →, Tab).
    PrevOutcome,
    NextOutcome,
    /// Read the survey again (r).
    Reload,
    /// The pairs in place re-matched: the curve of changes against total score (M).
    OpenMidcycle,
    /// The price of fairness: the curve of coverage floors per group (F).
    OpenFairness,
    /// Close the popup (Esc; q in most popups).
    Close,
    /// Take what is selected in a popup: go to a hit, open a profile, convene, confirm a field
    /// (Enter).
    Accept,
    /// Use the selected profile, or the consensus, as the baseline (b).
    LoadAsBaseline,
    /// Take a profile into the council, or out of it (Space x).
    Toggle,
    /// Save the current settings to their file (s).
    Save,
    /// Save the current settings as a new profile; in the council, the consensus (S).
    SaveAs,
    /// Yes to a question (y Enter).
    Yes,
    /// No to a question (n Esc).
    No,
    /// Quit, asking first when something is unsaved (q; Ctrl-c everywhere).
    Quit,
    /// Delete a character of a text field (Backspace).
    Backspace,
    /// Clear a text field (Ctrl-u).
    ClearField,
}

impl Action {
    /// How far a scrolling action moves a text whose page is `page` lines: ↑ ↓ a line, PgUp
    /// PgDn a page; `None` for other actions.
    pub fn scroll_lines(self, page: usize) -> Option<isize> {
        let page = isize::try_from(page).unwrap_or(isize::MAX);
        match self {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page),
            Action::PageDown => Some(page),
            _ => None,
        }
    }
}

/// The price-of-fairness curve of one request (the fairness view's), or why there is none.
#[derive(Debug, Clone)]
pub struct FairnessAnswer {
    pub id: u64,
    pub found: Result<std::sync::Arc<Vec<dyad::analysis::fairness::Point>>, String>,
}

/// Everything that reaches `update`: an action (from a key), other terminal input, or the
/// result of work done outside `update`. Results are not comparable, so neither is `Msg`.
#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    // From the terminal.
    /// A character typed into a text field (a key no binding of the mode takes).
    Input(char),
    Mouse(Mouse),
    Resize(u16, u16),
    /// What the last frame drew of each scrolled area (the event loop hands it back).
    Drawn(Drawn),
    // Results of work done outside `update`.
    Computed(Box<Outcome>),
    Analysed(Box<Analysis>),
    ProfilesListed(Vec<ProfileEntry>),
    /// The profiles a council can be made of.
    CouncilListed(Vec<ProfileEntry>),
    Convened(Box<Convened>),
    /// The evidence of the survey, or why there is none.
    Examined(Box<crate::tui::jobs::evidence::Answer>),
    /// The pairs in place re-matched, or why not.
    Midcycled(Box<crate::tui::jobs::midcycle::Answer>),
    /// Where the pairs of a re-match point were written, or why not.
    PairsWritten(Result<PathBuf, String>),
    /// The price-of-fairness curve, or why there is none.
    Fairness(Box<FairnessAnswer>),
    /// How far the keeper got with the kept shares of the pairs shown.
    Kept(Box<crate::tui::jobs::kept::Tally>),
    Saved(Box<SaveResult>),
    OverridesSaved(Result<Option<PathBuf>, String>),
    /// Where the decision record was written, or why not.
    RecordWritten(Result<PathBuf, String>),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Press,
    Drag,
    Release,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

/// A profile found in `configs/`, or one built into the binary (no file).
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileEntry {
    pub file: Option<PathBuf>,
    pub profile: Result<Profile, String>,
}

/// What came of saving a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveResult {
    pub path: PathBuf,
    /// The profile as written (with its `saved` time).
    pub profile: Profile,
    pub outcome: Result<Option<PathBuf>, SaveError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The file exists and replacing it was not asked for.
    Exists,
    Failed(String),
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Solve these settings again (on the solver; only the newest request matters).
    Recompute(Box<Request>),
    /// Tell the analyst about new results or what the screen wants analysed now.
    Analyse(Box<Order>),
    /// Read every profile in the configs folder.
    ListProfiles,
    /// Read every profile in the configs folder and in its `members/` folder.
    ListCouncil,
    /// Read the survey and work out its evidence (on the examiner; only the newest matters).
    Examine(Box<crate::tui::jobs::evidence::Ask>),
    /// Write the pairs of a re-match point to a new file (never over an existing one).
    WritePairs(Box<PairsOrder>),
    /// Work out the kept shares of the pairs shown (on the keeper; only the newest matters).
    Keep(Box<crate::tui::jobs::kept::Ask>),
    /// Write a profile: never over an existing file unless `replace`, and then keeping a backup.
    SaveProfile {
        path: PathBuf,
        profile: Box<Profile>,
        replace: bool,
    },
    /// Write the pool's overrides.csv (atomically, keeping a backup).
    SaveOverrides { path: PathBuf, csv: String },
    /// Write the decision record of these results into `reports/` beside the configs folder.
    WriteRecord(Box<RecordOrder>),
    /// Work for a thread of its lane (see [`Task`]).
    Run(Task),
}

/// Work off the UI thread that needs only the matching engine: `run` on the lane's own copy of
/// the engine (kept between tasks, so a lane can keep its solver warm), its answer a message
/// back to `update`. The event loop runs each lane on a thread of its own, only the newest
/// task waiting; the tests run it at once. A view's background job needs no wiring beyond
/// returning one (see the recipe in the TUI's module docs).
#[derive(Clone)]
pub struct Task {
    /// The lane, named for the job: the tasks of one lane replace each other while waiting.
    pub lane: &'static str,
    /// Tells this task from others of its lane.
    pub id: u64,
    pub run: std::sync::Arc<dyn Fn(&mut Engine) -> Msg + Send + Sync>,
}

impl Task {
    pub fn new(
        lane: &'static str,
        id: u64,
        run: impl Fn(&mut Engine) -> Msg + Send + Sync + 'static,
    ) -> Task {
        Task {
            lane,
            id,
            run: std::sync::Arc::new(run),
        }
    }
}

/// Two tasks are the same when they are the same lane's same request.
impl PartialEq for Task {
    fn eq(&self, other: &Self) -> bool {
        self.lane == other.lane && self.id == other.id
    }
}

impl std::fmt::Debug for Task {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Task")
            .field("lane", &self.lane)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// What the decision record is written from: the results on screen and the files of the two
/// profiles (`None` for a profile changed since it was opened, or not from a file; it is then
/// fingerprinted as the TOML dyad would save).
#[derive(Debug, Clone)]
pub struct RecordOrder {
    pub results: crate::tui::jobs::solve::Results,
    pub current_file: Option<PathBuf>,
    pub baseline_file: Option<PathBuf>,
    pub cells: dyad::privacy::SmallCells,
}

/// Two orders are the same when they are of the very same results (the same evaluations, not
/// equal-looking ones) and the same files.
impl PartialEq for RecordOrder {
    fn eq(&self, other: &Self) -> bool {
        use std::sync::Arc;
        Arc::ptr_eq(&self.results.current, &other.results.current)
            && Arc::ptr_eq(&self.results.baseline, &other.results.baseline)
            && self.current_file == other.current_file
            && self.baseline_file == other.baseline_file
            && self.cells == other.cells
    }
}

/// The pairs of a re-match point to write, with the results they were worked out under (for
/// the reasons the file gives each pair).
#[derive(Debug, Clone)]
pub struct PairsOrder {
    pub path: PathBuf,
    pub ev: std::sync::Arc<dyad::matching::engine::Evaluation>,
    pub point: dyad::matching::rematch::Point,
}

/// Two orders are the same when they write the same point of the very same results.
impl PartialEq for PairsOrder {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
            && std::sync::Arc::ptr_eq(&self.ev, &other.ev)
            && self.point == other.point
    }
}
