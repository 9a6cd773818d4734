//! A weight's stable range as the weights panel shows it and the jump keys use it. The panel
//! moves weights in steps of 0.01, so the range shown is the steps that keep the pairs: the
//! exact range (found to 1e-4 by the core) rounded inwards, and a jump goes to the first step
//! beyond it, where the pairs differ.

use dyad::analysis::stability::Stability;

/// Slack for values that land exactly on a step (0.83 may be 0.8299999…).
const EPS: f64 = 1e-9;

fn up2(x: f64) -> f64 {
    // `+ 0.0` turns a -0.0 into 0.0.
    ((x * 100.0 - EPS).ceil() / 100.0).clamp(0.0, 1.0) + 0.0
}

fn down2(x: f64) -> f64 {
    ((x * 100.0 + EPS).floor() / 100.0).clamp(0.0, 1.0)
}

/// The lowest and highest 0.01 steps with the same pairs (the weight itself when it lies off
/// the steps and the range is narrower than one).
pub fn steps(s: &Stability) -> (f64, f64) {
    let lo = up2(s.stable_low);
    let hi = down2(s.stable_high);
    (lo.min(s.weight), hi.max(s.weight))
}

/// "0.83–0.92", or "0.90 only" when every step away changes pairs.
pub fn text(s: &Stability) -> String {
    let (lo, hi) = steps(s);
    if lo == hi {
        format!("{lo:.2} only")
    } else {
        format!("{lo:.2}–{hi:.2}")
    }
}

/// The first 0.01 step below (or above) the stable range, where the pairs differ; `None` when
/// they stay the same all the way to 0 (or 1).
pub fn jump(s: &Stability, up: bool) -> Option<f64> {
    if up {
        s.next_high.map(up2)
    } else {
        s.next_low.map(down2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stab(weight: f64, lo: f64, hi: f64, next: (Option<f64>, Option<f64>)) -> Stability {
        Stability {
            criterion: 0,
            weight,
            stable_low: lo,
            stable_high: hi,
            next_low: next.0,
            next_high: next.1,
            changes_low: Vec::new(),
            changes_high: Vec::new(),
        }
    }

    #[test]
    fn ranges_round_inwards_to_steps_and_jumps_outwards() {
        let s = stab(0.9, 0.83124, 0.91873, (Some(0.83114), Some(0.91883)));
        assert_eq!(steps(&s), (0.84, 0.91));
        assert_eq!(text(&s), "0.84–0.91");
        assert_eq!(jump(&s, false), Some(0.83));
        assert_eq!(jump(&s, true), Some(0.92));
    }

    #[test]
    fn exact_steps_and_the_ends_of_the_scale() {
        let s = stab(0.5, 0.0, 1.0, (None, None));
        assert_eq!(text(&s), "0.00–1.00");
        assert_eq!((jump(&s, false), jump(&s, true)), (None, None));
        let s = stab(0.3, 0.3, 0.3000001, (Some(0.29999), Some(0.30009)));
        assert_eq!(steps(&s), (0.3, 0.3));
        assert_eq!(text(&s), "0.30 only");
        assert_eq!(jump(&s, false), Some(0.29));
        assert_eq!(jump(&s, true), Some(0.31));
        // A weight off the steps with a range narrower than one.
        let s = stab(0.333, 0.3331 - 0.0002, 0.3331, (Some(0.3328), Some(0.3332)));
        assert_eq!(steps(&s), (0.333, 0.333));
    }
}
