//! `dyad fairness`: the price-of-fairness curve of coverage floors per identity group.

use std::path::PathBuf;

use clap::Args;

use serde_json::{Value, json};

use dyad::analysis::fairness::{self, GroupPoint, Outcome, Point};
use dyad::error::Result;
use dyad::privacy::SmallCells;
use dyad::privacy::room::{Matched, RowShown};

use super::common_args::{DataArgs, TableOrJson};
use super::report::{counts_shown, fig, table};
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
    // The output lists who loses or gains a pair at each point, so the groups' figures follow
    // the rule for a room that steps through the curve.
    let cells = inputs::settings()?.small_cells();
    let (curve, rows) = fairness::for_room(curve, &loaded.profile, cells);
    let pool = engine.pool.clone();
    let ids =
        |v: &[usize]| -> Vec<String> { v.iter().map(|&i| pool.mentees[i].id.clone()).collect() };
    match args.format {
        TableOrJson::Json => {
            let points: Vec<Value> = curve
                .iter()
                .zip(&rows)
                .map(|(p, rows)| point_json(p, rows, &ids))
                .collect();
            emit_json(&json!({
                "profile": loaded.profile.name,
                "small_cell_k": engine.small_cell_k,
                "curve": points,
            }))
        }
        TableOrJson::Table => emit(&text(&curve, &rows, &loaded.label(), cells)),
    }
}

fn point_json(
    p: &Point,
    rows: &[Option<RowShown>],
    ids: &dyn Fn(&[usize]) -> Vec<String>,
) -> Value {
    match &p.outcome {
        Ok(o) => {
            let groups: serde_json::Map<String, Value> = o
                .groups
                .iter()
                .zip(rows)
                .map(|(g, row)| (g.name.clone(), group_json(g, *row)))
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
        Err(why) if p.withheld() => json!({
            "floor": null,
            "feasible": null,
            "shown": false,
            "why": why,
        }),
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

/// A group at a point as the room rule shows it: `null` for what is withheld,
/// `matched_at_least` where only a bound may be shown, the share only beside an exact count.
fn group_json(g: &GroupPoint, row: Option<RowShown>) -> Value {
    let Some(row) = row else {
        return json!({"eligible": null, "need": null, "matched": null, "matched_at_least": null,
                      "share": null, "mean_score": null, "lowest": null, "suppressed": true});
    };
    let (eligible, matched, at_least) = counts_shown(row);
    json!({
        "eligible": eligible,
        "need": eligible.map(|_| g.need),
        "matched": matched,
        "matched_at_least": at_least,
        "share": matched.map(|_| g.share()),
        "mean_score": row.mean,
        "lowest": row.lowest.map(|(n, m)| json!({"n": n, "mean": m})),
        "suppressed": false,
    })
}

/// A group's matched share as the room rule shows it: exact, a bound, or withheld.
fn share_text(g: &GroupPoint, row: Option<RowShown>, hidden: &str) -> String {
    match row.and_then(|r| r.counts) {
        Some((_, Matched::Exact(_))) => format!("{:.0}", 100.0 * g.share()),
        Some((e, Matched::AtLeast(n))) if e > 0 => format!(">={:.0}", 100.0 * n as f64 / e as f64),
        _ => hidden.to_string(),
    }
}

fn floor_text(f: Option<f64>) -> String {
    f.map_or("off".into(), |f| format!("{f:.2}"))
}

fn text(
    curve: &[Point],
    rows: &[Vec<Option<RowShown>>],
    profile: &str,
    cells: SmallCells,
) -> String {
    let k = cells.k();
    let hidden = cells.label();
    let mut out = format!(
        "Price of fairness under {profile}: each identity group of at least {k} eligible mentees \
         gets at least ⌈floor × its eligible mentees⌉ matched\n\n"
    );
    let feasible: Vec<(&Point, &Outcome, &[Option<RowShown>])> = curve
        .iter()
        .zip(rows)
        .filter_map(|(p, r)| p.outcome.as_ref().ok().map(|o| (p, o, &r[..])))
        .collect();
    let Some((_, first, _)) = feasible.first() else {
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
    for (p, o, shown) in &feasible {
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
        let groups = || o.groups.iter().zip(shown.iter().copied());
        row.extend(groups().map(|(g, r)| share_text(g, r, &hidden)));
        row.extend(groups().map(|(_, r)| r.and_then(|r| r.mean).map_or(hidden.clone(), fig)));
        rows.push(row);
    }
    out.push_str(&table(&rows));
    match curve.last() {
        Some(p) if p.withheld() => out.push_str("\nHigher floors are not shown: whether they can be met could tell who among the unmatched mentees is in a group.\n"),
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
    out.push_str(&format!(
        "{hidden}: would rest on fewer than {k} people, or tell who of those who lose or gain a \
         pair is in the group, so not shown; >=n: the least the share can be from the group's \
         size and the unmatched\n"
    ));
    out
}
