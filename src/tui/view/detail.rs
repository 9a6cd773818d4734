//! The pair-detail popup: why this mentee has this mentor. Per criterion, score × weight → the
//! points it adds, for the current pair and the baseline pair; then the best alternatives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use dyad::criteria::CRITERIA;

use crate::tui::detail::{Detail, Side, about_mentee, about_mentor, reason_text};
use crate::tui::model::Model;
use crate::tui::theme::THEME;

use super::layout::popup;

fn side_title(m: &Model, label: &str, s: Option<&Side>) -> String {
    match s {
        Some(s) => format!(
            "{label} {}: {:.1}{}",
            m.pool.mentors[s.mentor].id,
            s.score,
            if s.pinned { " (pinned)" } else { "" }
        ),
        None => format!("{label}: no mentor"),
    }
}

fn cell(s: Option<&Side>, i: usize) -> String {
    match s {
        Some(s) => {
            let (score, w, pts) = s.lines[i];
            format!("{score:>4.2} × {w:>4.2} → {pts:>5.1}")
        }
        None => format!("{:>18}", "—"),
    }
}

fn clip(s: String, width: usize) -> String {
    if s.chars().count() <= width {
        return s;
    }
    s.chars()
        .take(width.saturating_sub(1))
        .chain(['…'])
        .collect()
}

pub fn render(f: &mut Frame, area: Rect, m: &Model, d: &Detail) {
    let r = popup(area, 104, 30);
    let mentee = &m.pool.mentees[d.mentee];
    let block = Block::bordered()
        .title(Line::styled(
            format!(" Why {} is paired as it is ", mentee.id),
            THEME.panel_title,
        ))
        .title_bottom(Line::styled(
            " ↑↓ previous/next pair · x ban · . pin · Esc close ",
            THEME.dim,
        ))
        .border_style(THEME.border_focused);
    let (cur, base) = (d.current.as_ref(), d.baseline.as_ref());
    let width = usize::from(r.width.saturating_sub(2));
    // Roomy: about lines wrap and a blank line separates them; tight: one line each.
    let roomy = r.height >= 30;
    let about = |text: String| if roomy { text } else { clip(text, width) };
    let (label_w, side_w) = (26, width.saturating_sub(26) / 2);
    let side_w = side_w.min(32);
    let mut lines = vec![Line::styled(about(about_mentee(mentee)), THEME.dim)];
    if let Some(s) = cur {
        lines.push(Line::styled(
            about(about_mentor(&m.pool.mentors[s.mentor])),
            THEME.dim,
        ));
    }
    if cur.is_none() {
        let why = d.reason.map_or("unmatched", reason_text);
        lines.push(Line::styled(
            format!("No mentor now: {why}"),
            THEME.unmatched,
        ));
    }
    if roomy {
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{:<label_w$}", "Criterion"), THEME.heading),
        Span::styled(
            format!("{:<side_w$}", side_title(m, "Now", cur)),
            THEME.heading,
        ),
        Span::styled(side_title(m, "Baseline", base), THEME.heading),
    ]));
    lines.push(Line::styled(
        format!(
            "{:<label_w$}{:<side_w$}{}",
            "", "score × weight → points", "score × weight → points"
        ),
        THEME.dim,
    ));
    for (i, c) in CRITERIA.iter().enumerate() {
        lines.push(Line::raw(format!(
            "{:<label_w$}{:<side_w$}{}",
            c.label,
            cell(cur, i),
            cell(base, i)
        )));
    }
    let total = |s: Option<&Side>| s.map_or("—".into(), |s| format!("{:.1}", s.score));
    lines.push(Line::styled(
        format!(
            "{:<label_w$}{:>19}{:pad$}{:>19}",
            "Pair score (sum of points)",
            total(cur),
            "",
            total(base),
            pad = side_w.saturating_sub(19)
        ),
        THEME.panel_title,
    ));
    let sum = |s: Option<&Side>| {
        s.map_or("—".into(), |s| {
            format!("{:.2}", s.lines.iter().map(|l| l.1).sum::<f64>())
        })
    };
    lines.push(Line::styled(
        clip(
            format!(
                "points = 100 × score × weight ÷ sum of the weights ({} now, {} baseline)",
                sum(cur),
                sum(base)
            ),
            width,
        ),
        THEME.dim,
    ));
    if roomy {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Best other mentors for this mentee now, and why they were not chosen",
        THEME.heading,
    ));
    if d.alternatives.is_empty() {
        lines.push(Line::raw("  (none)"));
    }
    for a in &d.alternatives {
        lines.push(Line::from(vec![
            Span::raw(format!(
                "  {:<8} {:>5.1}  ",
                m.pool.mentors[a.mentor].id, a.score
            )),
            Span::styled(clip(a.why.clone(), width.saturating_sub(17)), THEME.dim),
        ]));
    }
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
