//! `dyad rematch --current PAIRS.csv`: re-match mid-cycle, breaking as few pairs in place as the
//! council chooses, every point of the curve proven optimal or shown with its gap.

use clap::Args;

use std::path::{Path, PathBuf};

use dyad::error::{InputError, Result};
use dyad::io::csvread::CsvFile;
use dyad::io::{self, Mode};
use dyad::matching::rematch::{LIMITS, Point, Rematch, load_current, rematch};
use dyad::pool::Pool;
use dyad::report::export;
use serde_json::{Value, json};

use super::common_args::{DataArgs, TableOrJson};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct RematchArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The pairs in place, as `dyad export` wrote them
    #[arg(long, value_name = "FILE")]
    pub current: PathBuf,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The budget of voluntary changes whose pairs to show and write with --out
    // Hyphen values are read as values, so that "-1" is refused as not a count of changes.
    #[arg(long, value_name = "K", allow_hyphen_values = true)]
    pub max_changes: Option<usize>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
    /// Write the pairs of --max-changes's point here, in export's format (a new file)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// A path as shown: nothing in a file name may drive the terminal.
fn shown(path: &Path) -> String {
    dyad::error::escape(&path.display().to_string())
}

/// The files a rematch reads, which it must never write over.
fn reads(args: &RematchArgs) -> Vec<(PathBuf, &'static str)> {
    let mut read: Vec<(PathBuf, &str)> = vec![(args.current.clone(), "the pairs in place")];
    if let Some(p) = &args.profile {
        read.push((p.clone(), "the profile"));
    }
    if let Some(dir) = inputs::pool_dir(&args.data) {
        read.extend(inputs::pool_files(&dir));
    }
    read.extend(inputs::config_files());
    read
}

pub fn run(args: &RematchArgs) -> Result<()> {
    if let Some(out) = &args.out {
        if args.max_changes.is_none() {
            return Err(InputError::new(
                out,
                "--max-changes K with --out (the budget whose pairs to write)",
            )
            .field("--out")
            .into());
        }
        inputs::check_output(
            out,
            "--out",
            "the new pairs, such as pairs-new.csv",
            &reads(args),
        )?;
        if out.exists() {
            return Err(
                InputError::new(out, "a new file (rematch never replaces one)")
                    .field("--out")
                    .value("file exists")
                    .into(),
            );
        }
    }
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(args.profile.as_deref())?;
    let ev = engine.evaluate(&loaded.profile)?;
    let pool = &engine.pool;
    let file = CsvFile::read(&args.current)?;
    let current = load_current(&file, pool)?;
    let r = rematch(pool, &ev.table, &loaded.profile, &current, LIMITS)?;
    let chosen = match args.max_changes {
        Some(k) => Some(r.point(k).ok_or_else(|| {
            InputError::new(
                &args.current,
                format!(
                    "--max-changes of at least {} (the mentors' capacities leave no fewer changes)",
                    r.keep_first.changes
                ),
            )
            .field("--max-changes")
            .value(k.to_string())
        })?),
        None => None,
    };
    let text = match args.format {
        TableOrJson::Json => None,
        TableOrJson::Table => Some(table(pool, &loaded.profile.name, &r, chosen)),
    };
    if let (Some(out), Some(point)) = (&args.out, chosen) {
        let csv = export::matching_csv(pool, &ev, &point.matching);
        io::write_set(&[(out.as_path(), csv.as_bytes())], &[], Mode::Create)?;
    }
    match text {
        None => {
            let mut v = to_json(pool, &loaded.profile.name, &r);
            if let Some(p) = chosen {
                v["chosen"] = point_json(pool, p);
            }
            emit_json(&v)
        }
        Some(mut t) => {
            if let (Some(out), Some(p)) = (&args.out, chosen) {
                t.push_str(&format!(
                    "\nwrote the {} pairs of the point with at most {} changes to {}\n",
                    p.matching.pairs.len(),
                    p.max_changes,
                    shown(out)
                ));
            }
            emit(&t)
        }
    }
}

fn id_of_mentor(pool: &Pool, j: Option<usize>) -> String {
    j.map_or_else(|| "unmatched".into(), |j| pool.mentors[j].id.clone())
}

/// "proven" or the gap to the bound.
fn proof(p: &Point) -> String {
    if p.proven_optimal {
        "proven".into()
    } else {
        format!("gap {:.1} (bound {:.1})", p.bound - p.total, p.bound)
    }
}

fn table(pool: &Pool, profile: &str, r: &Rematch, chosen: Option<&Point>) -> String {
    let mut t = format!(
        "Profile: {profile}\nPairs in place: {} continuing, {} forced to change, {} kept by a pin\n\
         A from-scratch re-solve breaks {} continuing pairs.\n",
        r.continuing,
        r.forced.len(),
        r.pinned,
        r.scratch_changes
    );
    if !r.forced.is_empty() {
        t.push_str("\nForced (not counted as changes):\n");
        for f in &r.forced {
            let now = |p: &Point| id_of_mentor(pool, p.matching.mentor_of[f.mentee]);
            t.push_str(&format!(
                "  {}  was with {} ({}): keep first {}, score first {}\n",
                pool.mentees[f.mentee].id,
                f.mentor_id,
                f.why.as_str(),
                now(&r.keep_first),
                now(&r.score_first)
            ));
        }
    }
    for (name, p) in [
        ("keep first", &r.keep_first),
        ("score first", &r.score_first),
    ] {
        t.push_str(&format!(
            "\n{name}: {} changes, {} matched, total {:.1}, {}",
            p.changes,
            p.matched,
            p.total,
            proof(p)
        ));
    }
    t.push_str("\n\nmax changes  changes  matched    total  proof\n");
    for p in &r.curve {
        t.push_str(&format!(
            "{:>11}  {:>7}  {:>7}  {:>7.1}  {}\n",
            p.max_changes,
            p.changes,
            p.matched,
            p.total,
            proof(p)
        ));
    }
    if let Some(p) = chosen {
        t.push_str(&format!(
            "\nAt most {} changes: {} pairs move\n",
            p.max_changes, p.changes
        ));
        for m in &p.moved {
            t.push_str(&format!(
                "  {}: {} → {}\n",
                pool.mentees[m.mentee].id,
                pool.mentors[m.from].id,
                id_of_mentor(pool, m.to)
            ));
        }
    }
    t
}

fn point_json(pool: &Pool, p: &Point) -> Value {
    json!({
        "max_changes": p.max_changes,
        "changes": p.changes,
        "matched": p.matched,
        "total": p.total,
        "proven_optimal": p.proven_optimal,
        "bound": p.bound,
        "pairs": p.matching.pairs.iter().map(|q| json!({
            "mentee": pool.mentees[q.mentee].id,
            "mentor": pool.mentors[q.mentor].id,
            "score": q.score,
        })).collect::<Vec<_>>(),
        "moved": p.moved.iter().map(|m| json!({
            "mentee": pool.mentees[m.mentee].id,
            "from": pool.mentors[m.from].id,
            "to": m.to.map(|j| pool.mentors[j].id.clone()),
        })).collect::<Vec<_>>(),
    })
}

fn to_json(pool: &Pool, profile: &str, r: &Rematch) -> Value {
    json!({
        "profile": profile,
        "continuing": r.continuing,
        "pinned": r.pinned,
        "scratch_changes": r.scratch_changes,
        "forced": r.forced.iter().map(|f| json!({
            "mentee": pool.mentees[f.mentee].id,
            "mentor": f.mentor_id,
            "why": f.why.as_str(),
        })).collect::<Vec<_>>(),
        "keep_first": point_json(pool, &r.keep_first),
        "score_first": point_json(pool, &r.score_first),
        "curve": r.curve.iter().map(|p| point_json(pool, p)).collect::<Vec<_>>(),
    })
}
