//! The pair-detail popup: why this mentee has this mentor. Per criterion, score × weight → the
//! points it adds, for the current pair and the baseline pair; then the best alternatives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use dyad::analysis::compare::{PairChange, changes_line};
use dyad::criteria::CRITERIA;
use dyad::pool::Pool;

use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::state::Model;
use crate::tui::state::detail::{Detail, Side, reason_text};
use crate::tui::theme::THEME;

use crate::tui::layout::popup;
use crate::tui::text::{cut, cut_id};
use crate::tui::view::frame::popup_block;

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

fn km(s: Option<&Side>) -> String {
    match s.map(|s| s.km) {
        Some(Some(km)) => format!("{km:>18.1} km"),
        Some(None) => format!("{:>18}", "unknown"),
        None => format!("{:>18}", "—"),
    }
}

/// The popup's frame: a warning colour and title while every attribute is shown.
fn frame(title: String, d: &Detail, items: &[(&[Action], &str)]) -> Block<'static> {
    if !d.full {
        return popup_block(title, Mode::Detail, items);
    }
    popup_block(
        format!("{title}· FULL DETAIL: not for a shared screen "),
        Mode::Detail,
        items,
    )
    .border_style(THEME.warning)
    .title_style(THEME.warning)
}

/// What the two people's lines leave out (wrapped to `width`), or that they leave nothing out.
fn privacy_lines(d: &Detail, width: usize) -> Vec<Line<'static>> {
    let (text, style) = if d.full {
        let text = "Every attribute shown: not for a shared screen (f shows only what k allows)";
        (text.to_string(), THEME.warning)
    } else if d.withheld.is_empty() {
        return Vec::new();
    } else {
        let text = format!(
            "Shown as far as privacy allows on a shared screen (k = {}): years as ranges, ZIP3 \
             as 0xx, specialties as families, the rest hidden; f shows all",
            d.withheld.k
        );
        (text, THEME.dim)
    };
    wrapped(&text, width, style)
}

/// A mentor, the pair's score and why, in `width` columns: a long id cut in the middle, the
/// reason cut to what is left.
fn mentor_line(id: &str, score: f64, why: &str, width: usize) -> Line<'static> {
    let head = format!("  {:<8} {score:>5.1}  ", cut_id(id, 16));
    let rest = width.saturating_sub(head.chars().count());
    Line::from(vec![
        Span::raw(head),
        Span::styled(cut(why, rest), THEME.dim),
    ])
}

/// Text wrapped to `width`, one line per screen row.
fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    crate::tui::text::wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(cut(&l, width), style))
        .collect()
}

pub fn render(f: &mut Frame, area: Rect, m: &Model, d: &Detail) {
    if d.current.is_none() {
        return unmatched(f, area, m, d);
    }
    let r = popup(area, 104, 30);
    let mentee = &m.document.pool.mentees[d.mentee];
    let toggle = if d.full { "shared view" } else { "full detail" };
    let block = frame(
        format!(" Why {} is paired as it is ", mentee.id),
        d,
        &[
            (&[Action::Up, Action::Down], "previous/next mentee"),
            (&[Action::Ban], "ban"),
            (&[Action::Pin], "pin"),
            (&[Action::ToggleFullDetail], toggle),
            (&[Action::Close], "close"),
        ],
    );
    let (cur, base) = (d.current.as_ref(), d.baseline.as_ref());
    let width = usize::from(r.width.saturating_sub(2));
    let height = usize::from(r.height.saturating_sub(2));
    let (label_w, side_w) = (26, width.saturating_sub(26) / 2);
    let side_w = side_w.min(32);
    // The two people in full lines (wrapped: the goals are what a member reads first).
    let mut lines = wrapped(&d.about_mentee, width, THEME.dim);
    lines.extend(
        d.about_mentor
            .iter()
            .flat_map(|t| wrapped(t, width, THEME.dim)),
    );
    lines.extend(privacy_lines(d, width));
    // The table: a heading of two rows, the criteria, the distance, the total.
    let table = 2 + CRITERIA.len() + 2;
    let left = height.saturating_sub(lines.len() + table);
    // What is left goes to the alternatives first, then the note on points, then spacing.
    let alts = d.alternatives.len().max(1);
    // A heading without a mentor under it says nothing: both or neither.
    let alt_rows = if left >= 2 { (1 + alts).min(left) } else { 0 };
    let note = left > alt_rows;
    let roomy = left >= alt_rows + usize::from(note) + 2;
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
            "On the current weights", "score × weight → points", "score × weight → points"
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
        if c.key == "proximity" {
            lines.push(Line::styled(
                format!("{:<label_w$}{:<side_w$}{}", "  distance", km(cur), km(base)),
                THEME.dim,
            ));
        }
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
    if note {
        let sum: f64 = cur.map_or(0.0, |s| s.lines.iter().map(|l| l.1).sum());
        lines.push(Line::styled(
            cut(
                &format!(
                    "points = 100 × score × weight ÷ sum of the weights ({sum:.2}); both \
                     pairs on the current weights, as in Δ"
                ),
                width,
            ),
            THEME.dim,
        ));
    }
    if roomy {
        lines.push(Line::raw(""));
    }
    if alt_rows > 0 {
        lines.push(Line::styled(
            cut(
                "Best other mentors for this mentee now, and why they were not chosen",
                width,
            ),
            THEME.heading,
        ));
    }
    if d.alternatives.is_empty() && alt_rows > 1 {
        lines.push(Line::raw("  (none)"));
    }
    let pool = &m.document.pool;
    for a in d.alternatives.iter().take(alt_rows.saturating_sub(1)) {
        lines.push(mentor_line(
            &pool.mentors[a.mentor].id,
            a.score,
            &a.why,
            width,
        ));
    }
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(lines).block(block), r);
}

/// The most mentors listed with what keeps an unmatched mentee from them.
const MENTORS_SHOWN: usize = 8;

/// Who else moves with a change: "no one else moves", "also ME-007: MR-004 → MR-006", or
/// "3 other mentees move".
fn others(pool: &Pool, changes: &[PairChange]) -> String {
    match changes {
        [] => "no one else moves".into(),
        [_] | [_, _] => format!("also {}", changes_line(pool, changes, 2)),
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
        .solve
        .results
        .as_ref()
        .map_or(&*m.document.pool, |r| &*r.pool);
    let mentee = &pool.mentees[d.mentee];
    let id = mentee.id.as_str();
    let toggle = if d.full { "shared view" } else { "full detail" };
    let block = frame(
        format!(" Why {id} has no mentor "),
        d,
        &[
            (&[Action::Up, Action::Down], "previous/next mentee"),
            (&[Action::ToggleFullDetail], toggle),
            (&[Action::Close], "close"),
        ],
    );
    let width = usize::from(r.width.saturating_sub(2));
    let height = usize::from(r.height.saturating_sub(2));
    let mut lines = wrapped(&d.about_mentee, width, THEME.dim);
    lines.extend(privacy_lines(d, width));
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
    let diagnosis = match m.solve.analyses.diagnosis(d.mentee) {
        None => {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!("Finding what keeps {id} unmatched and what would change it…"),
                THEME.dim,
            ));
            return finish(f, area, r, block, lines);
        }
        Some(Err(e)) => {
            lines.push(Line::styled(
                cut(&format!("Cannot tell why: {e}"), width),
                THEME.error,
            ));
            return finish(f, area, r, block, lines);
        }
        Some(Ok(None)) => return finish(f, area, r, block, lines),
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
        let room = height.saturating_sub(lines.len()).min(MENTORS_SHOWN + 1);
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
            lines.push(mentor_line(
                &pool.mentors[mb.mentor].id,
                mb.score,
                &why,
                width,
            ));
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
    finish(f, area, r, block, lines);
}

/// Draws the popup no taller than its lines need (one screen row each).
fn finish(f: &mut Frame, area: Rect, r: Rect, block: Block, lines: Vec<Line>) {
    let rows = (lines.len() + 2).min(usize::from(r.height)) as u16;
    let r = popup(area, r.width, rows);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
