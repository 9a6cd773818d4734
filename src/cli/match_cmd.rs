//! `dyad match`: the optimal matching under a profile.

use std::path::PathBuf;

use clap::Args;

use dyad::analysis::measures::{Measures, idle_mentors};
use dyad::criteria::CRITERIA;
use dyad::error::Result;
use dyad::io::csvwrite::CsvOut;
use dyad::matching::capacities;

use super::common_args::{DataArgs, Format};
use dyad::analysis::overview::Side;

use super::measures_out::{idle_json, idle_text, measures_json, measures_text, room_measures};
use super::report::{self, Groups, fig};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct MatchArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(args: &MatchArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(args.profile.as_deref())?;
    let ev = engine.evaluate(&loaded.profile)?;
    let pool = &engine.pool;
    let cells = inputs::settings()?.small_cells();
    let mut measures =
        Measures::of_evaluation(pool, &engine.families, &ev, &loaded.profile, cells.k());
    let side = Side::of(pool, &ev, &ev);
    room_measures(&mut measures, |name| {
        let i = side.groups.iter().position(|g| g.name == name)?;
        side.shown(cells, i).filter(|_| i > 0)
    });
    let idle = idle_mentors(&ev.matching, &capacities(pool, &loaded.profile));
    match args.format {
        Format::Json => {
            let mut v = report::match_json(pool, &loaded, &ev, &side, cells);
            v["measures"] = measures_json(&measures);
            v["idle_mentors"] = idle_json(pool, &idle);
            if let Some(f) = &ev.matching.floor {
                v["coverage_floor"] = serde_json::json!({
                    "floor": f.floor,
                    "proven_optimal": f.proven_optimal,
                    "total": ev.matching.total(),
                    "bound": f.bound,
                });
            }
            emit_json(&v)
        }
        Format::Csv => {
            let mut out = CsvOut::new();
            let mut header = vec!["mentee", "mentor", "score", "pinned", "unmatched_reason"];
            header.extend(CRITERIA.iter().map(|c| c.key));
            out.row(header);
            for p in &ev.matching.pairs {
                let mut row = vec![
                    pool.mentees[p.mentee].id.clone(),
                    pool.mentors[p.mentor].id.clone(),
                    p.score.to_string(),
                    p.pinned.to_string(),
                    String::new(),
                ];
                row.extend(
                    ev.table
                        .criteria(p.mentee, p.mentor)
                        .iter()
                        .map(f64::to_string),
                );
                out.row(row);
            }
            for (i, r) in &ev.matching.unmatched {
                let mut row = vec![
                    pool.mentees[*i].id.clone(),
                    String::new(),
                    String::new(),
                    "false".into(),
                    r.as_str().into(),
                ];
                row.extend(CRITERIA.iter().map(|_| String::new()));
                out.row(row);
            }
            emit(&out.finish())
        }
        Format::Table => {
            let mut text = format!(
                "Profile: {} ({})\nPool: {}: {} mentees ({} eligible), {} mentors\n",
                loaded.profile.name,
                loaded.label(),
                pool.source.label(),
                pool.mentees.len(),
                ev.matching.eligible,
                pool.mentors.len()
            );
            if let Some(f) = &ev.matching.floor {
                text.push_str(&format!(
                    "Coverage floor {:.0} % per group: {}\n",
                    100.0 * f.floor,
                    f.proof_words(ev.matching.total())
                ));
            }
            if dyad::matching::weights_inert(&loaded.profile.weights) {
                text.push_str(dyad::matching::INERT_WEIGHTS_WARNING);
                text.push('\n');
            }
            let mut rows = vec![{
                let mut h = vec![
                    "mentee".to_string(),
                    "mentor".into(),
                    "score".into(),
                    "".into(),
                ];
                h.extend(CRITERIA.iter().map(|c| c.key.to_string()));
                h
            }];
            for p in &ev.matching.pairs {
                let mut row = vec![
                    pool.mentees[p.mentee].id.clone(),
                    pool.mentors[p.mentor].id.clone(),
                    fig(p.score),
                    if p.pinned {
                        "pinned".into()
                    } else {
                        String::new()
                    },
                ];
                row.extend(
                    ev.table
                        .criteria(p.mentee, p.mentor)
                        .iter()
                        .map(|s| format!("{s:.2}")),
                );
                rows.push(row);
            }
            text.push('\n');
            text.push_str(&report::table(&rows));
            if !ev.matching.unmatched.is_empty() {
                text.push_str("\nUnmatched mentees\n");
                let rows: Vec<Vec<String>> = ev
                    .matching
                    .unmatched
                    .iter()
                    .map(|(i, r)| vec![pool.mentees[*i].id.clone(), r.as_str().to_string()])
                    .collect();
                text.push_str(&report::table(&rows));
            }
            text.push_str(&idle_text(pool, &idle));
            text.push_str("\nSummary\n");
            text.push_str(&report::summary_text(
                &ev.summary,
                None,
                cells,
                Groups::One(&side),
            ));
            text.push_str(&measures_text(&measures, None, cells));
            emit(&text)
        }
    }
}
