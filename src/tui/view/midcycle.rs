//! The mid-cycle view (`M`): the pairs in place re-matched. Up front what the pairs file holds
//! (continuing, forced, pinned) and what a from-scratch re-solve would break; on the left the
//! curve as a bar chart, one row per budget of voluntary changes (its total score, a bar from
//! keeping every pair to the optimum, ✓ when proven optimal or the gap to its proven bound); on
//! the right, for the point selected, its figures, the pairs it moves (`ME-014: MR-031 →
//! MR-034`) and where the forced mentees go. Only pseudonymous ids and whole-pool figures: no
//! per-group figure is shown here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use dyad::matching::rematch::{Point, Rematch};
use dyad::pool::Pool;

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::layout::popup;
use crate::tui::state::Model;
use crate::tui::state::midcycle::MidcycleView;
use crate::tui::text::{cut, cut_id, wrap};
use crate::tui::theme::THEME;
use crate::tui::view::frame::popup_block;

/// The popup's widest.
const WIDTH: u16 = 112;
/// The chart's column: budget, total, bar, proof.
const CHART: u16 = 38;
/// The bar's widest.
const BAR: usize = 14;

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let v = &m.midcycle;
    let mut footer: Vec<(&[Action], &str)> = Vec::new();
    if v.rematch().is_some() {
        footer.push((&[Action::Up, Action::Down], "point"));
        footer.push((&[Action::Accept], "write pairs"));
    }
    footer.push((&[Action::Close], "close"));
    let block = popup_block(
        " Mid-cycle: the pairs in place re-matched ",
        Mode::Midcycle,
        &footer,
    );
    let most = area.height.saturating_sub(2);
    let width = usize::from(WIDTH.min(area.width).saturating_sub(2));
    let shown = match (&v.pairs, v.shown(), v.answer.as_ref()) {
        (None, ..) => Err(no_pairs(width)),
        (Some(pairs), Some(Ok(r)), Some(a)) => Ok((pairs, r, &a.ev.pool)),
        (_, Some(Err(e)), _) => {
            let mut text = vec![Line::styled("No re-match:", THEME.heading)];
            text.extend(
                wrap(e, width)
                    .into_iter()
                    .map(|l| Line::styled(l, THEME.error)),
            );
            Err(text)
        }
        _ => Err(vec![Line::styled(
            "computing… (the best total for each budget of changes, each point proven)",
            THEME.dim,
        )]),
    };
    let (pairs, r, pool) = match shown {
        Ok(found) => found,
        Err(text) => {
            let r = popup(area, WIDTH, most.min(text.len() as u16 + 2));
            f.render_widget(Clear, r);
            f.render_widget(Paragraph::new(text).block(block), r);
            return;
        }
    };
    let file = dyad::error::escape(&pairs.file.display().to_string());
    let head: Vec<Line> = wrap(
        &format!(
            "Pairs in place {file}: {} continuing, {} forced to change, {} kept by a pin. \
             A from-scratch re-solve breaks {} continuing pairs.",
            r.continuing,
            r.forced.len(),
            r.pinned,
            r.scratch_changes
        ),
        width,
    )
    .into_iter()
    .map(Line::raw)
    .collect();
    let right_width = width.saturating_sub(usize::from(CHART));
    let wanted = v
        .point()
        .map_or(0, |p| point(pool, r, p, right_width, usize::MAX).len())
        .max(r.curve.len() + 2);
    let r_area = popup(area, WIDTH, most.min((head.len() + 1 + wanted + 2) as u16));
    let inner = block.inner(r_area);
    f.render_widget(Clear, r_area);
    f.render_widget(block, r_area);
    let [top, body] = Layout::vertical([
        Constraint::Length(head.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(head), top);
    let [left, right] =
        Layout::horizontal([Constraint::Length(CHART), Constraint::Fill(1)]).areas(body);
    f.render_widget(Paragraph::new(chart(r, v, left.height)), left);
    if let Some(p) = v.point() {
        let lines = point(
            pool,
            r,
            p,
            usize::from(right.width),
            usize::from(right.height),
        );
        f.render_widget(Paragraph::new(lines), right);
    }
}

/// Without `--current`: what the view needs.
fn no_pairs(width: usize) -> Vec<Line<'static>> {
    let text = [
        "No pairs in place to re-match.",
        "",
        "Mid-cycle, when a mentor leaves or a mentee joins late: edit the pool to what it is \
         now, then start dyad with --current PAIRS.csv (the pairs in place, as dyad export \
         wrote them). This view then shows, for each number of pairs broken, the best total \
         score, and writes the pairs you choose to a new file.",
    ];
    text.iter()
        .flat_map(|t| {
            let lines = wrap(t, width);
            if lines.iter().all(|l| l.is_empty()) {
                vec![String::new()]
            } else {
                lines
            }
        })
        .map(Line::raw)
        .collect()
}

/// The curve as rows: budget, total, a bar from the first point's total to the last's, and the
/// proof; the rows around the point selected when they do not all fit.
fn chart(r: &Rematch, v: &MidcycleView, height: u16) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!(
            "{:>7} {:>9}  {:<BAR$}",
            "changes", "total", "keep all → best"
        ),
        THEME.heading,
    )];
    let (lo, hi) = (r.keep_first.total, r.score_first.total);
    let rows = usize::from(height).saturating_sub(2).max(1);
    let at = v.selected.min(r.curve.len().saturating_sub(1));
    let from = at.saturating_sub(rows - 1);
    for (i, p) in r.curve.iter().enumerate().skip(from).take(rows) {
        let filled = if hi > lo {
            1 + ((p.total - lo) / (hi - lo) * (BAR - 1) as f64).round() as usize
        } else {
            BAR
        };
        let proof = if p.proven_optimal {
            "✓".to_string()
        } else {
            format!("gap {:.1}", p.bound - p.total)
        };
        let (mark, style) = if i == at {
            ("▸", THEME.selected)
        } else {
            (" ", THEME.status)
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{mark}{:>6} {:>9.1}  ", p.max_changes, p.total),
                style,
            ),
            Span::styled("█".repeat(filled.min(BAR)), THEME.bar_filled),
            Span::styled("░".repeat(BAR - filled.min(BAR)), THEME.bar_empty),
            Span::styled(format!(" {proof}"), style),
        ]));
    }
    lines.push(Line::styled("✓ proven optimal (gap 0)", THEME.dim));
    lines
}

/// The point selected: its figures, the pairs it moves and where the forced mentees go, cut to
/// `height` lines.
fn point(pool: &Pool, r: &Rematch, p: &Point, width: usize, height: usize) -> Vec<Line<'static>> {
    let id = |s: &str| cut_id(s, 12);
    let mentor =
        |j: Option<usize>| j.map_or_else(|| "unmatched".into(), |j| id(&pool.mentors[j].id));
    let gain = p.total - r.keep_first.total;
    let proof = if p.proven_optimal {
        "proven optimal".to_string()
    } else {
        format!("gap {:.1} (bound {:.1})", p.bound - p.total, p.bound)
    };
    let mut lines = vec![
        Line::styled(
            cut(
                &format!(
                    "At most {} change{}: {} made",
                    p.max_changes,
                    if p.max_changes == 1 { "" } else { "s" },
                    p.changes
                ),
                width,
            ),
            THEME.heading,
        ),
        Line::raw(cut(
            &format!("{} matched, total {:.1}", p.matched, p.total),
            width,
        )),
        Line::raw(cut(&format!("{gain:+.1} over keeping all, {proof}"), width)),
        Line::raw(""),
    ];
    let mut list = vec![Line::styled(
        format!("Pairs that move ({}):", p.moved.len()),
        THEME.heading,
    )];
    list.extend(p.moved.iter().map(|mv| {
        Line::raw(format!(
            "{}: {} → {}",
            id(&pool.mentees[mv.mentee].id),
            id(&pool.mentors[mv.from].id),
            mentor(mv.to)
        ))
    }));
    if !r.forced.is_empty() {
        list.push(Line::raw(""));
        list.push(Line::styled(
            format!("Forced, not counted ({}):", r.forced.len()),
            THEME.heading,
        ));
        list.extend(r.forced.iter().map(|fc| {
            Line::raw(cut(
                &format!(
                    "{}: {} ({}) → {}",
                    id(&pool.mentees[fc.mentee].id),
                    id(&fc.mentor_id),
                    fc.why.as_str(),
                    mentor(p.matching.mentor_of[fc.mentee])
                ),
                width,
            ))
        }));
    }
    let room = height.saturating_sub(lines.len());
    if list.len() > room {
        let more = list.len() - room + 1;
        list.truncate(room.saturating_sub(1));
        list.push(Line::styled(format!("… and {more} more lines"), THEME.dim));
    }
    lines.extend(list);
    lines
}
