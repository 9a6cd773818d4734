//! `dyad sensitivity`: how fragile the weighting is.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Map, Value, json};

use dyad::analysis::compare::changes_line;
use dyad::analysis::stability::{self, Extreme, Influence, PairChange, Stability};
use dyad::criteria::CRITERIA;
use dyad::error::Result;
use dyad::pool::Pool;
use dyad::present::plain_signed;

use super::common_args::{DataArgs, TableOrJson};
use super::report::{self, fig};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

/// A figure for JSON: NaN becomes `null`.
pub fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

pub fn change_json(pool: &Pool, c: &PairChange) -> Value {
    json!({
        "mentee": pool.mentees[c.mentee].id,
        "old_mentor": c.old_mentor.map(|j| pool.mentors[j].id.clone()),
        "new_mentor": c.new_mentor.map(|j| pool.mentors[j].id.clone()),
    })
}

fn extreme_json(e: &Extreme) -> Value {
    json!({
        "weight": e.weight,
        "changed": e.changed,
        "matched": e.matched,
        "mean": num(e.mean),
        "min": num(e.min),
        "mean_delta": num(e.mean_delta),
        "min_delta": num(e.min_delta),
    })
}

fn stability_json(pool: &Pool, s: &Stability) -> Value {
    json!({
        "weight": s.weight,
        "stable_low": s.stable_low,
        "stable_high": s.stable_high,
        "changes_low": s.changes_low.iter().map(|c| change_json(pool, c)).collect::<Vec<_>>(),
        "changes_high": s.changes_high.iter().map(|c| change_json(pool, c)).collect::<Vec<_>>(),
    })
}

fn influence_json(i: &Influence) -> Value {
    json!({
        "weight": i.weight,
        "swing": i.swing(),
        "at_0": extreme_json(&i.at_zero),
        "at_1": extreme_json(&i.at_one),
    })
}

/// A weight for a person: up to four decimals, trailing zeros dropped (0.9, 0.8412).
pub fn weight(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0');
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.contains('.') {
        s.to_string()
    } else {
        format!("{s}.0")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn bar(n: usize, max: usize, width: usize) -> usize {
    if max == 0 || n == 0 {
        0
    } else {
        (n * width).div_ceil(max)
    }
}

pub fn run(args: &SensitivityArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(args.profile.as_deref())?;
    let ev = engine.evaluate(&loaded.profile)?;
    let pool = &engine.pool;
    let analysis = stability::analyze(pool, &ev)?;
    match args.format {
        TableOrJson::Json => {
            let criteria: Map<String, Value> = analysis
                .stability
                .iter()
                .map(|s| {
                    (
                        CRITERIA[s.criterion].key.to_string(),
                        stability_json(pool, s),
                    )
                })
                .collect();
            let influence: Map<String, Value> = analysis
                .influence
                .iter()
                .map(|i| (CRITERIA[i.criterion].key.to_string(), influence_json(i)))
                .collect();
            emit_json(&json!({"criteria": criteria, "influence": influence}))
        }
        TableOrJson::Table => {
            let mut text = format!(
                "Profile: {} ({})\nPool: {}: {} eligible mentees, {} matched, mean score {}\n",
                loaded.profile.name,
                loaded.label(),
                pool.source.label(),
                ev.summary.eligible,
                ev.summary.matched,
                fig(ev.summary.stats.mean)
            );
            text.push_str(
                "\nWeight stability: each weight alone can move within its stable range without \
                 changing a single pair\n",
            );
            let mut rows = vec![vec![
                "criterion".to_string(),
                "weight".into(),
                "stable from".into(),
                "to".into(),
                "margin".into(),
                "change below".into(),
                "change above".into(),
            ]];
            for s in &analysis.stability {
                let side = |next: Option<f64>, n: usize| match next {
                    None => "none".to_string(),
                    Some(_) => plural(n, "pair", "pairs"),
                };
                rows.push(vec![
                    CRITERIA[s.criterion].key.to_string(),
                    weight(s.weight),
                    weight(s.stable_low),
                    weight(s.stable_high),
                    s.margin().map_or("-".into(), |m| format!("{m:.4}")),
                    side(s.next_low, s.changes_low.len()),
                    side(s.next_high, s.changes_high.len()),
                ]);
            }
            text.push_str(&report::table(&rows));
            if let Some((k, margin)) = stability::most_fragile(&analysis.stability) {
                let s = &analysis.stability[k];
                let (at, changes) = if s.next_high.is_some() && s.stable_high - s.weight <= margin {
                    (s.stable_high, &s.changes_high)
                } else {
                    (s.stable_low, &s.changes_low)
                };
                text.push_str(&format!(
                    "\nMost fragile: {} ({}): moving it from {} to {} changes {}: {}\n",
                    CRITERIA[k].key,
                    CRITERIA[k].label,
                    weight(s.weight),
                    weight(at),
                    plural(changes.len(), "pair", "pairs"),
                    changes_line(pool, changes, 4)
                ));
            } else {
                text.push_str("\nNo single weight changes any pair anywhere in 0-1.\n");
            }
            text.push_str("\nNext changes\n");
            for s in &analysis.stability {
                let key = CRITERIA[s.criterion].key;
                if s.next_low.is_some() {
                    text.push_str(&format!(
                        "  {key} below {}: {}\n",
                        weight(s.stable_low),
                        changes_line(pool, &s.changes_low, 4)
                    ));
                }
                if s.next_high.is_some() {
                    text.push_str(&format!(
                        "  {key} above {}: {}\n",
                        weight(s.stable_high),
                        changes_line(pool, &s.changes_high, 4)
                    ));
                }
            }

            text.push_str(
                "\nInfluence: each weight alone set to 0 and to 1 (mentees placed differently; \
                 mean and worst pair score, change against now)\n",
            );
            let widest = analysis
                .influence
                .iter()
                .map(|i| i.at_zero.changed.max(i.at_one.changed))
                .max()
                .unwrap_or(0);
            const W: usize = 12;
            let mut rows = vec![vec![
                "criterion".to_string(),
                format!("{:>W$}|{:<W$}", "to 0", "to 1"),
                "changed at 0".into(),
                "mean".into(),
                "worst".into(),
                "changed at 1".into(),
                "mean".into(),
                "worst".into(),
            ]];
            for i in &analysis.influence {
                let (z, o) = (&i.at_zero, &i.at_one);
                rows.push(vec![
                    CRITERIA[i.criterion].key.to_string(),
                    format!(
                        "{:>W$}|{:<W$}",
                        "#".repeat(bar(z.changed, widest, W)),
                        "#".repeat(bar(o.changed, widest, W))
                    ),
                    z.changed.to_string(),
                    plain_signed(z.mean_change(), 1),
                    plain_signed(z.min_change(), 1),
                    o.changed.to_string(),
                    plain_signed(o.mean_change(), 1),
                    plain_signed(o.min_change(), 1),
                ]);
            }
            text.push_str(&report::table(&rows));
            emit(&text)
        }
    }
}
