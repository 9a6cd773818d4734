//! `dyad fairness`: the price-of-fairness curve of coverage floors per identity group.

use std::path::PathBuf;

use clap::Args;

use serde_json::{Value, json};

use dyad::analysis::fairness::{self, Outcome, Point};
use dyad::error::Result;

use super::common_args::{DataArgs, TableOrJson};
use super::report::{fig, table};
use super::{emit, emit_json, inputs};

/// Groups with fewer eligible mentees than small_cell_k (configs/dyad-settings.toml) are not
/// constrained by a floor and not shown.
#[derive(Args, Debug)]
pub struct FairnessArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile (its own coverage floor is ignored) [default: configs/fall-2023.toml, or the
    /// built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

pub fn run(args: &FairnessArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(args.profile.as_deref())?;
    let curve = fairness::curve(&mut engine, &loaded.profile)?;
    let pool = engine.pool.clone();
    let ids =
        |v: &[usize]| -> Vec<String> { v.iter().map(|&i| pool.mentees[i].id.clone()).collect() };
    match args.format {
        TableOrJson::Json => {
            let points: Vec<Value> = curve.iter().map(|p| point_json(p, &ids)).collect();
            emit_json(&json!({
                "profile": loaded.profile.name,
                "small_cell_k": engine.small_cell_k,
                "curve": points,
            }))
        }
        TableOrJson::Table => emit(&text(&curve, &loaded.label(), engine.small_cell_k)),
    }
}

fn point_json(p: &Point, ids: &dyn Fn(&[usize]) -> Vec<String>) -> Value {
    match &p.outcome {
        Ok(o) => {
            let groups: serde_json::Map<String, Value> = o
                .groups
                .iter()
                .map(|g| {
                    (
                        g.name.clone(),
                        json!({
                            "eligible": g.eligible,
                            "need": g.need,
                            "matched": g.matched,
                            "share": g.share(),
                            "mean_score": g.mean_score,
                        }),
                    )
                })
                .collect();
            json!({
                "floor": p.floor,
                "feasible": true,
                "matched": o.matched,
                "total": o.total,
                "proven_optimal": o.proven_optimal,
                "bound": o.bound,
                "groups": groups,
                "lose": o.lose.len(),
                "gain": o.gain.len(),
                "lose_ids": ids(&o.lose),
                "gain_ids": ids(&o.gain),
            })
        }
        Err(why) => json!({
            "floor": p.floor,
            "feasible": false,
            "matched": null,
            "total": null,
            "proven_optimal": true,
            "bound": null,
            "groups": {},
            "why": why,
        }),
    }
}

fn floor_text(f: Option<f64>) -> String {
    f.map_or("off".into(), |f| format!("{f:.2}"))
}

fn text(curve: &[Point], profile: &str, k: usize) -> String {
    let mut out = format!(
        "Price of fairness under {profile}: each identity group of at least {k} eligible mentees \
         gets at least ⌈floor × its eligible mentees⌉ matched\n\n"
    );
    let feasible: Vec<(&Point, &Outcome)> = curve
        .iter()
        .filter_map(|p| p.outcome.as_ref().ok().map(|o| (p, o)))
        .collect();
    let Some((_, first)) = feasible.first() else {
        return out;
    };
    if first.groups.is_empty() {
        out.push_str(&format!(
            "No identity group has {k} or more eligible mentees: no floor applies.\n"
        ));
        return out;
    }
    let mut head = vec![
        "floor".to_string(),
        "matched".into(),
        "total".into(),
        "proven".into(),
        "lose".into(),
        "gain".into(),
    ];
    head.extend(first.groups.iter().map(|g| format!("{} %", g.name)));
    head.extend(first.groups.iter().map(|g| format!("{} mean", g.name)));
    let mut rows = vec![head];
    for (p, o) in &feasible {
        let mut row = vec![
            floor_text(p.floor),
            o.matched.to_string(),
            fig(o.total),
            if o.proven_optimal {
                "yes".into()
            } else {
                format!("bound {}", fig(o.bound))
            },
            o.lose.len().to_string(),
            o.gain.len().to_string(),
        ];
        row.extend(o.groups.iter().map(|g| format!("{:.0}", 100.0 * g.share())));
        row.extend(
            o.groups
                .iter()
                .map(|g| g.mean_score.map_or("-".into(), fig)),
        );
        rows.push(row);
    }
    out.push_str(&table(&rows));
    match curve.last() {
        Some(Point {
            floor,
            outcome: Err(why),
        }) => out.push_str(&format!("\nFrom floor {} on: {why}\n", floor_text(*floor))),
        _ => out.push_str("\nEvery floor up to 1.00 can be met.\n"),
    }
    out.push_str(
        "Each floor is shown where its matching changes; lose/gain: mentees who lose or gain a \
         pair against no floor.\n",
    );
    out
}
