//! The matches table: each mentee's mentor now and in the baseline, changed rows marked with a
//! glyph and a colour, unmatched mentees with their reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row as TableRow, Table};

use dyad::matching::Reason;

use crate::tui::state::kept;
use crate::tui::state::matches::{Change, Row, Sort};
use crate::tui::state::{Focus, Model};
use crate::tui::text::cut;
use crate::tui::theme::THEME;
use crate::tui::view::short_ids::ShortIds;
use crate::tui::view::table;

use dyad::present::{shown_delta, signed};

use crate::tui::layout::{inner, matches_body_height as body_height};

/// The mark column: how the pair changed, then pinned or banned.
pub fn mark(r: &Row) -> String {
    let change = match r.change {
        Change::NewMentor => '●',
        Change::NewlyMatched => '+',
        Change::NewlyUnmatched => '−',
        Change::Same | Change::Unmatched => ' ',
    };
    let flag = if r.pinned {
        'p'
    } else if r.bans > 0 {
        'x'
    } else {
        ' '
    };
    format!("{change}{flag}")
}

pub fn short_reason(r: Reason) -> &'static str {
    match r {
        Reason::Ineligible => "ineligible",
        Reason::NoFeasibleMentor => "ruled out",
        Reason::BelowMinScore => "below min",
        Reason::Capacity => "all full",
    }
}

/// The last column: the baseline's mentor where it changed, or why a mentee has none. `long`
/// adds the baseline score and words; a mentor's id alone is shortened as in the mentor
/// column (`ids`), never to the text of another.
fn note(m: &Model, r: &Row, long: bool, width: usize, ids: ShortIds) -> String {
    let mentor = |j: usize| m.document.pool.mentors[j].id.as_str();
    let was = || match (r.base_mentor, r.base_score) {
        (Some(j), Some(s)) if long => format!("was {} ({s:.1})", mentor(j)),
        (Some(j), _) => ids.show(mentor(j), width),
        _ => String::new(),
    };
    let reason = |why: Option<Reason>| why.map_or("unmatched", short_reason);
    match (r.change, long) {
        (Change::Same, _) => String::new(),
        (Change::NewMentor, _) => was(),
        (Change::NewlyMatched, true) => format!("was unmatched: {}", reason(r.base_reason)),
        (Change::NewlyMatched, false) => "—".into(),
        (Change::NewlyUnmatched, true) => format!("{}; {}", reason(r.reason), was()),
        (Change::NewlyUnmatched, false) => was(),
        (Change::Unmatched, _) => reason(r.reason).to_string(),
    }
}

/// The kept column's width: "100%", "!37%", "…".
const KEPT: u16 = 4;

/// A pair's kept share: "…" until known, fragile ones marked in the warning colour; nothing
/// for a mentee without a mentor.
fn kept_cell(m: &Model, r: &Row) -> Cell<'static> {
    if r.mentor.is_none() {
        return Cell::from("");
    }
    let line = match (m.kept.share(r.mentee), &m.kept.shares) {
        (Some(s), _) if kept::fragile(s) => Line::styled(kept::text(s), THEME.warning),
        (Some(s), _) => Line::raw(kept::text(s)),
        (None, Some(Err(_))) => Line::styled("–", THEME.dim),
        (None, _) => Line::styled("…", THEME.dim),
    };
    Cell::from(line.right_aligned())
}

/// What the status line says of the selected pair's kept share: known, or how far the draws
/// are; `None` for a mentee without a mentor.
pub fn kept_words(m: &Model) -> Option<String> {
    let row = m.selected().filter(|r| r.mentor.is_some())?;
    let k = &m.kept;
    let draws = format!("{} draws of the weights ±{}", k.samples, kept::SPREAD);
    Some(match (k.share(row.mentee), &k.shares) {
        (Some(s), _) if kept::fragile(s) => {
            format!(
                "Fragile: pair kept in only {} % of {draws}",
                kept::percent(s)
            )
        }
        (Some(s), _) => format!("Pair kept in {} % of {draws}", kept::percent(s)),
        (None, Some(Err(e))) => format!("Kept share unknown: {e}"),
        (None, _) => format!("Kept share: {} of {draws} solved…", k.done),
    })
}

fn style(r: &Row) -> Style {
    match r.change {
        Change::NewMentor | Change::NewlyMatched => THEME.changed,
        Change::NewlyUnmatched => THEME.changed.patch(THEME.unmatched),
        Change::Unmatched => THEME.unmatched,
        Change::Same => Style::new(),
    }
}

/// The panel's title, from most words to fewest.
fn titles(m: &Model) -> Vec<String> {
    let Some(res) = &m.solve.results else {
        if m.solve.match_error.is_some() {
            return vec![" Not matched ".into()];
        }
        return vec![" Matches: matching… ".into()];
    };
    if m.solve.match_error.is_some() {
        return vec![" Not matched: pairs of earlier settings ".into()];
    }
    let c = &res.comparison;
    let (n, all) = (c.differing(), m.document.pool.mentees.len());
    if m.matches.changed_only {
        vec![
            format!(" Changed vs baseline: {n} of {all} (c: all) "),
            format!(" Changed: {n} of {all} (c: all) "),
            format!(" Changed: {n}/{all} "),
        ]
    } else {
        vec![
            format!(" Matches: {n} of {all} changed vs baseline "),
            format!(" Matches: {n} of {all} changed "),
            format!(" {n}/{all} changed "),
        ]
    }
}

/// Rows out of view on one side (see [`table::more`]).
fn more(arrow: char, rows: &[Row]) -> Vec<String> {
    table::more(
        arrow,
        rows.len(),
        rows.iter().filter(|r| r.changed()).count(),
    )
}

/// The widths of the id columns in a table `width` wide: as wide as the longest ids (`whole`)
/// when they leave room for the kept column and a last column as wide as a mentor's id; else
/// the mentees' whole, the mentors' short; else both short (`least`, each at least 6 for its
/// heading), never narrower, so that no two ids read the same.
fn id_widths(width: u16, whole: (u16, u16), least: (u16, u16)) -> (u16, u16) {
    // The mark, the gap after the mentee, score, Δ, the spaces between columns, the kept one.
    let room = width.saturating_sub(2 + 1 + 6 + 5 + 5 + KEPT + 1);
    let least = (least.0.max(6), least.1.max(6));
    let fits = |(a, b): (u16, u16)| a + 2 * b <= room;
    [whole, (whole.0, least.1)]
        .into_iter()
        .find(|&w| fits(w))
        .unwrap_or(least)
}

/// The key to the mark column, from most words to fewest.
const LEGENDS: [&str; 4] = [
    " ● changed  + new  − lost  p pin  x ban · o sort ",
    " ● changed  + new  − lost  p pin  x ban ",
    " ● changed + new − lost p pin x ban ",
    " ●changed +new −lost ",
];

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let focused = m.focus == Focus::Matches && m.top.is_main();
    // The rows in view, and how many are above and below them.
    let all = &m.matches.rows;
    let start = m.matches.scroll.offset.min(all.len());
    let end = (start + usize::from(body_height(area))).min(all.len());
    let (title, above) = table::border(&titles(m), &more('▲', &all[..start]), area.width);
    let legends: Vec<String> = LEGENDS.iter().map(|l| l.to_string()).collect();
    let (legend, below) = table::border(&legends, &more('▼', &all[end..]), area.width);
    let title_style = if m.solve.match_error.is_some() {
        THEME.error
    } else {
        THEME.panel_title
    };
    let title = Line::styled(title, title_style);
    let block = table::frame(title, above, legend, below, focused);
    if m.matches.rows.is_empty() {
        let text = match (&m.solve.results, &m.solve.match_error) {
            (None, Some(e)) => format!(
                "These settings cannot be matched: {e}\n\nChange the rule it names, undo (u) \
                 or open another profile (p)."
            ),
            (None, None) => "Matching…".into(),
            _ if m.matches.changed_only => {
                "No mentee's pair differs from the baseline. Press c to show all.".into()
            }
            _ => "No mentees in the pool.".into(),
        };
        f.render_widget(
            Paragraph::new(text)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let pool = &m.document.pool;
    let mentee_ids = ShortIds::of(pool.mentees.iter().map(|x| x.id.as_str()));
    let mentor_ids = ShortIds::of(pool.mentors.iter().map(|x| x.id.as_str()));
    let w = |n: usize| u16::try_from(n.max(6)).unwrap_or(u16::MAX);
    let (mentee_w, mentor_w) = id_widths(
        inner(area).width,
        (w(mentee_ids.longest), w(mentor_ids.longest)),
        (w(mentee_ids.least()), w(mentor_ids.least())),
    );
    let fixed = 2 + (mentee_w + 1) + mentor_w + 6 + 5 + 5;
    // The kept column only where the baseline's mentor still fits beside it.
    let with_kept = inner(area).width.saturating_sub(fixed) >= KEPT + 1 + mentor_w;
    let kept_w = if with_kept { KEPT + 1 } else { 0 };
    let last = inner(area).width.saturating_sub(fixed + kept_w);
    let long = last >= 18;
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(mentee_w + 1),
        Constraint::Length(mentor_w),
        Constraint::Length(6),
        Constraint::Length(5),
    ];
    if with_kept {
        widths.push(Constraint::Length(KEPT));
    }
    widths.push(Constraint::Fill(1));
    let sorted = |name: &str, by: Sort| {
        if m.matches.sort == by {
            format!("{name}▼")
        } else {
            name.to_string()
        }
    };
    let mut header = vec![
        sorted("", Sort::Changed),
        sorted("Mentee", Sort::Id),
        "Mentor".to_string(),
        format!("{:>6}", sorted("Score", Sort::Score)),
        format!("{:>5}", "Δ"),
    ];
    if with_kept {
        header.push(format!("{:>4}", "Kept"));
    }
    header.push(
        match last {
            24.. => "Baseline / why unmatched",
            8.. => "Baseline",
            _ => "Was",
        }
        .to_string(),
    );
    let header = TableRow::new(header).style(THEME.heading);
    // Only the rows in view are laid out: on a pool of thousands, formatting every row on
    // every frame is what would make a key press wait.
    let rows = all[start..end].iter().map(|r| {
        let mentor = r.mentor.map_or("—".into(), |j| {
            mentor_ids.show(&pool.mentors[j].id, usize::from(mentor_w))
        });
        let score = r.score.map_or(String::new(), |s| format!("{s:.1}"));
        let delta = match (r.score, r.base_score) {
            (Some(now), Some(base)) => signed(shown_delta(base, now, 1), 1),
            _ => String::new(),
        };
        let flag_style = if r.pinned { THEME.pinned } else { THEME.banned };
        let mut cells = vec![
            Cell::from(Line::from(vec![
                ratatui::text::Span::raw(mark(r).chars().take(1).collect::<String>()),
                ratatui::text::Span::styled(
                    mark(r).chars().skip(1).collect::<String>(),
                    flag_style,
                ),
            ])),
            Cell::from(mentee_ids.show(&pool.mentees[r.mentee].id, usize::from(mentee_w))),
            Cell::from(mentor),
            Cell::from(Line::from(score).right_aligned()),
            Cell::from(Line::from(delta).right_aligned()),
        ];
        if with_kept {
            cells.push(kept_cell(m, r));
        }
        cells.push(Cell::from(cut(
            &note(m, r, long, usize::from(last), mentor_ids),
            usize::from(last),
        )));
        TableRow::new(cells).style(style(r))
    });
    let rows_table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(block);
    table::render(f, area, rows_table, start..end, m.selected_row(), focused);
}
