//! Kendall's rank correlation tau-b between two paired samples, in O(n log n) (Knight's
//! algorithm), with ties handled as in `scipy.stats.kendalltau`.
//!
//! For pairs of observations `(xᵢ, yᵢ)`, `(xⱼ, yⱼ)`: concordant when x and y order them the same
//! way, discordant when oppositely; pairs tied in x or in y are neither.
//! `tau_b = (C − D) / sqrt((n₀ − n₁)(n₀ − n₂))` with `n₀ = n(n−1)/2`, `n₁` the pairs tied in x
//! and `n₂` the pairs tied in y. It is 1 for identical orders, −1 for reversed ones, and
//! undefined (here `None`) with fewer than two observations or when either sample is constant.

use std::cmp::Ordering;

/// Number of pairs within runs of equal values of a sorted sequence.
fn tied_pairs<T, F: Fn(&T, &T) -> bool>(sorted: &[T], eq: F) -> u64 {
    let mut total = 0u64;
    let mut run = 1u64;
    for w in sorted.windows(2) {
        if eq(&w[0], &w[1]) {
            run += 1;
        } else {
            total += run * (run - 1) / 2;
            run = 1;
        }
    }
    if !sorted.is_empty() {
        total += run * (run - 1) / 2;
    }
    total
}

/// Sorts `v` and returns the number of strict inversions (pairs i < j with v[i] > v[j]).
fn sort_counting_inversions(v: &mut [f64], buf: &mut Vec<f64>) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut swaps = sort_counting_inversions(&mut v[..mid], buf);
    swaps += sort_counting_inversions(&mut v[mid..], buf);
    buf.clear();
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if v[j].total_cmp(&v[i]) == Ordering::Less {
            // v[j] is smaller than every element left in the first half.
            swaps += (mid - i) as u64;
            buf.push(v[j]);
            j += 1;
        } else {
            buf.push(v[i]);
            i += 1;
        }
    }
    buf.extend_from_slice(&v[i..mid]);
    buf.extend_from_slice(&v[j..n]);
    v.copy_from_slice(buf);
    swaps
}

/// Kendall's tau-b of `x` and `y` (the same length; NaN values are not expected: they sort
/// above every number). `None` when undefined.
pub fn tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mut pairs: Vec<(f64, f64)> = x[..n].iter().copied().zip(y[..n].iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let n0 = (n as u64) * (n as u64 - 1) / 2;
    let n1 = tied_pairs(&pairs, |a, b| a.0 == b.0);
    let n3 = tied_pairs(&pairs, |a, b| a.0 == b.0 && a.1 == b.1);
    let mut ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let mut buf = Vec::with_capacity(n);
    let discordant = sort_counting_inversions(&mut ys, &mut buf);
    let n2 = tied_pairs(&ys, |a, b| a == b);
    if n0 == n1 || n0 == n2 {
        return None;
    }
    let c_minus_d = n0 as f64 - n1 as f64 - n2 as f64 + n3 as f64 - 2.0 * discordant as f64;
    let tau = c_minus_d / ((n0 - n1) as f64).sqrt() / ((n0 - n2) as f64).sqrt();
    Some(tau.clamp(-1.0, 1.0))
}

/// The same by definition, in O(n²): for tests.
pub fn tau_b_naive(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    let (mut c, mut d, mut tx, mut ty, mut pairs) = (0i64, 0i64, 0i64, 0i64, 0i64);
    for i in 0..n {
        for j in i + 1..n {
            pairs += 1;
            let sx = x[i].total_cmp(&x[j]) as i64;
            let sy = y[i].total_cmp(&y[j]) as i64;
            tx += i64::from(sx == 0);
            ty += i64::from(sy == 0);
            c += i64::from(sx * sy > 0);
            d += i64::from(sx * sy < 0);
        }
    }
    if n < 2 || pairs == tx || pairs == ty {
        return None;
    }
    Some((c - d) as f64 / (((pairs - tx) as f64) * ((pairs - ty) as f64)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn identical_and_reversed_orders() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert!(close(tau_b(&x, &x), 1.0));
        let rev = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert!(close(tau_b(&x, &rev), -1.0));
        // Any increasing transform keeps the order.
        let sq: Vec<f64> = x.iter().map(|v| v * v + 7.0).collect();
        assert!(close(tau_b(&x, &sq), 1.0));
    }

    #[test]
    fn known_values_with_ties() {
        // scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) = -0.4714045207910317
        let x = [12.0, 2.0, 1.0, 12.0, 2.0];
        let y = [1.0, 4.0, 7.0, 1.0, 0.0];
        assert!(close(tau_b(&x, &y), -0.4714045207910317));
        // No ties: x = 1 2 3 4, y = 1 3 2 4: only the pair (2, 3) is discordant,
        // so (5 - 1) / 6.
        assert!(close(
            tau_b(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]),
            4.0 / 6.0
        ));
        // Ties in x only: x = 1 1 2, y = 1 2 3: n0 = 3, n1 = 1, C = 2, D = 0
        // -> 2 / sqrt(2 * 3).
        assert!(close(
            tau_b(&[1.0, 1.0, 2.0], &[1.0, 2.0, 3.0]),
            2.0 / 6f64.sqrt()
        ));
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(tau_b(&[], &[]), None);
        assert_eq!(tau_b(&[1.0], &[2.0]), None);
        assert_eq!(tau_b(&[3.0, 3.0, 3.0], &[1.0, 2.0, 3.0]), None);
    }

    #[test]
    fn fast_equals_naive_on_many_tied_samples() {
        let mut state = 0x2545f4914f6cdd1du64;
        let mut next = |k: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % k) as f64
        };
        for round in 0..200 {
            let n = 2 + round % 40;
            let levels = 1 + (round % 7) as u64;
            let x: Vec<f64> = (0..n).map(|_| next(levels)).collect();
            let y: Vec<f64> = (0..n).map(|_| next(levels + 1)).collect();
            let (a, b) = (tau_b(&x, &y), tau_b_naive(&x, &y));
            match (a, b) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{x:?} {y:?}"),
                (a, b) => assert_eq!(a, b, "{x:?} {y:?}"),
            }
        }
    }
}
