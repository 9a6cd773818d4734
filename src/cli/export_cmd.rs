//! `dyad export --profile F --out pairs.csv [--report report.md]`: the final match for the
//! program.

use std::path::{Path, PathBuf};

use dyad::error::{InputError, Result};
use dyad::io::{self, Mode};
use dyad::profile;
use dyad::report::export::{self, ReportInfo};

use super::analysis_args::ExportArgs;
use super::{emit, inputs};

/// Refuses every output path that would lose the user's work: a profile's name (`.toml`), a
/// folder, or a file this run reads.
fn check_target(target: &Path, flag: &str, what: &str, args: &ExportArgs) -> Result<()> {
    if target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        return Err(InputError::new(target, format!("a file name for {what}"))
            .field(flag)
            .problem("a name ending in .toml is for profiles")
            .into());
    }
    inputs::refuse_folder(target, flag, &format!("a file name for {what}"))?;
    // Checked before anything is written, so that a bad --report never leaves --out alone.
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(InputError::new(target, "a file in an existing folder")
            .field(flag)
            .problem(format!("there is no folder {}", parent.display()))
            .into());
    }
    let mut read: Vec<(PathBuf, &str)> = vec![(args.profile.clone(), "the profile")];
    if let Some(dir) = inputs::pool_dir(&args.data) {
        read.extend(inputs::pool_files(&dir));
    }
    read.extend(inputs::config_files());
    inputs::refuse_inputs(target, flag, &read)
}

/// A path as shown: nothing in a file name may drive the terminal.
fn shown(path: &Path) -> String {
    dyad::error::escape(&path.display().to_string())
}

fn profile_weights_inert(p: &profile::Profile) -> bool {
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
        check_target(t, flag, what, args)?;
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
        export::report_markdown(
            pool,
            &ev,
            &ReportInfo {
                profile_file: loaded.label(),
                pool: pool.source.label(),
                generated: profile::now_stamp(),
                cells,
            },
        )
    });
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
