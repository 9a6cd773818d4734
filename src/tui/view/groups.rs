//! The groups view of the Scores panel (`g`): every eligible mentee first, then each identity
//! group, now beside the baseline on one yardstick: matched of eligible, mean score, the worst
//! pair's score and the share of requested shared identities met, each with its change. A group
//! under k eligible mentees shows `<k` in place of its figures, its worst pair included.
//!
//! Only the row of all mentees names whose the worst pair is: under an identity group the id
//! would tell a shared screen that this mentee belongs to the group, which the pair window hides
//! (`dyad::privacy::disclosure`).
//!
//! With room, each group is a block of rows (now, baseline, Δ); in a short panel, one line per
//! group (now and Δ), with the worst pair only where the width allows.

use ratatui::text::Line;

use dyad::analysis::measure_rows::{Better, Unit};
use dyad::analysis::overview::{ALL, GroupRow, Overview};
use dyad::analysis::summary::NO_IDENTITY;
use dyad::pool::Pool;
use dyad::present::shown_delta;
use dyad::privacy::SmallCells;

use crate::tui::text::wrap;
use crate::tui::theme::THEME;
use crate::tui::view::figures::{Cell, Row, figures_width, lines};

/// One group on both sides, each as it may be shown (`None`: suppressed, or no such group).
struct Both<'a> {
    name: &'a str,
    now: Option<&'a GroupRow>,
    base: Option<&'a GroupRow>,
}

fn both<'a>(o: &'a Overview, cells: SmallCells) -> Vec<Both<'a>> {
    o.now
        .groups
        .iter()
        .map(|now| Both {
            name: &now.name,
            now: now.shown(cells).shown(),
            base: o
                .baseline
                .groups
                .iter()
                .find(|b| b.name == now.name)
                .and_then(|b| b.shown(cells).shown()),
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
    if groups.iter().any(|g| g.now.is_none() || g.base.is_none()) {
        notes.extend(wrap(
            &format!("{small}: under {} eligible, not shown", cells.k()),
            w,
        ));
    }
    let blocks = blocks_table(pool, &groups, &small);
    let (mut rows, asked) = if blocks.len() + notes.len() <= h {
        (blocks, "shared id. met")
    } else {
        let rows = compact_table(pool, &groups, &small, width, h);
        // The groups before the note on small cells: their `<k` speaks for itself.
        notes.truncate(h.saturating_sub(rows.len()));
        (rows, "id.")
    };
    let asked = format!("{asked}: identities asked for that the mentor shares");
    let room = h.saturating_sub(rows.len() + notes.len());
    let explained = wrap(&asked, w);
    if room > explained.len() {
        notes.push(String::new());
        notes.extend(explained);
    }
    rows.extend(notes.into_iter().map(|n| Row::text(Cell::dim(n))));
    lines(&rows, width)
}

fn share(g: &GroupRow) -> Option<f64> {
    g.identity_requests.share()
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
fn worst_mentees(pool: &Pool, g: &Both, small: &str) -> String {
    let id =
        |side: Option<&GroupRow>| side.map_or(small.to_string(), |s| mentee_id(pool, g.name, s));
    let (now, base) = (id(g.now), id(g.base));
    if now == base && g.now.is_some() {
        format!("  mentee {now} in both")
    } else {
        format!("  mentee {now}, baseline {base}")
    }
}

/// The figures of a side, or `<k` where suppressed.
fn side(g: Option<&GroupRow>, small: &str, f: impl Fn(&GroupRow) -> String) -> Cell {
    match g {
        Some(g) => Cell::plain(f(g)),
        None => Cell::dim(small),
    }
}

fn score(x: f64) -> String {
    dyad::present::screen_fig(x, 1)
}

fn matched(g: &GroupRow) -> String {
    format!("{}/{}", g.matched, g.eligible)
}

fn worst_score(g: &GroupRow) -> f64 {
    g.worst.map_or(f64::NAN, |p| p.score)
}

fn met(g: &GroupRow) -> String {
    Unit::Share.show(share(g)).unwrap_or("—".into())
}

/// The changes of one group, NaN where either side is hidden: matched, mean, worst, met.
fn changes(g: &Both) -> [f64; 4] {
    let (Some(a), Some(b)) = (g.base, g.now) else {
        return [f64::NAN; 4];
    };
    [
        b.matched as f64 - a.matched as f64,
        shown_delta(a.mean, b.mean, 1),
        shown_delta(worst_score(a), worst_score(b), 1),
        Unit::Share.delta(share(a), share(b)),
    ]
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
        let figure = |label: &str, f: &dyn Fn(&GroupRow) -> String, delta: Cell| {
            Row::new(
                label,
                vec![side(g.now, small, f), side(g.base, small, f), delta],
            )
        };
        rows.push(figure(
            "matched",
            &matched,
            Cell::change(d[0], 0, Better::Higher),
        ));
        rows.push(figure(
            "mean score",
            &|g| score(g.mean),
            Cell::change(d[1], 1, Better::Higher),
        ));
        rows.push(figure(
            "worst pair",
            &|g| score(worst_score(g)),
            Cell::change(d[2], 1, Better::Higher),
        ));
        if g.name == ALL {
            rows.push(Row::text(Cell::plain(worst_mentees(pool, g, small))));
        }
        rows.push(figure(
            "shared id. met",
            &met,
            Cell::change(d[3], 0, Better::Higher),
        ));
    }
    rows
}

/// One line per group: now and Δ of matched, mean and shared identities met, then the worst
/// pair: on the same line when the width allows, else on a line of its own when the height
/// does, else not at all. At most `height` rows.
fn compact_table(pool: &Pool, groups: &[Both], small: &str, width: u16, height: usize) -> Vec<Row> {
    let worst = |g: &Both, d: f64| match g.now {
        Some(n) => vec![
            Cell::plain(mentee_id(pool, g.name, n)),
            Cell::plain(score(worst_score(n))),
            Cell::change(d, 1, Better::Higher),
        ],
        None => Vec::new(),
    };
    let build = |beside: bool, below: bool| {
        let mut head = ["matched", "Δ", "mean", "Δ", "id.", "Δ"]
            .map(Cell::dim)
            .to_vec();
        if beside {
            head.extend(["worst", "", "Δ"].map(Cell::dim));
        }
        let mut rows = vec![Row::new("", head)];
        for g in groups {
            let d = changes(g);
            let mut cells = match g.now {
                None => vec![Cell::dim(small)],
                Some(n) => vec![
                    Cell::plain(matched(n)),
                    Cell::change(d[0], 0, Better::Higher),
                    Cell::plain(score(n.mean)),
                    Cell::change(d[1], 1, Better::Higher),
                    Cell::plain(met(n)),
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
                    " worst pair {}",
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
