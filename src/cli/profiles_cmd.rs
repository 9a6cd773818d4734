//! `dyad profiles [DIR or FILES]`: every two profiles compared at once.

use clap::Args;

use std::path::{Path, PathBuf};

use serde_json::json;

use dyad::analysis::profile_matrix;
use dyad::embedded;
use dyad::error::{Error, InputError, Result};
use dyad::profile::{self, Profile};

use super::common_args::{DataArgs, TableOrJson};
use super::report::{self, fig};
use super::sensitivity_cmd::num;
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct ProfilesArgs {
    /// Profiles to compare: files, or folders whose *.toml profiles are all taken
    /// [default: configs]
    #[arg(value_name = "DIR_OR_FILE")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

struct Named {
    label: String,
    file: Option<PathBuf>,
    profile: Profile,
}

fn label_of(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Files as given; folders contribute every profile in them (an invalid one is an error).
fn collect(paths: &[PathBuf]) -> Result<Vec<Named>> {
    let mut out = Vec::new();
    let defaults;
    let paths = if paths.is_empty() {
        if !Path::new(inputs::CONFIGS).is_dir() {
            return Ok(vec![
                Named {
                    label: "fall-2023".into(),
                    file: None,
                    profile: embedded::fall_profile(),
                },
                Named {
                    label: "pilot-2023".into(),
                    file: None,
                    profile: embedded::pilot_profile(),
                },
            ]);
        }
        defaults = vec![PathBuf::from(inputs::CONFIGS)];
        &defaults
    } else {
        paths
    };
    for path in paths {
        if path.is_dir() {
            for (p, r) in profile::list_dir(path) {
                out.push(Named {
                    label: label_of(&p),
                    profile: r?,
                    file: Some(p),
                });
            }
        } else {
            out.push(Named {
                label: label_of(path),
                profile: profile::load(path)?,
                file: Some(path.clone()),
            });
        }
    }
    Ok(out)
}

pub fn run(args: &ProfilesArgs) -> Result<()> {
    let named = collect(&args.paths)?;
    if named.len() < 2 {
        let where_ = args
            .paths
            .first()
            .map_or_else(|| inputs::CONFIGS.to_string(), |p| p.display().to_string());
        return Err(Error::Input(Box::new(
            InputError::new(where_, "at least two profiles to compare")
                .value(format!("{} profile(s)", named.len())),
        )));
    }
    let mut engine = inputs::engine(&args.data)?;
    let profiles: Vec<Profile> = named.iter().map(|n| n.profile.clone()).collect();
    let matrix = profile_matrix::build(&mut engine, &profiles)?;
    let pool = &engine.pool;
    match args.format {
        TableOrJson::Json => emit_json(&json!({
            "profiles": named.iter().zip(&matrix.evaluations).map(|(n, ev)| json!({
                "label": n.label,
                "name": n.profile.name,
                "file": n.file.as_ref().map(|f| f.display().to_string()),
                "eligible": ev.summary.eligible,
                "matched": ev.summary.matched,
                "mean": num(ev.summary.stats.mean),
                "min": num(ev.summary.stats.min),
            })).collect::<Vec<_>>(),
            "changed": matrix.changed,
            "tau": matrix.tau.iter().map(|r| r.iter().map(|t| t.map_or(serde_json::Value::Null, num)).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "pairs_compared": matrix.pairs,
        })),
        TableOrJson::Table => {
            let labels: Vec<String> = named.iter().map(|n| n.label.clone()).collect();
            let mut text = format!("{} profiles on {}\n", named.len(), pool.source.label());
            let mut rows = vec![vec![
                "profile".to_string(),
                "name".into(),
                "matched".into(),
                "mean".into(),
                "worst".into(),
            ]];
            for (n, ev) in named.iter().zip(&matrix.evaluations) {
                rows.push(vec![
                    n.label.clone(),
                    n.profile.name.clone(),
                    format!("{}/{}", ev.summary.matched, ev.summary.eligible),
                    fig(ev.summary.stats.mean),
                    fig(ev.summary.stats.min),
                ]);
            }
            text.push_str(&report::table(&rows));

            let matrix_rows = |cell: &dyn Fn(usize, usize) -> String| {
                let mut header = vec![String::new()];
                header.extend(labels.iter().cloned());
                let mut rows = vec![header];
                for (a, label) in labels.iter().enumerate() {
                    let mut row = vec![label.clone()];
                    row.extend((0..labels.len()).map(|b| cell(a, b)));
                    rows.push(row);
                }
                report::table(&rows)
            };
            text.push_str(
                "\nMentees placed differently (another mentor, or matched under one profile only)\n",
            );
            text.push_str(&matrix_rows(&|a, b| {
                if a == b {
                    "-".into()
                } else {
                    matrix.changed[a][b].to_string()
                }
            }));
            text.push_str(
                "\nKendall's tau-b of pair scores, over the pairs allowed under both profiles (1 = same order)\n",
            );
            text.push_str(&matrix_rows(&|a, b| {
                matrix.tau[a][b].map_or("-".into(), |t| format!("{t:.3}"))
            }));
            if let Some((a, b)) = matrix.most_different() {
                text.push_str(&format!(
                    "\nMost different: {} and {}: {} mentees placed differently, tau {}\n",
                    labels[a],
                    labels[b],
                    matrix.changed[a][b],
                    matrix.tau[a][b].map_or("-".into(), |t| format!("{t:.3}"))
                ));
            }
            emit(&text)
        }
    }
}
