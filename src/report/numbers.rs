//! Numbers for people: one decimal, deltas that add up with the figures shown beside them. Every
//! table dyad prints or writes (the CLI's and the decision record's) formats figures here.

/// A figure for a person: one decimal, `-` for an empty set.
pub fn fig(x: f64) -> String {
    if x.is_nan() {
        "-".into()
    } else {
        format!("{x:.1}")
    }
}

/// `x` as shown with `decimals` decimals, read back: the number a reader sees.
fn as_shown(x: f64, decimals: usize) -> f64 {
    format!("{x:.decimals$}").parse().unwrap_or(f64::NAN)
}

/// The change from `before` to `now` as a reader works it out from the two figures printed
/// beside it with `decimals` decimals: both are rounded as shown first, then subtracted, so
/// "91.5  74.1  -17.4" always adds up. `-` when either figure is missing.
pub fn shown_delta(before: f64, now: f64, decimals: usize) -> String {
    if before.is_nan() || now.is_nan() {
        return "-".into();
    }
    let d = as_shown(now, decimals) - as_shown(before, decimals);
    if d.abs() < 0.5 * 10f64.powi(-(decimals as i32)) {
        format!("{:.decimals$}", 0.0)
    } else {
        format!("{d:+.decimals$}")
    }
}

/// [`shown_delta`] of two figures shown with [`fig`] (one decimal). Use it wherever the two
/// figures are printed beside the change.
pub fn delta_of(before: f64, now: f64) -> String {
    shown_delta(before, now, 1)
}

/// A signed delta for a person, for a change shown without the figures it is the change of
/// (with the figures beside it, use [`delta_of`]).
pub fn delta(x: f64) -> String {
    if x.is_nan() {
        "-".into()
    } else if x.abs() < 0.05 {
        "0.0".into()
    } else {
        format!("{x:+.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_is_the_difference_of_the_figures_shown_beside_it() {
        // 91.54 shows as 91.5 and 74.06 as 74.1: the change shown is -17.4, not -17.5.
        assert_eq!((fig(91.54), fig(74.06)), ("91.5".into(), "74.1".into()));
        assert_eq!(delta_of(91.54, 74.06), "-17.4");
        assert_eq!(delta_of(2676.84, 3351.46), "+674.7");
        assert_eq!(delta_of(5.04, 4.96), "0.0");
        assert_eq!(delta_of(f64::NAN, 4.0), "-");
        assert_eq!(shown_delta(0.8, 0.826, 2), "+0.03");
        assert_eq!(shown_delta(0.754, 0.746, 2), "0.00");
        assert_eq!(shown_delta(0.755, 0.745, 2), "-0.02");
        // Over a grid of awkward values: shown before + shown delta = shown now, exactly as
        // a reader adds them up.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a = (x % 200_000) as f64 / 1000.0 - 50.0;
            let b = ((x >> 20) % 200_000) as f64 / 1000.0 - 50.0;
            let read = |s: String| s.parse::<f64>().unwrap();
            let d = read(delta_of(a, b));
            let gap = read(fig(b)) - read(fig(a));
            assert!((d - gap).abs() < 1e-6, "{a} {b}: {}", delta_of(a, b));
        }
    }
}
