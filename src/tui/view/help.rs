//! The help popup: every key of every mode (its text is `keys::help`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::keys::help::lines;
use crate::tui::layout::{help_area, popup_block};

pub fn render(f: &mut Frame, area: Rect, scroll: u16) {
    let r = help_area(area);
    let all = lines(usize::from(r.width.saturating_sub(2)));
    let max = (all.len() as u16).saturating_sub(r.height.saturating_sub(2));
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
}
