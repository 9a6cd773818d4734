//! Building the decision record's content from a decision (a profile's evaluation), its
//! baseline, the pool and, when given, the council. One builder serves every output: the HTML
//! page of `dyad report`, the Markdown of `dyad export --report`, and the record the terminal
//! UI writes into `reports/`.
//!
//! # One yardstick
//!
//! Wherever the record compares the decision with the baseline it scores both matchings with
//! the decision's weights and criterion parameters, so a difference is a difference for the
//! people, not of the scale; every such table says so.

mod context;
mod council;
mod decision;
mod equity;
mod inputs;
mod people;
mod result;

pub(crate) use context::count;
pub use context::{Decision, RecordInputs};

use crate::analysis::summary::Summary;
use crate::analysis::{stability, unmatched};
use crate::error::InputError;
use crate::matching::Matching;
use crate::matching::engine::Evaluation;
use crate::pool::Pool;
use crate::report::record::Record;

/// The baseline seen through the decision's yardstick.
pub(crate) struct Baseline<'a> {
    pub decision: Decision<'a>,
    /// The baseline's pairs, each scored with the decision's weights and parameters.
    pub matching: Matching,
    /// Its summary on the decision's yardstick (eligibility stays the baseline's own).
    pub summary: Summary,
}

/// The baseline's matching with every pair scored under `yardstick`'s profile.
pub fn on_yardstick(m: &Matching, yardstick: &Evaluation) -> Matching {
    let mut m = m.clone();
    for p in &mut m.pairs {
        p.score = yardstick
            .table
            .pair_score(p.mentee, p.mentor, &yardstick.profile.weights);
    }
    m
}

/// Builds the record. The analyses it needs (stable ranges, why mentees are unmatched) are
/// re-solved here, so this takes as long as `dyad sensitivity` and `dyad explain` together.
pub fn build(inp: &RecordInputs) -> Result<Record, InputError> {
    let pool = inp.pool;
    let ev = inp.current.evaluation;
    let base = inp.baseline.map(|decision| {
        let matching = on_yardstick(&decision.evaluation.matching, ev);
        let summary = Summary::of(pool, &ev.table, &matching);
        Baseline {
            decision,
            matching,
            summary,
        }
    });
    let stable = stability::stability_all(pool, ev)?;
    let diagnoses = unmatched::diagnose_eligible(pool, ev)?;
    let mut sections = vec![
        decision::section(inp, base.as_ref(), &stable),
        result::section(inp, base.as_ref()),
        people::section(inp, base.as_ref(), &diagnoses),
        equity::section(inp, base.as_ref()),
    ];
    if let Some(c) = inp.council {
        sections.push(council::section(inp, c));
    }
    sections.push(inputs::section(inp));
    for (n, s) in sections.iter_mut().enumerate() {
        s.heading = format!("{}. {}", n + 1, s.heading);
    }
    let p = &ev.profile;
    let mut meta = vec![format!(
        "Profile: {}{}.",
        inp.current.label(),
        p.saved
            .as_ref()
            .map_or(String::new(), |t| format!(", saved {t}"))
    )];
    meta.push(match &base {
        Some(b) => format!(
            "Baseline: {}; compared on one yardstick, this profile's.",
            b.decision.label()
        ),
        None => "No baseline given.".into(),
    });
    meta.push(format!(
        "Pool: {} mentees, {} mentors ({}).",
        pool.mentees.len(),
        pool.mentors.len(),
        pool_name(pool)
    ));
    meta.push(format!(
        "Made {} by dyad {}; only pseudonymous ids appear here.",
        inp.generated,
        env!("CARGO_PKG_VERSION")
    ));
    Ok(Record {
        title: format!("Decision record: {}", p.name),
        meta,
        sections,
    })
}

/// The pool's folder name (never its path), or "built-in sample data".
pub fn pool_name(pool: &Pool) -> String {
    match &pool.source.dir {
        Some(d) => d.file_name().map_or_else(
            || "pool folder".to_string(),
            |n| crate::error::escape(&n.to_string_lossy()),
        ),
        None => "built-in sample data".into(),
    }
}
