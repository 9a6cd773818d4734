//! A popup's frame: its title on top, and at the bottom a footer of keys looked up in the
//! mode's bindings (see [`keys::hints::footer`]), so it names the keys that work.

use ratatui::text::Line;
use ratatui::widgets::Block;

use crate::tui::action::Action;
use crate::tui::keys::{self, Mode};
use crate::tui::theme::THEME;

/// The frame of the popup of `mode`, with `footer`'s actions named by their keys.
pub fn popup_block(
    title: impl Into<String>,
    mode: Mode,
    footer: &[(&[Action], &str)],
) -> Block<'static> {
    Block::bordered()
        .title(Line::styled(title.into(), THEME.panel_title))
        .title_bottom(Line::styled(keys::hints::footer(mode, footer), THEME.dim))
        .border_style(THEME.border_focused)
}
