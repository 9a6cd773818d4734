//! `dyad explain MENTEE_ID`: why a mentee has this mentor (the pair's breakdown and the best
//! alternatives), or why they have none and which single change would match them.

use std::path::PathBuf;

use clap::Args;

use serde_json::{Value, json};

use dyad::analysis::breakdown::contributions;
use dyad::analysis::compare::changes_line;
use dyad::analysis::explain;
use dyad::analysis::unmatched::{self, Diagnosis};
use dyad::criteria::CRITERIA;
use dyad::error::{Error, InputError, Result};
use dyad::matching::engine::Evaluation;
use dyad::pool::{Pool, files};

use super::common_args::{DataArgs, TableOrJson};
use super::report::{self, fig};
use super::sensitivity_cmd::{change_json, num};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The mentee's pseudonymous id, e.g. ME-017
    #[arg(value_name = "MENTEE_ID")]
    pub mentee: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

/// Alternatives listed for a matched mentee.
const ALTERNATIVES: usize = 5;

fn breakdown_rows(ev: &Evaluation, mentee: usize, mentor: usize) -> Vec<(usize, f64, f64, f64)> {
    let scores = ev.table.criteria(mentee, mentor);
    let w = &ev.profile.weights;
    let points = contributions(&scores, w);
    (0..CRITERIA.len())
        .map(|k| (k, scores[k], w[k], points[k]))
        .collect()
}

fn diagnosis_json(pool: &Pool, d: &Diagnosis) -> Value {
    let mentors: Vec<Value> = d
        .mentors
        .iter()
        .map(|mb| {
            json!({
                "mentor": pool.mentors[mb.mentor].id,
                "score": num(mb.score),
                "blockers": mb.blockers.iter().map(|b| json!({
                    "kind": b.kind(),
                    "text": b.describe(pool),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let suggestions: Vec<Value> = d
        .suggestions
        .iter()
        .map(|s| {
            json!({
                "kind": s.relaxation.kind(),
                "text": s.relaxation.describe(pool),
                "mentor": pool.mentors[s.mentor].id,
                "score": num(s.score),
                "side_effects": s.side_effects.iter().map(|c| change_json(pool, c)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "mentee": pool.mentees[d.mentee].id,
        "status": "unmatched",
        "reason": d.reason.as_str(),
        "years_since_training": d.ineligible.map(|(y, _)| y),
        "mentors": mentors,
        "suggestions": suggestions,
    })
}

fn diagnosis_text(pool: &Pool, d: &Diagnosis) -> String {
    let mut text = format!(
        "{} is unmatched: {}\n",
        pool.mentees[d.mentee].id,
        d.reason.as_str()
    );
    if let Some((years, max)) = d.ineligible {
        text.push_str(&format!(
            "Trained {years} years before the reference year; the profile takes mentees up to {max} years.\n"
        ));
    }
    text.push_str("\nWhat keeps them from each mentor (best pair score first)\n");
    let mut rows = vec![vec![
        "mentor".to_string(),
        "score".into(),
        "ruled out by".into(),
    ]];
    for mb in &d.mentors {
        let why: Vec<String> = mb.blockers.iter().map(|b| b.describe(pool)).collect();
        rows.push(vec![
            pool.mentors[mb.mentor].id.clone(),
            fig(mb.score),
            if why.is_empty() {
                "nothing (eligibility only)".into()
            } else {
                why.join("; ")
            },
        ]);
    }
    text.push_str(&report::table(&rows));
    if d.suggestions.is_empty() {
        text.push_str("\nNo single change matches them; more than one constraint must give.\n");
    } else {
        text.push_str("\nSingle changes that match them, verified by re-solving (smallest disturbance first)\n");
        let mut rows = vec![vec![
            "change".to_string(),
            "gets".into(),
            "score".into(),
            "others moved".into(),
        ]];
        for s in &d.suggestions {
            rows.push(vec![
                s.relaxation.describe(pool),
                pool.mentors[s.mentor].id.clone(),
                fig(s.score),
                s.side_effects.len().to_string(),
            ]);
        }
        text.push_str(&report::table(&rows));
        let best = &d.suggestions[0];
        text.push_str(&format!(
            "\nSmallest fix: {}: {} gets {} ({})",
            best.relaxation.describe(pool),
            pool.mentees[d.mentee].id,
            pool.mentors[best.mentor].id,
            fig(best.score)
        ));
        if best.side_effects.is_empty() {
            text.push_str(", and no other pair changes.\n");
        } else {
            text.push_str(&format!(
                "; also moves {}\n",
                changes_line(pool, &best.side_effects, 4)
            ));
        }
    }
    text
}

pub fn run(args: &ExplainArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(args.profile.as_deref())?;
    let ev = engine.evaluate(&loaded.profile)?;
    let pool = &engine.pool;
    let Some(mentee) = pool.mentee_index(&args.mentee) else {
        return Err(Error::Input(Box::new(
            InputError::new(
                pool.source.label(),
                format!("the id of a mentee in {} (e.g. ME-001)", files::MENTEES),
            )
            .field("MENTEE_ID")
            .value(args.mentee.as_str()),
        )));
    };
    let id = &pool.mentees[mentee].id;
    let header = format!("Profile: {} ({})\n", loaded.profile.name, loaded.label());

    if let Some(d) = unmatched::diagnose(pool, &ev, mentee)? {
        return match args.format {
            TableOrJson::Json => emit_json(&diagnosis_json(pool, &d)),
            TableOrJson::Table => emit(&format!("{header}{}", diagnosis_text(pool, &d))),
        };
    }

    let pair = *ev
        .matching
        .pair_of(mentee)
        .ok_or_else(|| Error::Other(format!("{id}: neither matched nor unmatched")))?;
    let lines = breakdown_rows(&ev, mentee, pair.mentor);
    let alternatives = explain::alternatives(pool, &ev, mentee, ALTERNATIVES);
    match args.format {
        TableOrJson::Json => emit_json(&json!({
            "mentee": id,
            "status": "matched",
            "mentor": pool.mentors[pair.mentor].id,
            "score": num(pair.score),
            "pinned": pair.pinned,
            "km": ev.table.distance_km(mentee, pair.mentor),
            "breakdown": lines.iter().map(|(k, s, w, p)| json!({
                "criterion": CRITERIA[*k].key,
                "label": CRITERIA[*k].label,
                "score": num(*s),
                "weight": w,
                "points": num(*p),
            })).collect::<Vec<_>>(),
            "alternatives": alternatives.iter().map(|a| json!({
                "mentor": pool.mentors[a.mentor].id,
                "score": num(a.score),
                "why_not": a.why.describe(pool),
            })).collect::<Vec<_>>(),
        })),
        TableOrJson::Table => {
            let mut text = format!(
                "{header}{id} is matched with {}: score {}{}\n\nWhy: each criterion's score x weight, as points of the pair score\n",
                pool.mentors[pair.mentor].id,
                fig(pair.score),
                if pair.pinned {
                    " (pinned by the council)"
                } else {
                    ""
                }
            );
            let mut rows = vec![vec![
                "criterion".to_string(),
                "score".into(),
                "weight".into(),
                "points".into(),
            ]];
            let mut sorted = lines.clone();
            sorted.sort_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(&b.0)));
            for (k, s, w, p) in sorted {
                rows.push(vec![
                    CRITERIA[k].label.to_string(),
                    format!("{s:.2}"),
                    format!("{w:.2}"),
                    fig(p),
                ]);
            }
            text.push_str(&report::table(&rows));
            text.push_str(&match ev.table.distance_km(mentee, pair.mentor) {
                Some(d) => format!(
                    "Distance: {d:.1} km apart (proximity reaches 0 at {} km)\n",
                    ev.profile.params.proximity_max_km
                ),
                None => "Distance: unknown (a location is unknown)\n".to_string(),
            });
            text.push_str("\nBest alternatives and why they were not chosen\n");
            let mut rows = vec![vec!["mentor".to_string(), "score".into(), "why not".into()]];
            for a in &alternatives {
                rows.push(vec![
                    pool.mentors[a.mentor].id.clone(),
                    fig(a.score),
                    a.why.describe(pool),
                ]);
            }
            text.push_str(&report::table(&rows));
            emit(&text)
        }
    }
}
