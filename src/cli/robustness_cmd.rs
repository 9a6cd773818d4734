//! `dyad robustness`: how much each pair of a profile's matching depends on the exact weights.

use std::path::PathBuf;

use clap::Args;

use dyad::analysis::robustness::{Robustness, WeightRanges, threads_for_budget};
use dyad::criteria;
use dyad::error::Result;
use dyad::pool::Pool;
use serde_json::{Value, json};

use super::common_args::{DataArgs, TableOrJson};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct RobustnessArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile whose matching is tested [default: configs/fall-2023.toml, or the built-in
    /// copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Draw each weight uniformly within this much of its value (clamped to [0, 1])
    #[arg(long, default_value_t = dyad::analysis::robustness::DEFAULT_SPREAD,
          value_parser = parse_spread, conflicts_with = "council", allow_negative_numbers = true)]
    pub spread: f64,
    /// Weightings drawn, each solved exactly (1 to 100000)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub samples: u32,
    /// Seed of the draws (ChaCha8); the same seed gives the same figures
    #[arg(long, default_value_t = dyad::analysis::robustness::DEFAULT_SEED)]
    pub seed: u64,
    /// Draw each weight within the council members' own range instead: a folder of member
    /// profiles such as configs/members, or their files (at least two members)
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub council: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

/// How the weights were drawn, in words.
fn method(args: &RobustnessArgs, members: usize) -> String {
    if members > 0 {
        format!(
            "each weight uniform within the {members} council members' own range for it \
             (lowest to highest)"
        )
    } else {
        format!(
            "each weight uniform within ±{} of its value, clamped to [0, 1]",
            args.spread
        )
    }
}

fn to_json(pool: &Pool, r: &Robustness, args: &RobustnessArgs, council: &[String]) -> Value {
    let ranges: serde_json::Map<String, Value> = criteria::CRITERIA
        .iter()
        .zip(r.ranges().0)
        .map(|(c, (lo, hi))| (c.key.to_string(), json!([lo, hi])))
        .collect();
    json!({
        "spread": if council.is_empty() { json!(args.spread) } else { Value::Null },
        "council": council,
        "samples": r.samples(),
        "seed": args.seed,
        "ranges": ranges,
        "pairs": r.kept().iter().map(|p| json!({
            "mentee": pool.mentees[p.mentee].id,
            "mentor": pool.mentors[p.mentor].id,
            "kept": p.kept,
        })).collect::<Vec<_>>(),
        "mentees": r.mentees().iter().map(|m| json!({
            "mentee": pool.mentees[m.mentee].id,
            "mentors": m.mentors,
            "unmatched": m.unmatched as f64 / r.samples().max(1) as f64,
        })).collect::<Vec<_>>(),
    })
}

/// The width of an id column: the longest id, at least the heading's 6.
fn id_width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(str::len).max().unwrap_or(0).max(6)
}

fn to_text(
    pool: &Pool,
    r: &Robustness,
    args: &RobustnessArgs,
    label: &str,
    members: usize,
) -> String {
    let mut s = format!(
        "Robustness of {label}'s matching: {} draws, {}; each draw solved exactly; seed {}\n\n",
        r.samples(),
        method(args, members),
        args.seed
    );
    let kept = r.kept();
    let w = id_width(pool.mentees.iter().map(|m| m.id.as_str()));
    let wr = id_width(pool.mentors.iter().map(|m| m.id.as_str()));
    s.push_str(&format!("{:w$}  {:wr$}  kept\n", "mentee", "mentor"));
    for p in &kept {
        s.push_str(&format!(
            "{:w$}  {:wr$}  {:>3.0} %\n",
            pool.mentees[p.mentee].id,
            pool.mentors[p.mentor].id,
            100.0 * p.kept
        ));
    }
    let firm = kept.iter().filter(|p| p.kept >= 0.9).count();
    s.push_str(&format!(
        "\n{firm} of {} pairs kept in at least 90 % of draws.\n",
        kept.len()
    ));
    let mentees = r.mentees();
    let moved: Vec<_> = mentees
        .iter()
        .filter(|m| m.mentors > 1 || (m.unmatched > 0 && m.mentors > 0))
        .collect();
    s.push_str(&format!(
        "{} of {} eligible mentees get more than one outcome (mentor, or none) over the draws",
        moved.len(),
        mentees.len()
    ));
    if moved.is_empty() {
        s.push_str(".\n");
        return s;
    }
    s.push_str(":\n");
    s.push_str(&format!("{:w$}  mentors  unmatched\n", "mentee"));
    for m in moved {
        s.push_str(&format!(
            "{:w$}  {:>7}  {:>7.0} %\n",
            pool.mentees[m.mentee].id,
            m.mentors,
            100.0 * m.unmatched as f64 / r.samples().max(1) as f64
        ));
    }
    s
}

pub fn run(args: &RobustnessArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let profile = inputs::current_profile(args.profile.as_deref())?;
    let (members, council): (Vec<_>, Vec<String>) = if args.council.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        super::council_cmd::load_members(&args.council)?
            .into_iter()
            .map(|(m, path)| (m, path.display().to_string()))
            .unzip()
    };
    let ranges = if members.is_empty() {
        WeightRanges::around(&profile.profile.weights, args.spread)
    } else {
        WeightRanges::of_council(&members)
    };
    let budget = inputs::settings()?.memory_budget;
    let (mentees, mentors) = (engine.pool.mentees.len(), engine.pool.mentors.len());
    let mut r = Robustness::new(&mut engine, &profile.profile, ranges, args.seed)?
        .with_threads(threads_for_budget(mentees, mentors, budget));
    r.run(args.samples as usize)?;
    let pool = &engine.pool;
    match args.format {
        TableOrJson::Json => emit_json(&to_json(pool, &r, args, &council)),
        TableOrJson::Table => emit(&to_text(pool, &r, args, &profile.label(), members.len())),
    }
}

/// A spread of weights: a number from 0 to 1, kept to six decimals (weights are shown to two; a
/// value such as `1e-320` is 0, never echoed with hundreds of digits).
pub fn parse_spread(s: &str) -> std::result::Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok((v * 1e6).round() / 1e6),
        _ => {
            Err("expected a number from 0 to 1, e.g. 0.1 (a spread is never negative)".to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_spread;

    #[test]
    fn a_spread_is_a_plain_number_from_0_to_1() {
        assert_eq!(parse_spread("0.1"), Ok(0.1));
        assert_eq!(parse_spread("1e-320"), Ok(0.0));
        assert_eq!(parse_spread("0.12345678"), Ok(0.123457));
        for bad in ["-0.1", "1.5", "nan", "inf", "1e308", "x"] {
            let e = parse_spread(bad).unwrap_err();
            assert!(e.contains("from 0 to 1"), "{bad}: {e}");
        }
    }
}
