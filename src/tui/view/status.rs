//! The title line on top, and at the bottom the status line (messages, how long the last
//! rematch took) and the key hints of the current mode.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::keys;
use crate::tui::state::stable;
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, Level, Model, Top};
use crate::tui::theme::THEME;

use crate::tui::text::cut;

/// The top line: the current profile (and whether it is modified or read-only), the baseline,
/// the pool. What does not fit goes, least important first: words, the pool's counts, then the
/// profile names are cut; the pool's name goes last.
pub fn title(f: &mut Frame, area: Rect, m: &Model) {
    let d = &m.document;
    let counts = format!(
        "{} mentees, {} mentors",
        d.pool.mentees.len(),
        d.pool.mentors.len()
    );
    let source = d.pool.source.label();
    let modified = m.profile_modified();
    let width = usize::from(area.width);
    // One way to write the line: the modified mark, the counts or not, "Baseline:" or "vs",
    // the two names, the pool's name or not.
    let line = |mark: &str, with_counts: bool, base: &str, names: (&str, &str), pool: bool| {
        let mut spans = vec![
            Span::styled(" dyad ", THEME.title),
            Span::styled(format!("│ Current: {}", names.0), THEME.title),
        ];
        if modified {
            spans.push(Span::styled(mark.to_string(), THEME.title_modified));
        }
        if d.read_only.is_some() {
            spans.push(Span::styled(" ", THEME.title));
            spans.push(Span::styled(" READ-ONLY ", THEME.warning));
        }
        spans.push(Span::styled(format!(" │ {base} {} ", names.1), THEME.title));
        let about = match (with_counts, pool) {
            (true, true) => format!("│ {counts} ({source}) "),
            (true, false) => format!("│ {counts} "),
            (false, true) => format!("│ {source} "),
            (false, false) => String::new(),
        };
        spans.push(Span::styled(about, THEME.title));
        spans
    };
    let used = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| s.content.chars().count())
            .sum::<usize>()
    };
    let names = (d.current.name.as_str(), d.baseline.name.as_str());
    let variants = [
        (" (modified, not saved)", true, "Baseline:"),
        (" (modified)", true, "Baseline:"),
        (" (modified)", false, "Baseline:"),
        (" (modified)", false, "vs"),
    ];
    let mut spans = Vec::new();
    for (mark, with_counts, base) in variants {
        spans = line(mark, with_counts, base, names, true);
        if used(&spans) <= width {
            break;
        }
    }
    if used(&spans) > width {
        // The names give way to the pool's name, down to a few letters each; then the pool's
        // name goes.
        let room = width.saturating_sub(used(&line(" (modified)", false, "vs", ("", ""), true)));
        let (a, b) = (names.0.chars().count(), names.1.chars().count());
        let first = a.min(room.saturating_sub(b.min(room / 2)));
        let second = room.saturating_sub(first);
        spans = if first.min(second) >= 8 {
            let cut_names = (cut(names.0, first), cut(names.1, second));
            line(
                " (modified)",
                false,
                "vs",
                (&cut_names.0, &cut_names.1),
                true,
            )
        } else {
            line(" (modified)", false, "vs", names, false)
        };
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(THEME.title), area);
}

fn level_style(l: Level) -> Style {
    match l {
        Level::Info => THEME.status,
        Level::Warning => THEME.warning,
        Level::Error => THEME.error,
    }
}

/// The left of the status line: a message when there is one (true), else what the selected
/// setting or panel is about (false).
fn left(m: &Model, width: usize) -> (String, Style, bool) {
    if let Some(s) = &m.status {
        // Room for the message on its line beside a short rematch time, or on two lines.
        let one = width.saturating_sub(2 + 10);
        let two = (2 * width.saturating_sub(2)).saturating_sub(10);
        let text = super::moved::message(s, &m.document.pool, one, two);
        return (text, level_style(s.level), true);
    }
    if let Some(e) = &m.solve.match_error {
        let text = format!("Cannot match these settings: {e} (u undoes)");
        return (text, THEME.error, true);
    }
    // Standing warnings keep to one line, so the keys stay in sight.
    if m.solve
        .results
        .as_ref()
        .is_some_and(|r| r.baseline_without_pins)
    {
        let text = "Baseline shown without the pins: its rules do not allow them all";
        return (text.into(), THEME.warning, false);
    }
    if let Some(text) = m.reference_year_warning() {
        return (text, THEME.warning, false);
    }
    if m.all_weights_zero() {
        let text = "All weights are 0: every pair scores 0, so only the number matched counts";
        return (text.into(), THEME.warning, false);
    }
    // Under a popup, the context of the panels below is not what the keys do.
    match m.top {
        Top::Main => {}
        Top::CouncilPick(_) => {
            let text = "Choose the members with Space, then Enter convenes them";
            return (text.into(), THEME.dim, false);
        }
        Top::Council(_) => {
            let text = "The consensus is only proposed: Enter uses it, S saves it as a profile";
            return (text.into(), THEME.dim, false);
        }
        _ => return (String::new(), THEME.dim, false),
    }
    if m.focus == Focus::Matches && m.mentors.shown {
        let text = "Enter goes to the mentor's mentees · m shows the mentees · Tab back to weights";
        return (text.into(), THEME.dim, false);
    }
    if m.focus == Focus::Matches {
        let text = match super::matches::kept_words(m) {
            Some(kept) => format!("{kept} · Enter explains it · x bans · . pins"),
            None => "Enter explains the selected pair · x bans it · . pins it · Tab back to \
                     weights"
                .into(),
        };
        return (text, THEME.dim, false);
    }
    let s = Setting::at(m.weights.scroll.selected);
    let stable = s
        .weight()
        .and_then(|k| m.stability(k))
        .and_then(|r| r.as_ref().ok())
        .map_or(String::new(), |st| {
            format!(" (stable {})", stable::text(st))
        });
    (
        format!("{}{stable}: {}", s.label(), s.help()),
        THEME.dim,
        false,
    )
}

/// The right of the status line: how long the last rematch took, from most words (2) to
/// fewest (0).
fn right(m: &Model, words: u8) -> String {
    let ms = m.solve.elapsed.map(|t| t.as_secs_f64() * 1000.0);
    // A matching under a coverage floor whose search stopped before its proof says so.
    let gap = m.solve.results.as_ref().and_then(|r| {
        let matching = &r.current.matching;
        matching.floor.as_ref()?.gap(matching.total())
    });
    if let (false, Some(gap)) = (m.busy(), gap) {
        return match words {
            2 => format!("Not proven optimal: within {gap:.1} points "),
            1 => format!("not proven: ≤ {gap:.1} pts "),
            _ => "not proven ".into(),
        };
    }
    match (m.busy(), ms, words) {
        (true, _, 2) => "Rematching… ".into(),
        (true, _, _) => "rematching… ".into(),
        (false, Some(ms), 2) => format!("Rematched in {ms:.1} ms "),
        (false, Some(ms), 1) => format!("rematch {ms:.1} ms "),
        (false, Some(ms), _) => format!("{ms:.1} ms "),
        (false, None, _) => String::new(),
    }
}

/// The least room the left of the status line keeps before the time loses words.
const LEFT_ROOM: usize = 60;

/// The two bottom lines: the status line (message or context, and the rematch time) and the
/// key hints. A message too long for its line takes the hints' line too, until the next key.
pub fn bottom(f: &mut Frame, status: Rect, hint_area: Rect, m: &Model) {
    let width = usize::from(status.width);
    let (text, style, message) = left(m, width);
    let variants = [right(m, 2), right(m, 1), right(m, 0)];
    let len = |r: &String| r.chars().count();
    let right = variants
        .iter()
        .find(|r| text.chars().count() + 2 + len(r) <= width)
        .or_else(|| variants.iter().find(|r| width >= len(r) + 2 + LEFT_ROOM))
        .unwrap_or(&variants[2])
        .clone();
    let right_w = right.chars().count() as u16;
    let [left_area, right_area] = status.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right_w),
    ]));
    f.render_widget(
        Paragraph::new(Line::styled(right, THEME.dim)).right_aligned(),
        right_area,
    );
    let room = usize::from(left_area.width).saturating_sub(2);
    if !message || text.chars().count() <= room {
        let line = Line::styled(format!(" {} ", cut(&text, room)), style);
        f.render_widget(Paragraph::new(line), left_area);
        hints(f, hint_area, m);
        return;
    }
    // One column of margin on either side, as on the single line.
    let two = Rect::new(
        left_area.x + 1,
        left_area.y,
        left_area.width.saturating_sub(2),
        2,
    )
    .intersection(status.union(hint_area));
    f.render_widget(
        Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
        two,
    );
}

/// The main screen's hints as they apply to the panel selected: with the matches selected,
/// ← → do not change a weight (they say so when pressed), and in the mentors view Enter goes to
/// the mentor's mentees instead of explaining a pair, and the keys of a pair are refused.
fn in_context(all: Vec<(String, &'static str)>, m: &Model) -> Vec<(String, &'static str)> {
    if !m.top.is_main() || m.focus != Focus::Matches {
        return all;
    }
    all.into_iter()
        .filter(|(k, _)| k != "←→" && k != "[ ]")
        // The mentors view refuses the keys of a pair and of the mentees' table.
        .filter(|(k, _)| !(m.mentors.shown && ["c", "o", "x", "X", "."].contains(&k.as_str())))
        .map(|(k, w)| match (k.as_str(), m.mentors.shown) {
            ("Enter", true) => (k, "mentees"),
            _ => (k, w),
        })
        .collect()
}

/// The hints of the current mode that fit, in keymap order; the last two (help and quit, or
/// the ways out of a popup) always shown.
pub fn hints(f: &mut Frame, area: Rect, m: &Model) {
    let all = in_context(keys::hints::hints(m.mode()), m);
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
