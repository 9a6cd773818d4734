//! `dyad report --profile P [--baseline B] [--council DIR|FILES] --out FILE.html`: the
//! council's decision record as one self-contained HTML page.

use clap::Args;

use std::path::PathBuf;

use dyad::analysis::council::{self, Council};
use dyad::error::{InputError, Result};
use dyad::io::{self, Mode};
use dyad::matching::engine::Engine;
use dyad::pool::Pool;
use dyad::privacy::SmallCells;
use dyad::profile;
use dyad::report::fingerprint::Fingerprint;
use dyad::report::folder::{self, Evaluated};
use dyad::report::html;
use dyad::report::record::Record;

use super::common_args::DataArgs;
use super::{council_cmd, emit, inputs};

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile decided on
    #[arg(long, value_name = "FILE")]
    pub profile: PathBuf,
    /// The profile to compare against, e.g. last cycle's (compared on the decision's yardstick)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// The council members' profiles: files, or a folder of them such as configs/members (at
    /// least two members in all)
    #[arg(long, value_name = "DIR|FILES", num_args = 1..)]
    pub council: Vec<PathBuf>,
    /// Where to write the page (HTML)
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// Replace the file when it already exists (the old one is kept in .dyad-backup/)
    #[arg(long)]
    pub force: bool,
}

/// The record of a decision against an optional baseline, with the council (and its members'
/// files) when given, made now.
pub fn record(
    pool: &Pool,
    current: Evaluated,
    baseline: Option<Evaluated>,
    council: Option<(&Council, &[PathBuf])>,
    cells: SmallCells,
) -> Result<Record> {
    let mut members = Vec::new();
    for f in council.map_or(&[][..], |(_, files)| files) {
        members.push(Fingerprint::of_file("council member", f)?);
    }
    folder::record(
        pool,
        current,
        baseline,
        council.map(|(c, _)| c),
        members,
        cells,
        &profile::now_stamp(),
    )
}

pub fn run(args: &ReportArgs) -> Result<()> {
    let mut reads: Vec<(PathBuf, &str)> = vec![(args.profile.clone(), "the profile")];
    if let Some(b) = &args.baseline {
        reads.push((b.clone(), "the baseline profile"));
    }
    if let Some(dir) = inputs::pool_dir(&args.data) {
        reads.extend(inputs::pool_files(&dir));
    }
    reads.extend(inputs::config_files());
    let members = if args.council.is_empty() {
        Vec::new()
    } else {
        council_cmd::load_members(&args.council)?
    };
    for (_, path) in &members {
        reads.push((path.clone(), "a council member's profile"));
    }
    inputs::check_output(
        &args.out,
        "--out",
        "the decision record, such as decision.html",
        &reads,
    )?;
    if !args.force && args.out.exists() {
        return Err(
            InputError::new(&args.out, "a new file (add --force to replace it)")
                .value("file exists")
                .into(),
        );
    }
    let mut engine: Engine = inputs::engine(&args.data)?;
    let current = inputs::current_profile(Some(&args.profile))?;
    let ev = engine.evaluate(&current.profile)?;
    let base = match &args.baseline {
        Some(b) => {
            let loaded = inputs::baseline_profile(Some(b))?;
            Some((engine.evaluate(&loaded.profile)?, loaded.file))
        }
        None => None,
    };
    let (members, files): (Vec<_>, Vec<PathBuf>) = members.into_iter().unzip();
    let council = if members.is_empty() {
        None
    } else {
        Some(council::convene(&mut engine, members)?)
    };
    let pool = engine.pool.clone();
    let record = record(
        &pool,
        Evaluated {
            evaluation: &ev,
            file: current.file.as_deref(),
        },
        base.as_ref().map(|(evaluation, file)| Evaluated {
            evaluation,
            file: file.as_deref(),
        }),
        council.as_ref().map(|c| (c, files.as_slice())),
        inputs::settings()?.small_cells(),
    )?;
    let page = html::render(&record);
    let mode = if args.force {
        Mode::ReplaceWithBackup
    } else {
        Mode::Create
    };
    io::write_atomic(&args.out, page.as_bytes(), mode)?;
    emit(&format!(
        "wrote the decision record of \"{}\" ({} of {} eligible mentees matched) to {}\n",
        ev.profile.name,
        ev.summary.matched,
        ev.summary.eligible,
        args.out.display()
    ))
}
