//! Section 3, the people: who changes mentor against the baseline, who is unmatched and why
//! (with the fixing change dyad verified), and mentors left without a mentee.

use crate::analysis::compare::Comparison;
use crate::analysis::measures::idle_mentors;
use crate::analysis::unmatched::Diagnosis;
use crate::matching;
use crate::present::{fig, plain_delta};
use crate::report::record::{Block, Section, Table};

use super::{Baseline, RecordInputs, count};

/// How many of an unmatched mentee's best mentors the record names, with what keeps them apart.
const NEAREST: usize = 2;

pub(super) fn section(
    inp: &RecordInputs,
    base: Option<&Baseline>,
    diagnoses: &[Diagnosis],
) -> Section {
    let pool = inp.pool;
    let ev = inp.current.evaluation;
    let mentee = |i: usize| pool.mentees[i].id.clone();
    let mentor = |j: usize| pool.mentors[j].id.clone();
    let mut blocks = Vec::new();

    if let Some(b) = base {
        // Scores on the decision's yardstick: the baseline's pairs were re-scored.
        let c = Comparison::of(&b.matching, &b.summary, &ev.matching, &ev.summary);
        blocks.push(Block::Lead(format!(
            "Against the baseline: {} changed mentor, {} newly matched, {} no longer matched.",
            count(c.changed.len(), "mentee", "mentees"),
            c.newly_matched.len(),
            c.newly_unmatched.len()
        )));
        if !c.changed.is_empty() {
            let mut t = Table::figures(
                "Changed pairs (scores on this profile's yardstick)",
                vec![
                    "mentee".into(),
                    "baseline mentor".into(),
                    "mentor now".into(),
                    "score then".into(),
                    "score now".into(),
                    "change".into(),
                ],
            );
            t.numeric[1] = false;
            t.numeric[2] = false;
            for ch in &c.changed {
                t.row(vec![
                    mentee(ch.mentee),
                    mentor(ch.old_mentor),
                    mentor(ch.new_mentor),
                    fig(ch.old_score),
                    fig(ch.new_score),
                    plain_delta(ch.old_score, ch.new_score, 1),
                ]);
            }
            blocks.push(Block::Table(t));
        }
        if !c.newly_matched.is_empty() {
            let mut t = Table::text(
                "Newly matched",
                vec![
                    "mentee".into(),
                    "mentor now".into(),
                    "score now".into(),
                    "under the baseline".into(),
                ],
            );
            t.numeric[2] = true;
            for n in &c.newly_matched {
                t.row(vec![
                    mentee(n.mentee),
                    mentor(n.mentor),
                    fig(n.score),
                    n.was.as_str().into(),
                ]);
            }
            blocks.push(Block::Table(t));
        }
        if !c.newly_unmatched.is_empty() {
            let mut t = Table::text(
                "No longer matched",
                vec!["mentee".into(), "baseline mentor".into(), "now".into()],
            );
            for n in &c.newly_unmatched {
                t.row(vec![
                    mentee(n.mentee),
                    mentor(n.old_mentor),
                    n.reason.as_str().into(),
                ]);
            }
            blocks.push(Block::Table(t));
        }
    }

    blocks.push(Block::Subheading("Unmatched mentees".into()));
    if diagnoses.is_empty() {
        blocks.push(Block::Para("Every eligible mentee has a mentor.".into()));
    } else {
        blocks.push(Block::Para(format!(
            "{} eligible but without a mentor. Each fix below was verified by matching again \
             with the change made; it is the change that moves the fewest other mentees.",
            count(diagnoses.len(), "mentee is", "mentees are")
        )));
        let mut t = Table::text(
            "Why each unmatched mentee has no mentor, and the verified fix",
            vec![
                "mentee".into(),
                "reason".into(),
                "best mentors and what keeps them apart".into(),
                "verified fix".into(),
            ],
        );
        for d in diagnoses {
            let nearest: Vec<String> = d
                .mentors
                .iter()
                .take(NEAREST)
                .map(|m| {
                    let why: Vec<String> = m.blockers.iter().map(|b| b.describe(pool)).collect();
                    format!(
                        "{} ({}): {}",
                        mentor(m.mentor),
                        fig(m.score),
                        why.join("; ")
                    )
                })
                .collect();
            let fix = d.suggestions.first().map_or_else(
                || "no single change is enough".to_string(),
                |s| {
                    format!(
                        "{}: matched with {} ({}), moving {}",
                        s.relaxation.describe(pool),
                        mentor(s.mentor),
                        fig(s.score),
                        count(s.side_effects.len(), "other mentee", "other mentees")
                    )
                },
            );
            t.row(vec![
                mentee(d.mentee),
                d.reason.as_str().into(),
                nearest.join(" / "),
                fix,
            ]);
        }
        blocks.push(Block::Table(t));
    }

    blocks.push(Block::Subheading("Mentors without a mentee".into()));
    let caps = matching::capacities(pool, &ev.profile);
    let idle = idle_mentors(&ev.matching, &caps);
    let idle_then = base.map(|b| {
        let caps = matching::capacities(pool, &b.decision.evaluation.profile);
        idle_mentors(&b.matching, &caps).len()
    });
    blocks.push(Block::Para(format!(
        "{} of {} without a mentee{}.",
        idle.len(),
        count(pool.mentors.len(), "mentor", "mentors"),
        idle_then.map_or(String::new(), |n| format!(" (baseline: {n})")),
    )));
    if !idle.is_empty() {
        let mut t = Table::figures(
            "Mentors without a mentee, with the places they offered",
            vec!["mentor".into(), "places".into()],
        );
        for i in &idle {
            t.row(vec![mentor(i.mentor), i.capacity.to_string()]);
        }
        blocks.push(Block::Table(t));
    }
    Section {
        id: "people",
        heading: "Who changes, who is left out".into(),
        blocks,
    }
}
