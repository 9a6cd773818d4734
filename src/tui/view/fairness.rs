//! The fairness view (`F`): the price of fairness under the current profile. On the left the
//! curve, one row per point (the floor or "off", mentees matched, the total score with a bar
//! from the lowest total to the highest, ✓ when proven optimal or the gap to its proven bound)
//! and, at its end, why the first floor that cannot be met cannot; on the right, for the point
//! selected, each group's matched share and mean pair score as a room may see them
//! (`privacy::room`: a group too small, or whose figures would rest on fewer than k people,
//! reads `<k`; no group's extremes; a point's figures only when they, told apart from those of
//! every other point or matching the room sees, single out no fewer than k, the bound the
//! point's count of matched gives otherwise).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use dyad::analysis::fairness::{self, Outcome, Point};
use dyad::privacy::SmallCells;
use dyad::privacy::room::{Matched, RowShown};

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
    let rows = room_rows(m, curve, cells);
    let at = v.selected.min(curve.len().saturating_sub(1));
    let shown = rows.get(at).map_or(&[][..], Vec::as_slice);
    let right_width = width.saturating_sub(usize::from(CHART));
    let wanted = v
        .point()
        .map_or(0, |p| point(p, shown, cells, right_width).len())
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
        let mut lines = point(p, shown, cells, usize::from(right.width));
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
        .filter(|p| !p.withheld())
        .find_map(|p| p.outcome.as_ref().err())
        // Three columns short of the chart's width: the point's figures begin right after it,
        // and a reason running into them would read as one sentence.
        .map(|e| wrap(e, width.saturating_sub(3)))
        .unwrap_or_default();
    // The curve leaves out the floors every group already reaches without one: say so, or a
    // curve that starts at 64 % reads as if the lower floors were not tried.
    let skipped: Vec<String> = match curve.get(1).and_then(|p| p.floor) {
        Some(f) if f > 0.01 + 1e-9 => wrap(
            &format!(
                "floors under {} change nothing: every group reaches them without one",
                floor(Some(f))
            ),
            width.saturating_sub(3),
        ),
        _ => Vec::new(),
    };
    let notes = skipped.len() + why.len();
    let rows = height.saturating_sub(2 + notes.min(height / 2)).max(1);
    let at = selected.min(curve.len().saturating_sub(1));
    let from = at.saturating_sub(rows - 1);
    for (i, p) in curve.iter().enumerate().skip(from).take(rows) {
        let style = if i == at {
            THEME.selected
        } else {
            THEME.status
        };
        let mark = if i == at { "▸" } else { " " };
        let label = if p.withheld() {
            "higher".to_string()
        } else {
            floor(p.floor)
        };
        let mut spans = vec![Span::styled(format!("{mark}{label:>5} "), style)];
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
            Err(_) if p.withheld() => spans.push(Span::styled("not shown", THEME.dim)),
            Err(_) => spans.push(Span::styled("cannot be met", THEME.error)),
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled("✓ proven optimal (gap 0)", THEME.dim));
    let room = height.saturating_sub(lines.len());
    let room = room.saturating_sub(why.len().min(room));
    lines.extend(
        skipped
            .into_iter()
            .take(room)
            .map(|l| Line::styled(l, THEME.dim)),
    );
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

/// Each point's group rows as the room may see them, stepping through every point beside the
/// main screen's matchings (`privacy::room`, rule 5); none for a floor that cannot be met.
fn room_rows(m: &Model, curve: &[Point], cells: SmallCells) -> Vec<Vec<Option<RowShown>>> {
    // The main screen shows the current matching's figures, and the baseline's scores (its
    // counts only when its matched are the current ones').
    let r = m.solve.results.as_ref();
    let current: Vec<&[Option<usize>]> = r
        .map(|r| &r.current.matching.mentor_of[..])
        .into_iter()
        .collect();
    let both: Vec<&[Option<usize>]> = r.map_or(Vec::new(), |r| {
        vec![
            &r.current.matching.mentor_of,
            &r.baseline.matching.mentor_of,
        ]
    });
    fairness::room_rows(curve, cells, &current, &both)
}

/// The point selected: its figures, then each group's matched share and mean pair score as
/// the room may see them (`rows`, in the order of its groups).
fn point(
    p: &Point,
    rows: &[Option<RowShown>],
    cells: SmallCells,
    width: usize,
) -> Vec<Line<'static>> {
    let head = match p.floor {
        _ if p.withheld() => "Higher floors".to_string(),
        Some(_) => format!("Floor {} per group", floor(p.floor)),
        None => "No floor".into(),
    };
    let mut lines = vec![Line::styled(cut(&head, width), THEME.heading)];
    let o = match &p.outcome {
        Ok(o) => o,
        Err(e) if p.withheld() => {
            lines.extend(
                wrap(e, width)
                    .into_iter()
                    .map(|l| Line::styled(l, THEME.dim)),
            );
            return lines;
        }
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
    let small = cells.label();
    for (i, g) in o.groups.iter().enumerate() {
        let shown = rows.get(i).copied().flatten();
        let (matched, mean) = match shown {
            None => (small.clone(), small.clone()),
            Some(r) => {
                let matched = match r.counts {
                    Some((e, Matched::Exact(n))) => {
                        format!("{n} of {e} ({:.0} %)", g.share() * 100.0)
                    }
                    // The floor itself promises its need: no more than the room knows.
                    Some((e, Matched::AtLeast(n))) => format!("≥ {} of {e}", n.max(g.need)),
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
    let withheld = rows
        .iter()
        .any(|r| r.is_none_or(|r| r.mean.is_none() || r.counts.is_none()));
    let bounded = rows
        .iter()
        .any(|r| r.is_some_and(|r| matches!(r.counts, Some((_, Matched::AtLeast(_))))));
    if withheld || bounded {
        lines.push(Line::raw(""));
    }
    let k = cells.k();
    let legend = [
        (
            bounded,
            "≥ n: at least n (the exact count, compared across floors, could single people out)"
                .to_string(),
        ),
        (
            withheld,
            format!("{small}: hidden, it would rest on fewer than {k} people"),
        ),
    ];
    for (_, text) in legend.iter().filter(|l| l.0) {
        lines.extend(
            wrap(text, width)
                .into_iter()
                .map(|l| Line::styled(l, THEME.dim)),
        );
    }
    lines
}
