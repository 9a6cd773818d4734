//! The evidence view (`e`): what the survey of past pairs says about each criterion. Up front
//! the survey's response rate; then, for the outcome chosen with ← →, each criterion's weight
//! now beside its Kendall tau-b and 95 % interval, drawn as a bar around 0 (the span of the
//! interval, a dot at tau), n and the verdict in words, and one plain sentence per criterion;
//! then the same for the weight-free measures, with the plain contrast ("pairs at most 35 km
//! apart: 4.2 on average …") of those the survey speaks for. Without a survey it says where to put one and what goes in it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use dyad::analysis::association::{LEVEL, MIN_ANSWERS, Verdict};
use dyad::analysis::evidence::{Evidence, OutcomeEvidence, Row};
use dyad::analysis::evidence_words::sentence;
use dyad::criteria::{CRITERIA, Weights};
use dyad::pool::OutcomeKind;

use crate::tui::action::Action;
use crate::tui::jobs::evidence::Found;
use crate::tui::keys::Mode;
use crate::tui::layout::popup;
use crate::tui::scroll::Viewport;
use crate::tui::state::evidence::EvidenceView;
use crate::tui::text::{clip, cut, wrap};
use crate::tui::theme::THEME;
use crate::tui::view::evidence_rows::{Columns, contrast_words, measure_label, row, scale};
use crate::tui::view::frame::popup_block;

/// The popup's widest.
const WIDTH: u16 = 112;
/// The lines above the table: the survey and its response rate, the outcomes to choose from,
/// and the column headings. They stay put while the table scrolls.
fn head(
    file: &str,
    e: &Evidence,
    o: &OutcomeEvidence,
    at: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let pct = 100.0 * e.responded as f64 / e.pairs.max(1) as f64;
    let mut v = vec![
        Line::from(vec![
            Span::styled("Survey ", THEME.heading),
            Span::raw(cut(file, width.saturating_sub(7))),
        ]),
        Line::raw(clip(
            &format!(
                "{} of {} pairs answered ({pct:.0} %); {} did not answer any question.",
                e.responded,
                e.pairs,
                e.pairs - e.responded
            ),
            width,
        )),
    ];
    let mut tabs = vec![Span::styled("Outcome ", THEME.heading)];
    for (i, other) in e.outcomes.iter().enumerate() {
        // Brackets as well as the colour, so the choice reads on any screen.
        let (text, style) = if i == at {
            (format!("[{}]", other.name), THEME.selected)
        } else {
            (format!(" {} ", other.name), THEME.dim)
        };
        tabs.push(Span::styled(text, style));
    }
    tabs.push(Span::styled(
        format!(
            "  {}, {} of {} answered",
            match o.kind {
                OutcomeKind::Number => "numbers",
                OutcomeKind::YesNo => "yes/no",
            },
            o.answered,
            e.pairs
        ),
        THEME.dim,
    ));
    v.push(Line::from(tabs));
    if o.answered < MIN_ANSWERS {
        v.push(Line::styled(
            clip(
                &format!(
                    "Only {} pairs answered this: fewer than {MIN_ANSWERS}, so no verdicts.",
                    o.answered
                ),
                width,
            ),
            THEME.warning,
        ));
    }
    let c = Columns::at(width);
    v.push(Line::styled(
        format!(
            "{:<w$}{:>6} {}{:>6}{:>4}  verdict",
            "Criterion",
            "weight",
            scale(c.bar),
            "tau",
            "n",
            w = c.label
        ),
        THEME.heading,
    ));
    v
}

/// The scrolled part: the criteria, the measures and their contrasts, how to read it.
fn body(o: &OutcomeEvidence, weights: &Weights, width: usize) -> Vec<Line<'static>> {
    let c = Columns::at(width);
    let mut v: Vec<Line> = o
        .criteria
        .iter()
        .map(|r| {
            let k = CRITERIA.iter().position(|x| x.key == r.key);
            let label = k.map_or(r.key.as_str(), |k| CRITERIA[k].label);
            row(label, k.map(|k| weights[k]), &r.association, c, false)
        })
        .collect();
    v.push(Line::raw(""));
    v.push(Line::styled("In plain words", THEME.heading));
    for r in &o.criteria {
        let k = CRITERIA.iter().position(|x| x.key == r.key);
        let said = sentence(
            &r.key,
            &o.name,
            o.kind,
            r.association.verdict,
            r.association.n,
            k.map(|k| weights[k]),
        );
        for (i, part) in wrap(&said, width.saturating_sub(2)).into_iter().enumerate() {
            let lead = if i == 0 { "• " } else { "  " };
            v.push(Line::raw(format!("{lead}{part}")));
        }
    }
    v.push(Line::raw(""));
    v.push(Line::styled(
        "Weight-free measures of each pair",
        THEME.heading,
    ));
    v.extend(
        o.measures
            .iter()
            .map(|r| row(&measure_label(&r.key), None, &r.association, c, true)),
    );
    let telling: Vec<&Row> = o
        .measures
        .iter()
        .filter(|r| matches!(r.association.verdict, Verdict::Higher | Verdict::Lower))
        .collect();
    for r in telling {
        if let Some(con) = &r.contrast {
            for part in wrap(
                &contrast_words(&r.key, o.kind, con),
                width.saturating_sub(2),
            ) {
                v.push(Line::raw(format!("  {part}")));
            }
        }
    }
    v.push(Line::raw(""));
    let notes = [
        "Pairs are scored under the current profile's criterion parameters; the weights are the \
         sliders' now. tau: Kendall's tau-b of score and outcome, from −1 to +1; the bar spans \
         its interval, the dot marks tau."
            .to_string(),
        format!(
            "A verdict needs the {:.0} % interval clear of 0 and a permutation p-value below \
             {:.2} after Holm's adjustment over the criteria (the measures are a family of their \
             own). With this many tests some intervals miss 0 by chance alone: where the \
             adjustment withholds a verdict, the interval is not drawn, only tau. No interval \
             and no verdict below {MIN_ANSWERS} answers. `dyad evidence` prints the p-values \
             and the method.",
            100.0 * LEVEL,
            1.0 - LEVEL
        ),
    ];
    for n in notes {
        v.extend(
            wrap(&n, width)
                .into_iter()
                .map(|l| Line::styled(l, THEME.dim)),
        );
    }
    v
}

/// Without a survey: where it goes, what it holds, how to read it in.
fn how_to_add(wanted: Option<&std::path::Path>, width: usize) -> Vec<Line<'static>> {
    let place = wanted.map_or("outcomes.csv in the pool folder".to_string(), |p| {
        dyad::error::escape(&p.display().to_string())
    });
    let folder = wanted
        .and_then(|p| p.parent())
        .map_or("DIR".to_string(), |d| {
            dyad::error::escape(&d.display().to_string())
        });
    let mut v = vec![
        Line::styled("No survey of the pairs yet.", THEME.heading),
        Line::raw(""),
    ];
    let text = [
        format!("dyad looks for it in {place}, beside mentees.csv and mentors.csv."),
        "To add one, save a CSV file there named outcomes.csv with the columns mentee,mentor \
         (the pair's ids, as in the pool), then one column per question: numbers (a 1–5 \
         rating, meetings held) or yes/no, left blank where a pair did not answer. For \
         example:"
            .to_string(),
    ];
    for t in text {
        v.extend(wrap(&t, width).into_iter().map(Line::raw));
        v.push(Line::raw(""));
    }
    for l in [
        "  mentee,mentor,satisfaction,met_in_person",
        "  ME-002,MR-015,4,yes",
        "  ME-004,MR-004,,",
    ] {
        v.push(Line::styled(l, THEME.key));
    }
    v.push(Line::raw(""));
    let after = [
        "Once it is there, press r to read it. The same figures on the command line:".to_string(),
        format!("  dyad evidence --data {folder}"),
        "(or dyad evidence --outcomes FILE for a survey kept elsewhere).".to_string(),
    ];
    for t in after {
        v.extend(wrap(&t, width).into_iter().map(Line::raw));
    }
    v
}

/// The popup's lines: those that stay put, and those that scroll.
pub fn lines(
    ev: &EvidenceView,
    weights: &Weights,
    width: usize,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    match ev.shown() {
        None => (
            vec![Line::styled(
                "computing… (the tests of every criterion)",
                THEME.dim,
            )],
            Vec::new(),
        ),
        Some(Err(e)) => {
            let mut v = vec![Line::styled("The survey cannot be read:", THEME.heading)];
            v.extend(
                wrap(e, width)
                    .into_iter()
                    .map(|l| Line::styled(l, THEME.error)),
            );
            v.push(Line::raw(""));
            v.push(Line::raw(
                "Correct the file, then press r to read it again.",
            ));
            (v, Vec::new())
        }
        Some(Ok(Found::NoSurvey(wanted))) => (Vec::new(), how_to_add(wanted.as_deref(), width)),
        Some(Ok(Found::Evidence { file, evidence })) => match ev.selected() {
            Some(o) => {
                let at = ev.outcome.min(evidence.outcomes.len() - 1);
                (head(file, evidence, o, at, width), body(o, weights, width))
            }
            None => (
                vec![Line::raw("The survey has no outcome columns.")],
                Vec::new(),
            ),
        },
    }
}

/// Draws the view from its scroll offset; returns its viewport (the lines that scroll shown at
/// once, and how many there are).
pub fn render(
    f: &mut Frame,
    area: Rect,
    ev: &EvidenceView,
    weights: &Weights,
    offset: usize,
) -> Viewport {
    let r = popup(area, WIDTH, area.height.saturating_sub(2));
    let width = usize::from(r.width.saturating_sub(2));
    let (fixed, scrolled) = lines(ev, weights, width);
    let mut footer: Vec<(&[Action], &str)> = Vec::new();
    if ev.evidence().is_some_and(|e| e.outcomes.len() > 1) {
        footer.push((&[Action::PrevOutcome, Action::NextOutcome], "outcome"));
    }
    footer.push((&[Action::Up, Action::Down], "scroll"));
    footer.push((&[Action::Reload], "read again"));
    footer.push((&[Action::Close], "close"));
    let block = popup_block(
        " Evidence: what the survey of past pairs says about each criterion ",
        Mode::Evidence,
        &footer,
    );
    let inner = block.inner(r);
    let height = usize::from(inner.height).saturating_sub(fixed.len());
    let len = scrolled.len();
    let from = offset.min(len.saturating_sub(height));
    let mut shown = fixed;
    shown.extend(scrolled.into_iter().skip(from).take(height));
    f.render_widget(Clear, r);
    f.render_widget(Paragraph::new(shown).block(block), r);
    Viewport { height, len }
}
