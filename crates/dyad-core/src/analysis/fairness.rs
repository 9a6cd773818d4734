//! The price of fairness: the matching under each coverage floor from none up to the highest
//! one that can be met, with what it costs (matched count, total score) and what it gives each
//! identity group (matched share, mean pair score), and who loses or gains a pair against no
//! floor.
//!
//! The floors tried are the hundredths 0.01 … 1.00; a floor whose matching is the one of the
//! floor before is shown once (at the lowest floor that gives it), and floors that every group
//! already meets without one are left out (their matching is the one without a floor). The curve ends at the first floor that cannot be met, with its reason.

use crate::error::InputError;
use crate::matching::engine::Engine;
use crate::matching::floors::{self, FloorGroup};
use crate::matching::{FLOOR_KEY, Matching, Reason};
use crate::profile::Profile;

/// One point of the curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// `None`: no floor.
    pub floor: Option<f64>,
    /// The matching, or why the floor cannot be met.
    pub outcome: Result<Outcome, String>,
}

/// A matching on the curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Mentees matched.
    pub matched: usize,
    /// The total score (0–100 per pair).
    pub total: f64,
    /// No matching meeting the floor has a larger total (always so without a floor).
    pub proven_optimal: bool,
    /// The largest total a matching meeting the floor could have.
    pub bound: f64,
    /// Each constrained group, in the pool's order of identities.
    pub groups: Vec<GroupPoint>,
    /// Mentees matched without a floor and not under this one, in id order.
    pub lose: Vec<usize>,
    /// Mentees matched under this floor and not without one.
    pub gain: Vec<usize>,
}

/// A group's figures at one point.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPoint {
    /// The identity, as the pool spells it.
    pub name: String,
    /// Its eligible mentees.
    pub eligible: usize,
    /// What the floor asks of it (0 without a floor).
    pub need: usize,
    /// Of them, how many are matched at this point.
    pub matched: usize,
    /// The mean score of its pairs; `None` when none of it is matched.
    pub mean_score: Option<f64>,
}

impl GroupPoint {
    /// The share of its eligible mentees matched (0 for an empty group).
    pub fn share(&self) -> f64 {
        if self.eligible == 0 {
            0.0
        } else {
            self.matched as f64 / self.eligible as f64
        }
    }
}

/// The curve of `profile` (its own floor ignored) on the engine's pool, with the engine's
/// small-cell k: groups smaller than it are neither constrained nor shown.
pub fn curve(engine: &mut Engine, profile: &Profile) -> Result<Vec<Point>, InputError> {
    let mut base_profile = profile.clone();
    base_profile.constraints.coverage_floor = None;
    let base = engine.evaluate(&base_profile)?.matching;
    let eligible: Vec<bool> = (0..base.mentor_of.len())
        .map(|i| base.mentor_of[i].is_some() || base.reason_of(i) != Some(Reason::Ineligible))
        .collect();
    let pins: Vec<(usize, usize)> = base
        .pairs
        .iter()
        .filter(|p| p.pinned)
        .map(|p| (p.mentee, p.mentor))
        .collect();
    let pool = engine.pool.clone();
    let k = engine.small_cell_k;
    let groups_at = |f: f64| floors::floor_groups(&pool, &eligible, &pins, f, k);
    let none = groups_at(0.0);
    let mut points = vec![Point {
        floor: None,
        outcome: Ok(outcome(&none, &base, &base, true, base.total())),
    }];
    if none.is_empty() {
        return Ok(points);
    }
    let base_counts: Vec<usize> = none.iter().map(|g| g.matched_in(&base.mentor_of)).collect();
    let mut last_needs: Vec<usize> = Vec::new();
    let mut last_pairs = base.mentor_of.clone();
    for step in 1..=100 {
        let f = f64::from(step) / 100.0;
        let groups = groups_at(f);
        let needs: Vec<usize> = groups.iter().map(|g| g.need).collect();
        if needs == last_needs || needs.iter().zip(&base_counts).all(|(n, m)| n <= m) {
            last_needs = needs;
            continue;
        }
        last_needs = needs;
        let mut p = profile.clone();
        p.constraints.coverage_floor = Some(f);
        match engine.evaluate(&p) {
            Ok(ev) => {
                let m = &ev.matching;
                if m.mentor_of == last_pairs {
                    continue;
                }
                last_pairs = m.mentor_of.clone();
                let st = m.floor.as_ref();
                let proven = st.is_none_or(|s| s.proven_optimal);
                let bound = st.map_or(m.total(), |s| s.bound);
                points.push(Point {
                    floor: Some(f),
                    outcome: Ok(outcome(&groups, m, &base, proven, bound)),
                });
            }
            Err(e) if e.field.as_deref() == Some(FLOOR_KEY) => {
                let why = e.problem.map_or(e.expected, |p| *p);
                points.push(Point {
                    floor: Some(f),
                    outcome: Err(why),
                });
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(points)
}

fn outcome(
    groups: &[FloorGroup],
    m: &Matching,
    base: &Matching,
    proven_optimal: bool,
    bound: f64,
) -> Outcome {
    let groups = groups
        .iter()
        .map(|g| {
            let scores: Vec<f64> = m
                .pairs
                .iter()
                .filter(|p| g.members.binary_search(&p.mentee).is_ok())
                .map(|p| p.score)
                .collect();
            GroupPoint {
                name: g.name.clone(),
                eligible: g.eligible,
                need: g.need,
                matched: g.matched_in(&m.mentor_of),
                mean_score: (!scores.is_empty())
                    .then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            }
        })
        .collect();
    let n = m.mentor_of.len();
    Outcome {
        matched: m.pairs.len(),
        total: m.total(),
        proven_optimal,
        bound,
        groups,
        lose: (0..n)
            .filter(|&i| base.mentor_of[i].is_some() && m.mentor_of[i].is_none())
            .collect(),
        gain: (0..n)
            .filter(|&i| base.mentor_of[i].is_none() && m.mentor_of[i].is_some())
            .collect(),
    }
}
