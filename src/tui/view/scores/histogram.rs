//! Binning pair scores for the Scores panel; the number of bins follows the panel width.

/// Score range shown: from the lowest score of either set, rounded down to a multiple of 10, to
/// 100. An empty input shows 0–100.
pub fn range(a: &[f64], b: &[f64]) -> (f64, f64) {
    let min = a
        .iter()
        .chain(b)
        .copied()
        .filter(|x| x.is_finite())
        .fold(f64::INFINITY, f64::min);
    if !min.is_finite() {
        return (0.0, 100.0);
    }
    let lo = ((min / 10.0).floor() * 10.0).clamp(0.0, 90.0);
    (lo, 100.0)
}

/// How many bins fit a width when each bin takes `per_bin` columns; at least 1, at most 20,
/// and preferably a divisor-friendly count so bin edges are round numbers.
pub fn bin_count(width: u16, per_bin: u16) -> usize {
    let fit = (width / per_bin.max(1)).clamp(1, 20) as usize;
    [20, 10, 5, 4, 2, 1]
        .into_iter()
        .find(|&n| n <= fit)
        .unwrap_or(1)
}

/// Counts of scores in `bins` equal bins over [lo, hi]; the top edge belongs to the last bin and
/// values outside the range are clamped into the end bins.
pub fn bin(scores: &[f64], lo: f64, hi: f64, bins: usize) -> Vec<u32> {
    let mut out = vec![0u32; bins.max(1)];
    let width = (hi - lo).max(f64::EPSILON);
    let last = out.len() - 1;
    for &s in scores.iter().filter(|s| s.is_finite()) {
        let i = (((s - lo) / width) * out.len() as f64).floor();
        out[(i.max(0.0) as usize).min(last)] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_count_every_score_once() {
        let s = [0.0, 9.9, 10.0, 55.0, 99.9, 100.0];
        assert_eq!(bin(&s, 0.0, 100.0, 10), [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
        assert_eq!(bin(&s, 0.0, 100.0, 1), [6]);
        assert_eq!(bin(&[-5.0, 120.0, f64::NAN], 0.0, 100.0, 4), [1, 0, 0, 1]);
        assert_eq!(bin(&[], 0.0, 100.0, 0), [0]);
    }

    #[test]
    fn range_starts_at_a_round_number_below_the_lowest_score() {
        assert_eq!(range(&[63.0, 80.0], &[71.0]), (60.0, 100.0));
        assert_eq!(range(&[], &[]), (0.0, 100.0));
        assert_eq!(range(&[100.0], &[]), (90.0, 100.0));
    }

    #[test]
    fn bin_count_follows_width() {
        assert_eq!(bin_count(60, 3), 20);
        assert_eq!(bin_count(36, 3), 10);
        assert_eq!(bin_count(20, 3), 5);
        assert_eq!(bin_count(2, 3), 1);
        assert_eq!(bin_count(0, 0), 1);
    }
}
