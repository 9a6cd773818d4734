//! The save-as form: a new profile's name and description, with the old description to reuse
//! words from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::{Field, Level, Model, SaveAs};
use crate::tui::text::cut;
use crate::tui::theme::THEME;

use crate::tui::layout::popup;
use crate::tui::view::frame::popup_block;

/// Under the description: the one of the settings being saved, to reuse words from.
fn was(form: &SaveAs, width: usize) -> Line<'static> {
    if form.was.trim().is_empty() {
        return Line::raw("");
    }
    Line::styled(
        cut(&format!("{:<13}was: {}", "", form.was.trim()), width),
        THEME.dim,
    )
}

pub fn render(f: &mut Frame, area: Rect, m: &Model, form: &SaveAs) {
    let r = popup(area, 84, 11);
    let block = popup_block(
        " Save the current settings as a new profile ",
        Mode::SaveAs,
        &[
            (&[Action::Accept], "next / save"),
            (&[Action::ClearField], "clear"),
            (&[Action::Close], "cancel"),
        ],
    );
    let field = |label: &str, text: &str, active: bool| {
        // Filled-in text that typing will replace looks selected.
        let style = match (active, form.filled) {
            (true, true) => THEME.selected,
            (true, false) => THEME.input,
            _ => Style::new(),
        };
        let cursor = if active { "▏" } else { "" };
        Line::from(vec![
            Span::styled(format!("{label:<13}"), THEME.heading),
            Span::styled(format!("{text}{cursor}"), style),
        ])
    };
    let target = if form.name.trim().is_empty() {
        "Type a name; the file name is made from it.".to_string()
    } else {
        format!(
            "Will be written to {}",
            m.path_for(form.name.trim()).display()
        )
    };
    let step = match (form.field, form.filled) {
        (Field::Name, false) => "Step 1 of 2: the profile's name, then Enter.",
        (Field::Name, true) => {
            "Step 1 of 2: the profile's name: type to replace it, or Enter to keep it."
        }
        (Field::Description, false) => {
            "Step 2 of 2: one line on what this profile is for, then Enter to save."
        }
        (Field::Description, true) => {
            "Step 2 of 2: what this profile is for: type to replace it, or Enter to save."
        }
    };
    let lines = vec![
        Line::styled(step, THEME.dim),
        Line::raw(""),
        field("Name", &form.name, form.field == Field::Name),
        field(
            "Description",
            &form.description,
            form.field == Field::Description,
        ),
        was(form, usize::from(r.width.saturating_sub(2))),
        Line::raw(""),
        // A warning about the form (an empty name) shows in it, where the eyes are.
        match &m.status {
            Some(s) if s.level != Level::Info => Line::styled(s.text.clone(), THEME.warning),
            _ => Line::styled(target, THEME.dim),
        },
    ];
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
