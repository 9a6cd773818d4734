//! Numbers as the screens show them. A change is worked out from the two figures *as shown*
//! (each rounded first), so that "81.3 82.3 −1.0" always adds up on screen; no change is `=`,
//! and a change of something that is not there (no pairs) is `—`.

/// `x` rounded to `digits` decimals.
pub fn rounded(x: f64, digits: usize) -> f64 {
    let scale = 10f64.powi(digits as i32);
    (x * scale).round() / scale
}

/// `now − base` as the two figures are shown with `digits` decimals.
pub fn shown_delta(now: f64, base: f64, digits: usize) -> f64 {
    rounded(rounded(now, digits) - rounded(base, digits), digits)
}

/// A change with its sign (a true minus), `=` for none at this precision, `—` for none to show.
pub fn signed(d: f64, digits: usize) -> String {
    if !d.is_finite() {
        "—".into()
    } else if d.abs() < 0.5 * 10f64.powi(-(digits as i32)) {
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
        // 81.26 shows as 81.3 and 82.34 as 82.3: the change shown is −1.0, not −1.1.
        let d = shown_delta(81.26, 82.34, 1);
        assert_eq!(signed(d, 1), "−1.0");
        assert_eq!(format!("{:.1}", 81.26), "81.3");
        assert_eq!(signed(shown_delta(12.94, 11.96, 1), 1), "+0.9");
        assert_eq!(signed(shown_delta(5.04, 4.96, 1), 1), "=");
        assert_eq!(signed(shown_delta(f64::NAN, 4.0, 1), 1), "—");
        assert_eq!(signed(shown_delta(0.826, 0.8, 2), 2), "+0.03");
    }
}
