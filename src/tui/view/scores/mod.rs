//! The Scores panel: a histogram of pair scores (current beside baseline; bins follow the panel
//! width) with the summary figures and their deltas; per identity group on `g`
//! ([`groups`]), the weight-free measures on `v` ([`measures`]). Its first line
//! says what the changes are against and on which yardstick.

mod figures;
pub mod groups;
mod histogram;
mod measures;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use std::path::Path;

use dyad::analysis::summary::Summary;
use dyad::criteria::CRITERIA;
use dyad::profile::Profile;

use crate::tui::state::{Model, Scores};
use crate::tui::theme::THEME;
use histogram::{bin, bin_count, range};

use crate::tui::jobs::solve::Results;
use crate::tui::text::cut;
use dyad::present::{shown_delta, signed};

use crate::tui::layout::inner;

const BASE: &str = "▒";

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let (title, keys) = match m.scores {
        Scores::All => (" Scores: █ now ▒ baseline ", " g groups · v measures "),
        Scores::Groups => (" Identity groups ", " g all pairs · v measures "),
        Scores::Measures => (" Measures of the pairs ", " v scores · g groups "),
    };
    let block = Block::bordered()
        .title(Line::styled(title, THEME.panel_title))
        .title_bottom(Line::styled(keys, THEME.dim))
        .border_style(THEME.border);
    let area_in = inner(area);
    f.render_widget(block, area);
    let Some(r) = &m.solve.results else {
        let text = if m.solve.match_error.is_some() {
            "Not matched"
        } else {
            "Matching…"
        };
        f.render_widget(Paragraph::new(text), area_in);
        return;
    };
    let [top, body] = area_in.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let scored = m.scores != Scores::Measures;
    f.render_widget(
        Paragraph::new(Line::styled(
            yardstick(m, usize::from(top.width), scored),
            THEME.dim,
        )),
        top,
    );
    let o = &r.overview;
    let lines = match m.scores {
        Scores::All => return all(f, body, r),
        Scores::Groups => groups::view(&r.pool, o, m.document.small_cells, body.width, body.height),
        Scores::Measures => {
            let limit = r.current.profile.constraints.in_person_max_km;
            let (now, base) = (&o.now.measures, &o.baseline.measures);
            measures::view(now, base, limit, body.width, body.height)
        }
    };
    f.render_widget(Paragraph::new(lines), body);
}

/// A profile as the yardstick line names it: its file's name without `.toml`, or its own name
/// when it has no file.
fn profile_label(p: &Profile, file: Option<&Path>) -> String {
    file.and_then(|f| f.file_stem())
        .map_or(p.name.clone(), |s| s.to_string_lossy().into_owned())
}

/// What the panel compares with and, for scores, which profile scores both sides: "Δ vs
/// pilot-2023, both scored by fall-2023", in as many words as fit `width`.
pub fn yardstick(m: &Model, width: usize, scored: bool) -> String {
    let d = &m.document;
    let base = profile_label(&d.baseline, d.baseline_file.as_deref());
    let cur = if m.profile_modified() {
        "the current settings".to_string()
    } else {
        profile_label(&d.current, d.current_file.as_deref())
    };
    let variants = if scored {
        vec![
            format!("Δ vs {base}, both scored by {cur}"),
            format!("vs {base}, scored by {cur}"),
            format!("vs {base}, scored as now"),
        ]
    } else {
        vec![
            format!("Δ vs {base}; no weights involved"),
            format!("Δ vs {base}, weight-free"),
            format!("Δ vs {base}"),
        ]
    };
    let fits = |v: &&String| v.chars().count() <= width;
    let last = &variants[variants.len() - 1];
    cut(variants.iter().find(fits).unwrap_or(last), width)
}

fn all(f: &mut Frame, area: Rect, r: &Results) {
    // The baseline as the current profile scores it: one yardstick for both.
    let (now, base) = (&r.current.summary, &r.comparison.a);
    let full = area.height >= 20 && area.width >= 34;
    let figures = if full {
        figures_table(now, base)
    } else {
        figures_compact(now, base, area.width)
    };
    let means = if full && area.height >= 34 {
        criteria_means(now, base)
    } else {
        Vec::new()
    };
    let chart_h = area
        .height
        .saturating_sub((figures.len() + means.len()) as u16 + u16::from(full))
        .min(14);
    let [chart, _, figs, crit] = area.layout(&Layout::vertical([
        Constraint::Length(chart_h),
        Constraint::Length(u16::from(full)),
        Constraint::Length(figures.len() as u16),
        Constraint::Fill(1),
    ]));
    let scores = |ev: &dyad::matching::engine::Evaluation| -> Vec<f64> {
        ev.matching.pairs.iter().map(|p| p.score).collect()
    };
    histogram(
        f.buffer_mut(),
        chart,
        &scores(&r.current),
        &scores(&r.baseline),
    );
    f.render_widget(Paragraph::new(figures), figs);
    f.render_widget(Paragraph::new(means), crit);
}

/// Draws the histogram: per bin a column for now (eighth blocks) and one for the baseline
/// (shaded cells), then a gap; score labels on the bottom row.
pub fn histogram(buf: &mut Buffer, area: Rect, now: &[f64], base: &[f64]) {
    if area.height < 2 || area.width < 3 {
        return;
    }
    let bins = bin_count(area.width, 3);
    let (lo, hi) = range(now, base);
    let (a, b) = (bin(now, lo, hi, bins), bin(base, lo, hi, bins));
    let tallest = a.iter().chain(&b).copied().max().unwrap_or(0).max(1);
    let h = area.height - 1;
    const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    for i in 0..bins {
        let x = area.x + (i * 3) as u16;
        let cur = (f64::from(a[i]) / f64::from(tallest) * f64::from(h) * 8.0).round() as u16;
        let mut old = (f64::from(b[i]) / f64::from(tallest) * f64::from(h)).round() as u16;
        if b[i] > 0 {
            old = old.max(1);
        }
        for row in 0..h {
            let y = area.y + h - 1 - row;
            let level = cur.saturating_sub(row * 8).min(8);
            if level > 0 {
                buf.set_string(x, y, EIGHTHS[usize::from(level)], THEME.current);
            }
            if row < old {
                buf.set_string(x + 1, y, BASE, THEME.baseline);
            }
        }
    }
    let axis = area.y + h;
    let used = (bins * 3) as u16;
    let labels = [(0, lo), (used / 2, (lo + hi) / 2.0), (used, hi)];
    for (dx, v) in labels {
        let text = format!("{v:.0}");
        let x = (area.x + dx).saturating_sub(if dx == 0 {
            0
        } else {
            text.len() as u16 / 2 + 1
        });
        if x + text.len() as u16 <= area.right() {
            buf.set_string(x, axis, &text, THEME.dim);
        }
    }
    let tall = format!("tallest: {tallest}");
    if used + (tall.len() as u16) < area.width {
        buf.set_string(area.right() - tall.len() as u16, area.y, tall, THEME.dim);
    }
}

fn delta(now: f64, base: f64, digits: usize, higher_is_better: bool) -> Span<'static> {
    let d = shown_delta(base, now, digits);
    let text = signed(d, digits);
    if !d.is_finite() || text == "=" {
        return Span::styled(format!("{text:>4}"), THEME.dim);
    }
    let good = (d > 0.0) == higher_is_better;
    Span::styled(
        format!("{text:>6}"),
        if good { THEME.better } else { THEME.worse },
    )
}

fn num(x: f64, digits: usize) -> String {
    if x.is_finite() {
        format!("{x:.digits$}")
    } else {
        "—".into()
    }
}

/// (label, now, baseline, digits, higher is better)
fn figures(now: &Summary, base: &Summary) -> [(&'static str, f64, f64, usize, bool); 7] {
    let (a, b) = (&now.stats, &base.stats);
    [
        ("Matched", now.matched as f64, base.matched as f64, 0, true),
        (
            "Unmatched",
            now.unmatched as f64,
            base.unmatched as f64,
            0,
            false,
        ),
        ("Mean", a.mean, b.mean, 1, true),
        ("Median", a.median, b.median, 1, true),
        ("Lowest", a.min, b.min, 1, true),
        ("10th pct", a.p10, b.p10, 1, true),
        ("Std dev", a.std, b.std, 1, false),
    ]
}

fn figures_table(now: &Summary, base: &Summary) -> Vec<Line<'static>> {
    let mut v = vec![Line::styled(
        format!("{:<10}{:>8}{:>10}{:>7}", "", "now", "baseline", "Δ"),
        THEME.heading,
    )];
    for (label, a, b, d, up) in figures(now, base) {
        v.push(Line::from(vec![
            Span::raw(format!("{label:<10}{:>8}{:>10} ", num(a, d), num(b, d))),
            delta(a, b, d, up),
        ]));
    }
    v
}

/// The figures packed into as few lines as the width allows: "Mean 76.2 −4.9  Median …".
fn figures_compact(now: &Summary, base: &Summary, width: u16) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut used = 0usize;
    for (label, a, b, d, up) in figures(now, base) {
        let head = format!("{label} {}", num(a, d));
        let delta = delta(a, b, d, up);
        let delta = Span::styled(delta.content.trim().to_string(), delta.style);
        let w = head.chars().count() + 1 + delta.content.chars().count();
        if used > 0 && used + 2 + w > usize::from(width) {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        if used > 0 {
            current.push(Span::raw("  "));
            used += 2;
        }
        current.push(Span::raw(head + " "));
        current.push(delta);
        used += w;
    }
    lines.push(Line::from(current));
    lines
}

fn criteria_means(now: &Summary, base: &Summary) -> Vec<Line<'static>> {
    let mut v = vec![
        Line::raw(""),
        Line::styled("Mean criterion score of the pairs", THEME.heading),
    ];
    for c in CRITERIA {
        let a = now.criteria_mean.get(c.key).copied().unwrap_or(f64::NAN);
        let b = base.criteria_mean.get(c.key).copied().unwrap_or(f64::NAN);
        v.push(Line::from(vec![
            Span::raw(format!("{:<23}{:>5} ", cut(c.label, 23), num(a, 2))),
            delta(a, b, 2, true),
        ]));
    }
    v
}
