//! The council: choosing its members, then their weights side by side with the spread of each
//! (min, median, max) and the consensus (the medians), how far each member's matching is from
//! the consensus matching, and the mentees on which the members' matchings disagree, least
//! supported first. Every figure comes from `dyad::analysis::council`; this file only lays them out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use dyad::analysis::council::{Council, Disagreement};
use dyad::criteria::{CRITERIA, N};
use dyad::pool::Pool;

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::weights::Setting;
use crate::tui::state::{CouncilPick, CouncilView, Model};
use crate::tui::theme::THEME;

use crate::tui::layout::popup;
use crate::tui::scroll::Viewport;
use crate::tui::text::{clip, cut, wrap};
use crate::tui::view::frame::popup_block;
use dyad::present::{screen_fig, shown_delta, signed};

/// Rows the status and hint lines keep below the council view.
const BELOW: u16 = 2;
/// The first column on a wide screen, and on a narrow one.
const LABEL: usize = 26;
const NARROW_LABEL: usize = 19;
/// Widths below this get the narrow layout.
const WIDE: usize = 110;
/// The consensus column, with the two spaces before it.
const CONSENSUS: usize = 11;

/// The council view's area: the whole screen above the status and hint lines.
fn area_of(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1.saturating_sub(BELOW))
}

#[cfg(test)]
/// Lines of text the council view shows at once.
pub fn body_height(size: (u16, u16)) -> u16 {
    area_of(size).height.saturating_sub(2)
}

#[cfg(test)]
/// Characters across the council view's text.
fn body_width(size: (u16, u16)) -> usize {
    usize::from(area_of(size).width.saturating_sub(2))
}

#[cfg(test)]
/// Lines in the whole council view (to stop scrolling at its end).
pub fn line_count(pool: &Pool, v: &CouncilView, size: (u16, u16)) -> usize {
    let head = head(pool, v, body_width(size)).len();
    match &v.council {
        Some(Ok(c)) => head + c.disagreements.len(),
        _ => head,
    }
}

/// The first column's width at this text width.
fn label_width(width: usize) -> usize {
    if width >= WIDE { LABEL } else { NARROW_LABEL }
}

fn fig(x: f64) -> String {
    screen_fig(x, 1)
}

/// The change from `own` to `consensus` as shown, six columns wide.
fn delta(own: f64, consensus: f64) -> Span<'static> {
    let d = shown_delta(own, consensus, 1);
    let style = if !d.is_finite() || d.abs() < 0.05 {
        THEME.dim
    } else if d > 0.0 {
        THEME.better
    } else {
        THEME.worse
    };
    Span::styled(format!("{:<6}", signed(d, 1)), style)
}

/// Column widths: each member's, and the spread bar's (0 when there is no room for it).
#[derive(Clone, Copy)]
struct Cols {
    label: usize,
    member: usize,
    bar: usize,
}

impl Cols {
    fn of(c: &Council, width: usize) -> Cols {
        let n = c.members.len().max(1);
        let longest = c
            .members
            .iter()
            .map(|m| m.label.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(6, 14);
        let label = label_width(width);
        // The widest bar (steps of 0.05, then 0.1) that leaves each member 10 columns.
        for bar in [21, 11] {
            let room = width.saturating_sub(label + 1 + bar + CONSENSUS) / n;
            if room >= 12 {
                return Cols {
                    label,
                    member: longest.min(room - 2),
                    bar,
                };
            }
        }
        let room = width.saturating_sub(label + CONSENSUS) / n;
        Cols {
            label,
            member: longest.min(room.saturating_sub(2)).max(4),
            bar: 0,
        }
    }

    /// The first column: a label and at least one space.
    fn label(self, s: &str) -> String {
        format!("{} ", clip(s, self.label - 1))
    }

    /// The space the bar takes (blank in rows without one).
    fn gap(self) -> String {
        if self.bar == 0 {
            String::new()
        } else {
            " ".repeat(self.bar + 1)
        }
    }
}

/// The width of the disagreements' mentee column: the longest id.
fn id_width(pool: &Pool) -> usize {
    pool.mentees
        .iter()
        .map(|m| m.id.chars().count())
        .max()
        .unwrap_or(6)
        .max(6)
}

/// A cell of the mentee column, and two spaces.
fn mentee_cell(text: &str, width: usize) -> String {
    format!("{}  ", clip(text, width))
}

/// Comma-separated items filled into lines of `width` characters.
fn fill(prefix: &str, items: &[String], width: usize) -> Vec<String> {
    let mut lines = vec![prefix.to_string()];
    for (i, item) in items.iter().enumerate() {
        let sep = if i + 1 == items.len() { "." } else { "," };
        let word = format!("{item}{sep}");
        let last = lines.last_mut().expect("a line");
        if last.chars().count() + 1 + word.chars().count() > width && !last.trim().is_empty() {
            lines.push(format!("  {word}"));
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(&word);
        }
    }
    lines
}

/// The spread of one weight over 0–1: `├──●──┤` from the lowest to the highest member, the dot
/// at the median (the consensus).
fn spread_bar(min: f64, median: f64, max: f64, bar: usize) -> Vec<Span<'static>> {
    if bar == 0 {
        return Vec::new();
    }
    let at = |x: f64| ((x.clamp(0.0, 1.0) * (bar - 1) as f64).round() as usize).min(bar - 1);
    let (lo, mid, hi) = (at(min), at(median), at(max));
    let mut spans = vec![Span::raw(" ")];
    spans.extend((0..bar).map(|i| {
        if i == mid {
            Span::styled("●", THEME.current)
        } else if i == lo {
            Span::styled("├", THEME.bar_filled)
        } else if i == hi {
            Span::styled("┤", THEME.bar_filled)
        } else if i > lo && i < hi {
            Span::styled("─", THEME.bar_filled)
        } else {
            Span::styled("·", THEME.dim)
        }
    }));
    spans
}

fn heading(text: impl Into<String>) -> Line<'static> {
    Line::styled(text.into(), THEME.heading)
}

/// Everything above the disagreements (their rows are laid out only where they show).
fn head(pool: &Pool, v: &CouncilView, width: usize) -> Vec<Line<'static>> {
    let c = match &v.council {
        None => {
            return vec![
                Line::styled(
                    format!(
                        "Convening the council: matching {} member profiles and their consensus…",
                        v.labels.len()
                    ),
                    THEME.heading,
                ),
                Line::raw(format!("Members: {}", v.labels.join(", "))),
            ];
        }
        Some(Err(e)) => {
            return vec![
                Line::styled("The council could not be convened:", THEME.error),
                Line::raw(e.clone()),
            ];
        }
        Some(Ok(c)) => c,
    };
    let cols = Cols::of(c, width);
    let w = cols.member;
    let member_cells = |cells: &mut Vec<Span<'static>>, values: &[String], style: Style| {
        for v in values {
            cells.push(Span::styled(format!("{:>w$}  ", cut(v, w)), style));
        }
    };
    let labels: Vec<String> = c.members.iter().map(|m| m.label.clone()).collect();
    let mut lines = Vec::new();
    lines.push(heading("Members"));
    for m in &c.members {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", clip(&m.label, cols.label - 3)),
                THEME.panel_title,
            ),
            Span::raw(m.profile.name.clone()),
        ]));
    }

    lines.push(Line::raw(""));
    lines.push(heading(
        "Weights side by side; the consensus takes the median of each",
    ));
    let mut row = vec![Span::styled(cols.label("Criterion"), THEME.dim)];
    member_cells(&mut row, &labels, THEME.dim);
    let legend = match cols.bar {
        0 => String::new(),
        21 => format!(" {:<21}", "0   lowest ● highest  1"),
        b => format!(" {:<b$}", "0  spread 1"),
    };
    row.push(Span::styled(
        format!("{legend}{:>CONSENSUS$}", "Consensus"),
        THEME.dim,
    ));
    lines.push(Line::from(row));
    for (k, cr) in CRITERIA.iter().enumerate() {
        let s = &c.spread[k];
        let mut row = vec![Span::raw(cols.label(cr.label))];
        let values: Vec<String> = c
            .members
            .iter()
            .map(|m| format!("{:.2}", m.profile.weights[k]))
            .collect();
        member_cells(&mut row, &values, Style::new());
        row.extend(spread_bar(s.min, s.median, s.max, cols.bar));
        row.push(Span::styled(
            format!("{:>CONSENSUS$.2}", c.consensus.profile.weights[k]),
            THEME.current,
        ));
        lines.push(Line::from(row));
    }
    let widest: Vec<String> = c
        .widest()
        .into_iter()
        .map(|k| {
            let s = &c.spread[k];
            format!("{} ({:.2} to {:.2})", CRITERIA[k].label, s.min, s.max)
        })
        .collect();
    if !widest.is_empty() {
        for l in fill("The members differ most on:", &widest, width) {
            lines.push(Line::raw(l));
        }
    }

    // The rules as the weights panel names and shows them.
    let rules = |p: &dyad::profile::Profile| -> Vec<(&'static str, String)> {
        (N..Setting::COUNT)
            .map(|i| (Setting::at(i).label(), Setting::at(i).value(p)))
            .collect()
    };
    let per_member: Vec<Vec<(&str, String)>> =
        c.members.iter().map(|m| rules(&m.profile)).collect();
    let consensus = rules(&c.consensus.profile);
    let (differ, same): (Vec<usize>, Vec<usize>) = (0..consensus.len())
        .partition(|&s| per_member.iter().any(|v| v[s].1 != per_member[0][s].1));
    lines.push(Line::raw(""));
    lines.push(heading(if differ.is_empty() {
        "Rules: the members set them all alike"
    } else {
        "Rules where the members differ (numbers: the median; choices: the majority)"
    }));
    for s in differ {
        let mut row = vec![Span::raw(cols.label(consensus[s].0))];
        let values: Vec<String> = per_member.iter().map(|v| v[s].1.clone()).collect();
        member_cells(&mut row, &values, Style::new());
        row.push(Span::styled(
            format!("{}{:>CONSENSUS$}", cols.gap(), consensus[s].1),
            THEME.current,
        ));
        lines.push(Line::from(row));
    }
    if !same.is_empty() {
        let listed: Vec<String> = same
            .iter()
            .map(|&s| format!("{} {}", consensus[s].0, consensus[s].1))
            .collect();
        for l in fill("The same for every member:", &listed, width) {
            lines.push(Line::styled(l, THEME.dim));
        }
    }

    lines.push(Line::raw(""));
    lines.push(heading(
        "Each member's matching against the consensus matching, scored by the member's own weights",
    ));
    // Narrow: shorter headings, the same figures.
    let wide = width >= WIDE;
    let (differ_head, mean_head, worst_head) = if wide {
        (
            "Different pairs",
            "Mean pair: own → consensus",
            "Worst pair: own → consensus",
        )
    } else {
        ("Differ", "Mean: own → cons.", "Worst: own → cons.")
    };
    let differ_w = differ_head.chars().count();
    // Each figure column: the heading and three spaces; its cell "own → consensus Δ" is as
    // wide, the own figure right-aligned under the heading's start.
    let mean_w = mean_head.chars().count() + 3;
    let own_w = mean_w - 15;
    let worst_own_w = worst_head.chars().count() + 3 - 15;
    lines.push(Line::styled(
        format!(
            "{}{:>8}  {:>differ_w$}  {:<mean_w$}{}",
            cols.label("Member"),
            "Matched",
            differ_head,
            mean_head,
            worst_head
        ),
        THEME.dim,
    ));
    for ((m, ev), fit) in c.members.iter().zip(&c.evaluations).zip(&c.fits) {
        lines.push(Line::from(vec![
            Span::styled(cols.label(&m.label), THEME.panel_title),
            Span::raw(format!(
                "{:>8}  {:>differ_w$}  ",
                format!("{}/{}", ev.summary.matched, ev.summary.eligible),
                fit.changes.len()
            )),
            Span::raw(format!(
                "{:>own_w$} → {:>5} ",
                fig(fit.own.mean),
                fig(fit.consensus.mean)
            )),
            delta(fit.own.mean, fit.consensus.mean),
            Span::raw(format!(
                "{:>worst_own_w$} → {:>5} ",
                fig(fit.own.min),
                fig(fit.consensus.min)
            )),
            delta(fit.own.min, fit.consensus.min),
        ]));
    }
    let cs = &c.consensus.summary;
    lines.push(Line::styled(
        format!(
            "Consensus: {} of {} eligible mentees matched, mean pair {}, worst pair {}.",
            cs.matched,
            cs.eligible,
            fig(cs.stats.mean),
            fig(cs.stats.min)
        ),
        THEME.current,
    ));

    lines.push(Line::raw(""));
    let agreement = [
        format!(
            "of {} mentees eligible under at least one profile",
            c.considered()
        ),
        format!(
            "the members agree on {} ({} identical pairs, {} unmatched by all)",
            c.agreed_pairs.len() + c.agreed_unmatched.len(),
            c.agreed_pairs.len(),
            c.agreed_unmatched.len(),
        ),
        format!("and disagree on {}", c.disagreements.len()),
    ];
    for l in fill("Agreement:", &agreement, width) {
        lines.push(heading(l));
    }
    if !c.disagreements.is_empty() {
        let legend = [
            "least support first".to_string(),
            "— unmatched".to_string(),
            "green: the consensus mentor".to_string(),
            "support: how many members give that mentor".to_string(),
        ];
        for l in fill("Where they disagree:", &legend, width) {
            lines.push(Line::styled(l, THEME.dim));
        }
        let mut row = vec![Span::styled(
            mentee_cell("Mentee", id_width(pool)),
            THEME.dim,
        )];
        member_cells(&mut row, &labels, THEME.dim);
        row.push(Span::styled(
            format!("{:>CONSENSUS$}  Support", "Consensus"),
            THEME.dim,
        ));
        lines.push(Line::from(row));
    }
    lines
}

fn mentor(pool: &Pool, j: Option<usize>) -> String {
    j.map_or("—".into(), |j| pool.mentors[j].id.clone())
}

fn disagreement(
    pool: &Pool,
    c: &Council,
    d: &Disagreement,
    cols: Cols,
    id_w: usize,
) -> Line<'static> {
    let w = cols.member;
    let mut row = vec![Span::raw(mentee_cell(&pool.mentees[d.mentee].id, id_w))];
    for j in &d.mentors {
        let style = if *j == d.consensus {
            THEME.better
        } else {
            Style::new()
        };
        row.push(Span::styled(format!("{:>w$}", mentor(pool, *j)), style));
        row.push(Span::raw("  "));
    }
    row.push(Span::styled(
        format!("{:>CONSENSUS$}", mentor(pool, d.consensus)),
        THEME.current,
    ));
    let support = d.support();
    let style = if support * 2 > c.members.len() {
        Style::new()
    } else {
        THEME.warning
    };
    row.push(Span::styled(
        format!("  {support:>3} of {}", c.members.len()),
        style,
    ));
    Line::from(row)
}

/// Draws the council view from its scroll offset; returns its viewport (lines shown, lines in
/// all).
pub fn render(f: &mut Frame, m: &Model, v: &CouncilView) -> Viewport {
    let r = area_of(m.size).intersection(f.area());
    let n = v.labels.len();
    let title = match (&v.council, v.elapsed) {
        (Some(Ok(_)), Some(t)) => format!(
            " Council of {n}: members side by side and their consensus · convened in {:.0} ms ",
            t.as_secs_f64() * 1000.0
        ),
        _ => format!(" Council of {n} "),
    };
    let block = Block::bordered()
        .title(Line::styled(title, THEME.panel_title))
        .border_style(THEME.border_focused);
    let inner = block.inner(r);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let head = head(&m.document.pool, v, width);
    let from = v.scroll.offset;
    let drawn = Viewport {
        height,
        len: head.len()
            + v.council
                .as_ref()
                .map_or(0, |c| c.as_ref().map_or(0, |c| c.disagreements.len())),
    };
    let mut lines: Vec<Line> = head.iter().skip(from).take(height).cloned().collect();
    if let Some(Ok(c)) = &v.council
        && lines.len() < height
    {
        let cols = Cols::of(c, width);
        let id_w = id_width(&m.document.pool);
        let mut order: Vec<&Disagreement> = c.disagreements.iter().collect();
        order.sort_by_key(|d| (d.support(), d.mentee));
        let skip = from.saturating_sub(head.len());
        let room = height - lines.len();
        lines.extend(
            order
                .into_iter()
                .skip(skip)
                .take(room)
                .map(|d| disagreement(&m.document.pool, c, d, cols, id_w)),
        );
    }
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block), r);
    drawn
}

pub fn render_pick(f: &mut Frame, area: Rect, m: &Model, p: &CouncilPick) {
    // Above the status line, where what Space and Enter say shows.
    let r = popup(area_of((area.width, area.height)), 100, 24);
    let chosen = p.chosen.iter().filter(|c| **c).count();
    let block = popup_block(
        format!(" Council: choose the members' profiles ({chosen} chosen) "),
        Mode::CouncilPick,
        &[
            (&[Action::Toggle], "in/out"),
            (&[Action::Accept], "convene"),
            (&[Action::Close], "close"),
        ],
    );
    let intro = format!(
        "Each council member saves a profile in {}/members/. Choose two or more with Space; \
         dyad matches each, proposes a consensus (median weights) and shows where they differ.",
        m.document.configs.display()
    );
    let mut lines: Vec<Line> = wrap(&intro, usize::from(r.width.saturating_sub(2)))
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    if p.entries.is_empty() {
        lines.push(Line::styled("Looking for profiles…", THEME.dim));
    }
    let visible = usize::from(block.inner(r).height).saturating_sub(lines.len());
    let offset = p.selected.saturating_sub(visible.saturating_sub(1));
    for (i, e) in p.entries.iter().enumerate().skip(offset).take(visible) {
        let selected = i == p.selected;
        let marker = if selected { "▶ " } else { "  " };
        let check = if p.chosen.get(i).copied().unwrap_or(false) {
            "[x] "
        } else {
            "[ ] "
        };
        let file = e.file.as_ref().map_or("built in".into(), |f| {
            f.strip_prefix(&m.document.configs)
                .unwrap_or(f)
                .display()
                .to_string()
        });
        let style = if selected {
            THEME.selected
        } else {
            Style::new()
        };
        let what = match &e.profile {
            Ok(prof) => Span::styled(prof.name.clone(), style.patch(THEME.panel_title)),
            Err(err) => Span::styled(format!("does not load: {err}"), THEME.unmatched),
        };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(check, style),
            Span::styled(format!("{} ", clip(&file, 30)), style),
            what,
        ]));
    }
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block), r);
}
