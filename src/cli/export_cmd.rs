//! `dyad export --profile F --out pairs.csv [--report report.md]`: the final match for the
//! program.

use dyad::error::{InputError, Result};
use dyad::export::{self, ReportInfo};
use dyad::fsio::{self, Mode};
use dyad::profile;

use super::analysis_args::ExportArgs;
use super::{emit, inputs, report};

pub fn run(args: &ExportArgs) -> Result<()> {
    let targets: Vec<&std::path::Path> = std::iter::once(args.out.as_path())
        .chain(args.report.as_deref())
        .collect();
    if args.report.as_ref() == Some(&args.out) {
        return Err(
            InputError::new(&args.out, "different files for --out and --report")
                .field("--report")
                .into(),
        );
    }
    if !args.force {
        for t in &targets {
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
    let mode = if args.force {
        Mode::Replace
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
                small_cell_k: report::small_cell_k(),
            },
        )
    });
    fsio::write_atomic(&args.out, csv.as_bytes(), mode)?;
    let mut text = format!(
        "wrote {} pairs ({} of {} eligible mentees matched) under \"{}\" to {}\n",
        ev.matching.pairs.len(),
        ev.summary.matched,
        ev.summary.eligible,
        loaded.profile.name,
        args.out.display()
    );
    if let (Some(path), Some(report)) = (&args.report, report) {
        fsio::write_atomic(path, report.as_bytes(), mode)?;
        text.push_str(&format!("wrote the report to {}\n", path.display()));
    }
    emit(&text)
}
