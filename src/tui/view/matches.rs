//! The matches table: each mentee's mentor now and in the baseline, changed rows marked with a
//! glyph and a colour, unmatched mentees with their reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row as TableRow, Table};

use dyad::matching::Reason;

use crate::tui::state::matches::{Change, Row, Sort};
use crate::tui::state::{Focus, Model};
use crate::tui::theme::THEME;

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
/// adds the baseline score and words.
fn note(m: &Model, r: &Row, long: bool) -> String {
    let mentor = |j: usize| m.document.pool.mentors[j].id.as_str();
    let was = || match (r.base_mentor, r.base_score) {
        (Some(j), Some(s)) if long => format!("was {} ({s:.1})", mentor(j)),
        (Some(j), _) => mentor(j).to_string(),
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

fn style(r: &Row) -> Style {
    match r.change {
        Change::NewMentor | Change::NewlyMatched => THEME.changed,
        Change::NewlyUnmatched => THEME.changed.patch(THEME.unmatched),
        Change::Unmatched => THEME.unmatched,
        Change::Same => Style::new(),
    }
}

fn title(m: &Model) -> String {
    let Some(res) = &m.rematch.results else {
        if m.rematch.match_error.is_some() {
            return " Not matched ".into();
        }
        return " Matches: matching… ".into();
    };
    if m.rematch.match_error.is_some() {
        return " Not matched: pairs of earlier settings ".into();
    }
    let c = &res.comparison;
    let (n, all) = (c.differing(), m.document.pool.mentees.len());
    if m.matches.changed_only {
        format!(" Changed vs baseline: {n} of {all} (c: all) ")
    } else {
        format!(" Matches: {n} of {all} changed vs baseline ")
    }
}

/// The key to the mark column, as much as fits on the bottom border.
fn legend(width: u16) -> &'static str {
    [
        " ● changed  + new  − lost  p pin  x ban · o sort ",
        " ● changed  + new  − lost  p pin  x ban ",
        " ● changed + new − lost p pin x ban ",
        " ●changed +new −lost ",
    ]
    .into_iter()
    .find(|l| l.chars().count() + 2 <= usize::from(width))
    .unwrap_or("")
}

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let focused = m.focus == Focus::Matches && m.popup.is_none();
    let block = Block::bordered()
        .title(Line::styled(
            title(m),
            if m.rematch.match_error.is_some() {
                THEME.error
            } else {
                THEME.panel_title
            },
        ))
        .title_bottom(Line::styled(legend(area.width), THEME.dim))
        .border_style(if focused {
            THEME.border_focused
        } else {
            THEME.border
        });
    if m.matches.rows.is_empty() {
        let text = match (&m.rematch.results, &m.rematch.match_error) {
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
    let id_w = |ids: &mut dyn Iterator<Item = usize>| ids.max().unwrap_or(6).max(6) as u16;
    let mentee_w = id_w(&mut m.document.pool.mentees.iter().map(|x| x.id.chars().count()));
    let mentor_w = id_w(&mut m.document.pool.mentors.iter().map(|x| x.id.chars().count()));
    let fixed = 2 + (mentee_w + 1) + mentor_w + 6 + 5 + 5;
    let last = inner(area).width.saturating_sub(fixed);
    let long = last >= 18;
    let widths = [
        Constraint::Length(2),
        Constraint::Length(mentee_w + 1),
        Constraint::Length(mentor_w),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Fill(1),
    ];
    let sorted = |name: &str, by: Sort| {
        if m.matches.sort == by {
            format!("{name}▼")
        } else {
            name.to_string()
        }
    };
    let header = TableRow::new([
        sorted("", Sort::Changed),
        sorted("Mentee", Sort::Id),
        "Mentor".to_string(),
        format!("{:>6}", sorted("Score", Sort::Score)),
        format!("{:>5}", "Δ"),
        match last {
            18.. => "Baseline / why unmatched",
            8.. => "Baseline",
            _ => "Was",
        }
        .to_string(),
    ])
    .style(THEME.heading);
    // Only the rows in view are laid out: on a pool of thousands, formatting every row on
    // every frame is what would make a key press wait.
    let start = m.matches.scroll.offset.min(m.matches.rows.len());
    let end = (start + usize::from(body_height(area))).min(m.matches.rows.len());
    let rows = m.matches.rows[start..end].iter().map(|r| {
        let mentor = r
            .mentor
            .map_or("—".into(), |j| m.document.pool.mentors[j].id.clone());
        let score = r.score.map_or(String::new(), |s| format!("{s:.1}"));
        let delta = match (r.score, r.base_score) {
            (Some(now), Some(base)) => signed(shown_delta(base, now, 1), 1),
            _ => String::new(),
        };
        let flag_style = if r.pinned { THEME.pinned } else { THEME.banned };
        TableRow::new(vec![
            Cell::from(Line::from(vec![
                ratatui::text::Span::raw(mark(r).chars().take(1).collect::<String>()),
                ratatui::text::Span::styled(
                    mark(r).chars().skip(1).collect::<String>(),
                    flag_style,
                ),
            ])),
            Cell::from(m.document.pool.mentees[r.mentee].id.clone()),
            Cell::from(mentor),
            Cell::from(Line::from(score).right_aligned()),
            Cell::from(Line::from(delta).right_aligned()),
            Cell::from(note(m, r, long)),
        ])
        .style(style(r))
    });
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(block);
    super::table::render(f, area, table, start..end, m.selected_row(), focused);
}
