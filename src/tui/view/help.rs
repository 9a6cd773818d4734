//! The help popup: every key of every mode (its text is `keys::help`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::keys::help::lines;
use crate::tui::layout::help_area;
use crate::tui::scroll::Viewport;
use crate::tui::view::frame::popup_block;

/// Draws the help from line `scroll`; returns its viewport.
pub fn render(f: &mut Frame, area: Rect, scroll: usize) -> Viewport {
    let r = help_area(area);
    let all = lines(usize::from(r.width.saturating_sub(2)));
    let drawn = Viewport {
        height: usize::from(r.height.saturating_sub(2)),
        len: all.len(),
    };
    let max = u16::try_from(all.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(r.height.saturating_sub(2));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    let block = popup_block(
        " Help: every key ",
        Mode::Help,
        &[
            (
                &[Action::Up, Action::Down, Action::PageUp, Action::PageDown],
                "scroll",
            ),
            (&[Action::Close], "close"),
        ],
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(all)
            .block(block)
            .scroll((scroll.min(max), 0)),
        r,
    );
    drawn
}
