//! The title line on top, and at the bottom the status line (messages, how long the last
//! rematch took) and the key hints of the current mode.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::keymap;
use crate::tui::model::{Focus, Level, Model};
use crate::tui::settings;
use crate::tui::theme::THEME;

pub fn title(f: &mut Frame, area: Rect, m: &Model) {
    let mut spans = vec![
        Span::styled(" dyad ", THEME.title),
        Span::styled("│ Current: ", THEME.title),
        Span::styled(m.current.name.clone(), THEME.title),
    ];
    if m.profile_modified() {
        spans.push(Span::styled(" (modified, not saved)", THEME.title_modified));
    }
    spans.push(Span::styled(
        format!(" │ Baseline: {} ", m.baseline.name),
        THEME.title,
    ));
    spans.push(Span::styled(
        format!(
            "│ {} mentees, {} mentors ({}) ",
            m.pool.mentees.len(),
            m.pool.mentors.len(),
            m.pool.source.label()
        ),
        THEME.title,
    ));
    f.render_widget(Paragraph::new(Line::from(spans)).style(THEME.title), area);
}

fn level_style(l: Level) -> Style {
    match l {
        Level::Info => THEME.status,
        Level::Warning => THEME.warning,
        Level::Error => THEME.error,
    }
}

pub fn status(f: &mut Frame, area: Rect, m: &Model) {
    let right = match (m.busy(), m.elapsed) {
        (true, _) => "Rematching… ".to_string(),
        (false, Some(t)) => format!("Rematched in {:.1} ms ", t.as_secs_f64() * 1000.0),
        (false, None) => String::new(),
    };
    let [left_area, right_area] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right.chars().count() as u16),
    ]));
    let left = if let Some(s) = &m.status {
        Span::styled(format!(" {} ", s.text), level_style(s.level))
    } else if let Some(e) = &m.match_error {
        Span::styled(
            format!(" Cannot match these settings: {e} (u undoes) "),
            THEME.error,
        )
    } else if m.results.as_ref().is_some_and(|r| r.baseline_without_pins) {
        Span::styled(
            " The baseline cannot keep every pin (a mentee not eligible there?): it is shown without pins ",
            THEME.warning,
        )
    } else if m.all_weights_zero() {
        Span::styled(
            " All weights are 0: every pair scores 0, so only the number matched counts ",
            THEME.warning,
        )
    } else if m.focus == Focus::Weights {
        let s = settings::at(m.setting);
        Span::styled(format!(" {}: {}", s.label(), s.help()), THEME.dim)
    } else {
        Span::styled(
            " Enter explains the selected pair · x bans it · . pins it · Tab back to weights",
            THEME.dim,
        )
    };
    f.render_widget(Paragraph::new(Line::from(left)), left_area);
    f.render_widget(
        Paragraph::new(Line::styled(right, THEME.dim)).right_aligned(),
        right_area,
    );
}

/// The hints of the current mode that fit, in keymap order; the last two (help and quit, or
/// the ways out of a popup) always shown.
pub fn hints(f: &mut Frame, area: Rect, m: &Model) {
    let all = keymap::hints(m.mode());
    let width = |(k, w): &(String, &str)| k.chars().count() + w.chars().count() + 3;
    let keep = all.len().saturating_sub(2);
    let mut budget = usize::from(area.width).saturating_sub(all[keep..].iter().map(width).sum());
    let mut shown: Vec<&(String, &str)> = Vec::new();
    for h in &all[..keep] {
        if width(h) <= budget {
            budget -= width(h);
            shown.push(h);
        } else {
            break;
        }
    }
    shown.extend(&all[keep..]);
    let mut spans = vec![Span::raw(" ")];
    for (k, w) in shown {
        spans.push(Span::styled(k.clone(), THEME.key));
        spans.push(Span::styled(format!(" {w}  "), THEME.dim));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
