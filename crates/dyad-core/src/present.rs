//! Numbers as dyad shows them, in every output: a figure, and a change worked out from the two
//! figures *as shown* (each rounded first), so that "81.3 82.3 −1.0" always adds up.
//!
//! Two renderings of a change share the arithmetic: [`plain_delta`] for text that goes to files
//! and pipes (ASCII: `+1.0`, `-1.0`, `0.0`, `-` when missing) and [`signed`] for the screen (a
//! true minus, `=` for no change at this precision, `—` when there is nothing to compare).

/// `x` rounded to `digits` decimals exactly as `format!("{x:.digits$}")` prints it, so that
/// what is computed from a shown figure matches the figure (NaN stays NaN).
pub fn rounded(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(f64::NAN)
}

/// `now − before` as the two figures are shown with `digits` decimals.
pub fn shown_delta(before: f64, now: f64, digits: usize) -> f64 {
    rounded(rounded(now, digits) - rounded(before, digits), digits)
}

/// Whether a change shown with `digits` decimals reads as none.
fn is_none(d: f64, digits: usize) -> bool {
    d.abs() < 0.5 * 10f64.powi(-(digits as i32))
}

/// A figure with one decimal; `-` when there is none (the mean of no pairs).
pub fn fig(x: f64) -> String {
    if x.is_nan() {
        "-".into()
    } else {
        format!("{x:.1}")
    }
}

/// A figure with `digits` decimals for the screen; `—` when there is none.
pub fn screen_fig(x: f64, digits: usize) -> String {
    if x.is_finite() {
        format!("{x:.digits$}")
    } else {
        "—".into()
    }
}

/// The change from `before` to `now` in plain text, as the figures are shown with `digits`
/// decimals: `+1.0`, `-1.0`, `0.0` for none, `-` when either figure is missing.
pub fn plain_delta(before: f64, now: f64, digits: usize) -> String {
    if before.is_nan() || now.is_nan() {
        return "-".into();
    }
    let d = shown_delta(before, now, digits);
    if is_none(d, digits) {
        format!("{:.digits$}", 0.0)
    } else {
        format!("{d:+.digits$}")
    }
}

/// A change on its own (without the figures it is the change of) in plain text, with `digits`
/// decimals: `+1.0`, `-1.0`, `0.0` for none, `-` when missing.
pub fn plain_signed(d: f64, digits: usize) -> String {
    if d.is_nan() {
        "-".into()
    } else if is_none(d, digits) {
        format!("{:.digits$}", 0.0)
    } else {
        format!("{d:+.digits$}")
    }
}

/// A change for the screen: its sign (a true minus), `=` for none at this precision, `—` for
/// nothing to compare.
pub fn signed(d: f64, digits: usize) -> String {
    if !d.is_finite() {
        "—".into()
    } else if is_none(d, digits) {
        "=".into()
    } else if d > 0.0 {
        format!("+{d:.digits$}")
    } else {
        format!("−{:.digits$}", -d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_add_up_with_the_figures_shown() {
        // 82.34 shows as 82.3 and 81.26 as 81.3: the change shown is −1.0, not −1.1.
        assert_eq!(signed(shown_delta(82.34, 81.26, 1), 1), "−1.0");
        assert_eq!(plain_delta(82.34, 81.26, 1), "-1.0");
        assert_eq!(signed(shown_delta(11.96, 12.94, 1), 1), "+0.9");
        assert_eq!(signed(shown_delta(4.96, 5.04, 1), 1), "=");
        assert_eq!(plain_delta(4.96, 5.04, 1), "0.0");
        assert_eq!(signed(shown_delta(4.0, f64::NAN, 1), 1), "—");
        assert_eq!(plain_delta(f64::NAN, 4.0, 1), "-");
        assert_eq!(plain_signed(-0.04, 1), "0.0");
        assert_eq!(plain_signed(-0.06, 1), "-0.1");
        assert_eq!(plain_signed(f64::NAN, 1), "-");
        assert_eq!(signed(shown_delta(0.8, 0.826, 2), 2), "+0.03");
    }

    #[test]
    fn rounding_is_the_rounding_of_the_printed_figure() {
        for x in [0.25, 0.35, 2.675, -1.05, 81.25, 1e-9, 123456.789] {
            for digits in 0..4 {
                let printed = format!("{x:.digits$}");
                assert_eq!(
                    format!("{:.digits$}", rounded(x, digits)),
                    printed,
                    "{x} {digits}"
                );
            }
        }
        assert!(rounded(f64::NAN, 1).is_nan());
        assert_eq!(fig(f64::NAN), "-");
        assert_eq!(screen_fig(f64::INFINITY, 1), "—");
    }
}
