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

/// Kendall's S (concordant minus discordant pairs) of `x` and `y` and the two factors of
/// tau-b's denominator, `n₀ − n₁` and `n₀ − n₂`; `None` when tau-b is undefined.
pub fn kendall_s(x: &[f64], y: &[f64]) -> Option<(f64, f64, f64)> {
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
    Some((c_minus_d, (n0 - n1) as f64, (n0 - n2) as f64))
}

/// Kendall's tau-b of `x` and `y` (the same length; NaN values are not expected: they sort
/// above every number). `None` when undefined.
pub fn tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let (s, tx, ty) = kendall_s(x, y)?;
    Some((s / tx.sqrt() / ty.sqrt()).clamp(-1.0, 1.0))
}

/// The sizes of the runs of equal values of `v` (sorted on a copy).
fn tie_runs(v: &[f64]) -> Vec<f64> {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let mut runs = Vec::new();
    let mut run = 1.0;
    for w in s.windows(2) {
        if w[0] == w[1] {
            run += 1.0;
        } else {
            runs.push(run);
            run = 1.0;
        }
    }
    if !s.is_empty() {
        runs.push(run);
    }
    runs
}

/// The variance of Kendall's S when `x` and `y` are independent: its exact variance over all
/// permutations of `y` against `x`, ties in both included (Kendall 1970, as
/// `scipy.stats.kendalltau` uses for its asymptotic p-value).
pub fn null_variance_s(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    let (tx, ty) = (tie_runs(x), tie_runs(y));
    let sum = |runs: &[f64], f: &dyn Fn(f64) -> f64| runs.iter().map(|&t| f(t)).sum::<f64>();
    let v0 = n * (n - 1.0) * (2.0 * n + 5.0);
    let vt = sum(&tx, &|t| t * (t - 1.0) * (2.0 * t + 5.0));
    let vu = sum(&ty, &|u| u * (u - 1.0) * (2.0 * u + 5.0));
    let v1 = sum(&tx, &|t| t * (t - 1.0)) * sum(&ty, &|u| u * (u - 1.0));
    let v2 = sum(&tx, &|t| t * (t - 1.0) * (t - 2.0)) * sum(&ty, &|u| u * (u - 1.0) * (u - 2.0));
    (v0 - vt - vu) / 18.0 + v1 / (2.0 * n * (n - 1.0)) + v2 / (9.0 * n * (n - 1.0) * (n - 2.0))
}

/// For each observation i, `Σⱼ sign(xᵢ − xⱼ)·sign(yᵢ − yⱼ)`: how many others it is concordant
/// with minus how many it is discordant with (ties count 0). Their sum is 2S. In O(n log n):
/// a sweep over x in each direction with a Fenwick tree over the ranks of y.
pub fn concordance_each(x: &[f64], y: &[f64]) -> Vec<f64> {
    let n = x.len().min(y.len());
    // Ranks of y, equal values sharing one rank.
    let mut by_y: Vec<usize> = (0..n).collect();
    by_y.sort_by(|&a, &b| y[a].total_cmp(&y[b]));
    let mut rank = vec![0usize; n];
    let mut r = 0;
    for k in 0..n {
        if k > 0 && y[by_y[k]] != y[by_y[k - 1]] {
            r += 1;
        }
        rank[by_y[k]] = r;
    }
    let ranks = r + 1;
    let mut by_x: Vec<usize> = (0..n).collect();
    by_x.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut out = vec![0.0; n];
    let down: Vec<usize> = by_x.iter().rev().copied().collect();
    for (up, order) in [(true, by_x), (false, down)] {
        // Before each group of equal x: the tree holds every observation strictly below it (or,
        // on the way down, strictly above it).
        let mut tree = Fenwick::new(ranks);
        let mut inserted = 0u64;
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && x[order[end]] == x[order[start]] {
                end += 1;
            }
            for &i in &order[start..end] {
                let below = tree.prefix(rank[i]);
                let at_or_below = tree.prefix(rank[i] + 1);
                let above = inserted - at_or_below;
                // Going up in x, the others are smaller in x: concordant when smaller in y.
                // Going down, they are larger in x: concordant when larger in y. Both sweeps
                // add (same direction) − (opposite direction) with the roles swapped.
                let (same, opposite) = if up { (below, above) } else { (above, below) };
                out[i] += same as f64 - opposite as f64;
            }
            for &i in &order[start..end] {
                tree.add(rank[i]);
                inserted += 1;
            }
            start = end;
        }
    }
    out
}
/// Counts of observations by rank of y, with prefix sums in O(log n).
struct Fenwick(Vec<u64>);

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick(vec![0; n + 1])
    }

    fn add(&mut self, rank: usize) {
        let mut i = rank + 1;
        while i < self.0.len() {
            self.0[i] += 1;
            i += i & i.wrapping_neg();
        }
    }

    /// How many have a rank below `end`.
    fn prefix(&self, end: usize) -> u64 {
        let (mut i, mut sum) = (end, 0);
        while i > 0 {
            sum += self.0[i];
            i -= i & i.wrapping_neg();
        }
        sum
    }
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

    /// Small whole numbers below `k` (as f64) from a xorshift stream: many ties.
    fn xorshift(mut state: u64) -> impl FnMut(u64) -> f64 {
        move |k| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % k) as f64
        }
    }

    #[test]
    fn each_observation_concordance_sums_to_twice_s_and_matches_its_definition() {
        let mut next = xorshift(0x9e3779b97f4a7c15u64);
        for round in 0..100 {
            let n = 2 + round % 30;
            let levels = 1 + (round % 6) as u64;
            let x: Vec<f64> = (0..n).map(|_| next(levels)).collect();
            let y: Vec<f64> = (0..n).map(|_| next(levels + 2)).collect();
            let each = concordance_each(&x, &y);
            for i in 0..n {
                let want: f64 = (0..n)
                    .map(|j| (x[i].total_cmp(&x[j]) as i64 * y[i].total_cmp(&y[j]) as i64) as f64)
                    .sum();
                assert_eq!(each[i], want, "{x:?} {y:?} at {i}");
            }
            if let Some((s, _, _)) = kendall_s(&x, &y) {
                assert_eq!(each.iter().sum::<f64>(), 2.0 * s, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn the_null_variance_is_that_of_s_over_every_permutation() {
        // All 5! orders of y against x, ties in both: the variance of S over them.
        let x = [1.0, 1.0, 2.0, 3.0, 3.0];
        let y = [0.0, 5.0, 5.0, 7.0, 9.0];
        let mut all = Vec::new();
        let mut idx = [0usize, 1, 2, 3, 4];
        permute(&mut idx, 0, &mut |p| {
            let py: Vec<f64> = p.iter().map(|&k| y[k]).collect();
            all.push(kendall_s(&x, &py).map_or(0.0, |k| k.0));
        });
        let mean = all.iter().sum::<f64>() / all.len() as f64;
        let var = all.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / all.len() as f64;
        assert!(mean.abs() < 1e-12);
        assert!((var - null_variance_s(&x, &y)).abs() < 1e-9, "{var}");
    }

    fn permute(v: &mut [usize; 5], k: usize, f: &mut dyn FnMut(&[usize; 5])) {
        if k == v.len() {
            f(v);
            return;
        }
        for i in k..v.len() {
            v.swap(k, i);
            permute(v, k + 1, f);
            v.swap(k, i);
        }
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(tau_b(&[], &[]), None);
        assert_eq!(tau_b(&[1.0], &[2.0]), None);
        assert_eq!(tau_b(&[3.0, 3.0, 3.0], &[1.0, 2.0, 3.0]), None);
    }

    #[test]
    fn fast_equals_naive_on_many_tied_samples() {
        let mut next = xorshift(0x2545f4914f6cdd1du64);
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
