//! The UI state. Only `update` changes it; the view only reads it. One file per feature, with
//! the same name in `update/` and `view/`: the weights panel's settings (`weights`), the matches
//! table's rows (`matches`) and its mentors view (`mentors`), the Scores panel (`scores`), a
//! pair explained (`detail`), search (`search`), the saved profiles (`profiles`), the save-as
//! form (`save_as`), a question (`confirm`), a council (`council`), the survey's evidence
//! (`evidence`), the pairs that moved (`moved`); what is on top of the main screen is `top`.
//! Beside them: the settings and files being tuned (`document`), the solve shown (`solve`) and
//! what the analyst found about it (`analyses`), the kept shares of the pairs shown (`kept`);
//! `stable` reads a weight's stable range.

pub mod analyses;
pub mod confirm;
pub mod council;
pub mod detail;
pub mod document;
pub mod evidence;
pub mod fairness;
pub mod kept;
pub mod matches;
pub mod mentors;
pub mod midcycle;
pub mod moved;
pub mod profiles;
pub mod save_as;
pub mod scores;
pub mod search;
pub mod solve;
pub mod stable;
pub mod top;
pub mod weights;

pub use analyses::Analyses;
pub use confirm::{Confirm, Pending};
pub use council::{CouncilPick, CouncilView};
pub use document::{Document, HISTORY, Snapshot};
pub use matches::Matches;
pub use moved::Moved;
pub use profiles::ProfilesState;
pub use save_as::{Field, SaveAs};
pub use search::SearchState;
pub use solve::Solve;
pub use top::{Mode, Top};
pub use weights::Weights;

use std::path::PathBuf;
use std::sync::Arc;

use dyad::analysis::compare::PairChange;
use dyad::analysis::stability::Stability;
use dyad::pool::Pool;
use dyad::profile::Profile;

use crate::tui::action::Effect;
use crate::tui::jobs::analyses::{Job, Wants};
use crate::tui::jobs::solve::Request;
use crate::tui::layout::weights as panel;
use crate::tui::scroll::Drawn;
use crate::tui::state::matches::Row;
use crate::tui::state::weights::Setting;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Weights,
    Matches,
}

pub use scores::Scores;

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

/// The whole UI state, in parts: the settings and files being tuned (`document`), the solve
/// shown and what was found about it (`solve`), the weights panel (`weights`), the matches
/// table (`matches`) and its kept shares (`kept`), the Scores panel (`scores`), the evidence view (`evidence`), the open popup
/// and the status line.
pub struct Model {
    pub document: Document,
    pub solve: Solve,
    pub weights: Weights,
    pub matches: Matches,
    /// Which view of the Scores panel is shown.
    pub scores: Scores,
    pub kept: kept::Kept,
    pub evidence: evidence::EvidenceView,
    /// The pairs in place re-matched (the mid-cycle view).
    pub midcycle: midcycle::MidcycleView,
    /// The price of fairness (the fairness view).
    pub fairness: fairness::FairnessView,
    pub focus: Focus,
    /// The mentors view of the matches panel.
    pub mentors: mentors::Mentors,
    /// What is on top of the main screen (the main screen itself when nothing is).
    pub top: Top,
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
            fairness: fairness::FairnessView::default(),
            document: Document::new(pool, current, baseline, configs),
            solve: Solve::default(),
            weights: Weights::default(),
            matches: Matches::default(),
            scores: Scores::default(),
            focus: Focus::Weights,
            mentors: mentors::Mentors::default(),
            top: Top::Main,
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
        let shown = self.solve.results.as_ref().map(|r| &r.current);
        self.moved.changed(shown, self.solve.busy());
        self.solve.generation += 1;
        Request {
            generation: self.solve.generation,
            current: self.document.current.clone(),
            baseline: self.document.baseline.clone(),
            overrides: self.document.overrides.clone(),
        }
    }

    pub fn mode(&self) -> Mode {
        self.top.mode()
    }

    pub fn profile_modified(&self) -> bool {
        self.document.profile_modified()
    }

    pub fn overrides_modified(&self) -> bool {
        self.document.overrides_modified()
    }

    /// Whether the newest settings are still being matched.
    pub fn busy(&self) -> bool {
        self.solve.busy()
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
        self.solve.stability(k)
    }

    /// The criteria in the influence popup's order: the largest swing first, those not yet
    /// computed last.
    pub fn influence_order(&self) -> Vec<usize> {
        self.solve.influence_order()
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
        let Some(r) = &self.solve.results else {
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
        match &mut self.top {
            Top::Help { scroll } => d.help.into_iter().for_each(|v| scroll.drawn(v)),
            Top::Council(c) => d.council.into_iter().for_each(|v| c.scroll.drawn(v)),
            Top::Evidence { scroll } => d.evidence.into_iter().for_each(|v| scroll.drawn(v)),
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

/// Edits of the settings, pins and bans (shared by the weights, the pairs' overrides, the mouse
/// and undo).
impl Model {
    /// Applies an edit; when it changes anything, records the state before it (unless
    /// `coalesce`, as while dragging a slider) and asks for a solve.
    pub fn edit(&mut self, coalesce: bool, f: impl FnOnce(&mut Model)) -> Vec<Effect> {
        let before = self.document.snapshot();
        f(self);
        if self.document.snapshot() == before {
            return Vec::new();
        }
        if !coalesce {
            self.document.history.undo.push(before);
            if self.document.history.undo.len() > HISTORY {
                self.document.history.undo.remove(0);
            }
            self.document.history.redo.clear();
        }
        if let Some(w) = self.reference_year_warning() {
            self.warn(w);
        } else if self.all_weights_zero() {
            self.warn("All weights are 0: every pair scores 0, so the matching only counts pairs");
        } else if self
            .status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("All weights"))
        {
            self.status = None;
        }
        self.recompute()
    }

    /// An edit of the current profile's settings.
    pub fn edit_profile(&mut self, coalesce: bool, f: impl FnOnce(&mut Profile)) -> Vec<Effect> {
        self.edit(coalesce, |m| f(&mut m.document.current))
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
        self.top = Top::SaveAs(SaveAs {
            filled: !name.is_empty(),
            name,
            description,
            was,
            field: Field::Name,
        });
    }

    /// Asks a question; `on_yes` is what a yes does.
    pub fn confirm(&mut self, question: String, on_yes: Pending) {
        self.top = Top::Confirm(Box::new(Confirm { question, on_yes }));
    }

    /// The search popup, listing everything.
    pub fn open_search(&mut self) {
        let hits = search::query(&self.document.entries, "");
        self.top = Top::Search(SearchState {
            query: String::new(),
            hits,
            selected: 0,
        });
    }

    /// The selected pair explained. Moving to the next mentee keeps the choice of full detail;
    /// a popup opened anew starts with only what a shared screen may show.
    pub fn open_detail(&mut self) {
        let full = matches!(&self.top, Top::Detail(d) if d.full);
        match (self.selected(), &self.solve.results) {
            (Some(row), Some(r)) => {
                let d = detail::build(r, row.mentee, &self.document.disclosure, full);
                self.top = Top::Detail(Box::new(d));
            }
            _ => self.warn("No pair selected: choose a row in the matches first"),
        }
    }

    /// The mentors view's rows again after new results.
    pub fn refresh_mentors(&mut self) {
        if let Some(r) = &self.solve.results {
            self.mentors.rebuild(r);
        }
    }

    /// The pair explained again after new results, or with full detail switched.
    pub fn refresh_detail(&mut self, full: impl FnOnce(bool) -> bool) {
        if let (Top::Detail(d), Some(r)) = (&mut self.top, &self.solve.results) {
            **d = detail::build(r, d.mentee, &self.document.disclosure, full(d.full));
        }
    }
}

/// What the analyst is told (through `update`'s effects, like any other work).
impl Model {
    /// What the screen wants analysed now.
    pub fn wants(&self) -> Wants {
        let diagnose = match &self.top {
            Top::Detail(d) if d.current.is_none() => Some(d.mentee),
            _ => None,
        };
        Wants {
            criterion: Setting::at(self.weights.scroll.selected).weight(),
            influence: matches!(self.top, Top::Influence { .. }),
            diagnose,
        }
    }

    /// The analyst's job for the results shown.
    pub fn analysis_job(&self) -> Option<Job> {
        self.solve.results.as_ref().map(|r| Job {
            generation: r.generation,
            pool: r.pool.clone(),
            ev: r.current.clone(),
        })
    }
}
