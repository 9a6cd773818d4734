//! The search popup: the query, then the matching mentees and mentors with the matched
//! characters highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::search::Hit;
use crate::tui::state::{Model, SearchState};
use crate::tui::theme::THEME;

use crate::tui::layout::popup;
use crate::tui::view::frame::popup_block;

/// Characters kept at the start of a result (the id) when its match lies beyond the width.
const ID: usize = 8;

/// The characters of a result to show in `width` columns: all of it when the matched
/// characters fit (ending in `…` where the rest is cut), else the id, `…` and the part around
/// the last matched character.
fn window(chars: usize, hit: &Hit, width: usize) -> Vec<Option<usize>> {
    let last = hit.indices.last().map_or(0, |&i| i as usize);
    if chars <= width {
        return (0..chars).map(Some).collect();
    }
    if last + 1 < width {
        return (0..width - 1).map(Some).chain([None]).collect();
    }
    let tail = width.saturating_sub(ID + 1);
    let from = (last + 8).min(chars).saturating_sub(tail).max(ID + 1);
    (0..ID)
        .map(Some)
        .chain([None])
        .chain((from..chars).take(tail).map(Some))
        .collect()
}

fn highlighted(text: &str, hit: &Hit, base: Style, width: usize) -> Line<'static> {
    let all: Vec<char> = text.chars().collect();
    let spans: Vec<Span> = window(all.len(), hit, width)
        .into_iter()
        .map(|i| {
            let Some(i) = i else {
                return Span::styled("…", base.patch(THEME.dim));
            };
            let c = all[i];
            let matched = hit.indices.binary_search(&(i as u32)).is_ok();
            Span::styled(
                c.to_string(),
                if matched {
                    base.patch(THEME.match_char)
                } else {
                    base
                },
            )
        })
        .collect();
    Line::from(spans)
}

pub fn render(f: &mut Frame, area: Rect, m: &Model, s: &SearchState) {
    let r = popup(
        area,
        area.width.saturating_sub(8).max(40),
        area.height.saturating_sub(4),
    );
    let block = popup_block(
        " Find a mentee or mentor by id, specialty, ZIP3, health system, goals ",
        Mode::Search,
        &[
            (&[Action::Up, Action::Down], "choose"),
            (&[Action::Accept], "go to"),
            (&[Action::Close], "close"),
        ],
    );
    let in_r = block.inner(r);
    f.render_widget(Clear, r);
    f.render_widget(block, r);
    let [input, count, list] = in_r.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Find: ", THEME.heading),
            Span::styled(format!("{}▏", s.query), THEME.input),
        ])),
        input,
    );
    let n = s.hits.len();
    let counted = if s.query.is_empty() {
        "Type to narrow the list".to_string()
    } else if n == 0 {
        "Nothing matches".to_string()
    } else {
        format!(
            "{n} found{}",
            if n >= crate::tui::state::search::LIMIT {
                " (first shown)"
            } else {
                ""
            }
        )
    };
    f.render_widget(Paragraph::new(Line::styled(counted, THEME.dim)), count);
    let h = usize::from(list.height).max(1);
    let offset = s.selected.saturating_sub(h - 1);
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, hit)| {
            let base = if i == s.selected {
                THEME.selected
            } else {
                Style::new()
            };
            highlighted(
                &m.document.entries[hit.entry].text,
                hit,
                base,
                usize::from(list.width),
            )
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_beyond_the_width_is_brought_into_view() {
        let hit = |indices: Vec<u32>| Hit { entry: 0, indices };
        let all: Vec<Option<usize>> = (0..10).map(Some).collect();
        assert_eq!(window(10, &hit(vec![2]), 40), all);
        // A match within the width: the start, ending in … where the rest is cut.
        let w = window(100, &hit(vec![3]), 40);
        assert_eq!(w.len(), 40);
        assert_eq!(w[39], None);
        assert_eq!(w[..39], (0..39).map(Some).collect::<Vec<_>>());
        let w = window(100, &hit(vec![70, 71]), 40);
        assert_eq!(w.len(), 40);
        assert_eq!(w[ID], None);
        assert!(w.contains(&Some(71)));
        assert_eq!(w[..ID], (0..ID).map(Some).collect::<Vec<_>>());
    }
}
