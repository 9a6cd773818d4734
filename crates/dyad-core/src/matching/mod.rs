//! The optimal matching of eligible mentees to mentor capacity under a profile.
//!
//! A matching problem splits in two. A [`Frame`] holds everything that depends on the pool and
//! the profile's constraints but not on its weights: who is eligible, the pins, the capacity
//! left after them, and which pairs break a hard rule (bans, same health system, in-person
//! distance). It is built once per set of constraints. The weights then only change the pair
//! *numerators* (see [`crate::matching::scoring`]), an exact integer matrix in which a pair the frame
//! rules out is `−∞`, and the solver runs on that matrix directly. [`solve`] builds both from
//! scratch; [`crate::matching::engine::Session`] keeps them, updates the numerators incrementally and
//! re-solves warm. Both end in [`Frame::matching`], and the solver's canonical tie-breaking
//! (the lexicographically smallest optimal assignment, mentees and mentors in id order) makes
//! their results identical pair for pair.

pub mod columns;
pub mod engine;
mod evaluation;
pub mod floors;
mod frame;
pub mod memory;
pub mod pair_steps;
pub mod rematch;
pub mod scoring;
mod session;
pub mod summary;

pub use frame::{FLOOR_KEY, Frame, PinProblem, PlacedPins, Start, floor_error, place_pins};
pub use scoring::{INERT_WEIGHTS_WARNING, weights_inert};

use serde::Serialize;

use crate::error::InputError;
use crate::matching::scoring::{ScoreTable, Weighting};
use crate::pool::{MeetingFormat, Pool};
use crate::profile::{Capacity, Profile};
use crate::solver::{Problem, Solver};

/// Why a mentee has no mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Trained longer ago than the profile's eligibility allows.
    Ineligible,
    /// Every mentor is ruled out by a hard constraint or a ban.
    NoFeasibleMentor,
    /// Every mentor the constraints allow scores below `min_score`.
    BelowMinScore,
    /// Feasible mentors exist, but their places went to other mentees.
    Capacity,
}

impl Reason {
    /// The reason as written in CSV and JSON output (`below-min-score` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Ineligible => "ineligible",
            Reason::NoFeasibleMentor => "no-feasible-mentor",
            Reason::BelowMinScore => "below-min-score",
            Reason::Capacity => "capacity",
        }
    }
}

/// Why a pair may not be made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Forbidden {
    /// One side meets in person only and they are farther apart than allowed.
    InPersonDistance {
        /// How far apart they are (between ZIP3 centroids).
        km: f64,
        /// The profile's in-person distance limit.
        limit: f64,
    },
    /// One side meets in person only and a location is unknown.
    InPersonUnknownLocation,
    /// Same health system while the profile requires different ones.
    SameSystem,
    /// The council banned this pair.
    Banned,
    /// The pair scores below the profile's minimum.
    BelowMinScore {
        /// The pair's score, 0–100.
        score: f64,
        /// The profile's `min_score`.
        min: f64,
    },
}

impl std::fmt::Display for Forbidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Forbidden::InPersonDistance { km, limit } => {
                write!(f, "in person only, {km:.0} km apart (limit {limit:.0} km)")
            }
            Forbidden::InPersonUnknownLocation => write!(f, "in person only, location unknown"),
            Forbidden::SameSystem => write!(f, "same health system"),
            Forbidden::Banned => write!(f, "banned by the council"),
            Forbidden::BelowMinScore { score, min } => {
                write!(f, "score {score:.1} below the minimum {min:.1}")
            }
        }
    }
}

/// The hard constraint that rules out a pair apart from its score, if any.
pub fn forbidden_by_rule(
    pool: &Pool,
    table: &ScoreTable,
    profile: &Profile,
    mentee: usize,
    mentor: usize,
) -> Option<Forbidden> {
    if pool.overrides.is_banned(mentee, mentor) {
        return Some(Forbidden::Banned);
    }
    let (me, mr) = (&pool.mentees[mentee], &pool.mentors[mentor]);
    if profile.constraints.require_outside_system && me.health_system == mr.health_system {
        return Some(Forbidden::SameSystem);
    }
    let in_person = me.meeting_format == MeetingFormat::InPerson
        || mr.meeting_format == MeetingFormat::InPerson;
    if let (true, Some(limit)) = (in_person, profile.constraints.in_person_max_km) {
        match table.distance_km(mentee, mentor) {
            None => return Some(Forbidden::InPersonUnknownLocation),
            Some(km) if km > limit => return Some(Forbidden::InPersonDistance { km, limit }),
            _ => {}
        }
    }
    None
}

/// Any reason a pair may not be made, given its score.
pub fn forbidden(
    pool: &Pool,
    table: &ScoreTable,
    profile: &Profile,
    mentee: usize,
    mentor: usize,
    score: f64,
) -> Option<Forbidden> {
    forbidden_by_rule(pool, table, profile, mentee, mentor).or_else(|| {
        (score < profile.constraints.min_score).then_some(Forbidden::BelowMinScore {
            score,
            min: profile.constraints.min_score,
        })
    })
}

/// A mentee with a mentor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// Pair score 0–100.
    pub score: f64,
    /// Kept by an override rather than chosen by the optimizer.
    pub pinned: bool,
}

/// The result of matching a pool under a profile. Pairs are sorted by mentee; `unmatched`
/// covers every mentee without a pair, ineligible ones included.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    /// The pairs, sorted by mentee, pinned ones included.
    pub pairs: Vec<Pair>,
    /// Every mentee without a pair and why, sorted by mentee.
    pub unmatched: Vec<(usize, Reason)>,
    /// Number of eligible mentees.
    pub eligible: usize,
    /// Each mentee's mentor (index), for quick lookups.
    pub mentor_of: Vec<Option<usize>>,
    /// Under a coverage floor: each constrained group's floor and count, and the proof.
    pub floor: Option<floors::FloorStatus>,
}

impl Matching {
    /// The mentees matched to a mentor, in mentee order.
    pub fn mentees_of(&self, mentor: usize) -> Vec<usize> {
        self.pairs
            .iter()
            .filter(|p| p.mentor == mentor)
            .map(|p| p.mentee)
            .collect()
    }

    /// The pair of a mentee, if matched.
    pub fn pair_of(&self, mentee: usize) -> Option<&Pair> {
        self.mentor_of[mentee]?;
        self.pairs
            .binary_search_by_key(&mentee, |p| p.mentee)
            .ok()
            .map(|i| &self.pairs[i])
    }

    /// Why a mentee is unmatched; `None` when matched.
    pub fn reason_of(&self, mentee: usize) -> Option<Reason> {
        // `unmatched` is sorted by mentee when built here; fall back to a scan otherwise.
        match self.unmatched.binary_search_by_key(&mentee, |(m, _)| *m) {
            Ok(k) => Some(self.unmatched[k].1),
            Err(_) => self
                .unmatched
                .iter()
                .find(|(m, _)| *m == mentee)
                .map(|(_, r)| *r),
        }
    }

    /// The sum of the pair scores (0–100 each).
    pub fn total(&self) -> f64 {
        self.pairs.iter().map(|p| p.score).sum()
    }
}

/// Each mentor's capacity under a profile.
pub fn capacities(pool: &Pool, profile: &Profile) -> Vec<u32> {
    pool.mentors
        .iter()
        .map(|m| match profile.constraints.mentor_capacity {
            Capacity::FromData => m.capacity,
            Capacity::Fixed(n) => n,
        })
        .collect()
}

/// Finds the optimal matching. Pinned pairs are kept and the rest optimized around them;
/// a pin that cannot be kept (ineligible mentee, mentor over capacity) is an error.
///
/// Deterministic and canonical: among equally good matchings, the first mentee (in id order)
/// gets the first mentor it can have, and so on (see [`crate::solver`]). A warm
/// [`crate::matching::engine::Session`] returns exactly the same matching.
pub fn solve(pool: &Pool, table: &ScoreTable, profile: &Profile) -> Result<Matching, InputError> {
    let frame = Frame::new(pool, table, profile)?;
    let weighting = Weighting::new(&profile.weights);
    let mut numerators = Vec::new();
    table.numerators_into(&weighting, Some(&frame.allowed), &mut numerators);
    frame.solve_cold(table, profile, &weighting, &mut numerators)
}

/// As [`solve`], with the pair scores already computed (row-major by mentee, 0–100). Each
/// score is turned back into its numerator under the profile's weights, which is exact for
/// scores from [`ScoreTable::combined`] with the same weights (the result is then exactly
/// [`solve`]'s); other scores are resolved to that grid (about 10⁻¹¹ of a point).
pub fn solve_with_scores(
    pool: &Pool,
    table: &ScoreTable,
    profile: &Profile,
    scores: &[f64],
) -> Result<Matching, InputError> {
    let frame = Frame::new(pool, table, profile)?;
    let weighting = Weighting::new(&profile.weights);
    let missing = std::iter::repeat(f64::NAN);
    let mut numerators: Vec<f64> = frame
        .allowed
        .iter()
        .zip(scores.iter().copied().chain(missing))
        .map(|(&a, s)| {
            if a && s.is_finite() {
                weighting.numerator_of(s)
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    frame.solve_cold(table, profile, &weighting, &mut numerators)
}

/// Most matched, then the best worst pair, then the largest total: find the highest score
/// threshold that still allows the maximum number matched (binary search over the distinct
/// allowed scores), then maximize the total above it.
fn solve_maximin(p: &Problem, solver: &mut Solver) -> Vec<Option<usize>> {
    let score = p.score;
    let mut mask = vec![f64::NEG_INFINITY; score.len()];
    let mut cardinality = |threshold: f64, solver: &mut Solver| {
        for (m, &s) in mask.iter_mut().zip(score) {
            *m = if s >= threshold {
                0.0
            } else {
                f64::NEG_INFINITY
            };
        }
        solver.solve(&Problem { score: &mask, ..*p }).matched
    };
    let mut values: Vec<f64> = score.iter().copied().filter(|s| s.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    if values.is_empty() {
        return vec![None; p.rows];
    }
    let best = cardinality(values[0], solver);
    // values[lo] always keeps `best` matched; find the largest such index.
    let (mut lo, mut hi) = (0usize, values.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if cardinality(values[mid], solver) == best {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let threshold = values[lo];
    let kept: Vec<f64> = score
        .iter()
        .map(|&s| if s >= threshold { s } else { f64::NEG_INFINITY })
        .collect();
    solver.solve(&Problem { score: &kept, ..*p }).assignment
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::pool::Action;

    #[test]
    fn pins_are_placed_or_the_first_that_cannot_be_kept_is_named() {
        let mut pool = embedded::sample_pool();
        let fall = embedded::fall_profile();
        let eligible = |i: usize| {
            fall.eligibility
                .eligible(pool.mentees[i].training_completed)
        };
        let (a, b) = {
            let mut ok = (0..pool.mentees.len()).filter(|&i| eligible(i));
            (ok.next().unwrap(), ok.next().unwrap())
        };
        let ineligible = (0..pool.mentees.len()).find(|&i| !eligible(i)).unwrap();
        let full = capacities(&pool, &fall);
        let j = (0..pool.mentors.len()).find(|&j| full[j] == 1).unwrap();
        pool.overrides.set(a, j, Some(Action::Pin));
        let placed = place_pins(&pool, &fall).unwrap();
        assert_eq!(placed.pairs, [(a, j)]);
        assert_eq!(placed.capacity[j], 0);
        pool.overrides.set(b, j, Some(Action::Pin));
        assert_eq!(
            place_pins(&pool, &fall),
            Err(PinProblem::OverCapacity {
                mentee: b,
                mentor: j
            })
        );
        pool.overrides.set(b, j, None);
        pool.overrides.set(ineligible, 0, Some(Action::Pin));
        assert_eq!(
            place_pins(&pool, &fall),
            Err(PinProblem::Ineligible {
                mentee: ineligible,
                mentor: 0
            })
        );
    }

    #[test]
    fn the_rule_mask_agrees_with_forbidden_by_rule() {
        let pool = embedded::sample_pool();
        let families = crate::criteria::specialty::builtin();
        for mut profile in [embedded::fall_profile(), embedded::pilot_profile()] {
            for (outside, limit) in [(false, None), (true, Some(25.0)), (false, Some(60.0))] {
                profile.constraints.require_outside_system = outside;
                profile.constraints.in_person_max_km = limit;
                let table = ScoreTable::build(&pool, &profile.params, families);
                let frame = Frame::new(&pool, &table, &profile).unwrap();
                let m = pool.mentors.len();
                for i in 0..pool.mentees.len() {
                    if !frame.eligible[i] || pool.overrides.pin_of(i).is_some() {
                        continue;
                    }
                    for j in 0..m {
                        let rule = forbidden_by_rule(&pool, &table, &profile, i, j);
                        assert_eq!(frame.allowed[i * m + j], rule.is_none(), "{i} {j}");
                    }
                }
            }
        }
    }

    #[test]
    fn scores_and_numerators_give_the_same_matching() {
        let pool = embedded::sample_pool();
        let families = crate::criteria::specialty::builtin();
        for profile in [embedded::fall_profile(), embedded::pilot_profile()] {
            let table = ScoreTable::build(&pool, &profile.params, families);
            let a = solve(&pool, &table, &profile).unwrap();
            let scores = table.combined(&profile.weights);
            let b = solve_with_scores(&pool, &table, &profile, &scores).unwrap();
            assert_eq!(a, b);
        }
    }
}
