//! The help popup's text, generated from the keymap tables, so it lists exactly the keys that
//! work.

use ratatui::text::{Line, Span};

use crate::tui::keys::{self, modes};
use crate::tui::theme::THEME;

use crate::tui::text::wrap;

const INTRO: [&str; 5] = [
    "dyad pairs each mentee with a mentor so that the pairs score as high as possible overall.",
    "Left: the weight of each criterion and the rules. Every change rematches at once.",
    "Stable range: the weights (green on the bar) for which no pair changes; [ and ] jump past it.",
    "Middle: each mentee's mentor now and under the baseline profile. Right: how the scores spread.",
    "The mouse works too: click or drag on a weight's bar, click a pair, scroll.",
];

/// The keys column.
const KEYS: usize = 24;

/// The help text laid out for `width` columns: wrapped here rather than by the widget, so that
/// the number of lines (and so how far it scrolls) is known.
pub fn lines(width: usize) -> Vec<Line<'static>> {
    let width = width.max(KEYS + 16);
    let mut v: Vec<Line> = INTRO
        .iter()
        .flat_map(|t| wrap(t, width))
        .map(Line::raw)
        .collect();
    let kept = format!(
        "Kept (matches, when there is room): the share of {} random weightings (each weight \
         within ±{} of the slider's, fewer draws on large pools) whose matching keeps the pair; \
         below 50 % it shows as !37% in the warning colour. The status line gives it for the \
         selected pair.",
        crate::tui::jobs::kept::SAMPLES,
        crate::tui::jobs::kept::SPREAD
    );
    v.extend(wrap(&kept, width).into_iter().map(Line::raw));
    for mode in modes() {
        v.push(Line::raw(""));
        v.push(Line::styled(keys::title(mode), THEME.heading));
        for b in keys::entries(mode) {
            let keys = format!("  {:<w$}", keys::hints::keys_text(&b.keys), w = KEYS - 2);
            for (i, part) in wrap(b.help, width - KEYS).into_iter().enumerate() {
                let first = if i == 0 {
                    keys.clone()
                } else {
                    " ".repeat(KEYS)
                };
                v.push(Line::from(vec![
                    Span::styled(first, THEME.key),
                    Span::raw(part),
                ]));
            }
        }
    }
    v
}

/// Every key of every mode as Markdown tables, for the README (a test keeps the two the same).
#[cfg(test)]
pub fn markdown() -> String {
    let mut out = String::new();
    for mode in modes() {
        out.push_str(&format!("\n**{}**\n\n", keys::title(mode)));
        out.push_str("| keys | what they do |\n|---|---|\n");
        for b in keys::entries(mode) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("`{}`", keys::hints::key_name(k)))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.help));
        }
    }
    out
}
