//! The optimal matching of eligible mentees to mentor capacity under a profile.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::InputError;
use crate::pool::{MeetingFormat, Pool};
use crate::profile::{Capacity, Objective, Profile};
use crate::scoring::ScoreTable;
use crate::solver::{self, Problem};

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
    InPersonDistance { km: f64, limit: f64 },
    /// One side meets in person only and a location is unknown.
    InPersonUnknownLocation,
    /// Same health system while the profile requires different ones.
    SameSystem,
    /// The council banned this pair.
    Banned,
    /// The pair scores below the profile's minimum.
    BelowMinScore { score: f64, min: f64 },
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
    pub mentee: usize,
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
    pub pairs: Vec<Pair>,
    pub unmatched: Vec<(usize, Reason)>,
    /// Number of eligible mentees.
    pub eligible: usize,
    /// Each mentee's mentor (index), for quick lookups.
    pub mentor_of: Vec<Option<usize>>,
}

impl Matching {
    pub fn pair_of(&self, mentee: usize) -> Option<&Pair> {
        self.mentor_of[mentee]?;
        self.pairs
            .binary_search_by_key(&mentee, |p| p.mentee)
            .ok()
            .map(|i| &self.pairs[i])
    }

    pub fn reason_of(&self, mentee: usize) -> Option<Reason> {
        self.unmatched
            .iter()
            .find(|(m, _)| *m == mentee)
            .map(|(_, r)| *r)
    }

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

fn overrides_path(pool: &Pool) -> PathBuf {
    pool.source.dir.as_ref().map_or_else(
        || PathBuf::from("overrides.csv"),
        |d| d.join("overrides.csv"),
    )
}

/// Finds the optimal matching. Pinned pairs are kept and the rest optimized around them;
/// a pin that cannot be kept (ineligible mentee, mentor over capacity) is an error.
pub fn solve(pool: &Pool, table: &ScoreTable, profile: &Profile) -> Result<Matching, InputError> {
    let scores = table.combined(&profile.weights);
    solve_with_scores(pool, table, profile, &scores)
}

/// As [`solve`], with the pair scores already computed (row-major by mentee, 0–100).
pub fn solve_with_scores(
    pool: &Pool,
    table: &ScoreTable,
    profile: &Profile,
    scores: &[f64],
) -> Result<Matching, InputError> {
    let (n, m) = (pool.mentees.len(), pool.mentors.len());
    let mut capacity = capacities(pool, profile);
    let eligible: Vec<bool> = pool
        .mentees
        .iter()
        .map(|me| profile.eligibility.eligible(me.training_completed))
        .collect();
    let mut mentor_of = vec![None; n];
    let mut pairs = Vec::new();

    for o in pool.overrides.iter() {
        if o.action != crate::pool::Action::Pin {
            continue;
        }
        let id = &pool.mentees[o.mentee].id;
        if !eligible[o.mentee] {
            return Err(InputError::new(
                overrides_path(pool),
                format!(
                    "pins of eligible mentees only ({id} trained in {}, more than {} years before {})",
                    pool.mentees[o.mentee].training_completed,
                    profile.eligibility.max_years_since_training,
                    profile.eligibility.reference_year
                ),
            )
            .field("mentee")
            .value(id.as_str()));
        }
        if capacity[o.mentor] == 0 {
            return Err(InputError::new(
                overrides_path(pool),
                format!(
                    "no more pins of mentor {} than its capacity ({})",
                    pool.mentors[o.mentor].id,
                    capacities(pool, profile)[o.mentor]
                ),
            )
            .field("mentor")
            .value(pool.mentors[o.mentor].id.as_str()));
        }
        capacity[o.mentor] -= 1;
        mentor_of[o.mentee] = Some(o.mentor);
        pairs.push(Pair {
            mentee: o.mentee,
            mentor: o.mentor,
            score: scores[o.mentee * m + o.mentor],
            pinned: true,
        });
    }

    let rows: Vec<usize> = (0..n)
        .filter(|&i| eligible[i] && mentor_of[i].is_none())
        .collect();
    let mut feasible = vec![f64::NEG_INFINITY; rows.len() * m];
    for (r, &i) in rows.iter().enumerate() {
        for j in 0..m {
            let s = scores[i * m + j];
            if forbidden(pool, table, profile, i, j, s).is_none() {
                feasible[r * m + j] = s;
            }
        }
    }

    let assignment = match profile.objective {
        Objective::Total => solve_total(rows.len(), m, &feasible, &capacity),
        Objective::Maximin => solve_maximin(rows.len(), m, &feasible, &capacity),
    };
    for (r, col) in assignment.into_iter().enumerate() {
        if let Some(j) = col {
            let i = rows[r];
            mentor_of[i] = Some(j);
            pairs.push(Pair {
                mentee: i,
                mentor: j,
                score: scores[i * m + j],
                pinned: false,
            });
        }
    }
    pairs.sort_by_key(|p| p.mentee);

    let mut unmatched = Vec::new();
    for i in 0..n {
        if mentor_of[i].is_some() {
            continue;
        }
        let reason = if !eligible[i] {
            Reason::Ineligible
        } else {
            let allowed: Vec<usize> = (0..m)
                .filter(|&j| forbidden_by_rule(pool, table, profile, i, j).is_none())
                .collect();
            if allowed.is_empty() {
                Reason::NoFeasibleMentor
            } else if allowed
                .iter()
                .all(|&j| scores[i * m + j] < profile.constraints.min_score)
            {
                Reason::BelowMinScore
            } else {
                Reason::Capacity
            }
        };
        unmatched.push((i, reason));
    }

    Ok(Matching {
        pairs,
        unmatched,
        eligible: eligible.iter().filter(|e| **e).count(),
        mentor_of,
    })
}

fn solve_total(rows: usize, cols: usize, score: &[f64], capacity: &[u32]) -> Vec<Option<usize>> {
    solver::solve(&Problem {
        rows,
        cols,
        score,
        capacity,
    })
    .assignment
}

/// Most matched, then the best worst pair, then the largest total: find the highest score
/// threshold that still allows the maximum number matched (binary search over the distinct
/// feasible scores), then maximize the total above it.
fn solve_maximin(rows: usize, cols: usize, score: &[f64], capacity: &[u32]) -> Vec<Option<usize>> {
    let cardinality = |threshold: f64| {
        let mask: Vec<f64> = score
            .iter()
            .map(|&s| {
                if s >= threshold {
                    0.0
                } else {
                    f64::NEG_INFINITY
                }
            })
            .collect();
        solver::solve(&Problem {
            rows,
            cols,
            score: &mask,
            capacity,
        })
        .matched
    };
    let mut values: Vec<f64> = score.iter().copied().filter(|s| s.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    if values.is_empty() {
        return vec![None; rows];
    }
    let best = cardinality(values[0]);
    // values[lo] always keeps `best` matched; find the largest such index.
    let (mut lo, mut hi) = (0usize, values.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if cardinality(values[mid]) == best {
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
    solve_total(rows, cols, &kept, capacity)
}
