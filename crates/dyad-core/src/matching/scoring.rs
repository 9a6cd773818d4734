//! Per-criterion score matrices for a pool, computed once and combined with any weights.
//!
//! Moving a slider only changes weights, so the ten criterion scores of every pair are kept
//! and each pair score is a weighted sum of them. Each criterion is scored once per class of
//! mentees and class of mentors that it tells apart, and kept as one value per pair or as that
//! table by class, by the pool's size ([`super::columns`]).
//!
//! # Exact arithmetic
//!
//! A criterion score is stored as a whole number of steps of `1 /`[`CRITERION_STEPS`] (55,440 =
//! 2⁴·3²·5·7·11, so halves, thirds, quarters, fifths, sixths, tenths and twelfths are exact; a
//! continuous score such as proximity is rounded by at most 1/110,880), in a `u16`. A weight
//! counts as a whole number of steps of `1 /`[`WEIGHT_STEPS`] (10⁷, so any weight written with
//! up to seven decimals is exact). The *numerator* of a pair, `Σ Wᵢ·Sᵢ` over those whole
//! numbers, is then an integer below 2⁴³, held exactly in an `f64`, and
//!
//! ```text
//! pair score = 100 · numerator / (Σ Wᵢ · CRITERION_STEPS)        (0 when every weight is 0)
//! ```
//!
//! which is `100 · Σ wᵢsᵢ / Σ wᵢ` of the stored values. Because numerators are exact integers:
//!
//! * moving one weight updates every numerator by `ΔW · Sₖ` with no rounding at all, so a
//!   matrix updated over any number of slider steps is bit for bit the one computed from
//!   scratch (no drift, nothing to recompute now and then);
//! * the matching is solved on the numerators themselves (the same argmax as the scores, up to
//!   the positive normaliser), in the solver's exact integer arithmetic, so equal totals are
//!   truly equal and ties are broken the same way on every path (see [`crate::solver`]).

use std::sync::Arc;

use crate::criteria::specialty::SpecialtyFamilies;
use crate::criteria::{self, CRITERIA, PairCtx, Params, Weights};
use crate::pool::Pool;
use crate::pool::geo::haversine_km;

use super::columns::{self, ByClass, Column, Exact, Layout};

/// A criterion score is stored in steps of `1 / CRITERION_STEPS`.
pub const CRITERION_STEPS: u16 = 55_440;

pub use crate::profile::limits::WEIGHT_STEPS;

/// Criterion scores and distances of every (mentee, mentor) pair of a pool, held as
/// [`super::columns`] says. Columns that do not depend on the criterion parameters are shared
/// (by reference count) between the tables of one pool, see [`ScoreTable::build_like`].
#[derive(Clone)]
pub struct ScoreTable {
    /// Mentees in the pool (rows).
    pub mentees: usize,
    /// Mentors in the pool (columns).
    pub mentors: usize,
    /// The criterion parameters the table was scored with.
    pub params: Params,
    /// Criterion k for every pair, in steps.
    criteria: Vec<Arc<Column<u16>>>,
    /// Distance in km, NaN when either location is unknown.
    distance: Arc<Column<f32>>,
}

impl std::fmt::Debug for ScoreTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScoreTable")
            .field("mentees", &self.mentees)
            .field("mentors", &self.mentors)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

/// Weights as whole steps, with the normaliser that turns a numerator into a pair score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighting {
    /// `Wᵢ`: each weight in steps of `1 / WEIGHT_STEPS` (whole numbers held in `f64`).
    pub steps: [f64; criteria::N],
    /// `Σ Wᵢ · CRITERION_STEPS`: the numerator of a pair scoring 100.
    pub denominator: f64,
}

impl Weighting {
    /// The weighting of a profile's weights, each rounded to the nearest step.
    pub fn new(weights: &Weights) -> Weighting {
        let steps = weights.map(weight_steps);
        let sum: f64 = steps.iter().sum();
        Weighting {
            steps,
            denominator: sum * f64::from(CRITERION_STEPS),
        }
    }

    /// The pair score (0–100) of a numerator.
    #[inline]
    pub fn score(&self, numerator: f64) -> f64 {
        if self.denominator > 0.0 {
            // 100 · numerator is an exact integer below 2⁵⁰: one rounding, in the division.
            (100.0 * numerator / self.denominator).min(100.0)
        } else {
            0.0
        }
    }

    /// The numerator `Σ Wᵢ·Sᵢ` of a pair's criteria in steps: [`ScoreTable::numerator`] of the
    /// same pair, bit for bit (the same terms summed in the same order).
    #[inline]
    pub fn numerator_of_steps(&self, steps: &[u16; criteria::N]) -> f64 {
        (0..criteria::N)
            .filter(|&k| self.steps[k] != 0.0)
            .map(|k| self.steps[k] * f64::from(steps[k]))
            .sum()
    }

    /// The numerator whose score is `score` (exact when `score` came from [`Weighting::score`]).
    pub fn numerator_of(&self, score: f64) -> f64 {
        if self.denominator > 0.0 && score.is_finite() {
            (score * self.denominator / 100.0).round()
        } else {
            0.0
        }
    }

    /// The smallest numerator whose score is at least `min`, so that "score < min" is exactly
    /// "numerator < this" (the score is monotone in the numerator).
    pub fn min_numerator(&self, min: f64) -> f64 {
        if self.score(0.0) >= min {
            return 0.0;
        }
        if self.score(self.denominator) < min {
            return f64::INFINITY;
        }
        let (mut lo, mut hi) = (0.0f64, self.denominator);
        // Invariant: score(lo) < min ≤ score(hi); integers, so this ends.
        while hi - lo > 1.0 {
            let mid = ((lo + hi) / 2.0).floor();
            if self.score(mid) >= min {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }
}

/// Whether these weights cannot tell any two pairs apart: every weight is 0 once counted in
/// whole steps of `1 /`[`WEIGHT_STEPS`] (all zero, or all below 0.00000005), so every pair
/// scores 0 and the matching only counts pairs. `dyad match`, `dyad export` and the TUI warn.
pub fn weights_inert(weights: &crate::criteria::Weights) -> bool {
    weights.iter().all(|&w| weight_steps(w) == 0.0)
}

/// The warning shown when [`weights_inert`] holds.
pub const INERT_WEIGHTS_WARNING: &str = "warning: every weight is 0 (or too small to count, below \
     0.0000001), so every pair scores 0 and the matching only counts pairs";

/// A weight in whole steps (weights are in [0, 1]; anything else is clamped, NaN is 0).
fn weight_steps(w: f64) -> f64 {
    if w.is_nan() {
        return 0.0;
    }
    (w.clamp(0.0, 1.0) * WEIGHT_STEPS).round()
}

/// A criterion score in whole steps.
fn criterion_steps(s: f64) -> u16 {
    let s = if s.is_nan() { 0.0 } else { s.clamp(0.0, 1.0) };
    (s * f64::from(CRITERION_STEPS)).round() as u16
}

/// Pairs per thread below which summing numerators stays on one thread.
const THREAD_PAIRS: usize = 1 << 20;

/// The threads that sum numerators for large pools: the available cores, at most eight.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(8)
}

impl ScoreTable {
    /// Scores every pair of the pool under `params` (no column shared with another table).
    pub fn build(pool: &Pool, params: &Params, families: &SpecialtyFamilies) -> ScoreTable {
        Self::build_like(pool, params, families, None)
    }

    /// Builds the table, sharing every column that comes out identical to `like`'s (the
    /// criteria that do not depend on the parameters, and the distances) instead of storing it
    /// twice. Each criterion is scored once per class of mentees and class of mentors (see
    /// [`super::columns`]), laid out for the pool's size.
    pub fn build_like(
        pool: &Pool,
        params: &Params,
        families: &SpecialtyFamilies,
        like: Option<&ScoreTable>,
    ) -> ScoreTable {
        Self::build_laid_out(pool, params, families, like, Layout::Auto)
    }

    /// [`ScoreTable::build_like`] with the columns in the given layout (the same values
    /// whichever: for tests and benches of the layouts themselves).
    pub fn build_laid_out(
        pool: &Pool,
        params: &Params,
        families: &SpecialtyFamilies,
        like: Option<&ScoreTable>,
        layout: Layout,
    ) -> ScoreTable {
        let (n, m) = (pool.mentees.len(), pool.mentors.len());
        let layout = layout.for_pairs(n * m);
        let like = like.filter(|t| t.mentees == n && t.mentors == m);
        let classes = |key: &str| {
            (
                columns::mentee_classes(key, pool),
                columns::mentor_classes(key, pool),
            )
        };
        let (mentees, mentors) = classes("distance");
        let distance = ByClass::score(mentees, mentors, |i, j| {
            centroid_km(&pool.mentees[i], &pool.mentors[j]).map_or(f32::NAN, |d| d as f32)
        });
        let distance = share(
            Column::laid_out(distance, layout),
            like.map(|t| &t.distance),
        );
        let criteria = CRITERIA
            .iter()
            .enumerate()
            .map(|(k, criterion)| {
                let (mentees, mentors) = classes(criterion.key);
                // Only proximity reads the distance (its classes are by location): the others
                // are scored without computing it.
                let far = criterion.key != "proximity";
                let by = ByClass::score(mentees, mentors, |i, j| {
                    let ctx = pair_ctx(pool, params, families, i, j, far);
                    criterion_steps((criterion.score)(&ctx).clamp(0.0, 1.0))
                });
                share(Column::laid_out(by, layout), like.map(|t| &t.criteria[k]))
            })
            .collect();
        ScoreTable {
            mentees: n,
            mentors: m,
            params: *params,
            criteria,
            distance,
        }
    }

    /// Bytes held by this table's columns (shared ones included).
    pub fn bytes(&self) -> usize {
        self.criteria.iter().map(|c| c.bytes()).sum::<usize>() + self.distance.bytes()
    }

    /// The ten criterion scores of one pair of `pool`, exactly as a table of the same
    /// parameters holds them (in steps of `1 / CRITERION_STEPS`), without building a table: for
    /// a few pairs of a large pool.
    pub fn pair_criteria(
        pool: &Pool,
        params: &Params,
        families: &SpecialtyFamilies,
        mentee: usize,
        mentor: usize,
    ) -> [f64; criteria::N] {
        let ctx = pair_ctx(pool, params, families, mentee, mentor, false);
        let unit = f64::from(CRITERION_STEPS);
        criteria::score_all(&ctx).map(|v| f64::from(criterion_steps(v)) / unit)
    }

    /// The ten criterion scores of one pair.
    pub fn criteria(&self, mentee: usize, mentor: usize) -> [f64; criteria::N] {
        let unit = f64::from(CRITERION_STEPS);
        std::array::from_fn(|k| f64::from(self.steps(k, mentee, mentor)) / unit)
    }

    /// Criterion `k` of one pair, in steps of `1 / CRITERION_STEPS`.
    #[inline]
    pub fn steps(&self, k: usize, mentee: usize, mentor: usize) -> u16 {
        self.criteria[k].get(mentee, mentor, self.mentors)
    }

    /// Distance in km, `None` when a location is unknown.
    pub fn distance_km(&self, mentee: usize, mentor: usize) -> Option<f64> {
        let d = self.distance_f32(mentee, mentor);
        (!d.is_nan()).then_some(f64::from(d))
    }

    /// Distance in km as stored, NaN when a location is unknown.
    #[inline]
    pub fn distance_f32(&self, mentee: usize, mentor: usize) -> f32 {
        self.distance.get(mentee, mentor, self.mentors)
    }

    /// The numerator `Σ Wᵢ·Sᵢ` of one pair (see the module notes).
    #[inline]
    pub fn numerator(&self, mentee: usize, mentor: usize, w: &Weighting) -> f64 {
        (0..criteria::N)
            .filter(|&k| w.steps[k] != 0.0)
            .map(|k| w.steps[k] * f64::from(self.steps(k, mentee, mentor)))
            .sum()
    }

    /// The score (0–100) of one pair under some weights.
    pub fn pair_score(&self, mentee: usize, mentor: usize, weights: &Weights) -> f64 {
        let w = Weighting::new(weights);
        w.score(self.numerator(mentee, mentor, &w))
    }

    /// Every pair's numerator, row-major by mentee, into `out` (resized). Pairs with
    /// `allowed[k] == false` get `−∞` instead, the solver's mark of a forbidden pair. Rows are
    /// summed on [`threads`] threads for large pools; the result does not depend on how many.
    pub fn numerators_into(&self, w: &Weighting, allowed: Option<&[bool]>, out: &mut Vec<f64>) {
        let worth = (self.mentees * self.mentors / THREAD_PAIRS).max(1);
        self.numerators_on(w, allowed, out, threads().min(worth));
    }

    /// [`ScoreTable::numerators_into`] on `threads` threads (at most one a row).
    pub fn numerators_on(
        &self,
        w: &Weighting,
        allowed: Option<&[bool]>,
        out: &mut Vec<f64>,
        threads: usize,
    ) {
        let (n, m) = (self.mentees, self.mentors);
        out.clear();
        out.resize(n * m, 0.0);
        let threads = threads.clamp(1, n.max(1));
        let rows = n.div_ceil(threads).max(1);
        let chunk = rows * m.max(1);
        std::thread::scope(|scope| {
            for (t, part) in out.chunks_mut(chunk).enumerate() {
                let mut work = move || self.sum_rows(w, allowed, t * rows, part);
                if threads == 1 {
                    work();
                } else {
                    scope.spawn(work);
                }
            }
        });
    }

    /// The numerators of the rows from `first` on, into `out` (zeroed, whole rows).
    fn sum_rows(&self, w: &Weighting, allowed: Option<&[bool]>, first: usize, out: &mut [f64]) {
        let m = self.mentors;
        let active: Vec<usize> = (0..criteria::N).filter(|&k| w.steps[k] != 0.0).collect();
        // Row by row, so that the row being summed stays in the first-level cache.
        for (r, row) in out.chunks_exact_mut(m.max(1)).enumerate() {
            let i = first + r;
            for &k in &active {
                self.criteria[k].add_row(i, w.steps[k], row);
            }
            if let Some(allowed) = allowed {
                for (o, &a) in row.iter_mut().zip(&allowed[i * m..(i + 1) * m]) {
                    *o = if a { *o } else { f64::NEG_INFINITY };
                }
            }
        }
    }

    /// Adds `delta` weight steps of criterion `k` to numerators made by
    /// [`ScoreTable::numerators_into`]: exact, and `−∞` stays `−∞`.
    pub fn add_criterion(&self, k: usize, delta: f64, numerators: &mut [f64]) {
        if delta == 0.0 {
            return;
        }
        let m = self.mentors.max(1);
        for (i, row) in numerators
            .chunks_exact_mut(m)
            .enumerate()
            .take(self.mentees)
        {
            self.criteria[k].add_row(i, delta, row);
        }
    }

    /// [`ScoreTable::add_criterion`] for the numerators of mentee `i` only (`row`).
    #[inline]
    pub fn add_criterion_row(&self, k: usize, delta: f64, i: usize, row: &mut [f64]) {
        self.criteria[k].add_row(i, delta, row);
    }

    /// Every pair score (0–100) under some weights, row-major by mentee.
    pub fn combined(&self, weights: &Weights) -> Vec<f64> {
        let w = Weighting::new(weights);
        let mut out = Vec::new();
        self.numerators_into(&w, None, &mut out);
        for o in &mut out {
            *o = w.score(*o);
        }
        out
    }
}

/// `column`, or `like` when that holds the same values (then stored once).
fn share<T: Exact>(column: Column<T>, like: Option<&Arc<Column<T>>>) -> Arc<Column<T>> {
    match like {
        Some(l) if l.same(&column) => l.clone(),
        _ => Arc::new(column),
    }
}

/// What the criteria look at for mentee `i` and mentor `j` of `pool` (without the distance when
/// `no_distance`).
fn pair_ctx<'a>(
    pool: &'a Pool,
    params: &'a Params,
    families: &'a SpecialtyFamilies,
    i: usize,
    j: usize,
    no_distance: bool,
) -> PairCtx<'a> {
    let (mentee, mentor) = (&pool.mentees[i], &pool.mentors[j]);
    PairCtx {
        mentee,
        mentor,
        distance_km: if no_distance {
            None
        } else {
            centroid_km(mentee, mentor)
        },
        params,
        families,
    }
}

/// The distance between a mentee's and a mentor's ZIP3 centroids, when both are known.
fn centroid_km(mentee: &crate::pool::Mentee, mentor: &crate::pool::Mentor) -> Option<f64> {
    match (mentee.location, mentor.location) {
        (Some(a), Some(b)) => Some(haversine_km(a, b)),
        _ => None,
    }
}

/// The criterion keys, for headers.
pub fn criterion_keys() -> impl Iterator<Item = &'static str> {
    CRITERIA.iter().map(|c| c.key)
}

#[cfg(test)]
mod inert_tests {
    #[test]
    fn weights_too_small_to_count_are_inert() {
        let mut w = [0.0; crate::criteria::N];
        assert!(super::weights_inert(&w));
        w[0] = 1e-8;
        assert!(super::weights_inert(&w));
        w[0] = 1e-7;
        assert!(!super::weights_inert(&w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_fractions_are_exact_steps() {
        for (num, den) in [
            (1, 2),
            (1, 3),
            (2, 3),
            (1, 4),
            (3, 5),
            (1, 6),
            (7, 10),
            (5, 12),
        ] {
            let s = f64::from(num) / f64::from(den);
            let steps = criterion_steps(s);
            assert_eq!(
                f64::from(steps) / f64::from(CRITERION_STEPS),
                s,
                "{num}/{den}"
            );
        }
        assert_eq!(criterion_steps(1.0), CRITERION_STEPS);
        assert_eq!(criterion_steps(f64::NAN), 0);
    }

    #[test]
    fn scores_are_weighted_means_of_the_stored_values() {
        let w = Weighting::new(&[0.9, 0.8, 0.8, 0.3, 0.6, 0.5, 0.4, 0.6, 0.3, 0.2]);
        assert_eq!(w.steps[0], 9_000_000.0);
        let full = w.denominator;
        assert_eq!(w.score(full), 100.0);
        assert_eq!(w.score(0.0), 0.0);
        assert_eq!(w.score(full / 2.0), 50.0);
        let zero = Weighting::new(&[0.0; criteria::N]);
        assert_eq!(zero.score(0.0), 0.0);
    }

    #[test]
    fn numerators_round_trip_through_scores() {
        let w = Weighting::new(&[0.35, 0.8, 0.1, 0.0, 0.6, 0.05, 0.4, 0.6, 0.3, 0.2]);
        for k in [0.0, 1.0, 12_345.0, 9e11, w.denominator - 1.0, w.denominator] {
            assert_eq!(w.numerator_of(w.score(k)), k);
        }
    }

    #[test]
    fn min_numerator_splits_scores_exactly() {
        let w = Weighting::new(&[0.33, 0.8, 0.1, 0.0, 0.6, 0.05, 0.4, 0.6, 0.3, 0.2]);
        for min in [0.0, 1e-9, 12.5, 40.0, 65.4321, 99.99999, 100.0, 100.5] {
            let t = w.min_numerator(min);
            if t.is_finite() {
                assert!(w.score(t) >= min);
                if t > 0.0 {
                    assert!(w.score(t - 1.0) < min);
                }
            } else {
                assert!(w.score(w.denominator) < min);
            }
        }
    }

    #[test]
    fn incremental_numerators_never_drift() {
        let pool = crate::embedded::sample_pool();
        let table = ScoreTable::build(
            &pool,
            &Params::default(),
            crate::criteria::specialty::builtin(),
        );
        let mut weights = [0.5; criteria::N];
        let mut w = Weighting::new(&weights);
        let mut incremental = Vec::new();
        table.numerators_into(&w, None, &mut incremental);
        let mut seed = 3u64;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = (seed >> 33) as usize % criteria::N;
            let delta = [0.01, 0.05, 0.25, 0.123_456_7][(seed >> 20) as usize % 4];
            let up = (seed >> 40) & 1 == 1;
            weights[k] = (weights[k] + if up { delta } else { -delta }).clamp(0.0, 1.0);
            let next = Weighting::new(&weights);
            table.add_criterion(k, next.steps[k] - w.steps[k], &mut incremental);
            w = next;
        }
        let mut fresh = Vec::new();
        table.numerators_into(&w, None, &mut fresh);
        assert!(
            incremental
                .iter()
                .zip(&fresh)
                .all(|(a, b)| a.to_bits() == b.to_bits())
        );
        assert_eq!(table.combined(&weights)[7], w.score(fresh[7]));
    }
}
