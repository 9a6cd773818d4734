//! What the matches and the mentors tables share: the selected row highlighted when it is in
//! view (dimmer while the panel does not have the focus), and on the borders how many rows are
//! out of view above and below.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Table, TableState};

use crate::tui::theme::THEME;

/// Draws `table`, whose rows are `shown` of the whole list, with the `selected` row (an index
/// into the whole list) highlighted when it is among them.
pub fn render(
    f: &mut Frame,
    area: Rect,
    table: Table,
    shown: Range<usize>,
    selected: Option<usize>,
    focused: bool,
) {
    let mut state = TableState::new().with_selected(
        selected
            .filter(|i| shown.contains(i))
            .map(|i| i - shown.start),
    );
    let highlight = if focused {
        THEME.selected
    } else {
        THEME.selected.patch(THEME.dim)
    };
    f.render_stateful_widget(table.row_highlight_style(highlight), area, &mut state);
}

/// Rows out of view on one side: ` ▼ 12 more, 3 changed ` or ` ▼ 12 more `; none when there
/// are none.
pub fn more(arrow: char, rows: usize, changed: usize) -> Vec<String> {
    if rows == 0 {
        return vec![String::new()];
    }
    vec![
        format!(" {arrow} {rows} more, {changed} changed "),
        format!(" {arrow} {rows} more "),
    ]
}

/// The richest pair of a text (left) and a marker (right) that fits a border `width` wide:
/// the text as rich as it can be, then the marker; the marker alone when nothing else fits.
pub fn border(texts: &[String], markers: &[String], width: u16) -> (String, String) {
    let room = usize::from(width.saturating_sub(2));
    let len = |s: &String| s.chars().count();
    for t in texts {
        for mk in markers {
            if len(t) + len(mk) <= room {
                return (t.clone(), mk.clone());
            }
        }
    }
    let last = markers.last().cloned().unwrap_or_default();
    (String::new(), last)
}

/// A table's frame: on top its title and the rows above the window, at the bottom its legend
/// and the rows below; brighter while the panel has the focus.
pub fn frame(
    title: Line<'static>,
    above: String,
    legend: String,
    below: String,
    focused: bool,
) -> Block<'static> {
    Block::bordered()
        .title(title)
        .title(Line::styled(above, THEME.heading).right_aligned())
        .title_bottom(Line::styled(legend, THEME.dim))
        .title_bottom(Line::styled(below, THEME.heading).right_aligned())
        .border_style(if focused {
            THEME.border_focused
        } else {
            THEME.border
        })
}
