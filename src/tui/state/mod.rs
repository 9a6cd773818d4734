//! The UI state. Only `update` changes it; the view only reads it. One file per feature, with
//! the same name in `update/` and `view/`: the weights panel's settings (`weights`), the matches
//! table's rows (`matches`), a pair explained (`detail`), search (`search`), the survey's
//! evidence (`evidence`), the kept shares of the pairs shown (`kept`); `stable` reads a
//! weight's stable range.

pub mod analyses;
pub mod council;
pub mod detail;
pub mod document;
pub mod evidence;
pub mod kept;
pub mod matches;
pub mod mentors;
pub mod midcycle;
pub mod moved;
pub mod popups;
pub mod rematch;
pub mod search;
pub mod stable;
pub mod weights;

pub use analyses::Analyses;
pub use council::{CouncilPick, CouncilView};
pub use document::{Document, HISTORY, Snapshot};
pub use matches::Matches;
pub use moved::Moved;
pub use popups::{Confirm, Field, Pending, Popup, ProfilesState, SaveAs, SearchState};
pub use rematch::Rematch;
pub use weights::Weights;

use std::path::PathBuf;
use std::sync::Arc;

use dyad::analysis::compare::PairChange;
use dyad::analysis::stability::Stability;
use dyad::pool::Pool;
use dyad::profile::Profile;

use crate::tui::action::Effect;
use crate::tui::jobs::analyses::{Job, Order, Wants};
use crate::tui::jobs::rematch::Request;
use crate::tui::keys::Mode;
use crate::tui::layout::weights as panel;
use crate::tui::scroll::Drawn;
use crate::tui::state::matches::Row;
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
    /// The pairs that moved with the change just made, against the results shown before it
    /// (`Some` and empty: none moved), said after the text.
    pub moved: Option<Vec<PairChange>>,
}

/// The whole UI state, in parts: the settings and files being tuned (`document`), the rematch
/// shown and what was found about it (`rematch`), the weights panel (`weights`), the matches
/// table (`matches`) and its kept shares (`kept`), the evidence view (`evidence`), the open popup
/// and the status line.
pub struct Model {
    pub document: Document,
    pub rematch: Rematch,
    pub weights: Weights,
    pub matches: Matches,
    pub kept: kept::Kept,
    pub evidence: evidence::EvidenceView,
    /// The pairs in place re-matched (the mid-cycle view).
    pub midcycle: midcycle::MidcycleView,
    pub focus: Focus,
    /// The mentors view of the matches panel.
    pub mentors: mentors::Mentors,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    /// The results on screen before the change still being matched.
    pub moved: Moved,
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
        let samples = crate::tui::jobs::kept::samples_for(&pool);
        let mut m = Model {
            kept: kept::Kept::new(samples),
            // The built-in sample's survey until the event loop says where the pool's is.
            evidence: evidence::EvidenceView::new(dyad::pool::Survey::BuiltIn),
            midcycle: midcycle::MidcycleView::default(),
            document: Document::new(pool, current, baseline, configs),
            rematch: Rematch::default(),
            weights: Weights::default(),
            matches: Matches::default(),
            focus: Focus::Weights,
            mentors: mentors::Mentors::default(),
            popup: None,
            status: None,
            moved: Moved::default(),
            size,
            quit: false,
        };
        let req = m.request();
        (m, req)
    }

    /// A new recompute request for the settings as they are now.
    pub fn request(&mut self) -> Request {
        let shown = self.rematch.results.as_ref().map(|r| &r.current);
        self.moved.changed(shown, self.rematch.busy());
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
            Some(Popup::Evidence { .. }) => Mode::Evidence,
            Some(Popup::Midcycle) => Mode::Midcycle,
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
            moved: None,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Warning,
            moved: None,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Error,
            moved: None,
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

    /// Where the evidence view looks for the pool's survey.
    pub fn set_survey(&mut self, survey: dyad::pool::Survey) {
        self.evidence.survey = survey;
    }

    /// The pairs in place the mid-cycle view re-matches (`dyad tui --current`).
    pub fn set_pairs_in_place(&mut self, pairs: midcycle::PairsInPlace) {
        self.midcycle = midcycle::MidcycleView::new(Some(pairs));
    }

    /// What the pair explained and the search may show of a person (for the k-anonymity
    /// setting).
    pub fn set_disclosure(&mut self, disclosure: dyad::privacy::Disclosure) {
        self.document.entries = search::index(&self.document.pool, &disclosure);
        self.document.disclosure = disclosure;
    }

    /// Turns saving off (another dyad holds the profiles), and says so.
    pub fn set_read_only(&mut self, why: String) {
        self.warn(format!(
            "Read-only: {why}. You can try settings; saving is off."
        ));
        self.document.read_only = Some(why);
    }

    /// Asks for a rematch of the settings as they are now.
    pub fn recompute(&mut self) -> Vec<Effect> {
        vec![Effect::Recompute(Box::new(self.request()))]
    }

    /// Rebuilds the table rows after new results, a sort or a filter, keeping the selected
    /// mentee.
    pub fn rebuild_rows(&mut self) {
        let Some(r) = &self.rematch.results else {
            return;
        };
        let t = &mut self.matches;
        t.rows = matches::arrange(
            matches::build(r, &self.document.overrides),
            t.sort,
            t.changed_only,
        );
        if t.selected_row().is_none() {
            t.selected_mentee = t.rows.first().map(|r| r.mentee);
            t.scroll.offset = 0;
        }
        self.fit_offsets();
    }

    /// Moves the selected row by `by` (clamped to the table).
    pub fn move_row(&mut self, by: isize) {
        let t = &mut self.matches;
        if t.rows.is_empty() {
            return;
        }
        let at = t.selected_row().unwrap_or(0) as isize;
        let to = at.saturating_add(by).clamp(0, t.rows.len() as isize - 1) as usize;
        t.selected_mentee = Some(t.rows[to].mentee);
        self.fit_offsets();
    }

    /// Rows of the matches table on screen.
    pub fn page(&self) -> usize {
        self.matches.scroll.page()
    }

    /// Keeps the selected setting and row on screen, in the viewports last drawn.
    pub fn fit_offsets(&mut self) {
        let w = &mut self.weights.scroll;
        let height = u16::try_from(w.height).unwrap_or(u16::MAX);
        w.offset = panel::scroll(height, w.selected, w.offset);
        let t = &mut self.matches;
        t.scroll.selected = t.selected_row().unwrap_or(0);
        t.scroll.len = t.rows.len();
        t.scroll.fit();
    }

    /// Takes in what the view drew: each scrolled area's height (and a text's length), then
    /// keeps the selections on screen.
    pub fn drawn(&mut self, d: Drawn) {
        if let Some(v) = d.weights {
            self.weights.scroll.drawn(v);
        }
        if let Some(v) = d.matches {
            self.matches.scroll.drawn(v);
            self.mentors.drawn(v.height);
        }
        match &mut self.popup {
            Some(Popup::Help { scroll }) => d.help.into_iter().for_each(|v| scroll.drawn(v)),
            Some(Popup::Council(c)) => d.council.into_iter().for_each(|v| c.scroll.drawn(v)),
            Some(Popup::Evidence { scroll }) => {
                d.evidence.into_iter().for_each(|v| scroll.drawn(v))
            }
            _ => {}
        }
        self.fit_offsets();
    }

    pub fn all_weights_zero(&self) -> bool {
        dyad::matching::weights_inert(&self.document.current.weights)
    }

    /// A warning when the reference year comes before every mentee finished training (a year
    /// typed or stepped too far: years since training would all be negative).
    pub fn reference_year_warning(&self) -> Option<String> {
        let d = &self.document;
        let e = d.current.eligibility;
        let first = e.before_all(d.pool.mentees.iter().map(|x| x.training_completed))?;
        Some(format!(
            "Reference year {} is before every mentee's training (the first: {first})",
            e.reference_year
        ))
    }
}

/// The steps that open popups (shared by several update files).
impl Model {
    /// Whether saving is off because another dyad holds the profiles (and if so, says so).
    pub fn saving_off(&mut self) -> bool {
        let Some(why) = self.document.read_only.clone() else {
            return false;
        };
        self.warn(format!(
            "Not saved: read-only, {why}. Quit it, then start dyad again to save."
        ));
        true
    }

    /// The save-as form. Settings from a file start with an empty name and description (a new
    /// profile needs a name of its own and says in its own words what it is for; the file's
    /// description is shown beside it as "was: …"); settings from no file (built-in profiles,
    /// a council's consensus) start with their own name and description as suggestions.
    pub fn open_save_as(&mut self) {
        if self.saving_off() {
            return;
        }
        let d = &self.document;
        let (name, description, was) = if d.current_file.is_some() {
            (String::new(), String::new(), d.current.description.clone())
        } else {
            (
                d.current.name.clone(),
                d.current.description.clone(),
                String::new(),
            )
        };
        self.popup = Some(Popup::SaveAs(SaveAs {
            filled: !name.is_empty(),
            name,
            description,
            was,
            field: Field::Name,
        }));
    }

    /// Asks a question; `on_yes` is what a yes does.
    pub fn confirm(&mut self, question: String, on_yes: Pending) {
        self.popup = Some(Popup::Confirm(Box::new(Confirm { question, on_yes })));
    }

    /// The search popup, listing everything.
    pub fn open_search(&mut self) {
        let hits = search::query(&self.document.entries, "");
        self.popup = Some(Popup::Search(SearchState {
            query: String::new(),
            hits,
            selected: 0,
        }));
    }

    /// The selected pair explained. Moving to the next mentee keeps the choice of full detail;
    /// a popup opened anew starts with only what a shared screen may show.
    pub fn open_detail(&mut self) {
        let full = matches!(&self.popup, Some(Popup::Detail(d)) if d.full);
        match (self.selected(), &self.rematch.results) {
            (Some(row), Some(r)) => {
                let d = detail::build(r, row.mentee, &self.document.disclosure, full);
                self.popup = Some(Popup::Detail(Box::new(d)));
            }
            _ => self.warn("No pair selected: choose a row in the matches first"),
        }
    }

    /// The mentors view's rows again after new results.
    pub fn refresh_mentors(&mut self) {
        if let Some(r) = &self.rematch.results {
            self.mentors.rebuild(r);
        }
    }

    /// The pair explained again after new results, or with full detail switched.
    pub fn refresh_detail(&mut self, full: impl FnOnce(bool) -> bool) {
        if let (Some(Popup::Detail(d)), Some(r)) = (&mut self.popup, &self.rematch.results) {
            **d = detail::build(r, d.mentee, &self.document.disclosure, full(d.full));
        }
    }
}

/// What the screen wants analysed, read from the model.
pub fn wants(m: &Model) -> Wants {
    let diagnose = match &m.popup {
        Some(Popup::Detail(d)) if d.current.is_none() => Some(d.mentee),
        _ => None,
    };
    Wants {
        criterion: Setting::at(m.weights.scroll.selected).weight(),
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
