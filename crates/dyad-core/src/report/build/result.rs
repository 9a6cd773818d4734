//! Section 2, the result: how many are matched, and the score distribution now and under the
//! baseline on one yardstick.

use crate::analysis::measures::Measures;
use crate::analysis::summary::{Stats, Summary};
use crate::matching::Reason;
use crate::present::{fig, plain_delta};
use crate::report::record::{Block, Chart, ChartKind, Section, Series, Table};

use super::{Baseline, RecordInputs, count};

/// Width of a histogram bin, in points of pair score.
pub const BIN: f64 = 10.0;

/// Pair scores counted in bins of [`BIN`] points from 0 to 100 (100 goes in the last bin).
pub fn histogram(scores: impl IntoIterator<Item = f64>) -> Vec<usize> {
    let bins = (100.0 / BIN) as usize;
    let mut counts = vec![0; bins];
    for s in scores {
        let b = ((s / BIN).floor().max(0.0) as usize).min(bins - 1);
        counts[b] += 1;
    }
    counts
}

type Figure = (&'static str, fn(&Stats) -> f64);

const FIGURES: [Figure; 6] = [
    ("mean", |s| s.mean),
    ("median", |s| s.median),
    ("worst pair", |s| s.min),
    ("10th percentile", |s| s.p10),
    ("90th percentile", |s| s.p90),
    ("standard deviation", |s| s.std),
];

fn matched_text(s: &Summary) -> String {
    format!("{} of {} eligible mentees matched", s.matched, s.eligible)
}

pub(super) fn section(inp: &RecordInputs, base: Option<&Baseline>) -> Section {
    let ev = inp.current.evaluation;
    let s = &ev.summary;
    let mut blocks = vec![Block::Lead(match base {
        Some(b) => format!(
            "{} (baseline: {} of {}).",
            matched_text(s),
            b.summary.matched,
            b.summary.eligible
        ),
        None => format!("{}.", matched_text(s)),
    })];
    let ineligible = ev
        .matching
        .unmatched
        .iter()
        .filter(|(_, r)| *r == Reason::Ineligible)
        .count();
    blocks.push(Block::Para(format!(
        "{} of the pool's {} {} not eligible under this profile's rule.",
        count(ineligible, "mentee", "mentees"),
        inp.pool.mentees.len(),
        if ineligible == 1 { "is" } else { "are" }
    )));

    let yardstick = format!(
        "Pair scores (0-100){}",
        if base.is_some() {
            ", both matchings scored with this profile's weights (one yardstick)"
        } else {
            ""
        }
    );
    let mut head = vec!["figure".to_string(), "now".into()];
    if base.is_some() {
        head.extend(["baseline".into(), "change".into()]);
    }
    let mut t = Table::figures(yardstick, head);
    let mut counts = vec![(
        "matched",
        s.matched as f64,
        base.map(|b| b.summary.matched as f64),
    )];
    counts.push((
        "eligible",
        s.eligible as f64,
        base.map(|b| b.summary.eligible as f64),
    ));
    for (name, now, then) in counts {
        let mut row = vec![name.to_string(), format!("{now:.0}")];
        if let Some(then) = then {
            row.extend([format!("{then:.0}"), format!("{:+.0}", now - then)]);
        }
        t.row(row);
    }
    for (name, f) in FIGURES {
        let mut row = vec![name.to_string(), fig(f(&s.stats))];
        if let Some(b) = base {
            let then = f(&b.summary.stats);
            row.extend([fig(then), plain_delta(then, f(&s.stats), 1)]);
        }
        t.row(row);
    }
    blocks.push(Block::Table(t));

    let now = histogram(ev.matching.pairs.iter().map(|p| p.score));
    let mut series = vec![Series {
        name: "now".into(),
        counts: now,
    }];
    if let Some(b) = base {
        series.push(Series {
            name: "baseline".into(),
            counts: histogram(b.matching.pairs.iter().map(|p| p.score)),
        });
    }
    let edges: Vec<f64> = (0..=series[0].counts.len())
        .map(|i| i as f64 * BIN)
        .collect();
    let mut head = vec!["pair score".to_string()];
    head.extend(series.iter().map(|s| format!("pairs {}", s.name)));
    let mut data = Table::figures("Pairs by score", head);
    for (i, w) in edges.windows(2).enumerate() {
        let mut row = vec![format!(
            "{:.0} to {}{:.0}",
            w[0],
            if i + 2 == edges.len() { "" } else { "under " },
            w[1]
        )];
        row.extend(series.iter().map(|s| s.counts[i].to_string()));
        data.row(row);
    }
    blocks.push(Block::Chart(Chart {
        title: if base.is_some() {
            "Pair scores now and under the baseline".into()
        } else {
            "Pair scores".into()
        },
        desc: format!(
            "How many pairs score in each band of {BIN:.0} points{}.",
            if base.is_some() {
                "; the baseline's pairs are scored with this profile's weights"
            } else {
                ""
            }
        ),
        kind: ChartKind::Histogram { edges, series },
        data,
    }));
    blocks.push(measures_table(inp, base));
    Section {
        id: "result",
        heading: "The result".into(),
        blocks,
    }
}

/// The weight-free measures now and under the baseline, both with the decision's in-person
/// limit as the yardstick of `within the in-person limit`.
fn measures_table(inp: &RecordInputs, base: Option<&Baseline>) -> Block {
    let ev = inp.current.evaluation;
    let k = inp.cells.k();
    let of = |e: &crate::matching::engine::Evaluation| {
        Measures::of_evaluation(inp.pool, &e.families, e, &ev.profile, k)
    };
    let now = of(ev);
    let then = base.map(|b| of(b.decision.evaluation));
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.0}%", 100.0 * v));
    let km = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.1} km"));
    type Row = (&'static str, fn(&Measures) -> Option<f64>, bool);
    let rows: [Row; 10] = [
        ("distance, mean", |m| m.pool.km_mean, false),
        ("distance, median", |m| m.pool.km_median, false),
        (
            "within the in-person limit",
            |m| m.pool.within_in_person_km,
            true,
        ),
        ("goals covered", |m| m.pool.goals_covered, true),
        ("challenges covered", |m| m.pool.challenges_covered, true),
        (
            "identity requests met",
            |m| m.pool.identity_requests_met,
            true,
        ),
        ("outside own health system", |m| m.pool.outside_system, true),
        ("same specialty", |m| m.pool.same_specialty, true),
        ("same specialty family", |m| m.pool.same_family, true),
        (
            "mentor offers fewer hours than wanted",
            |m| m.pool.hours_short,
            true,
        ),
    ];
    let mut head = vec!["measure".to_string(), "now".into()];
    if then.is_some() {
        head.push("baseline".into());
    }
    let mut t = Table::figures(
        "Weight-free measures of the matched pairs (the same under any weights)",
        head,
    );
    for (name, f, share) in rows {
        let show = |m: &Measures| if share { pct(f(m)) } else { km(f(m)) };
        let mut row = vec![name.to_string(), show(&now)];
        row.extend(then.as_ref().map(show));
        t.row(row);
    }
    for (name, f) in [
        (
            "mentors without a mentee",
            (|m| m.mentors_idle) as fn(&Measures) -> usize,
        ),
        ("mentors at capacity", |m| m.mentors_full),
    ] {
        let mut row = vec![name.to_string(), f(&now).to_string()];
        row.extend(then.as_ref().map(|m| f(m).to_string()));
        t.row(row);
    }
    Block::Table(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_score_lands_in_one_bin() {
        let h = histogram([0.0, 9.99, 10.0, 55.0, 99.9, 100.0]);
        assert_eq!(h.len(), 10);
        assert_eq!(h.iter().sum::<usize>(), 6);
        assert_eq!((h[0], h[1], h[5], h[9]), (2, 1, 1, 2));
    }
}
