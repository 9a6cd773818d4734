//! The profiles popup: every profile in configs/ with its description.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::{Model, ProfilesState};
use crate::tui::theme::THEME;

use crate::tui::layout::popup;
use crate::tui::text::cut;
use crate::tui::view::frame::popup_block;

pub fn render(f: &mut Frame, area: Rect, m: &Model, p: &ProfilesState) {
    let r = popup(area, 100, 22);
    let block = popup_block(
        format!(" Profiles in {} ", m.document.configs.display()),
        Mode::Profiles,
        &[
            (&[Action::Accept], "open as current"),
            (&[Action::LoadAsBaseline], "use as baseline"),
            (&[Action::Close], "close"),
        ],
    );
    let mut lines = Vec::new();
    if p.entries.is_empty() {
        lines.push(Line::raw("No profiles found."));
    }
    let per = 2usize;
    let visible = usize::from(block.inner(r).height) / per;
    let offset = p.selected.saturating_sub(visible.saturating_sub(1));
    for (i, e) in p
        .entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible.max(1))
    {
        let selected = i == p.selected;
        let style = if selected {
            THEME.selected
        } else {
            Style::new()
        };
        let file = e
            .file
            .as_ref()
            .map_or("built in".into(), |f| f.display().to_string());
        let mut tags = String::new();
        if e.file.is_some() && e.file == m.document.current_file {
            tags.push_str("  [current]");
        }
        if e.file.is_some() && e.file == m.document.baseline_file {
            tags.push_str("  [baseline]");
        }
        let marker = if selected { "▶ " } else { "  " };
        match &e.profile {
            Ok(prof) => {
                lines.push(Line::from(vec![
                    Span::raw(marker),
                    Span::styled(prof.name.clone(), style.patch(THEME.panel_title)),
                    Span::styled(format!("  ({file}){tags}"), THEME.dim),
                ]));
                let saved = prof
                    .saved
                    .as_ref()
                    .map_or(String::new(), |s| format!(" (saved {s})"));
                let width = usize::from(r.width.saturating_sub(2));
                lines.push(Line::raw(cut(
                    &format!("    {}{saved}", prof.description),
                    width,
                )));
            }
            Err(err) => {
                lines.push(Line::from(vec![
                    Span::raw(marker),
                    Span::styled(file, style),
                ]));
                lines.push(Line::styled(
                    format!("    does not load: {err}"),
                    THEME.unmatched,
                ));
            }
        }
    }
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block), r);
}
