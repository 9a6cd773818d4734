//! The help popup, generated from the keymap tables, so it lists exactly the keys that work.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::keymap::{self, MODES};
use crate::tui::theme::THEME;

use super::layout::{popup, popup_block};

const INTRO: [&str; 5] = [
    "dyad pairs each mentee with a mentor so that the pairs score as high as possible overall.",
    "Left: the weight of each criterion and the rules. Every change rematches at once.",
    "Stable range: the weights (green on the bar) for which no pair changes; [ and ] jump past it.",
    "Middle: each mentee's mentor now and under the baseline profile. Right: how the scores spread.",
    "The mouse works too: click or drag on a weight's bar, click a pair, scroll.",
];

pub fn lines() -> Vec<Line<'static>> {
    let mut v: Vec<Line> = INTRO.iter().map(|t| Line::raw(*t)).collect();
    for mode in MODES {
        v.push(Line::raw(""));
        v.push(Line::styled(keymap::title(mode), THEME.heading));
        for b in keymap::table(mode) {
            v.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keymap::keys_text(b)), THEME.key),
                Span::raw(b.help),
            ]));
        }
    }
    v
}

pub fn render(f: &mut Frame, area: Rect, scroll: u16) {
    let r = popup(area, 96, area.height.saturating_sub(2));
    let all = lines();
    let max = (all.len() as u16).saturating_sub(r.height.saturating_sub(2));
    let block = popup_block(" Help: every key ", " ↑↓ scroll · Esc close ");
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(all)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max), 0)),
        r,
    );
}

/// Every key of every mode as Markdown tables, for the README (a test keeps the two the same).
#[cfg(test)]
pub fn markdown() -> String {
    let mut out = String::new();
    for mode in MODES {
        out.push_str(&format!("\n**{}**\n\n", keymap::title(mode)));
        out.push_str("| keys | what they do |\n|---|---|\n");
        for b in keymap::table(mode) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("`{}`", keymap::key_name(k)))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.help));
        }
    }
    out
}
