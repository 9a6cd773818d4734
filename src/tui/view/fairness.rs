//! The fairness view (`F`): the price of fairness under the current profile. On the left the
//! curve, one row per point (the floor or "off", mentees matched, the total score with a bar
//! from the lowest total to the highest, ✓ when proven optimal or the gap to its proven bound)
//! and, at its end, why the first floor that cannot be met cannot; on the right, for the point
//! selected, each group's matched share and mean pair score as a room may see them
//! (`privacy::room`: a group too small, or whose figures would rest on fewer than k people,
//! reads `<k`; no group's extremes).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use dyad::analysis::fairness::{Outcome, Point};
use dyad::privacy::SmallCells;
use dyad::privacy::room::{Changed, Group, Matched, Whole};

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::layout::popup;
use crate::tui::state::Model;
use crate::tui::text::{cut, wrap};
use crate::tui::theme::THEME;
use crate::tui::view::frame::popup_block;
use crate::tui::view::scores::groups::group_label;

/// The popup's widest.
const WIDTH: u16 = 112;
/// The chart's column: floor, matched, total, bar, proof.
const CHART: u16 = 44;
/// The bar's widest.
const BAR: usize = 10;

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let v = &m.fairness;
    let mut footer: Vec<(&[Action], &str)> = Vec::new();
    if v.curve().is_some() {
        footer.push((&[Action::Up, Action::Down], "point"));
        footer.push((&[Action::Accept], "set floor"));
    }
    footer.push((&[Action::Close], "close"));
    let block = popup_block(
        " The price of fairness: coverage floors per group ",
        Mode::Fairness,
        &footer,
    );
    let most = area.height.saturating_sub(2);
    let width = usize::from(WIDTH.min(area.width).saturating_sub(2));
    let curve = match v.shown() {
        Some(Ok(c)) => c,
        found => {
            let text = match found {
                Some(Err(e)) => {
                    let mut text = vec![Line::styled("No curve:", THEME.heading)];
                    text.extend(
                        wrap(e, width)
                            .into_iter()
                            .map(|l| Line::styled(l, THEME.error)),
                    );
                    text
                }
                _ => vec![Line::styled(
                    "computing… (the matching under each floor, each proven or with its gap)",
                    THEME.dim,
                )],
            };
            let r = popup(area, WIDTH, most.min(text.len() as u16 + 2));
            f.render_widget(Clear, r);
            f.render_widget(Paragraph::new(text).block(block), r);
            return;
        }
    };
    let cells = m.document.small_cells;
    let right_width = width.saturating_sub(usize::from(CHART));
    let wanted = v
        .point()
        .map_or(0, |p| point(p, cells, right_width).len())
        .max(chart(curve, v.selected, usize::MAX, usize::from(CHART)).len());
    let r_area = popup(area, WIDTH, most.min(wanted as u16 + 2));
    let inner = block.inner(r_area);
    f.render_widget(Clear, r_area);
    f.render_widget(block, r_area);
    let [left, right] =
        Layout::horizontal([Constraint::Length(CHART), Constraint::Fill(1)]).areas(inner);
    let lines = chart(
        curve,
        v.selected,
        usize::from(left.height),
        usize::from(left.width),
    );
    f.render_widget(Paragraph::new(lines), left);
    if let Some(p) = v.point() {
        let mut lines = point(p, cells, usize::from(right.width));
        lines.truncate(usize::from(right.height));
        f.render_widget(Paragraph::new(lines), right);
    }
}

/// A floor as a reader writes it: "off" or a percentage.
fn floor(f: Option<f64>) -> String {
    f.map_or_else(|| "off".into(), |f| format!("{:.0} %", f * 100.0))
}

/// The curve as rows (the rows around the point selected when they do not all fit in
/// `height`), then why the first floor that cannot be met cannot.
fn chart(curve: &[Point], selected: usize, height: usize, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!(
            "{:>6} {:>7} {:>7}  {:<BAR$}",
            "floor", "matched", "total", "score"
        ),
        THEME.heading,
    )];
    let totals = curve.iter().filter_map(|p| p.outcome.as_ref().ok());
    let lo = totals
        .clone()
        .map(|o| o.total)
        .fold(f64::INFINITY, f64::min);
    let hi = totals.map(|o| o.total).fold(f64::NEG_INFINITY, f64::max);
    let why: Vec<String> = curve
        .iter()
        .find_map(|p| p.outcome.as_ref().err())
        // One column short of the chart's width: the point's figures begin right after it.
        .map(|e| wrap(e, width.saturating_sub(1)))
        .unwrap_or_default();
    let rows = height.saturating_sub(2 + why.len().min(height / 2)).max(1);
    let at = selected.min(curve.len().saturating_sub(1));
    let from = at.saturating_sub(rows - 1);
    for (i, p) in curve.iter().enumerate().skip(from).take(rows) {
        let style = if i == at {
            THEME.selected
        } else {
            THEME.status
        };
        let mark = if i == at { "▸" } else { " " };
        let mut spans = vec![Span::styled(format!("{mark}{:>5} ", floor(p.floor)), style)];
        match &p.outcome {
            Ok(o) => {
                let filled = if hi > lo {
                    1 + ((o.total - lo) / (hi - lo) * (BAR - 1) as f64).round() as usize
                } else {
                    BAR
                };
                let filled = filled.min(BAR);
                spans.push(Span::styled(
                    format!("{:>7} {:>7.1}  ", o.matched, o.total),
                    style,
                ));
                spans.push(Span::styled("█".repeat(filled), THEME.bar_filled));
                spans.push(Span::styled("░".repeat(BAR - filled), THEME.bar_empty));
                spans.push(Span::styled(format!(" {}", proof(o)), style));
            }
            Err(_) => spans.push(Span::styled("cannot be met", THEME.error)),
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled("✓ proven optimal (gap 0)", THEME.dim));
    let room = height.saturating_sub(lines.len());
    lines.extend(
        why.into_iter()
            .take(room)
            .map(|l| Line::styled(l, THEME.error)),
    );
    lines
}

fn proof(o: &Outcome) -> String {
    if o.proven_optimal {
        "✓".into()
    } else {
        format!("gap {:.1}", o.bound - o.total)
    }
}

/// The point selected: its figures, then each group's matched share and mean pair score as
/// the room may see them.
fn point(p: &Point, cells: SmallCells, width: usize) -> Vec<Line<'static>> {
    let head = match p.floor {
        Some(_) => format!("Floor {} per group", floor(p.floor)),
        None => "No floor".into(),
    };
    let mut lines = vec![Line::styled(cut(&head, width), THEME.heading)];
    let o = match &p.outcome {
        Ok(o) => o,
        Err(e) => {
            lines.push(Line::styled("cannot be met:", THEME.error));
            lines.extend(wrap(e, width).into_iter().map(Line::raw));
            return lines;
        }
    };
    let proof = if o.proven_optimal {
        "proven optimal".to_string()
    } else {
        format!("gap {:.1} (bound {:.1})", o.bound - o.total, o.bound)
    };
    lines.push(Line::raw(cut(
        &format!(
            "{} of {} matched, total {:.1}",
            o.matched, o.eligible, o.total
        ),
        width,
    )));
    lines.push(Line::raw(cut(&proof, width)));
    if p.floor.is_some() {
        lines.push(Line::raw(cut(
            &format!(
                "vs no floor: {} lose, {} gain a pair",
                o.lose.len(),
                o.gain.len()
            ),
            width,
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{:<10} {:>13} {:>6}", "group", "matched", "mean"),
        THEME.heading,
    ));
    let whole = Whole {
        eligible: o.eligible,
        matched: o.matched,
    };
    let small = cells.label();
    for g in &o.groups {
        let group = Group {
            eligible: g.eligible,
            matched: g.matched,
            scores: &g.scores,
        };
        // A point with a floor is told apart from the one without by the room: its figures
        // follow the rule for changes, over the mentees who moved between the two.
        let shown = match p.floor {
            None => cells.row(whole, group),
            Some(_) => cells.compared_row(
                whole,
                group,
                Changed {
                    in_group: g.moved,
                    total: o.moved,
                    status: o.lose.len() + o.gain.len(),
                },
            ),
        };
        let (matched, mean) = match shown {
            None => (small.clone(), small.clone()),
            Some(r) => {
                let matched = match r.counts {
                    Some((e, Matched::Exact(n))) => {
                        format!("{n} of {e} ({:.0} %)", g.share() * 100.0)
                    }
                    Some((e, Matched::AtLeast(n))) => format!("≥ {n} of {e}"),
                    None => small.clone(),
                };
                let mean = r.mean.map_or_else(|| small.clone(), |x| format!("{x:.1}"));
                (matched, mean)
            }
        };
        lines.push(Line::raw(cut(
            &format!(
                "{:<10} {matched:>13} {mean:>6}",
                cut(&group_label(&g.name), 10)
            ),
            width,
        )));
    }
    if o.groups.is_empty() {
        lines.push(Line::styled(
            cut(&format!("no group of {} or more", cells.k()), width),
            THEME.dim,
        ));
    }
    lines
}
