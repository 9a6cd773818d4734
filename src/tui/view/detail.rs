//! The pair-detail popup: why this mentee has this mentor. Per criterion, score × weight → the
//! points it adds, for the current pair and the baseline pair; then the best alternatives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use dyad::analysis::stability::PairChange;
use dyad::criteria::CRITERIA;
use dyad::pool::Pool;

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::Model;
use crate::tui::state::detail::{Detail, Side, about_mentee, about_mentor, reason_text};
use crate::tui::theme::THEME;

use crate::tui::layout::{popup, popup_block};
use crate::tui::text::cut;

fn side_title(m: &Model, label: &str, s: Option<&Side>) -> String {
    match s {
        Some(s) => format!(
            "{label} {}: {:.1}{}",
            m.document.pool.mentors[s.mentor].id,
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

pub fn render(f: &mut Frame, area: Rect, m: &Model, d: &Detail) {
    if d.current.is_none() {
        return unmatched(f, area, m, d);
    }
    let r = popup(area, 104, 30);
    let mentee = &m.document.pool.mentees[d.mentee];
    let block = popup_block(
        format!(" Why {} is paired as it is ", mentee.id),
        Mode::Detail,
        &[
            (&[Action::Up, Action::Down], "previous/next mentee"),
            (&[Action::Ban], "ban"),
            (&[Action::Pin], "pin"),
            (&[Action::Close], "close"),
        ],
    );
    let (cur, base) = (d.current.as_ref(), d.baseline.as_ref());
    let width = usize::from(r.width.saturating_sub(2));
    // Roomy: about lines wrap and a blank line separates them; tight: one line each.
    let roomy = r.height >= 30;
    let about = |text: String| if roomy { text } else { cut(&text, width) };
    let (label_w, side_w) = (26, width.saturating_sub(26) / 2);
    let side_w = side_w.min(32);
    let mut lines = vec![Line::styled(about(about_mentee(mentee)), THEME.dim)];
    if let Some(s) = cur {
        lines.push(Line::styled(
            about(about_mentor(&m.document.pool.mentors[s.mentor])),
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
        cut(
            &format!(
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
                m.document.pool.mentors[a.mentor].id, a.score
            )),
            Span::styled(cut(&a.why.clone(), width.saturating_sub(17)), THEME.dim),
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

/// The most mentors listed with what keeps an unmatched mentee from them.
const MENTORS_SHOWN: usize = 8;

/// How many rows a text takes when wrapped at word boundaries to `width`.
fn rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.chars().count();
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            rows += 1 + w.saturating_sub(1) / width;
            used = w % width;
        }
    }
    rows
}

/// Who else moves with a change: "no one else moves", "also ME-007: MR-004 → MR-006", or
/// "3 other mentees move".
fn others(pool: &Pool, changes: &[PairChange]) -> String {
    let mentor = |j: Option<usize>| j.map_or("unmatched", |j| pool.mentors[j].id.as_str());
    match changes {
        [] => "no one else moves".into(),
        [_] | [_, _] => {
            let each: Vec<String> = changes
                .iter()
                .map(|c| {
                    format!(
                        "{}: {} → {}",
                        pool.mentees[c.mentee].id,
                        mentor(c.old_mentor),
                        mentor(c.new_mentor)
                    )
                })
                .collect();
            format!("also {}", each.join(", "))
        }
        more => format!("{} other mentees move", more.len()),
    }
}

/// The core's one-line descriptions use `->`; the screen has a real arrow.
fn arrows(s: String) -> String {
    s.replace(" -> ", " → ")
}

/// The popup for a mentee without a mentor: why, the smallest single changes that would match
/// them (each verified by rematching), and what keeps them from each mentor.
fn unmatched(f: &mut Frame, area: Rect, m: &Model, d: &Detail) {
    let r = popup(area, 104, 30);
    let pool = m
        .rematch
        .results
        .as_ref()
        .map_or(&*m.document.pool, |r| &*r.pool);
    let mentee = &pool.mentees[d.mentee];
    let id = mentee.id.as_str();
    let block = popup_block(
        format!(" Why {id} has no mentor "),
        Mode::Detail,
        &[
            (&[Action::Up, Action::Down], "previous/next mentee"),
            (&[Action::Close], "close"),
        ],
    );
    let width = usize::from(r.width.saturating_sub(2));
    let height = usize::from(r.height.saturating_sub(2));
    let roomy = r.height >= 30;
    let about = |text: String| if roomy { text } else { cut(&text, width) };
    let mut lines = vec![Line::styled(about(about_mentee(mentee)), THEME.dim)];
    // Screen rows beyond one per line: the wrapped line about the mentee.
    let extra = if roomy {
        rows(&about_mentee(mentee), width) - 1
    } else {
        0
    };
    let why = d.reason.map_or("unmatched", reason_text);
    let base = match &d.baseline {
        Some(s) => format!(
            "; under the baseline: {} ({:.1})",
            pool.mentors[s.mentor].id, s.score
        ),
        None => "; no mentor under the baseline either".into(),
    };
    lines.push(Line::styled(
        cut(&format!("No mentor now: {why}{base}"), width),
        THEME.unmatched,
    ));
    let diagnosis = match m.rematch.analyses.diagnosis(d.mentee) {
        None => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!("Finding what keeps {id} unmatched and what would change it…"),
                THEME.dim,
            ));
            return finish(f, area, r, block, lines, extra);
        }
        Some(Err(e)) => {
            lines.push(Line::styled(
                cut(&format!("Cannot tell why: {e}"), width),
                THEME.error,
            ));
            return finish(f, area, r, block, lines, extra);
        }
        Some(Ok(None)) => return finish(f, area, r, block, lines, extra),
        Some(Ok(Some(diag))) => diag,
    };
    if let Some((years, max)) = diagnosis.ineligible {
        lines.push(Line::raw(cut(
            &format!(
                "Trained {years} years before {}; the rule allows {max}.",
                m.document.current.eligibility.reference_year
            ),
            width,
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        cut(
            &format!("What would match {id}: single changes, each checked by rematching"),
            width,
        ),
        THEME.heading,
    ));
    if diagnosis.suggestions.is_empty() {
        lines.push(Line::raw(cut(
            "  No single change of a rule, a mentor's places or a ban is enough.",
            width,
        )));
    }
    let descriptions: Vec<String> = diagnosis
        .suggestions
        .iter()
        .map(|s| arrows(s.relaxation.describe(pool)))
        .collect();
    let desc_w = descriptions
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    for (s, text) in diagnosis.suggestions.iter().zip(descriptions) {
        lines.push(Line::from(vec![
            Span::raw(format!("  {:<desc_w$}", cut(&text, desc_w))),
            Span::styled(
                cut(
                    &format!(
                        ": gets {} ({:.1}); {}",
                        pool.mentors[s.mentor].id,
                        s.score,
                        others(pool, &s.side_effects)
                    ),
                    width.saturating_sub(desc_w + 2),
                ),
                THEME.better,
            ),
        ]));
    }
    if diagnosis.ineligible.is_none() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            cut(
                &format!("What keeps {id} from each mentor, best pair score first"),
                width,
            ),
            THEME.heading,
        ));
        let room = height
            .saturating_sub(lines.len() + extra)
            .min(MENTORS_SHOWN + 1);
        let total = diagnosis.mentors.len();
        let shown = if total > room {
            room.saturating_sub(1)
        } else {
            total
        };
        for mb in diagnosis.mentors.iter().take(shown) {
            let why: Vec<String> = mb.blockers.iter().map(|b| b.describe(pool)).collect();
            let why = if why.is_empty() {
                "allowed, but the optimum as a whole is better without it".to_string()
            } else {
                why.join("; ")
            };
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "  {:<8} {:>5.1}  ",
                    pool.mentors[mb.mentor].id, mb.score
                )),
                Span::styled(cut(&why, width.saturating_sub(18)), THEME.dim),
            ]));
        }
        if shown < total {
            lines.push(Line::styled(
                format!(
                    "  … and {} more mentors (dyad explain {} lists them all)",
                    total - shown,
                    mentee.id
                ),
                THEME.dim,
            ));
        }
    }
    finish(f, area, r, block, lines, extra);
}

/// Draws the popup no taller than its lines need (`extra`: rows added by wrapping).
fn finish(f: &mut Frame, area: Rect, r: Rect, block: Block, lines: Vec<Line>, extra: usize) {
    let rows = (lines.len() + extra + 2).min(usize::from(r.height)) as u16;
    let r = popup(area, r.width, rows);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
