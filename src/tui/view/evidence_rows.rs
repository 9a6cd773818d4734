//! The rows of the evidence view: a criterion's or a measure's tau-b interval drawn as a bar
//! around 0 beside its weight, n and the verdict in words, and a measure's contrast in a
//! sentence.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use dyad::analysis::association::{Association, Verdict};
use dyad::analysis::evidence_words::{VERDICT_WIDTH, criterion_verdict, measure_verdict};
pub use dyad::analysis::evidence_words::{contrast_words, measure_label};

use crate::tui::text::clip;
use crate::tui::theme::THEME;

/// The verdict column, and the label column on narrow and wide screens.
pub const VERDICT: usize = VERDICT_WIDTH;
const NARROW_LABEL: usize = 20;
const WIDE_LABEL: usize = 25;
/// The bar's narrowest and widest (odd, so that 0 has a column of its own).
const MIN_BAR: usize = 11;
const MAX_BAR: usize = 41;

/// The columns of a row at a text width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub label: usize,
    pub bar: usize,
}

impl Columns {
    pub fn at(width: usize) -> Columns {
        let label = if width >= 100 {
            WIDE_LABEL
        } else {
            NARROW_LABEL
        };
        // label, weight (6) and a space, the bar, tau (6), n (4), two spaces, the verdict.
        let rest = width.saturating_sub(label + 7 + 6 + 4 + 2 + VERDICT);
        let bar = rest.clamp(MIN_BAR, MAX_BAR);
        Columns {
            label,
            bar: bar - (1 - bar % 2),
        }
    }
}

/// The cell of a value in [-1, 1] on a bar of `width` cells (0 in the middle one).
fn cell(x: f64, width: usize) -> usize {
    let half = (width / 2) as f64;
    let c = half + (x.clamp(-1.0, 1.0) * half).round();
    c as usize
}

/// The interval as a bar around 0: `─` over [lo, hi], `●` at tau, `│` at 0 (`┼` where the
/// interval crosses it).
pub fn bar(a: &Association, width: usize) -> Vec<Span<'static>> {
    let zero = width / 2;
    // An interval clear of 0 stays off the 0 column, however coarse the bar.
    let span = a.ci.map(|(lo, hi)| {
        let (mut l, mut h) = (cell(lo, width), cell(hi, width));
        if hi < 0.0 {
            h = h.min(zero.saturating_sub(1));
            l = l.min(h);
        }
        if lo > 0.0 {
            l = l.max(zero + 1);
            h = h.max(l);
        }
        (l, h)
    });
    // A tau inside its interval has its dot inside the interval's span.
    let inside = |t: f64| a.ci.is_some_and(|(lo, hi)| lo <= t && t <= hi);
    let dot = a.tau.map(|t| match span {
        Some((l, h)) if inside(t) => cell(t, width).clamp(l, h),
        _ => cell(t, width),
    });
    let style = verdict_style(a.verdict);
    (0..width)
        .map(|c| {
            let inside = span.is_some_and(|(lo, hi)| lo <= c && c <= hi);
            if dot == Some(c) {
                Span::styled("●", style.patch(THEME.panel_title))
            } else if c == zero {
                let glyph = if inside { "┼" } else { "│" };
                Span::styled(glyph, THEME.dim)
            } else if inside {
                Span::styled("─", style)
            } else {
                Span::raw(" ")
            }
        })
        .collect()
}

/// The scale over the bars: −1, 0 and +1 where they fall.
pub fn scale(width: usize) -> String {
    let mut s: Vec<char> = vec![' '; width];
    let put = |s: &mut Vec<char>, at: usize, text: &str| {
        for (i, ch) in text.chars().enumerate() {
            if let Some(slot) = s.get_mut(at + i) {
                *slot = ch;
            }
        }
    };
    put(&mut s, 0, "−1");
    put(&mut s, width / 2, "0");
    put(&mut s, width.saturating_sub(2), "+1");
    s.into_iter().collect()
}

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Higher => THEME.better,
        Verdict::Lower => THEME.worse,
        Verdict::NoEvidence => Style::new(),
        Verdict::TooFew | Verdict::NoVariation => THEME.dim,
    }
}

/// The verdict in words for a row (the words of `dyad evidence`); `measure` for a weight-free
/// measure.
pub fn verdict_words(a: &Association, measure: bool) -> &'static str {
    if measure {
        measure_verdict(a.verdict)
    } else {
        criterion_verdict(a.verdict)
    }
}

fn signed(x: Option<f64>) -> String {
    match x {
        Some(t) if t < 0.0 => format!("−{:.2}", -t),
        Some(t) => format!("+{t:.2}"),
        None => "–".into(),
    }
}

/// One criterion's or measure's row: label, weight (criteria only), bar, tau, n, verdict.
pub fn row(
    label: &str,
    weight: Option<f64>,
    a: &Association,
    c: Columns,
    measure: bool,
) -> Line<'static> {
    let weight = weight.map_or(String::new(), |w| format!("{w:.2}"));
    let mut spans = vec![Span::raw(format!("{}{weight:>6} ", clip(label, c.label)))];
    spans.extend(bar(a, c.bar));
    spans.push(Span::raw(format!("{:>6}{:>4}  ", signed(a.tau), a.n)));
    let words = verdict_words(a, measure);
    spans.push(Span::styled(words, verdict_style(a.verdict)));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::analysis::association::associate;

    fn assoc(tau: f64, ci: (f64, f64)) -> Association {
        let x: Vec<Option<f64>> = (0..10).map(|i| Some(f64::from(i))).collect();
        let mut a = associate(&x, &x, 1);
        a.tau = Some(tau);
        a.ci = Some(ci);
        a
    }

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_bar_spans_the_interval_around_a_centred_zero() {
        // 11 cells: −1 at 0, 0 at 5, +1 at 10.
        assert_eq!(text(&bar(&assoc(0.6, (0.4, 0.8)), 11)), "     │ ─●─ ");
        assert_eq!(text(&bar(&assoc(-0.2, (-0.6, 0.2)), 11)), "  ──●┼─    ");
        assert_eq!(text(&bar(&assoc(0.0, (-1.0, 1.0)), 11)), "─────●─────");
        // Clear of 0 by less than half a cell: still off the 0 column.
        assert_eq!(text(&bar(&assoc(-0.35, (-0.58, -0.06)), 11)), "  ─●─│     ");
        assert_eq!(text(&bar(&assoc(0.05, (0.02, 0.3)), 11)), "     │●─   ");
        let mut none = assoc(0.0, (0.0, 0.0));
        none.tau = None;
        none.ci = None;
        assert_eq!(text(&bar(&none, 11)), "     │     ");
    }

    #[test]
    fn the_scale_names_both_ends_and_zero() {
        assert_eq!(scale(11), "−1   0   +1");
        assert_eq!(scale(15).chars().count(), 15);
    }

    #[test]
    fn columns_fit_the_width_and_keep_the_bar_odd() {
        for width in [78usize, 90, 110] {
            let c = Columns::at(width);
            assert_eq!(c.bar % 2, 1, "{width}");
            assert!(
                c.label + 7 + c.bar + 6 + 4 + 2 + VERDICT <= width,
                "{width}: {c:?}"
            );
        }
        assert!(Columns::at(110).bar > Columns::at(78).bar);
    }

    #[test]
    fn an_interval_never_contradicts_its_verdict_on_screen() {
        let mut a = assoc(-0.35, (-0.58, -0.06));
        a.verdict = Verdict::Lower;
        assert_eq!(verdict_words(&a, false), "supports a lower weight");
        assert_eq!(verdict_words(&a, true), "the more, the lower");
        // What the library leaves of an interval clear of 0 without a verdict: none, so the
        // bar shows tau alone.
        let mut fam = vec![a.clone()];
        fam[0].verdict = Verdict::NoEvidence;
        fam[0].p = Some(0.2);
        dyad::analysis::association::decide(&mut fam);
        assert_eq!(fam[0].verdict, Verdict::NoEvidence);
        assert_eq!(fam[0].ci, None);
        assert_eq!(text(&bar(&fam[0], 11)), "   ● │     ");
        for v in [Verdict::TooFew, Verdict::NoVariation] {
            a.verdict = v;
            assert_eq!(verdict_words(&a, false), criterion_verdict(v));
        }
    }
}
