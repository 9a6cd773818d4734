//! The mentors view of the matches panel (`m`): each mentor's load and capacity, the mean score
//! of their pairs and their mentees; idle mentors first. A mentor whose mentees differ from the
//! baseline's is marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row as TableRow, Table};

use dyad::pool::Pool;

use crate::tui::layout::{inner, matches_body_height as body_height};
use crate::tui::state::mentors::{MentorRow, Mentors};
use crate::tui::state::{Focus, Model};
use crate::tui::text::{cut, cut_id};
use crate::tui::theme::THEME;
use crate::tui::view::table;

/// "Mentors: 6 idle of 36 (baseline 3)", from most words to fewest.
fn titles(v: &Mentors, base_idle: Option<usize>) -> Vec<String> {
    let head = format!(" Mentors: {} idle of {}", v.idle(), v.rows.len());
    let mut out: Vec<String> = base_idle
        .map(|b| format!("{head} (baseline {b}) "))
        .into_iter()
        .collect();
    out.push(format!("{head} "));
    out.push(format!(" {} idle of {} ", v.idle(), v.rows.len()));
    out
}

/// The key to the mark column and the way back, from most words to fewest.
const LEGENDS: [&str; 4] = [
    " ● mentees differ from baseline · m: mentees ",
    " ● mentees changed · m: mentees ",
    " ● changed · m mentees ",
    " m mentees ",
];

/// Rows out of view on one side, with how many of them are marked.
fn more(arrow: char, rows: &[MentorRow]) -> Vec<String> {
    table::more(arrow, rows.len(), rows.iter().filter(|r| r.changed).count())
}

/// The mentees as ids, as many as fit `width`, then how many more.
fn mentees(pool: &Pool, r: &MentorRow, width: usize) -> String {
    if r.idle() {
        let was = [
            format!("none (baseline {})", r.base_load),
            format!("none (was {})", r.base_load),
        ];
        return match r.base_load {
            0 => "none".into(),
            _ => was
                .into_iter()
                .find(|t| t.chars().count() <= width)
                .unwrap_or("none".into()),
        };
    }
    let ids: Vec<&str> = r
        .mentees
        .iter()
        .map(|&i| pool.mentees[i].id.as_str())
        .collect();
    let all = ids.join(" ");
    if all.chars().count() <= width {
        return all;
    }
    for shown in (1..ids.len()).rev() {
        let text = format!("{} +{}", ids[..shown].join(" "), ids.len() - shown);
        if text.chars().count() <= width {
            return text;
        }
    }
    cut(&format!("{} mentees", ids.len()), width)
}

pub fn render(f: &mut Frame, area: Rect, m: &Model) {
    let v = &m.mentors;
    let focused = m.focus == Focus::Matches && m.top.is_main();
    let base_idle = m
        .solve
        .results
        .as_ref()
        .map(|r| r.overview.baseline.measures.mentors_idle);
    // The rows in view, and how many are above and below them.
    let all = &v.rows;
    let start = v.scroll.offset.min(all.len());
    let end = (start + usize::from(body_height(area))).min(all.len());
    let (title, above) =
        table::border(&titles(v, base_idle), &more('▲', &all[..start]), area.width);
    let legends: Vec<String> = LEGENDS.iter().map(|l| l.to_string()).collect();
    let (legend, below) = table::border(&legends, &more('▼', &all[end..]), area.width);
    let title = Line::styled(title, THEME.panel_title);
    let block = table::frame(title, above, legend, below, focused);
    if v.rows.is_empty() {
        let text = match &m.solve.results {
            None => "Matching…",
            Some(_) => "No mentors in the pool.",
        };
        f.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let pool = &m.document.pool;
    // The mark, load, mean and the spaces between the columns; the ids as wide as the longest,
    // unless that leaves the mentees under 14 columns (then cut in the middle).
    let others = 1 + 5 + 5 + 4;
    let longest = pool.mentors.iter().map(|x| x.id.chars().count()).max();
    let room = inner(area).width.saturating_sub(others + 14).max(6);
    let id_w = (longest.unwrap_or(6).max(6) as u16).min(room);
    let fixed = others + id_w;
    let last = usize::from(inner(area).width.saturating_sub(fixed));
    let widths = [
        Constraint::Length(1),
        Constraint::Length(id_w),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Fill(1),
    ];
    let header = TableRow::new([
        String::new(),
        "Mentor".into(),
        format!("{:>5}", "Load"),
        format!("{:>5}", "Mean"),
        "Mentees".into(),
    ])
    .style(THEME.heading);
    let rows = all[start..end].iter().map(|r| {
        let style = if r.idle() {
            THEME.unmatched
        } else if r.changed {
            THEME.changed
        } else {
            ratatui::style::Style::new()
        };
        TableRow::new(vec![
            Cell::from(if r.changed { "●" } else { " " }),
            Cell::from(cut_id(&pool.mentors[r.mentor].id, usize::from(id_w))),
            Cell::from(Line::from(format!("{}/{}", r.load, r.capacity)).right_aligned()),
            Cell::from(
                Line::from(r.mean_score.map_or("—".into(), |s| format!("{s:.1}"))).right_aligned(),
            ),
            Cell::from(mentees(pool, r, last)),
        ])
        .style(style)
    });
    let rows_table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(block);
    table::render(f, area, rows_table, start..end, v.selected_row(), focused);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(mentees: Vec<usize>, base_load: usize) -> MentorRow {
        MentorRow {
            mentor: 0,
            load: mentees.len(),
            capacity: 3,
            mean_score: None,
            mentees,
            base_load,
            changed: false,
        }
    }

    #[test]
    fn mentees_are_listed_as_far_as_they_fit_then_counted() {
        let pool = dyad::embedded::sample_pool();
        let r = row(vec![0, 1, 2], 1);
        let ids: Vec<&str> = (0..3).map(|i| pool.mentees[i].id.as_str()).collect();
        assert_eq!(mentees(&pool, &r, 40), ids.join(" "));
        assert_eq!(mentees(&pool, &r, 16), format!("{} {} +1", ids[0], ids[1]));
        assert_eq!(mentees(&pool, &r, 9), format!("{} +2", ids[0]));
        assert_eq!(mentees(&pool, &r, 5), "3 me…");
        assert_eq!(mentees(&pool, &row(vec![], 2), 30), "none (baseline 2)");
        assert_eq!(mentees(&pool, &row(vec![], 2), 14), "none (was 2)");
        assert_eq!(mentees(&pool, &row(vec![], 2), 8), "none");
        assert_eq!(mentees(&pool, &row(vec![], 0), 30), "none");
    }
}
