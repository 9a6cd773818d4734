//! Section 1, the decision: the profile, its weights with their shares and stable ranges, and
//! its rules in words.

use crate::analysis::stability::{self, Stability};
use crate::criteria::CRITERIA;
use crate::present::fig;
use crate::profile::{Capacity, Objective, Profile};
use crate::report::export::percent_shares;
use crate::report::record::{Bar, Block, Chart, ChartKind, Section, Table};

use super::{Baseline, RecordInputs};

/// The profile's rules (everything but the weights), one sentence each.
pub fn rules(p: &Profile) -> Vec<String> {
    vec![
        format!(
            "Eligibility: mentees who completed training at most {} years before {}.",
            p.eligibility.max_years_since_training, p.eligibility.reference_year
        ),
        match p.constraints.in_person_max_km {
            Some(km) => format!(
                "In person: when either side meets in person only, the pair is at most {km:.0} km apart."
            ),
            None => "In person: no distance limit.".into(),
        },
        if p.constraints.require_outside_system {
            "Health system: mentor and mentee always work in different systems.".into()
        } else {
            "Health system: pairs within one system are allowed.".into()
        },
        match p.constraints.mentor_capacity {
            Capacity::FromData => "Mentor capacity: as many mentees as each mentor offered.".into(),
            Capacity::Fixed(1) => "Mentor capacity: one mentee per mentor.".into(),
            Capacity::Fixed(n) => format!("Mentor capacity: {n} mentees per mentor."),
        },
        if p.constraints.min_score > 0.0 {
            format!(
                "Minimum pair score: {}; a mentee is left unmatched rather than given a pair below it.",
                fig(p.constraints.min_score)
            )
        } else {
            "Minimum pair score: none.".into()
        },
        match p.constraints.coverage_floor {
            Some(f) => format!(
                "Coverage floor: every identity group of at least small_cell_k eligible mentees has at least {}% of them matched (smaller groups are not constrained).",
                fig(f * 100.0)
            ),
            None => "Coverage floor: none.".into(),
        },
        match p.objective {
            Objective::Total => {
                "Objective: most mentees matched, then the largest sum of pair scores (total).".into()
            }
            Objective::Maximin => {
                "Objective: most mentees matched, then the best worst pair, then the largest sum (maximin).".into()
            }
        },
        format!(
            "Criterion parameters: proximity scores 0 from {:.0} km; the best seniority gap is {:.0} to {:.0} years.",
            p.params.proximity_max_km, p.params.seniority_min_gap, p.params.seniority_max_gap
        ),
    ]
}

fn range_text(s: &Stability) -> String {
    format!("{:.2} to {:.2}", s.stable_low, s.stable_high)
}

pub(super) fn section(
    inp: &RecordInputs,
    base: Option<&Baseline>,
    stable: &[Stability],
) -> Section {
    let p = &inp.current.evaluation.profile;
    let mut blocks = Vec::new();
    blocks.push(Block::Lead(format!("Profile: {}", inp.current.label())));
    if !p.description.is_empty() {
        blocks.push(Block::Para(p.description.replace(['\n', '\r'], " ")));
    }
    blocks.push(Block::Para(match &p.saved {
        Some(t) => format!("Saved {t}."),
        None => "Not saved by dyad: no time of saving is recorded in the profile.".into(),
    }));

    let shares = percent_shares(&p.weights);
    let mut head = vec![
        "criterion".to_string(),
        "weight".into(),
        "share".into(),
        "stable range".into(),
    ];
    if base.is_some() {
        head.push("baseline weight".into());
    }
    let mut data = Table::figures("The weights, their shares and stable ranges", head);
    let mut bars = Vec::new();
    for (k, c) in CRITERIA.iter().enumerate() {
        let w = p.weights[k];
        let s = stable.iter().find(|s| s.criterion == k);
        let mut row = vec![
            c.label.to_string(),
            format!("{w:.2}"),
            format!("{}%", shares[k]),
            s.map_or("-".into(), range_text),
        ];
        if let Some(b) = base {
            row.push(format!("{:.2}", b.decision.evaluation.profile.weights[k]));
        }
        data.row(row);
        bars.push(Bar {
            label: c.label.to_string(),
            value: w,
            text: format!("{w:.2} · {}%", shares[k]),
            range: s.map(|s| (s.stable_low, s.stable_high)),
        });
    }
    blocks.push(Block::Chart(Chart {
        title: "Weights, with each weight's share and stable range".into(),
        desc: "One bar per criterion: its weight from 0 to 1 and its share of the sum of the \
               weights. The line across a bar is the weight's stable range: moved anywhere \
               within it, the others fixed, not a single pair changes."
            .into(),
        kind: ChartKind::Bars(bars),
        data,
    }));
    blocks.push(Block::Para(match stability::most_fragile(stable) {
        Some((k, margin)) => format!(
            "Most fragile: {}; moving its weight by {margin:.2} changes a pair. \
             A wide stable range means the exact weight chosen does not decide any pair.",
            CRITERIA[k].label
        ),
        None => {
            "Every weight is stable over all of 0 to 1: no single weight decides a pair.".into()
        }
    }));

    blocks.push(Block::Subheading("Rules".into()));
    let now = rules(p);
    blocks.push(Block::List(now.clone()));
    let matching = &inp.current.evaluation.matching;
    if let Some(f) = &matching.floor {
        // The proof belongs with the rule: a floor's optimum is a search's, and says so when the
        // search stopped short.
        blocks.push(Block::Para(format!(
            "The matching is {}.",
            f.proof_words(matching.total())
        )));
    }
    if let Some(b) = base {
        let then = rules(&b.decision.evaluation.profile);
        let differ: Vec<String> = now
            .iter()
            .zip(&then)
            .filter(|(a, b)| a != b)
            .map(|(_, b)| b.clone())
            .collect();
        blocks.push(Block::Para(format!(
            "The baseline, {}, differs in {} of these rules{}",
            b.decision.label(),
            differ.len(),
            if differ.is_empty() { "." } else { "; its own:" }
        )));
        if !differ.is_empty() {
            blocks.push(Block::List(differ));
        }
    }
    Section {
        id: "decision",
        heading: "The decision".into(),
        blocks,
    }
}
