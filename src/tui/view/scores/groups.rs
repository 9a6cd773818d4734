//! The groups view of the Scores panel (`g`): every eligible mentee first, then each identity
//! group, now beside the baseline on one yardstick: matched of eligible, mean score, the lowest
//! figure and the share of requested shared identities met, each with its change. What a group
//! row shows is decided by the room rule (`dyad::privacy::room`): a group's lowest figure is the
//! mean of its k lowest pairs (the worst pair only for all mentees), a matched count that would
//! tell who of the listed unmatched is in the group is a bound (`≥10/11`), and a figure or
//! change resting on fewer than k people reads `<k`. The coordinator's full detail shows every
//! figure exact and says it is not for a shared screen.
//!
//! Only the row of all mentees names whose the worst pair is: under an identity group the id
//! would tell a shared screen that this mentee belongs to the group, which the pair window hides
//! (`dyad::privacy::disclosure`).
//!
//! With room, each group is a block of rows (now, baseline, Δ); in a short panel, one line per
//! group (now and Δ), with the lowest figure only where the width allows.

use ratatui::text::Line;

use dyad::analysis::measure_rows::{Better, Unit};
use dyad::analysis::overview::{ALL, GroupRow, Overview};
use dyad::analysis::summary::NO_IDENTITY;
use dyad::pool::Pool;
use dyad::present::shown_delta;
use dyad::privacy::{Matched, RowShown, SmallCells};

use crate::tui::text::wrap;
use crate::tui::theme::THEME;
use crate::tui::view::scores::figures::{Cell, Row, figures_width, lines};

/// One group on both sides as the room may see it (`dyad::privacy::room`): `None` where the
/// side is suppressed.
struct Both<'a> {
    name: &'a str,
    /// The group's figures now (for the share of identity requests met and the worst pair).
    row: &'a GroupRow,
    base_row: Option<&'a GroupRow>,
    now: Option<RowShown>,
    base: Option<RowShown>,
    /// Whether its changes may be shown.
    changes: bool,
    /// How many lowest pairs a group's lowest figure averages (1: the worst pair).
    lowest: usize,
}

fn both<'a>(o: &'a Overview, cells: SmallCells) -> Vec<Both<'a>> {
    o.now
        .groups
        .iter()
        .enumerate()
        .map(|(i, now)| Both {
            name: &now.name,
            row: now,
            base_row: o.baseline.groups.get(i),
            now: o.now.shown(cells, i),
            base: o.baseline_shown(cells, i),
            changes: o.changes_shown(cells, i),
            lowest: if i == 0 || cells.is_full_detail() {
                1
            } else {
                cells.k()
            },
        })
        .collect()
}

/// An identity group as a reader writes it: the acronyms in capitals, `(none)` for mentees who
/// listed none.
pub fn group_label(name: &str) -> String {
    match name {
        NO_IDENTITY => "(none)".into(),
        "woman" => "Women".into(),
        "urm" | "img" | "lgbtq" => name.to_uppercase(),
        _ => {
            let mut c = name.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        }
    }
}

fn label(name: &str, long: bool) -> String {
    match name {
        ALL if long => "All mentees".into(),
        ALL => "All".into(),
        _ => group_label(name),
    }
}

/// The lines of the view for a panel of `width` × `height` (the caller adds the yardstick):
/// the most detailed layout that fits.
pub fn view(
    pool: &Pool,
    o: &Overview,
    cells: SmallCells,
    width: u16,
    height: u16,
) -> Vec<Line<'static>> {
    let groups = both(o, cells);
    let small = cells.label();
    let (w, h) = (usize::from(width), usize::from(height));
    let mut notes = Vec::new();
    if cells.is_full_detail() {
        notes.extend(wrap("full detail: not for a shared screen", w));
    } else if groups.iter().any(|g| hidden(g)) {
        notes.extend(wrap(
            &format!(
                "{small}: would rest on fewer than {} people (in the group, outside it, or \
                 among those who changed), not shown",
                cells.k()
            ),
            w,
        ));
    }
    let blocks = blocks_table(pool, &groups, &small);
    let (mut rows, short) = if blocks.len() + notes.len() <= h {
        (blocks, false)
    } else {
        let rows = compact_table(pool, &groups, &small, width, h);
        // The groups before the note on small cells: their `<k` speaks for itself.
        notes.truncate(h.saturating_sub(rows.len()));
        (rows, true)
    };
    let mut explained = Vec::new();
    if !cells.is_full_detail() {
        explained.push(format!(
            "low {0}: a group's {0} lowest pair scores, averaged; no one's own score",
            cells.k()
        ));
    }
    explained.push(format!(
        "{}: identities asked for that the mentor shares",
        if short { "id." } else { "shared id. met" }
    ));
    for text in explained {
        let lines = wrap(&text, w);
        if h.saturating_sub(rows.len() + notes.len()) > lines.len() {
            notes.push(String::new());
            notes.extend(lines);
        }
    }
    rows.extend(notes.into_iter().map(|n| Row::text(Cell::dim(n))));
    lines(&rows, width)
}

/// Whether anything of a group is withheld.
fn hidden(g: &Both) -> bool {
    let part = |s: Option<RowShown>| s.is_none_or(|s| !s.scores() || s.counts.is_none());
    part(g.now) || (g.base_row.is_some() && part(g.base)) || !g.changes
}

/// The worst pair's mentee, named only in the row of all mentees (see the module's note).
fn mentee_id(pool: &Pool, name: &str, g: &GroupRow) -> String {
    if name != ALL {
        return String::new();
    }
    g.worst
        .map_or("—".into(), |p| pool.mentees[p.mentee].id.clone())
}

/// Whose the worst pairs are, as a line of its own (pseudonyms can be long): "  mentee ME-026,
/// baseline ME-030", "  mentee ME-032 in both".
fn worst_mentees(pool: &Pool, g: &Both) -> String {
    let now = mentee_id(pool, g.name, g.row);
    let base = g
        .base_row
        .map_or("—".into(), |b| mentee_id(pool, g.name, b));
    if now == base {
        format!("  mentee {now} in both")
    } else {
        format!("  mentee {now}, baseline {base}")
    }
}

fn score(x: f64) -> String {
    dyad::present::screen_fig(x, 1)
}

/// A figure of a side as it may be shown, or `<k` where withheld.
fn figure<T>(x: Option<T>, small: &str, f: impl Fn(T) -> String) -> Cell {
    match x {
        Some(x) => Cell::plain(f(x)),
        None => Cell::dim(small),
    }
}

fn matched(s: RowShown) -> Option<String> {
    s.counts.map(|(eligible, m)| match m {
        Matched::Exact(n) => format!("{n}/{eligible}"),
        Matched::AtLeast(n) => format!("≥{n}/{eligible}"),
    })
}

/// The exact matched count of a side, if shown.
fn exact(s: Option<RowShown>) -> Option<f64> {
    match s?.counts? {
        (_, Matched::Exact(n)) => Some(n as f64),
        _ => None,
    }
}

fn mean(s: Option<RowShown>) -> Option<f64> {
    s?.mean
}

fn lowest(s: Option<RowShown>) -> Option<f64> {
    Some(s?.lowest?.1)
}

/// The share of identity requests met, where the side's scores are shown.
fn met(s: Option<RowShown>, row: Option<&GroupRow>) -> Option<f64> {
    s?.mean?;
    row?.identity_requests.share()
}

fn met_text(x: Option<f64>) -> String {
    Unit::Share.show(x).unwrap_or("—".into())
}

/// The changes of one group, NaN where either side (or the change) is withheld: matched, mean,
/// lowest, met.
fn changes(g: &Both) -> [f64; 4] {
    if !g.changes {
        return [f64::NAN; 4];
    }
    let (a, b) = (g.base, g.now);
    let d = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => shown_delta(x, y, 1),
        _ => f64::NAN,
    };
    let share = |s: Option<RowShown>, r| met(s, r).filter(|_| s.is_some());
    [
        match (exact(a), exact(b)) {
            (Some(x), Some(y)) => y - x,
            _ => f64::NAN,
        },
        d(mean(a), mean(b)),
        d(lowest(a), lowest(b)),
        match (share(a, g.base_row), share(b, Some(g.row))) {
            (Some(_), Some(_)) => Unit::Share.delta(met(a, g.base_row), met(b, Some(g.row))),
            _ => f64::NAN,
        },
    ]
}

/// What the lowest figure of a group is called: the worst pair for all mentees (and in the
/// full detail), else the mean of the k lowest.
fn lowest_label(g: &Both, long: bool) -> String {
    match (g.lowest, long) {
        (1, _) => "worst pair".into(),
        (n, true) => format!("mean, low {n}"),
        (n, false) => format!("low {n}"),
    }
}

/// A block of rows per group (now, baseline, Δ); a group hidden on both sides is one line.
fn blocks_table(pool: &Pool, groups: &[Both], small: &str) -> Vec<Row> {
    let mut rows = vec![Row::new(
        "",
        vec![Cell::dim("now"), Cell::dim("baseline"), Cell::dim("Δ")],
    )];
    for g in groups {
        let heading = Cell {
            text: label(g.name, true),
            style: THEME.heading,
        };
        if g.now.is_none() && g.base.is_none() {
            rows.push(Row {
                label: heading,
                cells: vec![Cell::dim(small), Cell::dim(small)],
            });
            continue;
        }
        let d = changes(g);
        rows.push(Row::text(heading));
        let base = |f: &dyn Fn(RowShown) -> Option<String>| match g.base_row {
            None => Cell::plain("—"),
            Some(_) => figure(g.base.and_then(f), small, |t| t),
        };
        let figure_row = |label: &str, f: &dyn Fn(RowShown) -> Option<String>, delta: Cell| {
            Row::new(
                label,
                vec![figure(g.now.and_then(f), small, |t| t), base(f), delta],
            )
        };
        rows.push(figure_row(
            "matched",
            &matched,
            Cell::change(d[0], 0, Better::Higher),
        ));
        rows.push(figure_row(
            "mean score",
            &|s| s.mean.map(score),
            Cell::change(d[1], 1, Better::Higher),
        ));
        rows.push(figure_row(
            &lowest_label(g, true),
            &|s| s.lowest.map(|l| score(l.1)),
            Cell::change(d[2], 1, Better::Higher),
        ));
        if g.name == ALL {
            rows.push(Row::text(Cell::plain(worst_mentees(pool, g))));
        }
        let now_met = figure(g.now.and_then(|s| s.mean), small, |_| {
            met_text(met(g.now, Some(g.row)))
        });
        let base_met = match g.base_row {
            None => Cell::plain("—"),
            Some(_) => figure(g.base.and_then(|s| s.mean), small, |_| {
                met_text(met(g.base, g.base_row))
            }),
        };
        rows.push(Row::new(
            "shared id. met",
            vec![now_met, base_met, Cell::change(d[3], 0, Better::Higher)],
        ));
    }
    rows
}

/// One line per group: now and Δ of matched, mean and shared identities met, then the lowest
/// figure: on the same line when the width allows, else on a line of its own when the height
/// does, else not at all. At most `height` rows.
fn compact_table(pool: &Pool, groups: &[Both], small: &str, width: u16, height: usize) -> Vec<Row> {
    let worst = |g: &Both, d: f64| match g.now {
        Some(n) => vec![
            Cell::plain(mentee_id(pool, g.name, g.row)),
            figure(n.lowest, small, |l| score(l.1)),
            Cell::change(d, 1, Better::Higher),
        ],
        None => Vec::new(),
    };
    let build = |beside: bool, below: bool| {
        let mut head = ["matched", "Δ", "mean", "Δ", "id.", "Δ"]
            .map(Cell::dim)
            .to_vec();
        if beside {
            head.extend(["low", "", "Δ"].map(Cell::dim));
        }
        let mut rows = vec![Row::new("", head)];
        for g in groups {
            let d = changes(g);
            let mut cells = match g.now {
                None => vec![Cell::dim(small)],
                Some(n) => vec![
                    figure(matched(n), small, |t| t),
                    Cell::change(d[0], 0, Better::Higher),
                    figure(n.mean, small, score),
                    Cell::change(d[1], 1, Better::Higher),
                    figure(n.mean, small, |_| met_text(met(g.now, Some(g.row)))),
                    Cell::change(d[3], 0, Better::Higher),
                ],
            };
            if beside {
                cells.extend(worst(g, d[2]));
            }
            let label = Cell {
                text: label(g.name, false),
                style: THEME.heading,
            };
            rows.push(Row { label, cells });
            if below && g.now.is_some() {
                let w = worst(g, d[2]);
                let text = w
                    .iter()
                    .map(|c| c.text.as_str())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>();
                rows.push(Row::text(Cell::plain(format!(
                    " {} {}",
                    lowest_label(g, false),
                    text.join(" ")
                ))));
            }
        }
        rows
    };
    let beside = build(true, false);
    if fits(&beside, width) && beside.len() <= height {
        return beside;
    }
    let below = build(false, true);
    if below.len() <= height {
        return below;
    }
    let mut rows = build(false, false);
    if rows.len() > height {
        let more = rows.len() + 1 - height;
        rows.truncate(height.saturating_sub(1));
        let text = format!("and {more} more: a taller window shows them");
        rows.push(Row::text(Cell::dim(text)));
    }
    rows
}

/// Whether every label keeps room for "(none)" beside the figure columns.
fn fits(rows: &[Row], width: u16) -> bool {
    figures_width(rows) + 6 <= usize::from(width)
}
