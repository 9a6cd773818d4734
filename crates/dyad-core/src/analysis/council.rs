//! Council consensus: each member saves a profile; dyad puts their weights side by side, shows
//! where their matchings agree and disagree, proposes a consensus profile and says how far each
//! member's own matching is from the consensus matching.
//!
//! # The consensus profile
//!
//! - Each weight is the **median** of the members' weights (the mean of the two middle values
//!   for an even number of members). The median, unlike the mean, cannot be dragged by one
//!   member putting an extreme value on their own constituency's criterion.
//! - Every other number is the median too: eligibility years and reference year (rounded to a
//!   whole number, halves up), `proximity.max_km`, the seniority gaps, `min_score`, and
//!   `in_person_max_km`, where a member without a limit counts as an infinite limit (so the
//!   consensus has no limit when at least half of the members have none).
//! - Every choice goes by majority: `require_outside_system`, the objective, and whether mentor
//!   capacity comes from the data or is fixed (then the median of the fixed numbers). A tie
//!   goes to the first member's setting, in the order the profiles were given.
//!
//! Median seniority gaps stay ordered (`min_gap ≤ max_gap`), since each member's are.
//!
//! # Agreement
//!
//! Over the mentees eligible under at least one member's profile: the members **agree** on a
//! mentee when every member's matching gives them the same mentor (an agreed pair) or leaves
//! them unmatched; otherwise they **disagree**, and the mentors each member gives are listed.
//! Each member's distance from the consensus is the list of mentees placed differently, and the
//! mean and worst pair score of both matchings *scored with that member's own profile*: what
//! the consensus costs them by their own yardstick (their own matching is the best one by
//! their weights among the pairs their constraints allow).

use crate::analysis::stability::{PairChange, changes};
use crate::analysis::summary::Stats;
use crate::criteria::{self, Params};
use crate::error::InputError;
use crate::matching::engine::{Engine, Evaluation};
use crate::profile::{Capacity, Constraints, Eligibility, Objective, Profile};

/// One council member's profile, with a short label (for example the file name).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// How the member is named on screen and in the record (for example the file name).
    pub label: String,
    /// The member's profile.
    pub profile: Profile,
}

/// The median of some values (the mean of the two middle ones for an even count); NaN when
/// there are none. Infinite values are allowed.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => v[n / 2],
        _ if v[n / 2 - 1] == v[n / 2] => v[n / 2],
        _ => 0.5 * (v[n / 2 - 1] + v[n / 2]),
    }
}

/// The lowest, median and highest of a set of values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The lowest value.
    pub min: f64,
    /// The median value (see [`median`]).
    pub median: f64,
    /// The highest value.
    pub max: f64,
}

impl Spread {
    /// The spread of `values` (min +∞, max −∞ and median NaN when there are none).
    pub fn of(values: &[f64]) -> Spread {
        Spread {
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            median: median(values),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }

    /// How far apart the extremes are: `max − min`.
    pub fn range(&self) -> f64 {
        self.max - self.min
    }
}

/// The most common value; a tie goes to the one that appears first.
fn majority<T: PartialEq + Copy>(values: &[T]) -> T {
    let mut best = values[0];
    let mut best_count = 0;
    for v in values {
        let count = values.iter().filter(|x| *x == v).count();
        if count > best_count {
            best = *v;
            best_count = count;
        }
    }
    best
}

/// The consensus of the members' profiles (see the module notes). Panics on no members.
pub fn consensus(members: &[Member]) -> Profile {
    assert!(!members.is_empty(), "a consensus of no members");
    let ps: Vec<&Profile> = members.iter().map(|m| &m.profile).collect();
    let med = |f: &dyn Fn(&Profile) -> f64| median(&ps.iter().map(|p| f(p)).collect::<Vec<_>>());
    let weights: criteria::Weights = std::array::from_fn(|k| med(&|p| p.weights[k]));
    let params = Params {
        proximity_max_km: med(&|p| p.params.proximity_max_km),
        seniority_min_gap: med(&|p| p.params.seniority_min_gap),
        seniority_max_gap: med(&|p| p.params.seniority_max_gap),
    };
    let limit = med(&|p| p.constraints.in_person_max_km.unwrap_or(f64::INFINITY));
    // No floor counts as a floor of 0: the consensus has one when most members set one.
    let floor = med(&|p| p.constraints.coverage_floor.unwrap_or(0.0));
    let fixed = majority(
        &ps.iter()
            .map(|p| matches!(p.constraints.mentor_capacity, Capacity::Fixed(_)))
            .collect::<Vec<_>>(),
    );
    let mentor_capacity = if fixed {
        let ns: Vec<f64> = ps
            .iter()
            .filter_map(|p| match p.constraints.mentor_capacity {
                Capacity::Fixed(n) => Some(f64::from(n)),
                Capacity::FromData => None,
            })
            .collect();
        Capacity::Fixed(median(&ns).round() as u32)
    } else {
        Capacity::FromData
    };
    let labels: Vec<&str> = members.iter().map(|m| m.label.as_str()).collect();
    Profile {
        name: "Council consensus".into(),
        description: format!(
            "Median weights and settings of {} member profiles ({}); choices by majority.",
            members.len(),
            labels.join(", ")
        ),
        saved: None,
        eligibility: Eligibility {
            max_years_since_training: med(&|p| f64::from(p.eligibility.max_years_since_training))
                .round() as u32,
            reference_year: med(&|p| f64::from(p.eligibility.reference_year)).round() as i32,
        },
        weights,
        params,
        constraints: Constraints {
            in_person_max_km: limit.is_finite().then_some(limit),
            require_outside_system: majority(
                &ps.iter()
                    .map(|p| p.constraints.require_outside_system)
                    .collect::<Vec<_>>(),
            ),
            mentor_capacity,
            min_score: med(&|p| p.constraints.min_score),
            coverage_floor: (floor > 0.0).then_some(floor),
        },
        objective: majority(&ps.iter().map(|p| p.objective).collect::<Vec<Objective>>()),
    }
}

/// A mentor capacity as the profile file writes it.
pub fn capacity_text(c: Capacity) -> String {
    match c {
        Capacity::FromData => "from-data".into(),
        Capacity::Fixed(n) => n.to_string(),
    }
}

fn limit_text(p: &Profile) -> String {
    p.constraints
        .in_person_max_km
        .map_or("none".into(), |km| format!("{km:.0}"))
}

/// The settings other than weights, as (name, value) for one profile.
pub fn settings(p: &Profile) -> Vec<(&'static str, String)> {
    vec![
        (
            "eligibility years",
            p.eligibility.max_years_since_training.to_string(),
        ),
        ("reference year", p.eligibility.reference_year.to_string()),
        ("proximity.max_km", format!("{}", p.params.proximity_max_km)),
        (
            "seniority.min_gap",
            format!("{}", p.params.seniority_min_gap),
        ),
        (
            "seniority.max_gap",
            format!("{}", p.params.seniority_max_gap),
        ),
        ("in-person limit km", limit_text(p)),
        (
            "outside system required",
            p.constraints.require_outside_system.to_string(),
        ),
        (
            "mentor capacity",
            capacity_text(p.constraints.mentor_capacity),
        ),
        ("min score", format!("{}", p.constraints.min_score)),
        (
            "coverage floor",
            p.constraints
                .coverage_floor
                .map_or("off".into(), |f| format!("{f}")),
        ),
        ("objective", p.objective.as_str().to_string()),
    ]
}

/// The widest of some spreads: every one as wide as the widest (weights are hundredths, so a
/// tie is a tie to within rounding), in order; none when every range is empty.
pub fn widest(spread: &[Spread]) -> Vec<usize> {
    let most = spread.iter().map(Spread::range).fold(0.0, f64::max);
    if most <= 0.0 {
        return Vec::new();
    }
    (0..spread.len())
        .filter(|&k| spread[k].range() >= most - 1e-9)
        .collect()
}

/// A mentee the members' matchings place differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Each member's mentor for the mentee (`None`: unmatched), in member order.
    pub mentors: Vec<Option<usize>>,
    /// The consensus matching's mentor.
    pub consensus: Option<usize>,
}

impl Disagreement {
    /// How many members give the mentee the consensus mentor.
    pub fn support(&self) -> usize {
        self.mentors
            .iter()
            .filter(|m| **m == self.consensus)
            .count()
    }
}

/// One mentee placed differently by a member and by the consensus, with both pair scores
/// under the member's own profile.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChange {
    /// The mentee, the member's mentor (old) and the consensus's (new).
    pub change: PairChange,
    /// The member's pair score under their profile (0–100); `None`: unmatched there.
    pub member_score: Option<f64>,
    /// The consensus's pair score under the member's profile; `None`: unmatched there.
    pub consensus_score: Option<f64>,
}

/// How far one member's matching is from the consensus matching.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberFit {
    /// Mentees placed differently (old = the member's, new = the consensus's).
    pub changes: Vec<MemberChange>,
    /// The member's matching, scored with their own profile.
    pub own: Stats,
    /// The consensus matching, scored with the member's profile.
    pub consensus: Stats,
}

impl MemberFit {
    /// How much the consensus moves the member's mean pair score (negative: lower).
    pub fn mean_delta(&self) -> f64 {
        self.consensus.mean - self.own.mean
    }

    /// How much the consensus moves the member's lowest pair score (negative: lower).
    pub fn min_delta(&self) -> f64 {
        self.consensus.min - self.own.min
    }
}

/// Everything the council view shows.
#[derive(Debug, Clone)]
pub struct Council {
    /// The members, in the order they were given.
    pub members: Vec<Member>,
    /// Each member's matching, in member order.
    pub evaluations: Vec<Evaluation>,
    /// Per criterion, in [`crate::criteria::CRITERIA`] order.
    pub spread: Vec<Spread>,
    /// The consensus profile (each setting the members' median or most common value) evaluated.
    pub consensus: Evaluation,
    /// Mentees every member gives the same mentor: (mentee, mentor).
    pub agreed_pairs: Vec<(usize, usize)>,
    /// Mentees every member leaves unmatched (eligible under at least one profile).
    pub agreed_unmatched: Vec<usize>,
    /// Mentees the members place differently, by mentee.
    pub disagreements: Vec<Disagreement>,
    /// In member order.
    pub fits: Vec<MemberFit>,
}

impl Council {
    /// Mentees eligible under at least one member's profile.
    pub fn considered(&self) -> usize {
        self.agreed_pairs.len() + self.agreed_unmatched.len() + self.disagreements.len()
    }

    /// The criteria whose weights the members' spread is widest on.
    pub fn widest(&self) -> Vec<usize> {
        widest(&self.spread)
    }
}

/// Matches the pool under every member's profile and under their consensus.
pub fn convene(engine: &mut Engine, members: Vec<Member>) -> Result<Council, InputError> {
    let consensus_profile = consensus(&members);
    let evaluations = members
        .iter()
        .map(|m| engine.evaluate(&m.profile))
        .collect::<Result<Vec<_>, _>>()?;
    let consensus = engine.evaluate(&consensus_profile)?;
    let pool = engine.pool.clone();
    let spread = (0..criteria::N)
        .map(|k| {
            Spread::of(
                &members
                    .iter()
                    .map(|m| m.profile.weights[k])
                    .collect::<Vec<_>>(),
            )
        })
        .collect();

    let mut agreed_pairs = Vec::new();
    let mut agreed_unmatched = Vec::new();
    let mut disagreements = Vec::new();
    for (i, me) in pool.mentees.iter().enumerate() {
        if !members
            .iter()
            .any(|m| m.profile.eligibility.eligible(me.training_completed))
        {
            continue;
        }
        let mentors: Vec<Option<usize>> = evaluations
            .iter()
            .map(|e| e.matching.mentor_of[i])
            .collect();
        if mentors.iter().all(|m| *m == mentors[0]) {
            match mentors[0] {
                Some(j) => agreed_pairs.push((i, j)),
                None => agreed_unmatched.push(i),
            }
        } else {
            disagreements.push(Disagreement {
                mentee: i,
                mentors,
                consensus: consensus.matching.mentor_of[i],
            });
        }
    }

    let fits = members
        .iter()
        .zip(&evaluations)
        .map(|(m, ev)| {
            let score = |i: usize, j: Option<usize>| {
                j.map(|j| ev.table.pair_score(i, j, &m.profile.weights))
            };
            let changes = changes(&ev.matching, &consensus.matching)
                .into_iter()
                .map(|c| MemberChange {
                    change: c,
                    member_score: score(c.mentee, c.old_mentor),
                    consensus_score: score(c.mentee, c.new_mentor),
                })
                .collect();
            let own: Vec<f64> = ev.matching.pairs.iter().map(|p| p.score).collect();
            let theirs: Vec<f64> = consensus
                .matching
                .pairs
                .iter()
                .map(|p| ev.table.pair_score(p.mentee, p.mentor, &m.profile.weights))
                .collect();
            MemberFit {
                changes,
                own: Stats::of(&own),
                consensus: Stats::of(&theirs),
            }
        })
        .collect();

    Ok(Council {
        members,
        evaluations,
        spread,
        consensus,
        agreed_pairs,
        agreed_unmatched,
        disagreements,
        fits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_infinite() {
        assert_eq!(median(&[0.3, 0.9, 0.1]), 0.3);
        assert_eq!(median(&[0.2, 0.8, 0.4, 0.6]), 0.5);
        assert_eq!(median(&[60.0, f64::INFINITY, 80.0]), 80.0);
        assert_eq!(median(&[60.0, f64::INFINITY]), f64::INFINITY);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn the_widest_spread_is_the_first_of_the_widest() {
        let c = |ranges: &[(f64, f64)]| {
            widest(
                &ranges
                    .iter()
                    .map(|&(lo, hi)| Spread::of(&[lo, hi]))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(c(&[(0.1, 0.5), (0.0, 0.9), (0.2, 0.3)]), [1]);
        assert_eq!(c(&[(0.0, 0.5), (0.5, 1.0), (0.2, 0.3)]), [0, 1]);
        // 0.7 twice, as two differences of hundredths may round apart.
        assert_eq!(c(&[(0.3, 1.0), (0.1, 0.8)]), [0, 1]);
        assert!(c(&[(0.4, 0.4)]).is_empty());
        assert!(c(&[]).is_empty());
    }

    #[test]
    fn settings_name_every_choice_a_profile_makes() {
        let p = crate::embedded::fall_profile();
        let s = settings(&p);
        let names: Vec<&str> = s.iter().map(|(n, _)| *n).collect();
        assert!(names.contains(&"objective") && names.contains(&"in-person limit km"));
        let limit = s.iter().find(|(n, _)| *n == "in-person limit km").unwrap();
        assert_eq!(
            limit.1,
            p.constraints
                .in_person_max_km
                .map_or("none".into(), |km| format!("{km:.0}"))
        );
    }

    #[test]
    fn majority_ties_go_to_the_first() {
        assert!(majority(&[true, false]));
        assert!(!majority(&[false, true, true, false]));
        assert!(majority(&[false, true, true]));
    }
}
