//! A yes/no question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::layout::popup;
use crate::tui::state::Confirm;
use crate::tui::theme::THEME;

pub fn render(f: &mut Frame, area: Rect, c: &Confirm) {
    let r = popup(area, 70, 8);
    let block = Block::bordered()
        .title(Line::styled(" Please confirm ", THEME.panel_title))
        .border_style(THEME.border_focused);
    let lines = vec![
        Line::raw(c.question.clone()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", THEME.key),
            Span::raw(" yes    "),
            Span::styled("n", THEME.key),
            Span::raw(" no"),
        ]),
    ];
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        r,
    );
}
