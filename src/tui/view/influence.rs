//! The influence popup, a tornado chart: for each criterion, its weight moved to 0 (left) and to
//! 1 (right) with the others as they are, how many mentees get another mentor (the bars), and
//! how the mean and the lowest pair score move. Largest swing first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use dyad::analysis::stability::{Extreme, Influence};
use dyad::criteria::{CRITERIA, N};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::Model;
use crate::tui::theme::THEME;

use crate::tui::layout::popup;
use crate::tui::text::clip;
use crate::tui::view::frame::popup_block;
use dyad::present::{shown_delta, signed};

const LABEL: usize = 21;
/// Columns of one side without its bar: mean Δ, lowest Δ, count and a space.
const SIDE: usize = 7 + 7 + 4 + 1;
const MAX_BAR: usize = 20;

/// The change of a figure (shown with one decimal) from `now` to `then`, as shown.
fn change(then: f64, d: f64) -> f64 {
    shown_delta(then - d, then, 1)
}

fn delta(d: f64) -> String {
    format!("{:>7}", signed(d, 1))
}

fn delta_style(d: f64) -> Style {
    if !d.is_finite() || d.abs() < 0.05 {
        THEME.dim
    } else if d > 0.0 {
        THEME.better
    } else {
        THEME.worse
    }
}

fn bar(n: usize, most: usize, width: usize) -> String {
    if n == 0 || most == 0 || width == 0 {
        return String::new();
    }
    let cells = (n * width).div_ceil(most).clamp(1, width);
    "█".repeat(cells)
}

/// One side of a row: for the left side the bar grows leftwards from the centre line.
fn side(e: &Extreme, most: usize, bar_w: usize, left: bool) -> Vec<Span<'static>> {
    let b = bar(e.changed, most, bar_w);
    let pad = " ".repeat(bar_w - b.chars().count());
    let style = if left {
        THEME.tornado_low
    } else {
        THEME.tornado_high
    };
    let count = Span::raw(format!("{:>4}", e.changed));
    let (dm, dl) = (change(e.mean, e.mean_delta), change(e.min, e.min_delta));
    let mean = Span::styled(delta(dm), delta_style(dm));
    let low = Span::styled(delta(dl), delta_style(dl));
    if left {
        vec![
            mean,
            low,
            count,
            Span::raw(" "),
            Span::raw(pad),
            Span::styled(b, style),
        ]
    } else {
        vec![
            Span::styled(b, style),
            Span::raw(pad),
            Span::raw(" "),
            count,
            mean,
            low,
        ]
    }
}

/// A sentence on what one end does, for the lines under the chart.
fn words(e: &Extreme, matched_now: usize) -> String {
    let num = |x: f64| {
        if x.is_finite() {
            format!("{x:.1}")
        } else {
            "—".into()
        }
    };
    let matched = if e.matched == matched_now {
        String::new()
    } else {
        format!(", {} matched instead of {matched_now}", e.matched)
    };
    let who = match e.changed {
        1 => "1 mentee gets".to_string(),
        n => format!("{n} mentees get"),
    };
    format!(
        "  at {:.0}: {who} another mentor{matched}; mean {} ({}), lowest {} ({})",
        e.weight,
        num(e.mean),
        delta(change(e.mean, e.mean_delta)).trim(),
        num(e.min),
        delta(change(e.min, e.min_delta)).trim()
    )
}

pub fn render(f: &mut Frame, area: Rect, m: &Model, selected: usize) {
    let r = popup(area, 112, (N + 11) as u16);
    let block = popup_block(
        " Influence of each weight: the pairs when it goes to 0 or to 1 ",
        Mode::Influence,
        &[
            (&[Action::Up, Action::Down], "select"),
            (&[Action::Accept], "go to its slider"),
            (&[Action::Close], "close"),
        ],
    );
    let width = usize::from(r.width.saturating_sub(2));
    let bar_w = width
        .saturating_sub(LABEL + 1 + 4 + 2 + 2 * SIDE + 1)
        .div_euclid(2)
        .min(MAX_BAR);
    let found: Vec<Option<&Influence>> = m
        .solve
        .analyses
        .influence
        .iter()
        .map(|i| i.as_ref().and_then(|r| r.as_ref().ok()))
        .collect();
    let most = found
        .iter()
        .flatten()
        .map(|i| i.at_zero.changed.max(i.at_one.changed))
        .max()
        .unwrap_or(0);
    let (mean, low, matched) = m
        .solve
        .results
        .as_ref()
        .map_or((f64::NAN, f64::NAN, 0), |r| {
            let s = &r.current.summary;
            (s.stats.mean, s.stats.min, s.matched)
        });
    let num = |x: f64| {
        if x.is_finite() {
            format!("{x:.1}")
        } else {
            "—".into()
        }
    };
    let mut lines = vec![
        Line::styled(
            clip(
                "Each row moves one weight to 0 (left) or to 1 (right), the others as they are now.",
                width,
            ),
            THEME.dim,
        ),
        Line::styled(
            clip(
                &format!(
                    "Bars and counts: mentees who get another mentor. Δ: mean and lowest pair score \
                     against now ({} and {}).",
                    num(mean),
                    num(low)
                ),
                width,
            ),
            THEME.dim,
        ),
        Line::raw(""),
    ];
    let head_side = SIDE + bar_w;
    lines.push(Line::styled(
        format!(
            "{:<w$}{:>hs$}│{:<hs$}",
            "",
            "weight → 0 ",
            " weight → 1",
            w = LABEL + 1 + 4 + 2,
            hs = head_side
        ),
        THEME.heading,
    ));
    lines.push(Line::styled(
        format!(
            "{:<LABEL$} {:>4}  {:>7}{:>7}{:>4} {:bar_w$}│{:bar_w$} {:>4}{:>7}{:>7}",
            "Criterion", "now", "mean Δ", "low Δ", "n", "", "", "n", "mean Δ", "low Δ"
        ),
        THEME.heading,
    ));
    for k in m.influence_order() {
        let row_style = if k == selected {
            THEME.selected
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(
            format!(
                "{} {:>4.2}  ",
                clip(CRITERIA[k].label, LABEL),
                m.document.current.weights[k]
            ),
            row_style,
        )];
        match &m.solve.analyses.influence[k] {
            Some(Ok(i)) => {
                spans.extend(side(&i.at_zero, most, bar_w, true));
                spans.push(Span::raw("│"));
                spans.extend(side(&i.at_one, most, bar_w, false));
            }
            Some(Err(e)) => spans.push(Span::styled(format!("cannot tell: {e}"), THEME.error)),
            None => spans.push(Span::styled(
                format!("{:>w$}│", "finding out… ", w = head_side),
                THEME.dim,
            )),
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    match &m.solve.analyses.influence[selected] {
        Some(Ok(i)) => {
            let label = format!("{}, now {:.2}:", CRITERIA[selected].label, i.weight);
            lines.push(Line::styled(label, THEME.heading));
            for e in [&i.at_zero, &i.at_one] {
                lines.push(Line::raw(clip(&words(e, matched), width)));
            }
        }
        _ => lines.push(Line::styled("Working it out…", THEME.dim)),
    }
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block), r);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_count_and_never_vanish() {
        assert_eq!(bar(0, 10, 8), "");
        assert_eq!(bar(10, 10, 8).chars().count(), 8);
        assert_eq!(bar(1, 40, 8).chars().count(), 1);
        assert_eq!(bar(5, 10, 8).chars().count(), 4);
    }

    #[test]
    fn deltas_are_signed_with_a_true_minus() {
        assert_eq!(delta(1.25).trim(), "+1.2");
        assert_eq!(delta(-3.0).trim(), "−3.0");
        assert_eq!(delta(0.01).trim(), "=");
        // 24.84 shows as 24.8; from 24.96 (25.0) that is −0.2 as shown, not −0.1.
        assert_eq!(delta(change(24.84, -0.12)).trim(), "−0.2");
        assert_eq!(delta(f64::NAN).trim(), "—");
    }
}
