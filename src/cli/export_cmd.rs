//! `dyad export --profile F --out pairs.csv [--report report.md]`: the final match for the
//! program, and its decision record as Markdown.

use clap::Args;

use std::path::{Path, PathBuf};

use dyad::error::{InputError, Result};
use dyad::io::{self, Mode};
use dyad::report::{export, markdown};

use super::common_args::DataArgs;
use super::{emit, inputs};

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The agreed profile to run the final match with
    #[arg(long, value_name = "FILE")]
    pub profile: PathBuf,
    /// Where to write the pairs (CSV, one row per pair)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Also write a one-page Markdown report of the profile, the summary and group figures
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Replace the output files when they already exist
    #[arg(long)]
    pub force: bool,
}

/// The files an export reads, which it must never write over.
fn reads(args: &ExportArgs) -> Vec<(PathBuf, &'static str)> {
    let mut read: Vec<(PathBuf, &str)> = vec![(args.profile.clone(), "the profile")];
    if let Some(dir) = inputs::pool_dir(&args.data) {
        read.extend(inputs::pool_files(&dir));
    }
    read.extend(inputs::config_files());
    read
}

/// A path as shown: nothing in a file name may drive the terminal.
fn shown(path: &Path) -> String {
    dyad::error::escape(&path.display().to_string())
}

fn profile_weights_inert(p: &dyad::Profile) -> bool {
    dyad::matching::weights_inert(&p.weights)
}

pub fn run(args: &ExportArgs) -> Result<()> {
    let mut targets: Vec<(&Path, &str)> = vec![(args.out.as_path(), "--out")];
    if let Some(r) = &args.report {
        targets.push((r.as_path(), "--report"));
    }
    for (t, flag) in &targets {
        let what = if *flag == "--out" {
            "the pairs, such as pairs.csv"
        } else {
            "the report, such as report.md"
        };
        inputs::check_output(t, flag, what, &reads(args))?;
    }
    if let Some(r) = &args.report
        && inputs::same_file(r, &args.out)
    {
        return Err(InputError::new(r, "different files for --out and --report")
            .field("--report")
            .into());
    }
    if !args.force {
        for (t, _) in &targets {
            if t.exists() {
                return Err(InputError::new(t, "a new file (add --force to replace it)")
                    .value("file exists")
                    .into());
            }
        }
    }
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(Some(&args.profile))?;
    let ev = engine.evaluate(&loaded.profile)?;
    let pool = &engine.pool;
    let cells = inputs::settings()?.small_cells();
    // A replaced file is kept in .dyad-backup beside it: --force never loses a file.
    let mode = if args.force {
        Mode::ReplaceWithBackup
    } else {
        Mode::Create
    };
    // Both texts are built before either file is written.
    let csv = export::pairs_csv(pool, &ev);
    let report = args.report.as_ref().map(|_| {
        super::report_cmd::record(
            pool,
            dyad::report::folder::Evaluated {
                evaluation: &ev,
                file: loaded.file.as_deref(),
            },
            None,
            None,
            cells,
        )
        .map(|r| markdown::render(&r))
    });
    let report = report.transpose()?;
    let mut files: Vec<(&Path, &[u8])> = vec![(&args.out, csv.as_bytes())];
    if let (Some(path), Some(report)) = (&args.report, &report) {
        files.push((path, report.as_bytes()));
    }
    // The pairs and their report as one set: never the new pairs beside the old report.
    io::write_set(&files, &[], mode)?;
    let mut text = String::new();
    if profile_weights_inert(&loaded.profile) {
        text.push_str(dyad::matching::INERT_WEIGHTS_WARNING);
        text.push('\n');
    }
    text.push_str(&format!(
        "wrote {} pairs ({} of {} eligible mentees matched) under \"{}\" to {}\n",
        ev.matching.pairs.len(),
        ev.summary.matched,
        ev.summary.eligible,
        loaded.profile.name,
        shown(&args.out)
    ));
    if let Some(path) = &args.report {
        text.push_str(&format!("wrote the report to {}\n", shown(path)));
    }
    emit(&text)
}
