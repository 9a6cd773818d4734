//! How strongly one per-pair quantity goes with an outcome, with honest uncertainty: Kendall's
//! tau-b ([`crate::analysis::kendall`]), a 95 % interval, a two-sided permutation p-value, a Holm
//! adjustment over a family of such tests, and a plain verdict.
//!
//! Below [`ASYMPTOTIC_FROM`] answers the interval is a bootstrap percentile interval and the
//! p-value a Monte Carlo permutation test, [`RESAMPLES`] draws each (the p-value's Monte Carlo
//! standard error is at most [`mc_error`]). From [`ASYMPTOTIC_FROM`] answers on, both come from
//! normal approximations that cost one O(n log n) pass instead of thousands: the p-value from
//! the exact variance of Kendall's S over all permutations (ties included), the interval from
//! tau-b's asymptotic standard error (the U-statistic variance, from each answer's concordance
//! with the others). So a survey of any size is examined in O(n log n) per test.
//!
//! An interval and a verdict never say different things: a verdict needs the interval clear of
//! 0 on its side, and where the verdict withholds judgement an interval clear of 0 is not shown
//! (see [`decide`]); below [`MIN_ANSWERS`] there is neither.
//!
//! Everything random is drawn from a ChaCha8 stream seeded by the caller, so the same seed gives
//! the same interval and p-value on every platform.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand::{Rng, RngCore};
use rand_chacha::ChaCha8Rng;
use statrs::distribution::{ContinuousCDF, Normal};

use super::kendall::{concordance_each, kendall_s, null_variance_s, tau_b};

/// Fewer answers than this: no verdict at all.
pub const MIN_ANSWERS: usize = 8;
/// Bootstrap resamples for the interval, and permutations for the p-value, below
/// [`ASYMPTOTIC_FROM`] answers.
pub const RESAMPLES: usize = 2000;
/// From this many answers on, the interval and the p-value come from normal approximations.
pub const ASYMPTOTIC_FROM: usize = 50;
/// The confidence level of the interval, and the level of the (Holm-adjusted) test.
pub const LEVEL: f64 = 0.95;

/// The largest Monte Carlo standard error of a permutation p-value drawn with [`RESAMPLES`]
/// permutations: `sqrt(p(1 − p) / RESAMPLES)` at p = 0.5.
pub fn mc_error() -> f64 {
    0.5 / (RESAMPLES as f64).sqrt()
}

/// What the data say about a criterion's weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The interval lies above 0 and the adjusted p-value is below 5 %.
    Higher,
    /// The interval lies below 0 and the adjusted p-value is below 5 %.
    Lower,
    /// Neither.
    NoEvidence,
    /// Fewer than [`MIN_ANSWERS`] pairs answered: no verdict.
    TooFew,
    /// The quantity (or the outcome) is the same for every pair that answered.
    NoVariation,
}

/// The association of one quantity with one outcome over the pairs that answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Association {
    /// Pairs with both values.
    pub n: usize,
    /// Kendall's tau-b; `None` when undefined (fewer than two pairs, or no variation).
    pub tau: Option<f64>,
    /// 95 % interval of tau-b; `None` below [`MIN_ANSWERS`] answers, and where the verdict
    /// withholds judgement while the interval is clear of 0 (see [`decide`]).
    pub ci: Option<(f64, f64)>,
    /// Two-sided permutation p-value: below [`ASYMPTOTIC_FROM`] answers
    /// `(1 + #{|tau*| ≥ |tau|}) / (1 + permutations)`, from there on its normal approximation.
    /// `None` below [`MIN_ANSWERS`] answers.
    pub p: Option<f64>,
    /// `p` after Holm's adjustment over its family (see [`decide`]).
    pub p_adjusted: Option<f64>,
    /// What the council may read from it: an association, none, or too few answers to say.
    pub verdict: Verdict,
}

/// The values of `x` and `y` where both are known.
fn complete(x: &[Option<f64>], y: &[Option<f64>]) -> (Vec<f64>, Vec<f64>) {
    x.iter()
        .zip(y)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .unzip()
}

/// The q-quantile of sorted values, by linear interpolation between order statistics.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// A seed for the `k`-th test of a run: each test has its own stream, so adding an outcome
/// column does not change the figures of the others.
pub fn stream_seed(seed: u64, k: u64) -> u64 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(k);
    rng.next_u64()
}

/// Tau-b, interval and p-value of `x` against `y` (pairs missing either value are left out).
/// The verdict is preliminary until [`decide`] adjusts the family's p-values.
pub fn associate(x: &[Option<f64>], y: &[Option<f64>], seed: u64) -> Association {
    let (x, y) = complete(x, y);
    let n = x.len();
    let tau = tau_b(&x, &y);
    let mut out = Association {
        n,
        tau,
        ci: None,
        p: None,
        p_adjusted: None,
        verdict: Verdict::NoEvidence,
    };
    if n < MIN_ANSWERS {
        out.verdict = Verdict::TooFew;
        return out;
    }
    let Some(t) = tau else {
        out.verdict = Verdict::NoVariation;
        return out;
    };
    let (ci, p) = if n < ASYMPTOTIC_FROM {
        resampled(&x, &y, t, seed)
    } else {
        asymptotic(&x, &y, t)
    };
    out.ci = ci;
    out.p = Some(p);
    out
}

/// The bootstrap percentile interval and the Monte Carlo permutation p-value.
fn resampled(x: &[f64], y: &[f64], t: f64, seed: u64) -> (Option<(f64, f64)>, f64) {
    let n = x.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // Bootstrap: resample pairs with replacement; a resample without variation has no tau.
    let (mut bx, mut by) = (vec![0.0; n], vec![0.0; n]);
    let mut boots = Vec::with_capacity(RESAMPLES);
    for _ in 0..RESAMPLES {
        for i in 0..n {
            let j = rng.random_range(0..n);
            bx[i] = x[j];
            by[i] = y[j];
        }
        if let Some(b) = tau_b(&bx, &by) {
            boots.push(b);
        }
    }
    let ci = (!boots.is_empty()).then(|| {
        boots.sort_by(f64::total_cmp);
        let a = (1.0 - LEVEL) / 2.0;
        (quantile(&boots, a), quantile(&boots, 1.0 - a))
    });
    // Permutation: shuffle the outcomes against the quantity.
    let mut py = y.to_vec();
    let mut extreme = 0usize;
    for _ in 0..RESAMPLES {
        py.shuffle(&mut rng);
        // The same ties as y, so tau-b is defined whenever the observed one is.
        let pt = tau_b(x, &py).unwrap_or(0.0);
        if pt.abs() >= t.abs() - 1e-12 {
            extreme += 1;
        }
    }
    (ci, (1 + extreme) as f64 / (1 + RESAMPLES) as f64)
}

/// The normal approximations: the p-value of S against its exact permutation variance, and
/// tau-b ± z · its asymptotic standard error, clamped to [−1, 1].
fn asymptotic(x: &[f64], y: &[f64], t: f64) -> (Option<(f64, f64)>, f64) {
    let n = x.len() as f64;
    let normal = Normal::standard();
    let Some((s, tx, ty)) = kendall_s(x, y) else {
        return (None, 1.0);
    };
    let var0 = null_variance_s(x, y);
    let p = if var0 > 0.0 {
        (2.0 * normal.sf(s.abs() / var0.sqrt())).min(1.0)
    } else {
        1.0
    };
    // Each answer's share of concordance, h_i = s_i / (n − 1), averages U = S / n₀; the
    // variance of U is about 4 Var(h) / n, and tau-b = U · n₀ / sqrt(tx · ty).
    let each = concordance_each(x, y);
    let n0 = n * (n - 1.0) / 2.0;
    let u = s / n0;
    let var_h = each
        .iter()
        .map(|c| (c / (n - 1.0) - u).powi(2))
        .sum::<f64>()
        / (n - 1.0);
    let se = n0 * (4.0 * var_h / n).sqrt() / tx.sqrt() / ty.sqrt();
    let z = normal.inverse_cdf(1.0 - (1.0 - LEVEL) / 2.0);
    let ci = ((t - z * se).max(-1.0), (t + z * se).min(1.0));
    (Some(ci), p)
}

/// Holm's step-down adjustment of p-values (`None` stays `None` and does not count).
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_some()).collect();
    order.sort_by(|&a, &b| p[a].unwrap_or(1.0).total_cmp(&p[b].unwrap_or(1.0)));
    let m = order.len();
    let mut out = vec![None; p.len()];
    let mut running = 0.0f64;
    for (rank, &i) in order.iter().enumerate() {
        let adj = ((m - rank) as f64 * p[i].unwrap_or(1.0)).min(1.0);
        running = running.max(adj);
        out[i] = Some(running);
    }
    out
}

/// Sets the verdicts of one family of tests (for example every criterion against one outcome):
/// Holm-adjusts their p-values, then calls a weight supported only when the interval excludes
/// 0 and the adjusted p-value is below 1 − [`LEVEL`]. An interval clear of 0 without a verdict
/// is dropped, so what is shown never contradicts the verdict. Tests with fewer than
/// [`MIN_ANSWERS`] answers or no variation keep their verdict and do not count in the family.
pub fn decide(family: &mut [Association]) {
    let ps: Vec<Option<f64>> = family
        .iter()
        .map(|a| a.p.filter(|_| a.verdict == Verdict::NoEvidence))
        .collect();
    let adjusted = holm(&ps);
    for (a, adj) in family.iter_mut().zip(adjusted) {
        if a.verdict != Verdict::NoEvidence {
            continue;
        }
        a.p_adjusted = adj;
        let significant = adj.is_some_and(|p| p < 1.0 - LEVEL);
        a.verdict = match a.ci {
            Some((lo, _)) if lo > 0.0 && significant => Verdict::Higher,
            Some((_, hi)) if hi < 0.0 && significant => Verdict::Lower,
            _ => Verdict::NoEvidence,
        };
        if a.verdict == Verdict::NoEvidence && a.ci.is_some_and(|(lo, hi)| lo > 0.0 || hi < 0.0) {
            // Clear of 0 by itself, not once the family is taken into account: showing it
            // beside "no evidence" would say two things at once.
            a.ci = None;
        }
    }
}

/// Number of tests in a family that could reach a verdict.
pub fn tested(family: &[Association]) -> usize {
    family.iter().filter(|a| a.p_adjusted.is_some()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holm_multiplies_by_the_remaining_count_and_stays_monotone() {
        let p = [Some(0.01), None, Some(0.04), Some(0.03)];
        let h = holm(&p);
        // Sorted: 0.01 (×3), 0.03 (×2), 0.04 (×1) -> 0.03, 0.06, max(0.04, 0.06).
        assert!((h[0].unwrap() - 0.03).abs() < 1e-12);
        assert_eq!(h[1], None);
        assert!((h[3].unwrap() - 0.06).abs() < 1e-12);
        assert!((h[2].unwrap() - 0.06).abs() < 1e-12);
    }

    #[test]
    fn a_perfect_order_is_supported_and_its_reverse_opposed() {
        let x: Vec<Option<f64>> = (0..20).map(|i| Some(i as f64)).collect();
        let up = x.clone();
        let down: Vec<Option<f64>> = (0..20).map(|i| Some(-(i as f64))).collect();
        let mut fam = vec![associate(&x, &up, 1), associate(&x, &down, 2)];
        decide(&mut fam);
        assert_eq!(fam[0].verdict, Verdict::Higher);
        assert_eq!(fam[1].verdict, Verdict::Lower);
        assert!(fam[0].p.unwrap() < 0.001);
    }

    #[test]
    fn missing_values_are_left_out_and_few_answers_get_no_verdict() {
        let x = [Some(1.0), Some(2.0), None, Some(4.0), Some(5.0)];
        let y = [Some(1.0), None, Some(3.0), Some(4.0), Some(5.0)];
        let mut fam = vec![associate(&x, &y, 3)];
        assert_eq!(fam[0].n, 3);
        decide(&mut fam);
        assert_eq!(fam[0].verdict, Verdict::TooFew);
        let flat = vec![Some(2.0); 10];
        let ys: Vec<Option<f64>> = (0..10).map(|i| Some(i as f64)).collect();
        assert_eq!(associate(&flat, &ys, 4).verdict, Verdict::NoVariation);
    }

    #[test]
    fn the_same_seed_gives_the_same_interval_and_p() {
        let x: Vec<Option<f64>> = (0..15).map(|i| Some((i * 7 % 5) as f64)).collect();
        let y: Vec<Option<f64>> = (0..15).map(|i| Some((i % 4) as f64)).collect();
        assert_eq!(associate(&x, &y, 9), associate(&x, &y, 9));
        assert_ne!(associate(&x, &y, 9).ci, associate(&x, &y, 10).ci);
    }
}
