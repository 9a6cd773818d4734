//! Section 4, equity: each identity group's figures now and under the baseline, a group with
//! fewer than `small_cell_k` eligible mentees suppressed exactly as everywhere in dyad
//! ([`crate::privacy::SmallCells`]): its counts read `<k`, its scores are withheld, and so is any
//! change computed from them.

use crate::analysis::summary::{GroupSummary, NO_IDENTITY};
use crate::present::{fig, plain_delta};
use crate::privacy::SmallCells;
use crate::report::record::{Block, Section, Table};

use super::{Baseline, RecordInputs};

/// A group's name for a person.
pub fn group_name(name: &str) -> String {
    if name == NO_IDENTITY {
        "none listed".into()
    } else {
        name.to_string()
    }
}

/// A group's counts and scores as they may be shown: `[eligible, matched, mean, worst]`.
fn shown(g: Option<&GroupSummary>, cells: SmallCells) -> [String; 4] {
    match g {
        None => ["0".into(), "0".into(), "-".into(), "-".into()],
        Some(g) if cells.group(g).is_suppressed() => {
            // A group of no one hides nothing; any other small group hides even a 0 matched.
            let n = if g.eligible == 0 {
                "0".to_string()
            } else {
                cells.label()
            };
            [n.clone(), n, "-".into(), "-".into()]
        }
        Some(g) => [
            g.eligible.to_string(),
            g.matched.to_string(),
            fig(g.mean),
            fig(g.min),
        ],
    }
}

pub(super) fn section(inp: &RecordInputs, base: Option<&Baseline>) -> Section {
    let cells = inp.cells;
    let k = cells.k();
    let is_small = |g: &GroupSummary| cells.group(g).is_suppressed();
    let now = &inp.current.evaluation.summary.groups;
    let mut head: Vec<String> = ["group", "eligible", "matched", "mean score", "worst score"]
        .map(String::from)
        .to_vec();
    if base.is_some() {
        head.extend(
            [
                "baseline eligible",
                "baseline matched",
                "baseline mean",
                "mean change",
            ]
            .map(String::from),
        );
    }
    let mut t = Table::figures(
        if base.is_some() {
            "Identity groups now and under the baseline (scores on this profile's yardstick)"
        } else {
            "Identity groups"
        },
        head,
    );
    let mut any_small = false;
    for (name, g) in now {
        let mut row = vec![group_name(name)];
        row.extend(shown(Some(g), cells));
        any_small |= is_small(g);
        if let Some(b) = base {
            let then = b.summary.groups.get(name);
            let [e, m, mean, _] = shown(then, cells);
            let hidden = is_small(g) || then.is_none_or(&is_small);
            any_small |= then.is_some_and(&is_small);
            row.extend([e, m, mean]);
            row.push(match then {
                Some(t) if !hidden => plain_delta(t.mean, g.mean, 1),
                _ => "-".into(),
            });
        }
        t.row(row);
    }
    let mut blocks = vec![Block::Table(t)];
    blocks.push(Block::Para(format!(
        "A mentee can belong to several groups; \"none listed\" is the mentees who list no \
         identity. {}",
        if any_small {
            format!(
                "Groups with fewer than {k} eligible mentees are shown as {} with their scores \
                 withheld, as everywhere in dyad (small_cell_k in the settings).",
                cells.label()
            )
        } else {
            format!("Every group has at least {k} eligible mentees.")
        }
    )));
    Section {
        id: "equity",
        heading: "Equity: how each identity group fares".into(),
        blocks,
    }
}
