//! The weights panel: one slider per criterion, then the rules, each on one line (two when the
//! panel is tall enough: the label above a full-width bar). The geometry functions here are
//! also what the mouse handling uses, so a click lands where the bar is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use dyad::criteria::N;

use crate::tui::model::{Focus, Model};
use crate::tui::settings::{self, COUNT};
use crate::tui::theme::THEME;

use super::layout::inner;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Heading(&'static str),
    Setting(usize),
}

const MARKER: u16 = 2;
const VALUE: u16 = 5;
const MIN_BAR: u16 = 9;
const LONGEST_WEIGHT_LABEL: u16 = 25;

pub fn items() -> Vec<Item> {
    let mut v = vec![Item::Heading("Criterion weights (0 = ignore)")];
    v.extend((0..N).map(Item::Setting));
    v.push(Item::Heading("Rules"));
    v.extend((N..COUNT).map(Item::Setting));
    v
}

/// Whether sliders get two lines (label, then bar) in a panel of this inner height.
pub fn double(height: u16) -> bool {
    usize::from(height) >= items().len() + N
}

fn height_of(item: Item, double: bool) -> u16 {
    match item {
        Item::Setting(i) if double && i < N => 2,
        _ => 1,
    }
}

fn item_index(setting: usize) -> usize {
    if setting < N {
        setting + 1
    } else {
        setting + 2
    }
}

/// The first item to show so that the selected setting is visible, starting from `offset`.
pub fn scroll(height: u16, setting: usize, offset: usize) -> usize {
    let items = items();
    let double = double(height);
    let target = item_index(setting);
    let mut off = offset.min(target);
    if off == target && off > 0 && matches!(items[off - 1], Item::Heading(_)) {
        off -= 1;
    }
    let used = |from: usize| -> u16 {
        items[from..=target]
            .iter()
            .map(|&it| height_of(it, double))
            .sum()
    };
    while off < target && used(off) > height {
        off += 1;
    }
    // No empty lines at the bottom while items above are hidden (after the panel grew).
    let rest = |from: usize| -> u16 { items[from..].iter().map(|&it| height_of(it, double)).sum() };
    while off > 0 && rest(off - 1) <= height {
        off -= 1;
    }
    off
}

/// The visible items and where each is drawn.
pub fn geometry(inner: Rect, offset: usize) -> Vec<(Item, Rect)> {
    let double = double(inner.height);
    let mut y = inner.y;
    let mut out = Vec::new();
    for item in items().into_iter().skip(offset) {
        let h = height_of(item, double);
        if y + h > inner.bottom() {
            break;
        }
        out.push((item, Rect::new(inner.x, y, inner.width, h)));
        y += h;
    }
    out
}

/// Where the bar of a weight drawn in `r` is.
pub fn bar_area(r: Rect) -> Rect {
    if r.height >= 2 {
        Rect::new(r.x + MARKER, r.y + 1, r.width.saturating_sub(MARKER + 1), 1)
    } else {
        let label = label_width(r.width);
        let x = r.x + MARKER + label + 1;
        Rect::new(x, r.y, r.right().saturating_sub(x + VALUE), 1)
    }
}

fn label_width(width: u16) -> u16 {
    LONGEST_WEIGHT_LABEL.min(width.saturating_sub(MARKER + 1 + VALUE + MIN_BAR))
}

/// The setting under a screen position, and for a weight's bar the fraction it points at.
pub fn hit(inner: Rect, offset: usize, col: u16, row: u16) -> Option<(usize, Option<f64>)> {
    let (item, r) = geometry(inner, offset)
        .into_iter()
        .find(|(_, r)| row >= r.y && row < r.bottom() && col >= r.x && col < r.right())?;
    let Item::Setting(i) = item else { return None };
    let bar = bar_area(r);
    let on_bar = i < N && row == bar.y && col >= bar.x && col < bar.right() && bar.width > 1;
    let fraction = on_bar.then(|| f64::from(col - bar.x) / f64::from(bar.width - 1));
    Some((i, fraction))
}

/// A bar of `width` cells filled to `value` (0–1), with eighth blocks for the partial cell.
pub fn bar(value: f64, width: u16) -> (String, String) {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (value.clamp(0.0, 1.0) * f64::from(width) * 8.0).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut filled = "█".repeat(full);
    let mut used = full;
    if part > 0 && used < usize::from(width) {
        filled.push(PARTS[part]);
        used += 1;
    }
    (filled, "░".repeat(usize::from(width).saturating_sub(used)))
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return format!("{s:width$}");
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let focused = m.focus == Focus::Weights && m.popup.is_none();
    let block = Block::bordered()
        .title(Line::styled(" Weights and rules ", THEME.panel_title))
        .border_style(if focused {
            THEME.border_focused
        } else {
            THEME.border
        });
    let inner_area = inner(area);
    f.render_widget(block, area);
    for (item, r) in geometry(inner_area, m.weights_offset) {
        let lines = match item {
            Item::Heading(h) => vec![Line::styled(h, THEME.heading)],
            Item::Setting(i) => setting_lines(m, i, r),
        };
        f.render_widget(Paragraph::new(lines), r);
    }
}

fn setting_lines(m: &Model, i: usize, r: Rect) -> Vec<Line<'static>> {
    let s = settings::at(i);
    let selected = i == m.setting;
    let marker = if selected { "▶ " } else { "  " };
    let text_style = if selected {
        THEME.selected
    } else {
        Style::new()
    };
    let value = s.value(&m.current);
    let width = usize::from(r.width);
    let Some(w) = s.weight() else {
        let shown = if selected {
            format!("◂ {value} ▸")
        } else {
            value
        };
        let label_w = width.saturating_sub(2 + shown.chars().count() + 1);
        return vec![Line::from(vec![
            Span::raw(marker),
            Span::styled(truncate(s.label(), label_w), text_style),
            Span::raw(" "),
            Span::styled(shown, text_style),
        ])];
    };
    let b = bar_area(r);
    let (filled, empty) = bar(m.current.weights[w], b.width);
    let bar_spans = vec![
        Span::styled(filled, THEME.bar_filled),
        Span::styled(empty, THEME.bar_empty),
    ];
    if r.height >= 2 {
        let label_w = width.saturating_sub(2 + 5);
        let mut second = vec![Span::raw("  ")];
        second.extend(bar_spans);
        vec![
            Line::from(vec![
                Span::raw(marker),
                Span::styled(truncate(s.label(), label_w), text_style),
                Span::styled(format!("{value:>5}"), text_style),
            ]),
            Line::from(second),
        ]
    } else {
        let mut line = vec![
            Span::raw(marker),
            Span::styled(
                truncate(s.label(), usize::from(label_width(r.width))),
                text_style,
            ),
            Span::raw(" "),
        ];
        line.extend(bar_spans);
        line.push(Span::styled(format!(" {value}"), text_style));
        vec![Line::from(line)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(0.0, 4), (String::new(), "░░░░".into()));
        assert_eq!(bar(1.0, 4), ("████".into(), String::new()));
        assert_eq!(bar(0.5, 3), ("█▌".into(), "░".into()));
    }

    #[test]
    fn scrolling_keeps_the_selected_setting_visible() {
        for height in 1..40 {
            let mut off = 0;
            for s in (0..COUNT).chain((0..COUNT).rev()) {
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
