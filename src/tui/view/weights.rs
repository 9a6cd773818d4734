//! The weights panel: one slider per criterion, then the rules, drawn where `layout::weights`
//! places them (the mouse handling hits with the same geometry).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::jobs::analyses::Scope;
use crate::tui::state::stable;
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, Model};
use crate::tui::theme::THEME;

use crate::tui::layout::inner;
use crate::tui::layout::weights::*;
use crate::tui::text::clip;

/// The characters of a bar of `width` cells filled to `value` (0–1): full blocks, an eighth
/// block for the partial cell, then `░`.
fn cells(value: f64, width: u16) -> Vec<char> {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (value.clamp(0.0, 1.0) * f64::from(width) * 8.0).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut out = vec!['█'; full.min(usize::from(width))];
    if part > 0 && out.len() < usize::from(width) {
        out.push(PARTS[part]);
    }
    out.resize(usize::from(width), '░');
    out
}

/// Whether cell `i` of a bar of `width` cells overlaps the weights `lo..=hi`.
fn in_range(i: usize, width: u16, (lo, hi): (f64, f64)) -> bool {
    let w = f64::from(width.max(1));
    (i + 1) as f64 / w > lo && i as f64 / w <= hi
}

/// A slider's bar; where the pairs stay the same (`stable`) the bar is drawn in the stable
/// colour, and its empty part as a line (`━`), so the range reads without colour too.
pub fn bar_spans(value: f64, width: u16, stable: Option<(f64, f64)>) -> Vec<Span<'static>> {
    let mut spans: Vec<Span> = Vec::new();
    for (i, c) in cells(value, width).into_iter().enumerate() {
        let inside = stable.is_some_and(|r| in_range(i, width, r));
        let (c, style) = match (c, inside) {
            ('░', true) => ('━', THEME.stable),
            (c, true) => (c, THEME.stable),
            ('░', false) => (c, THEME.bar_empty),
            (c, false) => (c, THEME.bar_filled),
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    spans
}

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let focused = m.focus == Focus::Weights && m.top.is_main();
    let block = Block::bordered()
        .title(Line::styled(" Weights and rules ", THEME.panel_title))
        .border_style(if focused {
            THEME.border_focused
        } else {
            THEME.border
        });
    let inner_area = inner(area);
    f.render_widget(block, area);
    let ranges = double(inner_area.height) && Scope::of(&m.document.pool) != Scope::Shown;
    for (item, r) in geometry(inner_area, m.weights.scroll.offset) {
        let lines = match item {
            // Two-line sliders show their stable range at the right, under this heading.
            Item::Heading(h) if h == WEIGHTS && ranges => {
                let left = "Weights (0 = ignore)";
                let pad = usize::from(r.width).saturating_sub(left.len() + RANGE_HEADING.len());
                vec![Line::from(vec![
                    Span::styled(left, THEME.heading),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(RANGE_HEADING, THEME.stable_text),
                ])]
            }
            Item::Heading(h) => vec![Line::styled(h, THEME.heading)],
            Item::Setting(i) => setting_lines(m, i, r),
        };
        f.render_widget(Paragraph::new(lines), r);
    }
}

fn setting_lines(m: &Model, i: usize, r: Rect) -> Vec<Line<'static>> {
    let s = Setting::at(i);
    let selected = i == m.weights.scroll.selected;
    let marker = if selected { "▶ " } else { "  " };
    let text_style = if selected {
        THEME.selected
    } else {
        Style::new()
    };
    let value = s.value(&m.document.current);
    let width = usize::from(r.width);
    let Some(w) = s.weight() else {
        // ◂ ▸ around the selected value say ← → change it, where they fit beside the label.
        let room = width.saturating_sub(2 + 1 + s.label().chars().count());
        let shown = if selected && value.chars().count() + 4 <= room {
            format!("◂ {value} ▸")
        } else {
            value
        };
        let label_w = width.saturating_sub(2 + shown.chars().count() + 1);
        return vec![Line::from(vec![
            Span::raw(marker),
            Span::styled(clip(s.label(), label_w), text_style),
            Span::raw(" "),
            Span::styled(shown, text_style),
        ])];
    };
    let b = bar_area(r);
    let stable = m.stability(w);
    let range = stable
        .and_then(|s| s.as_ref().ok())
        .map(|s| (s.stable_low, s.stable_high));
    let bar_spans = bar_spans(m.document.current.weights[w], b.width, range);
    if r.height >= 2 {
        let label_w = width.saturating_sub(2 + 5);
        let mut second = vec![Span::raw("  ")];
        second.extend(bar_spans);
        second.push(range_text(m, w));
        vec![
            Line::from(vec![
                Span::raw(marker),
                Span::styled(clip(s.label(), label_w), text_style),
                Span::styled(format!("{value:>5}"), text_style),
            ]),
            Line::from(second),
        ]
    } else {
        let mut line = vec![
            Span::raw(marker),
            Span::styled(
                clip(s.label(), usize::from(label_width(r.width))),
                text_style,
            ),
            Span::raw(" "),
        ];
        line.extend(bar_spans);
        line.push(Span::styled(format!(" {value}"), text_style));
        vec![Line::from(line)]
    }
}

/// The stable range beside a two-line slider: " 0.83–0.92", " …" while it is being found.
fn range_text(m: &Model, w: usize) -> Span<'static> {
    match m.stability(w) {
        Some(Ok(s)) => Span::styled(format!(" {}", stable::text(s)), THEME.stable_text),
        Some(Err(_)) => Span::styled(" ?", THEME.dim),
        // Being worked out: every range on a small pool, the selected one on a larger pool.
        None if m.solve.results.is_some()
            && m.solve.match_error.is_none()
            && match Scope::of(&m.document.pool) {
                Scope::All => true,
                Scope::Selected => w == m.weights.scroll.selected,
                Scope::Shown => false,
            } =>
        {
            Span::styled(" …", THEME.dim)
        }
        None => Span::raw(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths() {
        let bar = |v, w| cells(v, w).into_iter().collect::<String>();
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.5, 3), "█▌░");
        assert_eq!(bar(0.0, 0), "");
    }

    #[test]
    fn the_stable_range_is_marked_on_the_bar() {
        let text = |spans: &[Span]| {
            spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        let plain = bar_spans(0.5, 10, None);
        assert_eq!(text(&plain), "█████░░░░░");
        let marked = bar_spans(0.5, 10, Some((0.3, 0.75)));
        assert_eq!(text(&marked), "█████━━━░░");
        let styles: Vec<_> = marked
            .iter()
            .map(|s| (s.content.to_string(), s.style))
            .collect();
        assert_eq!(
            styles,
            [
                ("███".to_string(), THEME.bar_filled),
                ("██━━━".to_string(), THEME.stable),
                ("░░".to_string(), THEME.bar_empty),
            ]
        );
        // A range narrower than a cell still marks that cell.
        let one = bar_spans(0.9, 10, Some((0.9, 0.9)));
        assert_eq!(one.iter().filter(|s| s.style == THEME.stable).count(), 1);
    }

    #[test]
    fn scrolling_keeps_the_selected_setting_visible() {
        for height in 1..40 {
            let mut off = 0;
            for s in (0..Setting::COUNT).chain((0..Setting::COUNT).rev()) {
                off = scroll(height, s, off);
                let g = geometry(Rect::new(0, 0, 40, height), off);
                if height >= 2 {
                    assert!(
                        g.iter().any(|(it, _)| *it == Item::Setting(s)),
                        "h={height} s={s}"
                    );
                }
            }
        }
    }

    #[test]
    fn clicks_on_a_bar_give_its_fraction() {
        let inner = Rect::new(1, 1, 40, 12);
        let (_, r) = geometry(inner, 0)[1];
        let b = bar_area(r);
        assert_eq!(hit(inner, 0, b.x, b.y), Some((0, Some(0.0))));
        assert_eq!(hit(inner, 0, b.right() - 1, b.y), Some((0, Some(1.0))));
        assert_eq!(hit(inner, 0, r.x, r.y), Some((0, None)));
        assert_eq!(hit(inner, 0, r.x, inner.y), None);
    }
}
