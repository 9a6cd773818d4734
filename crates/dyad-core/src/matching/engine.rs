//! Evaluating profiles on a pool: scoring, matching and summarising in one call, with the score
//! tables cached per set of criterion parameters and the matching kept warm between calls. The
//! CLI and the TUI both go through here. Comparing two evaluations (`Engine::compare`) is an
//! analysis, defined beside the comparison in [`crate::analysis::compare`].
//!
//! [`Engine::evaluate`] keeps one [`Session`]: the matching problem of the last profile it
//! evaluated (its frame of constraints, its pair numerators and the solver with its optimal
//! duals). When the next profile differs only in its weights or `min_score` — a slider step —
//! the numerators are updated by the moved weights alone and the matching is re-solved from the
//! previous optimum; otherwise the session is rebuilt. Either way the result is exactly what a
//! cold [`crate::matching::solve`] gives (same pairs, not just the same total), so the TUI and
//! `dyad match` never disagree.

use std::sync::Arc;
use std::time::{Duration, Instant};

pub use super::evaluation::Evaluation;
pub use super::session::{Session, SolveTimes};

use super::pair_steps::PairSteps;
use super::summary::{Groups, Summary};
use crate::criteria::Params;
use crate::criteria::specialty::SpecialtyFamilies;
use crate::error::InputError;
use crate::matching::scoring::ScoreTable;
use crate::pool::Pool;
use crate::profile::Profile;

/// Where one [`Engine::evaluate_timed`] spent its time (the score table, when it had to be
/// built, is not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct EvaluationTimes {
    /// The matching: its frame, pair scores and exact solve.
    pub solve: SolveTimes,
    /// The summary of the matching.
    pub summary: Duration,
}

/// A pool ready to be matched under any profile.
pub struct Engine {
    /// The pool, shared with every evaluation made from it.
    pub pool: Arc<Pool>,
    /// The specialty families the pool is scored with.
    pub families: Arc<SpecialtyFamilies>,
    tables: Vec<Arc<ScoreTable>>,
    session: Option<Session>,
    /// The pool's identity groups, worked out on the first evaluation (the overrides, the only
    /// thing an engine's pool changes, leave them as they are).
    groups: Option<Arc<Groups>>,
    /// The criteria of the last evaluation's pairs, for the next one's summary.
    steps: PairSteps,
    /// The settings' small-cell k: identity groups with fewer eligible mentees get no coverage
    /// floor (their figures are never shown, so no one could check it).
    pub small_cell_k: usize,
}

impl Clone for Engine {
    /// A clone shares the pool and the score tables; it starts without a warm session.
    fn clone(&self) -> Self {
        Engine {
            pool: self.pool.clone(),
            families: self.families.clone(),
            tables: self.tables.clone(),
            session: None,
            groups: self.groups.clone(),
            steps: PairSteps::new(),
            small_cell_k: self.small_cell_k,
        }
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("mentees", &self.pool.mentees.len())
            .field("mentors", &self.pool.mentors.len())
            .field("tables", &self.tables.len())
            .field("session", &self.session.is_some())
            .finish()
    }
}

impl Engine {
    /// An engine for `pool`, with no score table built yet (the first evaluation builds one)
    /// and the default small-cell k.
    pub fn new(pool: Pool, families: SpecialtyFamilies) -> Engine {
        Engine {
            pool: Arc::new(pool),
            families: Arc::new(families),
            tables: Vec::new(),
            session: None,
            groups: None,
            steps: PairSteps::new(),
            small_cell_k: crate::profile::limits::DEFAULT_SMALL_CELL_K,
        }
    }

    /// Replaces the pool's overrides (pins and bans); score tables stay valid.
    pub fn set_overrides(&mut self, overrides: crate::pool::Overrides) {
        // The session's frame depends on the overrides; it holds the pool, so `make_mut`
        // would copy it anyway.
        self.session = None;
        Arc::make_mut(&mut self.pool).overrides = overrides;
    }

    /// The score table for some criterion parameters, built on first use. Matrices that do not
    /// depend on the parameters are shared with the tables already built.
    pub fn table(&mut self, params: &Params) -> Arc<ScoreTable> {
        if let Some(t) = self.tables.iter().find(|t| t.params == *params) {
            return t.clone();
        }
        let like = self.tables.last().map(|t| &**t);
        let t = Arc::new(ScoreTable::build_like(
            &self.pool,
            params,
            &self.families,
            like,
        ));
        // Current and baseline use at most a few parameter sets; keep the latest four.
        if self.tables.len() >= 4 {
            self.tables.remove(0);
        }
        self.tables.push(t.clone());
        t
    }

    /// Matches the pool under a profile and summarises the result. Warm when the previous call
    /// had the same pool, criterion parameters and constraints (see the module notes); the
    /// result is the same as from scratch.
    pub fn evaluate(&mut self, profile: &Profile) -> Result<Evaluation, InputError> {
        self.evaluate_timed(profile).map(|(ev, _)| ev)
    }

    /// [`Engine::evaluate`], with where the time went (for `dyad bench`).
    pub fn evaluate_timed(
        &mut self,
        profile: &Profile,
    ) -> Result<(Evaluation, EvaluationTimes), InputError> {
        let table = self.table(&profile.params);
        let mut session = match self.session.take() {
            Some(s) if s.serves(&self.pool, &table) => s,
            // Drop the old session before building the new one: they may be large.
            _ => Session::new(self.pool.clone(), table.clone()),
        }
        .with_small_cell_k(self.small_cell_k);
        let matching = session.solve(profile);
        let solve = session.last_times();
        self.session = Some(session);
        let matching = matching?;
        let summarised = Instant::now();
        let pool = &self.pool;
        let groups = self
            .groups
            .get_or_insert_with(|| Arc::new(Groups::of(pool)))
            .clone();
        self.steps.update(&table, &matching.pairs);
        let summary = Summary::grouped(&groups, &self.steps, &matching);
        let times = EvaluationTimes {
            solve,
            summary: summarised.elapsed(),
        };
        let ev = Evaluation {
            pool: self.pool.clone(),
            families: self.families.clone(),
            profile: profile.clone(),
            table,
            matching,
            summary,
            groups,
        };
        Ok((ev, times))
    }

    /// Drops the warm session (its memory is about 9 bytes per mentee–mentor pair); the next
    /// [`Engine::evaluate`] starts from scratch.
    pub fn forget_session(&mut self) {
        self.session = None;
    }
}
