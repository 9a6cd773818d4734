//! Section 5, the council: each member's weights beside the consensus and this decision, the
//! spread, where the members' matchings disagree, and what the consensus costs each member by
//! their own yardstick (see [`crate::analysis::council`]).

use crate::analysis::council::Council;
use crate::criteria::CRITERIA;
use crate::present::{fig, plain_delta};
use crate::report::record::{Block, Section, Table};

use super::{RecordInputs, count};

pub(super) fn section(inp: &RecordInputs, c: &Council) -> Section {
    let pool = inp.pool;
    let decided = &inp.current.evaluation.profile;
    let consensus = &c.consensus.profile;
    let labels: Vec<&str> = c.members.iter().map(|m| m.label.as_str()).collect();
    let mut blocks = vec![Block::Para(format!(
        "The consensus of {} ({}) takes the median of the members' weights, so that no single \
         member's extreme value can drag it, the median of every other number and the majority \
         for every choice.",
        count(c.members.len(), "member", "members"),
        labels.join(", ")
    ))];
    let differ: Vec<&str> = CRITERIA
        .iter()
        .enumerate()
        .filter(|(k, _)| (decided.weights[*k] - consensus.weights[*k]).abs() > 1e-9)
        .map(|(_, c)| c.label)
        .collect();
    blocks.push(Block::Lead(if differ.is_empty() {
        "This decision's weights are the council's consensus.".into()
    } else {
        format!(
            "This decision's weights differ from the consensus on {}: {}.",
            count(differ.len(), "criterion", "criteria"),
            differ.join(", ")
        )
    }));

    let mut head = vec!["criterion".to_string()];
    head.extend(labels.iter().map(|l| l.to_string()));
    head.extend(["consensus", "decision", "spread"].map(String::from));
    let mut t = Table::figures(
        "Each member's weights, the consensus and the decision",
        head,
    );
    let widest = c.widest();
    for (k, crit) in CRITERIA.iter().enumerate() {
        let mut row = vec![crit.label.to_string()];
        row.extend(
            c.members
                .iter()
                .map(|m| format!("{:.2}", m.profile.weights[k])),
        );
        let s = &c.spread[k];
        row.extend([
            format!("{:.2}", consensus.weights[k]),
            format!("{:.2}", decided.weights[k]),
            format!(
                "{:.2}{}",
                s.range(),
                if widest.contains(&k) { " (widest)" } else { "" }
            ),
        ]);
        t.row(row);
    }
    blocks.push(Block::Table(t));

    blocks.push(Block::Para(format!(
        "Of {} considered (eligible under at least one member's profile), the members' \
         matchings agree on {} and leave {} unmatched by all; they disagree on {}.",
        count(c.considered(), "mentee", "mentees"),
        count(c.agreed_pairs.len(), "pair", "pairs"),
        c.agreed_unmatched.len(),
        c.disagreements.len()
    )));
    if !c.disagreements.is_empty() {
        let mut head = vec!["mentee".to_string()];
        head.extend(labels.iter().map(|l| l.to_string()));
        head.extend(["consensus", "support"].map(String::from));
        let mut t = Table::text("Disagreements, least support first", head);
        let mut order: Vec<_> = c.disagreements.iter().collect();
        order.sort_by_key(|d| (d.support(), d.mentee));
        let name =
            |j: Option<usize>| j.map_or("unmatched".to_string(), |j| pool.mentors[j].id.clone());
        for d in order {
            let mut row = vec![pool.mentees[d.mentee].id.clone()];
            row.extend(d.mentors.iter().map(|&j| name(j)));
            row.push(name(d.consensus));
            row.push(format!("{} of {}", d.support(), c.members.len()));
            t.row(row);
        }
        blocks.push(Block::Table(t));
    }

    let mut t = Table::figures(
        "What the consensus costs each member, by their own yardstick",
        [
            "member",
            "placed differently",
            "own mean",
            "consensus mean",
            "change",
            "own worst",
            "consensus worst",
        ]
        .map(String::from)
        .to_vec(),
    );
    for (m, f) in c.members.iter().zip(&c.fits) {
        t.row(vec![
            m.label.clone(),
            f.changes.len().to_string(),
            fig(f.own.mean),
            fig(f.consensus.mean),
            plain_delta(f.own.mean, f.consensus.mean, 1),
            fig(f.own.min),
            fig(f.consensus.min),
        ]);
    }
    blocks.push(Block::Table(t));
    Section {
        id: "council",
        heading: "The council".into(),
        blocks,
    }
}
