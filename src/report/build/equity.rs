//! Section 4, equity: each identity group's figures now and under the baseline, as the room
//! rule allows them (`crate::privacy::room`, with `small_cell_k`): a group or a figure resting on
//! fewer than k people reads `<k`, a group's lowest figure is the mean of its k lowest pairs,
//! and a matched count that would tell who of the listed unmatched is in the group is a bound.

use crate::analysis::overview::{Overview, Side};
use crate::analysis::summary::NO_IDENTITY;
use crate::present::{fig, plain_delta};
use crate::privacy::{Matched, RowShown};
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

/// `[eligible, matched]` of a side as shown, `<k` where withheld.
fn counts(s: Option<RowShown>, small: &str) -> [String; 2] {
    match s.and_then(|s| s.counts) {
        None => [small.into(), small.into()],
        Some((e, Matched::Exact(m))) => [e.to_string(), m.to_string()],
        Some((e, Matched::AtLeast(m))) => [e.to_string(), format!("≥ {m}")],
    }
}

/// `[mean, mean of the k lowest]` of a side as shown.
fn scores(s: Option<RowShown>, small: &str) -> [String; 2] {
    match s {
        Some(RowShown {
            mean: Some(mean),
            lowest: Some((_, low)),
            ..
        }) => [fig(mean), fig(low)],
        _ => [small.into(), small.into()],
    }
}

pub(super) fn section(inp: &RecordInputs, base: Option<&Baseline>) -> Section {
    let cells = inp.cells;
    let k = cells.k();
    let small = cells.label();
    let now_ev = inp.current.evaluation;
    let overview = base.map(|b| Overview::of(inp.pool, b.decision.evaluation, now_ev));
    let now = match &overview {
        Some(o) => o.now.clone(),
        None => Side::of(inp.pool, now_ev, now_ev),
    };
    let lowest = format!("mean of {k} lowest");
    let mut head: Vec<String> = vec![
        "group".into(),
        "eligible".into(),
        "matched".into(),
        "mean score".into(),
        lowest.clone(),
    ];
    if base.is_some() {
        head.extend([
            "baseline matched".into(),
            "baseline mean".into(),
            format!("baseline {lowest}"),
            "mean change".into(),
        ]);
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
    for (i, g) in now.groups.iter().enumerate().skip(1) {
        let shown = now.shown(cells, i);
        let mut row = vec![group_name(&g.name)];
        row.extend(counts(shown, &small));
        row.extend(scores(shown, &small));
        any_small |= shown.is_none_or(|s| !s.scores());
        if let Some(o) = &overview {
            let then = o.baseline_shown(cells, i);
            let [_, m] = counts(then, &small);
            let [mean, low] = scores(then, &small);
            any_small |= then.is_none_or(|s| !s.scores() || s.counts.is_none());
            row.extend([m, mean, low]);
            let change = match (then.and_then(|s| s.mean), shown.and_then(|s| s.mean)) {
                (Some(a), Some(b)) if o.changes_shown(cells, i) => plain_delta(a, b, 1),
                _ => small.clone(),
            };
            row.push(change);
        }
        t.row(row);
    }
    let mut blocks = vec![Block::Table(t)];
    blocks.push(Block::Para(format!(
        "A mentee can belong to several groups; \"none listed\" is the mentees who list no \
         identity. No group figure is one person's: in place of a group's worst pair, the mean \
         of its {k} lowest pair scores. {}A matched count written \"≥ n\" is the least it can be \
         from the group's size and the list of unmatched mentees: the exact count would tell \
         which of the listed mentees are in the group.",
        if any_small {
            format!(
                "{small} marks a figure that would rest on fewer than {k} people (in the group, \
                 outside it, or among the mentees whose pair changed), withheld as everywhere \
                 in dyad (small_cell_k in the settings). "
            )
        } else {
            String::new()
        }
    )));
    Section {
        id: "equity",
        heading: "Equity: how each identity group fares".into(),
        blocks,
    }
}
