//! A warm matching session: one pool and score table, re-solved as the weights move.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::InputError;
use crate::matching::scoring::{ScoreTable, Weighting};
use crate::matching::{Frame, Matching, Start};
use crate::pool::Pool;
use crate::profile::{Capacity, Eligibility, Objective, Profile};
use crate::solver::Solver;

/// Above this many moved weights, the numerators are summed afresh rather than updated.
const MAX_INCREMENTAL: usize = 3;

/// What a [`Frame`] depends on in a profile.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FrameKey {
    eligibility: Eligibility,
    in_person_max_km: Option<f64>,
    require_outside_system: bool,
    mentor_capacity: Capacity,
    coverage_floor: Option<f64>,
    objective: Objective,
}

impl FrameKey {
    fn of(profile: &Profile) -> FrameKey {
        let c = &profile.constraints;
        FrameKey {
            eligibility: profile.eligibility,
            in_person_max_km: c.in_person_max_km,
            require_outside_system: c.require_outside_system,
            mentor_capacity: c.mentor_capacity,
            coverage_floor: c.coverage_floor,
            objective: profile.objective,
        }
    }
}

/// The matching problem of one pool and score table, kept between solves: the frame of
/// constraints (rebuilt only when the eligibility, hard rules or capacities change), the pair
/// numerators (updated by `ΔW · criterion` for each moved weight, exactly — see
/// [`crate::matching::scoring`]), and the solver with the previous optimum and its duals, from which the
/// next solve starts.
///
/// [`Session::solve`] returns exactly what [`crate::matching::solve`] returns for the same
/// profile. Memory: 8 bytes per pair for the numerators, 1 for the frame, and 8 more while
/// `min_score` is above 0.
pub struct Session {
    pool: Arc<Pool>,
    table: Arc<ScoreTable>,
    frame: Option<(FrameKey, Frame)>,
    /// The weights the numerators are summed for.
    weighting: Option<Weighting>,
    numerators: Vec<f64>,
    scratch: Vec<f64>,
    solver: Solver,
    /// The solver holds an optimum to start from.
    warm: bool,
    /// ... of a problem allowing exactly the frame's pairs (no `min_score` cut).
    same_pairs: bool,
    /// The small-cell k: identity groups with fewer eligible mentees get no coverage floor.
    small_cell_k: usize,
    /// Where the last [`Session::solve`] spent its time.
    last: SolveTimes,
}

/// Where one [`Session::solve`] spent its time, for `dyad bench`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SolveTimes {
    /// Building the frame of constraints (only when the eligibility, hard rules or capacities
    /// changed).
    pub frame: Duration,
    /// Summing every pair's numerator afresh (a cold start, or more than three weights moved).
    /// A step that moves fewer weights adds them inside the solve's first sweep, counted in
    /// `solve`.
    pub rescore: Duration,
    /// The solver, with the moved criteria it adds itself, and assembling the matching.
    pub solve: Duration,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("table", &self.table)
            .field("weighting", &self.weighting)
            .field("warm", &self.warm)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session on a pool and its score table (for the profile's criterion parameters: the
    /// table's parameters are the ones that count).
    pub fn new(pool: Arc<Pool>, table: Arc<ScoreTable>) -> Session {
        Session {
            pool,
            table,
            frame: None,
            weighting: None,
            numerators: Vec::new(),
            scratch: Vec::new(),
            solver: Solver::new(),
            warm: false,
            same_pairs: false,
            last: SolveTimes::default(),
            small_cell_k: crate::profile::limits::DEFAULT_SMALL_CELL_K,
        }
    }

    /// This session with another small-cell k for coverage floors.
    pub fn with_small_cell_k(mut self, k: usize) -> Session {
        if k != self.small_cell_k {
            self.frame = None;
        }
        self.small_cell_k = k;
        self
    }

    /// Whether this session is for this very pool and table.
    pub fn serves(&self, pool: &Arc<Pool>, table: &Arc<ScoreTable>) -> bool {
        Arc::ptr_eq(&self.pool, pool) && Arc::ptr_eq(&self.table, table)
    }

    /// The score table the session solves with.
    pub fn table(&self) -> &Arc<ScoreTable> {
        &self.table
    }

    /// Where the last [`Session::solve`] spent its time.
    pub fn last_times(&self) -> SolveTimes {
        self.last
    }

    /// The optimal matching under `profile`, starting from the previous one. The same result
    /// as [`crate::matching::solve`]; errors are those of [`Frame::new`] (pins that cannot be
    /// kept).
    pub fn solve(&mut self, profile: &Profile) -> Result<Matching, InputError> {
        let began = Instant::now();
        let key = FrameKey::of(profile);
        if self.frame.as_ref().is_none_or(|(k, _)| *k != key) {
            self.frame = None;
            let frame = Frame::with_k(&self.pool, &self.table, profile, self.small_cell_k)?;
            self.frame = Some((key, frame));
            self.weighting = None;
            self.same_pairs = false;
        }
        let Some((_, frame)) = &self.frame else {
            unreachable!("the frame was just built");
        };
        let framed = Instant::now();
        let w = Weighting::new(&profile.weights);
        let mut pending = Vec::new();
        match &self.weighting {
            Some(old) => {
                for k in 0..w.steps.len() {
                    if w.steps[k] != old.steps[k] {
                        pending.push((k, w.steps[k] - old.steps[k]));
                    }
                }
                if pending.len() > MAX_INCREMENTAL {
                    pending.clear();
                    self.table
                        .numerators_into(&w, Some(&frame.allowed), &mut self.numerators);
                }
            }
            None => self
                .table
                .numerators_into(&w, Some(&frame.allowed), &mut self.numerators),
        }
        self.weighting = Some(w);
        let rescored = Instant::now();
        let start = match (self.warm, self.same_pairs) {
            (false, _) => Start::Cold,
            (true, false) => Start::Warm,
            (true, true) => Start::WarmSamePairs,
        };
        let floors = !frame.floor_groups.is_empty();
        let matching = frame.matching(
            &self.table,
            profile,
            &w,
            &mut self.numerators,
            &pending,
            &mut self.solver,
            start,
            &mut self.scratch,
        );
        self.last = SolveTimes {
            frame: framed - began,
            rescore: rescored - framed,
            solve: rescored.elapsed(),
        };
        // The search under a floor leaves the solver on scores with bonuses added: not the
        // frame's numerators.
        self.warm = true;
        self.same_pairs = !floors
            && profile.objective == Objective::Total
            && w.min_numerator(profile.constraints.min_score) <= 0.0;
        if profile.constraints.min_score <= 0.0 {
            // Not needed until `min_score` is raised again.
            self.scratch = Vec::new();
        }
        matching
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::matching;

    #[test]
    fn steps_equal_cold_solves_on_the_sample() {
        let pool = Arc::new(embedded::sample_pool());
        let families = crate::criteria::specialty::builtin();
        let mut profile = embedded::fall_profile();
        let table = Arc::new(ScoreTable::build(&pool, &profile.params, families));
        let mut session = Session::new(pool.clone(), table.clone());
        let mut seed = 7u64;
        for step in 0..200 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = (seed >> 33) as usize % profile.weights.len();
            let delta = [0.01, 0.05, 0.25][(seed >> 20) as usize % 3];
            let up = (seed >> 40) & 1 == 1;
            let w = &mut profile.weights[k];
            *w = (*w + if up { delta } else { -delta }).clamp(0.0, 1.0);
            if step % 50 == 25 {
                profile.constraints.min_score = 40.0;
            } else if step % 50 == 0 {
                profile.constraints.min_score = 0.0;
            }
            let warm = session.solve(&profile).unwrap();
            let cold = matching::solve(&pool, &table, &profile).unwrap();
            assert_eq!(warm, cold, "step {step}");
        }
    }
}
