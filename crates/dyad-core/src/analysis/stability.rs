//! How fragile a weighting is: for each criterion, the range of its weight over which the
//! matching stays exactly the same (the other weights fixed), the weights at which the next
//! pairs change, and which pairs those are; and, at a glance, what happens to the pairs when a
//! weight goes to 0 or to 1 (a tornado view).
//!
//! # Method
//!
//! Everything is found by re-solving the real profile with the one weight moved, so pins,
//! bans, `min_score`, capacities and the objective are all taken into account exactly as
//! `dyad match` would. "The matching does not change" means the current pairs remain an
//! optimal matching: where another matching is exactly as good (a tie, which rounding in the
//! last digits may break either way), nothing has to change. The matching is piecewise
//! constant in one weight:
//!
//! - With the `total` objective the score of a matching is, up to the positive normaliser
//!   `Σ w`, linear in the weight; a matching that is optimal at two weights is optimal between
//!   them. With `min_score = 0` the set of allowed pairs does not depend on the weights, so the
//!   stable range is found by checking the end of the range (0 or 1) and, if the matching
//!   differs there, bisecting down to [`TOLERANCE`].
//! - With `min_score > 0` a pair is allowed only while its score is at least the minimum; each
//!   pair's score is a ratio of linear functions of the weight, so it crosses the minimum at
//!   most once, at a weight computed exactly. Between two such crossings the argument above
//!   holds, so dyad probes just before and after every crossing in order, and bisects in the
//!   first stretch where the matching differs.
//! - With the `maximin` objective the worst pair, not a sum, decides, and the matching may
//!   change and change back; dyad probes the weight in steps of [`SCAN_STEP`] (plus the
//!   crossings above) and bisects in the first step where it differs. A change that reverts
//!   within less than one step can be missed; everything else is exact to [`TOLERANCE`].
//!
//! At the sample size (48 × 36) a solve takes a fraction of a millisecond and the whole
//! analysis a few tens of milliseconds, so a user interface can refresh it after each change
//! off its input thread; [`stability`] and [`influence`] work one criterion at a time so that
//! a long analysis on a large pool can be interrupted between criteria.

use crate::analysis::summary::Stats;
use crate::criteria::N;
use crate::error::InputError;
use crate::matching::engine::Evaluation;
use crate::matching::{self, Matching};
use crate::pool::Pool;
use crate::profile::{Objective, Profile};

/// Stable ranges are exact to this weight: the matching at `stable_high` is the current one,
/// and the one at `next_high` (at most this far above) differs.
pub const TOLERANCE: f64 = 1e-4;

/// Step of the scan used with the `maximin` objective.
pub const SCAN_STEP: f64 = 0.01;

pub use crate::analysis::compare::{PairChange, changes};

/// The stable range of one criterion's weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Stability {
    /// Index into [`crate::criteria::CRITERIA`].
    pub criterion: usize,
    /// The current weight.
    pub weight: f64,
    /// The matching is the current one for every weight in `stable_low..=stable_high`.
    pub stable_low: f64,
    /// The top of the stable range (inclusive).
    pub stable_high: f64,
    /// The nearest weight below `stable_low` (within [`TOLERANCE`]) where the matching differs;
    /// `None` when it is stable down to 0. A slider's "jump to the next change" goes here.
    pub next_low: Option<f64>,
    /// The nearest weight above `stable_high` where the matching differs; `None` when it is
    /// stable up to 1.
    pub next_high: Option<f64>,
    /// What changes at `next_low` / `next_high`, against the current matching.
    pub changes_low: Vec<PairChange>,
    /// What changes at `next_high`.
    pub changes_high: Vec<PairChange>,
}

impl Stability {
    /// How far the weight can move, in its more fragile direction, before a pair changes;
    /// `None` when it is stable over all of [0, 1].
    pub fn margin(&self) -> Option<f64> {
        let low = self.next_low.map(|_| self.weight - self.stable_low);
        let high = self.next_high.map(|_| self.stable_high - self.weight);
        match (low, high) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// The criterion whose weight is closest to changing the matching, with that margin.
pub fn most_fragile(all: &[Stability]) -> Option<(usize, f64)> {
    all.iter()
        .filter_map(|s| s.margin().map(|m| (s.criterion, m)))
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
}

/// Re-solves the profile with one weight moved.
struct Probe<'a> {
    pool: &'a Pool,
    ev: &'a Evaluation,
    criterion: usize,
    profile: Profile,
}

impl<'a> Probe<'a> {
    fn new(pool: &'a Pool, ev: &'a Evaluation, criterion: usize) -> Self {
        Probe {
            pool,
            ev,
            criterion,
            profile: ev.profile.clone(),
        }
    }

    /// The matching at weight `w`, and whether the current matching is still optimal there.
    fn at(&mut self, w: f64) -> Result<(Matching, bool), InputError> {
        self.profile.weights[self.criterion] = w;
        let scores = self.ev.table.combined(&self.profile.weights);
        let m = matching::solve_with_scores(self.pool, &self.ev.table, &self.profile, &scores)?;
        let holds = m.mentor_of == self.ev.matching.mentor_of
            || still_optimal(&self.ev.matching, &m, &scores, &self.profile);
        Ok((m, holds))
    }

    /// Weights between the current one and `end` (exclusive of the current, inclusive of
    /// `end`), nearest first, at which the matching must be checked: see the module notes.
    fn probes(&self, end: f64) -> Vec<f64> {
        let w0 = self.ev.profile.weights[self.criterion];
        let dir = if end > w0 { 1.0 } else { -1.0 };
        let inside = |t: f64| (t - w0) * dir > 0.0 && (end - t) * dir > 0.0;
        let mut points = vec![end];
        if self.ev.profile.objective == Objective::Maximin {
            let steps = ((end - w0).abs() / SCAN_STEP).ceil() as usize;
            points.extend((1..steps).map(|s| w0 + dir * SCAN_STEP * s as f64));
        }
        let min = self.ev.profile.constraints.min_score;
        if min > 0.0 {
            for t in self.crossings(min) {
                // Just before and just after each crossing, so that every stretch with a fixed
                // set of allowed pairs is checked at both of its ends.
                for p in [t - dir * 1e-7, t + dir * 1e-7] {
                    if inside(p) {
                        points.push(p);
                    }
                }
            }
        }
        points.sort_by(|a, b| ((a - w0) * dir).total_cmp(&((b - w0) * dir)));
        points.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        points
    }

    /// Weights at which a pair crosses `min_score`: where the set of allowed pairs changes.
    /// Every crossing matters, even of a pair leaving the allowed set: a matching that beat the
    /// current one may lose a pair there and let the current one back.
    fn crossings(&self, min: f64) -> Vec<f64> {
        let (pool, ev, k) = (self.pool, self.ev, self.criterion);
        let w = &ev.profile.weights;
        let others: f64 = w
            .iter()
            .enumerate()
            .filter(|(l, _)| *l != k)
            .map(|(_, x)| x)
            .sum();
        let mut out = Vec::new();
        for (i, me) in pool.mentees.iter().enumerate() {
            if !ev.profile.eligibility.eligible(me.training_completed)
                || pool.overrides.pin_of(i).is_some()
            {
                continue;
            }
            for j in 0..pool.mentors.len() {
                if matching::forbidden_by_rule(pool, &ev.table, &ev.profile, i, j).is_some() {
                    continue;
                }
                let s = ev.table.criteria(i, j);
                let a: f64 = (0..N).filter(|l| *l != k).map(|l| w[l] * s[l]).sum();
                // Allowed while 100·(a + x·s_k) − min·(others + x) ≥ 0: linear in x.
                let slope = 100.0 * s[k] - min;
                if slope != 0.0 {
                    out.push((min * others - 100.0 * a) / slope);
                }
            }
        }
        out
    }

    /// The first change from the current weight towards `end`: the last weight known to keep
    /// the matching, and the first known to change it with that matching.
    fn first_change(&mut self, end: f64) -> Result<(f64, Option<(f64, Matching)>), InputError> {
        let w0 = self.ev.profile.weights[self.criterion];
        if w0 == end {
            return Ok((end, None));
        }
        let mut last_same = w0;
        for p in self.probes(end) {
            let (m, holds) = self.at(p)?;
            if holds {
                last_same = p;
                continue;
            }
            let (mut lo, mut hi, mut changed) = (last_same, p, m);
            while (hi - lo).abs() > TOLERANCE {
                let mid = 0.5 * (lo + hi);
                let (mm, holds) = self.at(mid)?;
                if holds {
                    lo = mid;
                } else {
                    hi = mid;
                    changed = mm;
                }
            }
            return Ok((lo, Some((hi, changed))));
        }
        Ok((end, None))
    }
}

/// The objective of a matching under some pair scores: (mentees matched, worst pair not pinned,
/// total), or `None` when one of its pairs (not pinned) is below the profile's minimum.
fn objective(
    m: &Matching,
    scores: &[f64],
    mentors: usize,
    profile: &Profile,
) -> Option<(usize, f64, f64)> {
    let (mut worst, mut total) = (f64::INFINITY, 0.0);
    for p in &m.pairs {
        let s = scores[p.mentee * mentors + p.mentor];
        if !p.pinned {
            if s < profile.constraints.min_score {
                return None;
            }
            worst = worst.min(s);
        }
        total += s;
    }
    Some((m.pairs.len(), worst, total))
}

/// Whether `current` is as good as the optimum `best` under `scores` (a tie the solver may
/// break either way, or rounding in the last digits, does not count as a change). The
/// constraints other than `min_score` do not depend on the weights, so `current` stays
/// feasible apart from that.
pub fn still_optimal(
    current: &Matching,
    best: &Matching,
    scores: &[f64],
    profile: &Profile,
) -> bool {
    let mentors = if best.mentor_of.is_empty() {
        0
    } else {
        scores.len() / best.mentor_of.len()
    };
    let (Some(c), Some(b)) = (
        objective(current, scores, mentors, profile),
        objective(best, scores, mentors, profile),
    ) else {
        return false;
    };
    let eps = 1e-9 * (1.0 + b.2.abs());
    c.0 == b.0
        && c.2 >= b.2 - eps
        && (profile.objective == Objective::Total
            || b.1.is_infinite()
            || c.1 >= b.1 - 1e-9 * (1.0 + b.1.abs()))
}

/// The stable range of one criterion's weight under `ev`'s profile (see the module notes).
pub fn stability(pool: &Pool, ev: &Evaluation, criterion: usize) -> Result<Stability, InputError> {
    let mut probe = Probe::new(pool, ev, criterion);
    let weight = ev.profile.weights[criterion];
    let (stable_low, low) = probe.first_change(0.0)?;
    let (stable_high, high) = probe.first_change(1.0)?;
    let base = &ev.matching;
    Ok(Stability {
        criterion,
        weight,
        stable_low,
        stable_high,
        next_low: low.as_ref().map(|(w, _)| *w),
        next_high: high.as_ref().map(|(w, _)| *w),
        changes_low: low.map_or_else(Vec::new, |(_, m)| changes(base, &m)),
        changes_high: high.map_or_else(Vec::new, |(_, m)| changes(base, &m)),
    })
}

/// The stable ranges of every criterion, in [`crate::criteria::CRITERIA`] order.
pub fn stability_all(pool: &Pool, ev: &Evaluation) -> Result<Vec<Stability>, InputError> {
    (0..N).map(|k| stability(pool, ev, k)).collect()
}

/// The matching with one weight set to an extreme, and how it differs from the current one.
#[derive(Debug, Clone, PartialEq)]
pub struct Extreme {
    /// The weight set: 0 or 1.
    pub weight: f64,
    /// Mentees placed differently: another mentor, newly matched or newly unmatched.
    pub changed: usize,
    /// Mentees it matches.
    pub matched: usize,
    /// Mean and worst pair score of that matching, scored with the current profile (the
    /// yardstick), NaN when nothing is matched.
    pub mean: f64,
    /// The worst pair score (see `mean`).
    pub min: f64,
    /// The same figures minus the current matching's.
    pub mean_delta: f64,
    /// `min` minus the current matching's worst pair score.
    pub min_delta: f64,
}

impl Extreme {
    /// [`Extreme::mean_delta`] as shown: the difference of the two means each rounded to one
    /// decimal ([`crate::present::shown_delta`]), so the delta always agrees with the figures
    /// beside it. Screens and the command line both show this figure.
    pub fn mean_change(&self) -> f64 {
        crate::present::shown_delta(self.mean - self.mean_delta, self.mean, 1)
    }

    /// [`Extreme::min_delta`] as shown, like [`Extreme::mean_change`].
    pub fn min_change(&self) -> f64 {
        crate::present::shown_delta(self.min - self.min_delta, self.min, 1)
    }
}

/// A criterion's influence at a glance: its weight moved to 0 and to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Influence {
    /// Index into [`crate::criteria::CRITERIA`].
    pub criterion: usize,
    /// The current weight.
    pub weight: f64,
    /// The matching with the weight at 0.
    pub at_zero: Extreme,
    /// The matching with the weight at 1.
    pub at_one: Extreme,
}

impl Influence {
    /// The length of the tornado bar: mentees placed differently at either end.
    pub fn swing(&self) -> usize {
        self.at_zero.changed + self.at_one.changed
    }
}

/// What happens when one criterion's weight goes to 0 and to 1.
pub fn influence(pool: &Pool, ev: &Evaluation, criterion: usize) -> Result<Influence, InputError> {
    let mut probe = Probe::new(pool, ev, criterion);
    let now = &ev.summary.stats;
    let mut extreme = |w: f64| -> Result<Extreme, InputError> {
        let (m, _) = probe.at(w)?;
        // On the yardstick of the current profile: dropping a criterion must not look good
        // merely because there is one criterion fewer to miss.
        let scores: Vec<f64> = m
            .pairs
            .iter()
            .map(|p| ev.table.pair_score(p.mentee, p.mentor, &ev.profile.weights))
            .collect();
        let s = Stats::of(&scores);
        Ok(Extreme {
            weight: w,
            changed: changes(&ev.matching, &m).len(),
            matched: m.pairs.len(),
            mean: s.mean,
            min: s.min,
            mean_delta: s.mean - now.mean,
            min_delta: s.min - now.min,
        })
    };
    Ok(Influence {
        criterion,
        weight: ev.profile.weights[criterion],
        at_zero: extreme(0.0)?,
        at_one: extreme(1.0)?,
    })
}

/// The influence of every criterion, largest swing first (ties in criterion order): the rows
/// of a tornado chart.
pub fn tornado(pool: &Pool, ev: &Evaluation) -> Result<Vec<Influence>, InputError> {
    let mut all = (0..N)
        .map(|k| influence(pool, ev, k))
        .collect::<Result<Vec<_>, _>>()?;
    all.sort_by(|a, b| {
        b.swing()
            .cmp(&a.swing())
            .then(a.criterion.cmp(&b.criterion))
    });
    Ok(all)
}

/// Both analyses for a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// In criterion order.
    pub stability: Vec<Stability>,
    /// Largest swing first.
    pub influence: Vec<Influence>,
}

/// The stable range and the influence of every criterion under `ev`'s profile.
pub fn analyze(pool: &Pool, ev: &Evaluation) -> Result<Sensitivity, InputError> {
    Ok(Sensitivity {
        stability: stability_all(pool, ev)?,
        influence: tornado(pool, ev)?,
    })
}
