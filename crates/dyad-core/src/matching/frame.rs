//! The frame of a matching problem: what depends on the pool and the profile's constraints
//! but not on its weights — eligibility, pins, capacity left after them, and the pairs a hard
//! rule forbids.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::InputError;
use crate::matching::scoring::{ScoreTable, Weighting};
use crate::pool::{Action, MeetingFormat, Pool};
use crate::profile::{Objective, Profile};
use crate::solver::{Problem, Solver};

use super::floors::{self, FloorGroup};
use super::*;

/// Where a coverage floor is reported when the matching finds it cannot be kept: the profile
/// by name (the matching knows no file); the command line puts the file and line in its place.
pub fn floor_error(profile: &Profile, expected: impl Into<String>) -> InputError {
    InputError::new(
        format!("profile {}", crate::error::quote(&profile.name)),
        expected,
    )
    .field(FLOOR_KEY)
}

/// The profile key of the coverage floor, as errors name it.
pub const FLOOR_KEY: &str = "constraints.coverage_floor";

/// A floor needs identities to count, and the total objective to optimize under it.
fn check_floor(pool: &Pool, profile: &Profile, floor: f64) -> Result<(), InputError> {
    if pool.identity_groups().is_empty() {
        return Err(floor_error(
            profile,
            "no coverage floor on a pool whose mentees have no identities (remove the line)",
        )
        .value(floor.to_string()));
    }
    if profile.objective == Objective::Maximin {
        return Err(floor_error(
            profile,
            "a coverage floor with objective kind = \"total\" only (maximin keeps no floor)",
        )
        .value(floor.to_string()));
    }
    Ok(())
}

fn overrides_path(pool: &Pool) -> PathBuf {
    pool.source.dir.as_ref().map_or_else(
        || PathBuf::from(crate::pool::files::OVERRIDES),
        |d| d.join(crate::pool::files::OVERRIDES),
    )
}

/// How [`Frame::matching`] starts the solver; the result is the same whichever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// From scratch.
    Cold,
    /// From the solver's previous optimum ([`Solver::resolve`]).
    Warm,
    /// From the solver's previous optimum, whose problem allowed exactly the pairs the frame
    /// allows (no `min_score` cut) and had integer scores: dyad's numerators under the same
    /// frame ([`Solver::resolve_same_pairs`]). Taken as [`Start::Warm`] when this problem
    /// has a `min_score` cut.
    WarmSamePairs,
}

/// A pin of `overrides.csv` that a profile cannot keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// The pinned mentee is not eligible under the profile.
    Ineligible {
        /// Index of the mentee in the pool.
        mentee: usize,
        /// Index of the mentor in the pool.
        mentor: usize,
    },
    /// The mentor has more pins than the profile lets them take.
    OverCapacity {
        /// Index of the mentee in the pool.
        mentee: usize,
        /// Index of the mentor in the pool.
        mentor: usize,
    },
}

/// The pool's pins as a profile keeps them.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedPins {
    /// The pinned pairs (mentee, mentor), in file order.
    pub pairs: Vec<(usize, usize)>,
    /// Each mentor's capacity left for the optimizer.
    pub capacity: Vec<u32>,
}

/// The pool's pins as a profile keeps them, or the first pin (in file order) it cannot keep.
/// Needs no score table, so `dyad check` asks it too.
pub fn place_pins(pool: &Pool, profile: &Profile) -> Result<PlacedPins, PinProblem> {
    let mut capacity = capacities(pool, profile);
    let mut pins = Vec::new();
    for o in pool.overrides.iter().filter(|o| o.action == Action::Pin) {
        let (mentee, mentor) = (o.mentee, o.mentor);
        if !profile
            .eligibility
            .eligible(pool.mentees[mentee].training_completed)
        {
            return Err(PinProblem::Ineligible { mentee, mentor });
        }
        if capacity[mentor] == 0 {
            return Err(PinProblem::OverCapacity { mentee, mentor });
        }
        capacity[mentor] -= 1;
        pins.push((mentee, mentor));
    }
    Ok(PlacedPins {
        pairs: pins,
        capacity,
    })
}

/// What a matching problem takes from the pool and the profile's eligibility, pins,
/// capacities and hard rules — everything but the weights and `min_score`.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Mentees in the pool.
    pub mentees: usize,
    /// Mentors in the pool.
    pub mentors: usize,
    /// Mentees eligible under the profile.
    pub eligible: Vec<bool>,
    /// Pinned pairs (mentee, mentor), kept as they are.
    pub pins: Vec<(usize, usize)>,
    /// Each mentor's capacity left for the optimizer once the pins are placed.
    pub capacity: Vec<u32>,
    /// `allowed[i * mentors + j]`: mentee `i` is matched by the optimizer (eligible, not
    /// pinned) and the pair breaks no hard rule; `min_score` aside, exactly the pairs for which
    /// [`forbidden_by_rule`] is `None`.
    pub allowed: Vec<bool>,
    /// The profile's coverage floor, and the identity groups it constrains (those of at least
    /// small-cell k eligible mentees; none when there is no floor).
    pub floor: Option<f64>,
    /// The groups the floor constrains, with what each needs.
    pub floor_groups: Vec<FloorGroup>,
}

impl Frame {
    /// The frame of a profile on a pool, with the default small-cell k for a coverage floor
    /// (see [`Frame::with_k`]).
    pub fn new(pool: &Pool, table: &ScoreTable, profile: &Profile) -> Result<Frame, InputError> {
        Frame::with_k(
            pool,
            table,
            profile,
            crate::profile::limits::DEFAULT_SMALL_CELL_K,
        )
    }

    /// The frame of a profile on a pool. A pin that cannot be kept (ineligible mentee, mentor
    /// over capacity) is an error naming `overrides.csv`; a coverage floor on a pool without
    /// identities, or with the maximin objective, is an error naming the profile's key. `k` is
    /// the small-cell k: groups with fewer eligible mentees get no floor.
    pub fn with_k(
        pool: &Pool,
        table: &ScoreTable,
        profile: &Profile,
        k: usize,
    ) -> Result<Frame, InputError> {
        if let Some(floor) = profile.constraints.coverage_floor {
            check_floor(pool, profile, floor)?;
        }
        let (n, m) = (pool.mentees.len(), pool.mentors.len());
        let eligible: Vec<bool> = pool
            .mentees
            .iter()
            .map(|me| profile.eligibility.eligible(me.training_completed))
            .collect();
        let PlacedPins {
            pairs: pins,
            capacity,
        } = place_pins(pool, profile).map_err(|problem| match problem {
            PinProblem::Ineligible { mentee, .. } => {
                let id = &pool.mentees[mentee].id;
                InputError::new(
                    overrides_path(pool),
                    format!(
                        "pins of mentees eligible under \"{}\" only ({id} trained in {}, more than {} years before {})",
                        profile.name,
                        pool.mentees[mentee].training_completed,
                        profile.eligibility.max_years_since_training,
                        profile.eligibility.reference_year
                    ),
                )
                .field("mentee")
                .value(id.as_str())
            }
            PinProblem::OverCapacity { mentor, .. } => InputError::new(
                overrides_path(pool),
                format!(
                    "no more pins of mentor {} than its capacity under \"{}\" ({})",
                    pool.mentors[mentor].id,
                    profile.name,
                    capacities(pool, profile)[mentor]
                ),
            )
            .field("mentor")
            .value(pool.mentors[mentor].id.as_str()),
        })?;
        let mut pinned = vec![false; n];
        for &(i, _) in &pins {
            pinned[i] = true;
        }
        let allowed = rule_mask(pool, table, profile, &eligible, &pinned);
        let floor = profile.constraints.coverage_floor;
        let floor_groups = match floor {
            Some(f) => floors::floor_groups(pool, &eligible, &pins, f, k),
            None => Vec::new(),
        };
        Ok(Frame {
            mentees: n,
            mentors: m,
            eligible,
            pins,
            capacity,
            allowed,
            floor,
            floor_groups,
        })
    }

    /// [`Frame::matching`] from scratch, with a solver of its own.
    pub(super) fn solve_cold(
        &self,
        table: &ScoreTable,
        profile: &Profile,
        weighting: &Weighting,
        numerators: &mut [f64],
    ) -> Result<Matching, InputError> {
        self.matching(
            table,
            profile,
            weighting,
            numerators,
            &[],
            &mut Solver::new(),
            Start::Cold,
            &mut Vec::new(),
        )
    }

    /// Solves the problem whose pair numerators (see [`crate::matching::scoring`]) are `numerators`,
    /// `−∞` wherever the frame rules a pair out, once `pending` is added to them (criterion,
    /// change of its weight in steps), with `solver`, started as `start` says — the result is
    /// the same either way. On a warm start with the same pairs allowed, the solver adds
    /// `pending` itself, row by row, as it first reads them (one pass over the numerators
    /// instead of two); otherwise it is added first. `scratch` holds the copy with pairs below
    /// `min_score` ruled out too, when there are any.
    #[allow(clippy::too_many_arguments)]
    pub fn matching(
        &self,
        table: &ScoreTable,
        profile: &Profile,
        weighting: &Weighting,
        numerators: &mut [f64],
        pending: &[(usize, f64)],
        solver: &mut Solver,
        start: Start,
        scratch: &mut Vec<f64>,
    ) -> Result<Matching, InputError> {
        let (n, m) = (self.mentees, self.mentors);
        let floor = weighting.min_numerator(profile.constraints.min_score);
        let start = if floor > 0.0 && start == Start::WarmSamePairs {
            Start::Warm
        } else {
            start
        };
        let floors = !self.floor_groups.is_empty();
        if start == Start::WarmSamePairs && profile.objective == Objective::Total && !floors {
            let mut updated = vec![false; n];
            let assignment = solver
                .resolve_same_pairs_with(n, m, numerators, &self.capacity, |i, row| {
                    updated[i] = true;
                    for &(k, delta) in pending {
                        table.add_criterion_row(k, delta, i, row);
                    }
                })
                .assignment;
            // The solver reads only the rows it can match: a mentee whose every allowed mentor
            // is full of pins is skipped, but the unmatched reason below and the next steps
            // read their numerators too.
            if !pending.is_empty() {
                for i in (0..n).filter(|&i| !updated[i]) {
                    for &(k, delta) in pending {
                        table.add_criterion_row(k, delta, i, &mut numerators[i * m..(i + 1) * m]);
                    }
                }
            }
            let matching = self.assemble(table, weighting, numerators, floor, assignment);
            return Ok(self.no_group_floored(matching));
        }
        for &(k, delta) in pending {
            table.add_criterion(k, delta, numerators);
        }
        let numerators = &*numerators;
        let score: &[f64] = if floor > 0.0 {
            scratch.clear();
            scratch.extend(
                numerators
                    .iter()
                    .map(|&x| if x < floor { f64::NEG_INFINITY } else { x }),
            );
            scratch
        } else {
            numerators
        };
        let problem = Problem::new(n, m, score, &self.capacity);
        if floors {
            return self.matching_under_floors(
                table, profile, weighting, numerators, floor, &problem, solver,
            );
        }
        let assignment = match (profile.objective, start) {
            (Objective::Maximin, _) => solve_maximin(&problem, solver),
            (Objective::Total, Start::Cold) => solver.solve(&problem).assignment,
            (Objective::Total, Start::Warm) => solver.resolve(&problem).assignment,
            (Objective::Total, Start::WarmSamePairs) => {
                solver.resolve_same_pairs(&problem).assignment
            }
        };
        let matching = self.assemble(table, weighting, numerators, floor, assignment);
        Ok(self.no_group_floored(matching))
    }

    /// A matching under a floor that constrains no group (each is smaller than k), with the
    /// floor's status: proven, like every matching without side constraints.
    fn no_group_floored(&self, mut matching: Matching) -> Matching {
        if let Some(share) = self.floor {
            let total = matching.total();
            matching.floor = Some(floors::FloorStatus::of(
                share,
                &[],
                &matching.mentor_of,
                true,
                total,
            ));
        }
        matching
    }

    /// [`Frame::matching`] under the coverage floor: proven optimal under it, or an error
    /// saying which group cannot reach it and why.
    #[allow(clippy::too_many_arguments)]
    fn matching_under_floors(
        &self,
        table: &ScoreTable,
        profile: &Profile,
        weighting: &Weighting,
        numerators: &[f64],
        min_floor: f64,
        problem: &Problem,
        solver: &mut Solver,
    ) -> Result<Matching, InputError> {
        let share = self.floor.unwrap_or(0.0);
        let found = floors::search::assign(problem, &self.floor_groups, solver).map_err(|why| {
            floor_error(profile, "a floor that every identity group can reach")
                .value(share.to_string())
                .problem(match why {
                    floors::proof::Infeasible::Undecided { .. } => {
                        format!("the coverage floor {share} is not settled: {why}")
                    }
                    _ => format!("the coverage floor {share} cannot be met: {why}"),
                })
        })?;
        // The proven bound in pair-score points: the matching's total plus the gap, converted
        // from numerators (not capped at 100 as one pair's score is).
        let reached: f64 = found
            .assignment
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.and_then(|j| problem.score_of(i, j)))
            .sum();
        let gap = if found.proven_optimal || weighting.denominator <= 0.0 {
            0.0
        } else {
            100.0 * (found.bound - reached).max(0.0) / weighting.denominator
        };
        let mut matching = self.assemble(table, weighting, numerators, min_floor, found.assignment);
        let bound = matching.total() + gap;
        matching.floor = Some(floors::FloorStatus::of(
            share,
            &self.floor_groups,
            &matching.mentor_of,
            found.proven_optimal,
            bound,
        ));
        Ok(matching)
    }

    /// The matching of an assignment of the optimizer's rows, with the pins and the reason
    /// each unmatched mentee has no mentor.
    pub(crate) fn assemble(
        &self,
        table: &ScoreTable,
        weighting: &Weighting,
        numerators: &[f64],
        floor: f64,
        assignment: Vec<Option<usize>>,
    ) -> Matching {
        let (n, m) = (self.mentees, self.mentors);
        let mut mentor_of = vec![None; n];
        let mut pairs = Vec::with_capacity(self.pins.len() + n.min(assignment.len()));
        for &(i, j) in &self.pins {
            mentor_of[i] = Some(j);
            pairs.push(Pair {
                mentee: i,
                mentor: j,
                score: weighting.score(table.numerator(i, j, weighting)),
                pinned: true,
            });
        }
        for (i, col) in assignment.into_iter().enumerate() {
            if let Some(j) = col {
                mentor_of[i] = Some(j);
                pairs.push(Pair {
                    mentee: i,
                    mentor: j,
                    score: weighting.score(numerators[i * m + j]),
                    pinned: false,
                });
            }
        }
        pairs.sort_by_key(|p| p.mentee);

        let mut unmatched = Vec::new();
        for (i, mentor) in mentor_of.iter().enumerate() {
            if mentor.is_some() {
                continue;
            }
            let reason = if !self.eligible[i] {
                Reason::Ineligible
            } else {
                let row = i * m..(i + 1) * m;
                let allowed = &self.allowed[row.clone()];
                if !allowed.iter().any(|&a| a) {
                    Reason::NoFeasibleMentor
                } else if allowed
                    .iter()
                    .zip(&numerators[row])
                    .all(|(&a, &x)| !a || x < floor)
                {
                    Reason::BelowMinScore
                } else {
                    Reason::Capacity
                }
            };
            unmatched.push((i, reason));
        }

        Matching {
            pairs,
            unmatched,
            eligible: self.eligible.iter().filter(|e| **e).count(),
            mentor_of,
            floor: None,
        }
    }
}

/// Which pairs the optimizer may make: rows of eligible, unpinned mentees, minus the pairs a
/// hard rule forbids (the same rules as [`forbidden_by_rule`], evaluated once per pair with
/// health systems compared as numbers).
fn rule_mask(
    pool: &Pool,
    table: &ScoreTable,
    profile: &Profile,
    eligible: &[bool],
    pinned: &[bool],
) -> Vec<bool> {
    let (n, m) = (pool.mentees.len(), pool.mentors.len());
    let mut systems: HashMap<&str, u32> = HashMap::new();
    let names = pool.mentors.iter().map(|r| r.health_system.as_str());
    let names = names.chain(pool.mentees.iter().map(|e| e.health_system.as_str()));
    let ids: Vec<u32> = names
        .map(|s| {
            let next = systems.len() as u32;
            *systems.entry(s).or_insert(next)
        })
        .collect();
    let (mentor_system, mentee_system) = ids.split_at(m);
    let mentor_in_person: Vec<bool> = pool
        .mentors
        .iter()
        .map(|r| r.meeting_format == MeetingFormat::InPerson)
        .collect();
    let outside = profile.constraints.require_outside_system;
    let limit = profile.constraints.in_person_max_km;
    let mut allowed = vec![false; n * m];
    for i in 0..n {
        if !eligible[i] || pinned[i] {
            continue;
        }
        let me_in_person = pool.mentees[i].meeting_format == MeetingFormat::InPerson;
        let row = &mut allowed[i * m..(i + 1) * m];
        for (j, a) in row.iter_mut().enumerate() {
            let mut ok = !(outside && mentee_system[i] == mentor_system[j]);
            if let (true, Some(limit)) = (me_in_person || mentor_in_person[j], limit) {
                let d = table.distance_f32(i, j);
                // Unknown location (NaN) or too far.
                ok &= !d.is_nan() && f64::from(d) <= limit;
            }
            *a = ok;
        }
    }
    for o in pool.overrides.iter() {
        if o.action == Action::Ban {
            allowed[o.mentee * m + o.mentor] = false;
        }
    }
    allowed
}
