//! What the matches and the mentors tables share: the selected row highlighted when it is in
//! view (dimmer while the panel does not have the focus).

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Table, TableState};

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
