//! `dyad compare A B`: what changes from profile A to profile B on the same pool.

use std::path::PathBuf;

use clap::Args;

use dyad::analysis::compare::Yardstick;
use dyad::analysis::measures::Measures;
use dyad::analysis::overview::Overview;
use dyad::error::Result;
use dyad::matching::engine::Engine;

use super::common_args::{DataArgs, TableOrJson, YardstickArg};
use super::measures_out::{measures_json, measures_text, room_measures};
use super::report::{self, Groups, delta_of, fig};
use super::{emit, emit_json, inputs};

/// Both matchings are scored with ONE profile's weights and criterion parameters, the
/// yardstick: B's unless `--yardstick a`. Beside the scores, weight-free measures (km apart,
/// goals covered, identity requests met, ...) that no profile's weights colour.
#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Profile A (for example last cycle's)
    pub a: PathBuf,
    /// Profile B (for example the proposal)
    pub b: PathBuf,
    /// Whose weights and criterion parameters score both matchings: the same yardstick for
    /// both, so an unchanged pair has no delta (default: B, the current profile)
    #[arg(long, value_enum, default_value_t = YardstickArg::B)]
    pub yardstick: YardstickArg,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

pub fn run(args: &CompareArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let a = inputs::current_profile(Some(&args.a))?;
    let b = inputs::current_profile(Some(&args.b))?;
    let ea = engine.evaluate(&a.profile)?;
    let eb = engine.evaluate(&b.profile)?;
    let yardstick = args.yardstick.get();
    let cmp = Engine::compare_on(&ea, &eb, yardstick);
    let pool = &engine.pool;
    let y = match yardstick {
        Yardstick::A => &a,
        Yardstick::B => &b,
    };
    let cells = inputs::settings()?.small_cells();
    let k = cells.k();
    let limit = y.profile.constraints.in_person_max_km;
    // The yardstick's matching is the overview's `now`, the other side its baseline.
    let overview = match yardstick {
        Yardstick::A => Overview::of(pool, &eb, &ea),
        Yardstick::B => Overview::of(pool, &ea, &eb),
    };
    let groups = report::group_pairs(&overview, cells, yardstick == Yardstick::A);
    let mut ma = Measures::of_evaluation(pool, &engine.families, &ea, &y.profile, k);
    let mut mb = Measures::of_evaluation(pool, &engine.families, &eb, &y.profile, k);
    let row = |name: &str| groups.iter().find(|p| p.name == name);
    room_measures(&mut ma, |name| row(name)?.a);
    room_measures(&mut mb, |name| row(name)?.b);
    match args.format {
        TableOrJson::Json => {
            let mut v = report::compare_json(pool, &cmp, &groups);
            v["yardstick"] = serde_json::json!({
                "side": yardstick.as_str(),
                "name": y.profile.name,
                "file": y.file.as_ref().map(|f| f.display().to_string()),
                "in_person_max_km": limit,
            });
            v["measures"] = serde_json::json!({"a": measures_json(&ma), "b": measures_json(&mb)});
            emit_json(&v)
        }
        TableOrJson::Table => {
            let mut text = format!(
                "A: {} ({})\nB: {} ({})\nPool: {}\nYardstick: {} ({}): both matchings are scored \
                 with its weights and criterion parameters\n\n",
                a.profile.name,
                a.label(),
                b.profile.name,
                b.label(),
                pool.source.label(),
                yardstick.as_str().to_uppercase(),
                y.profile.name,
            );
            text.push_str(&format!(
                "{} mentees change mentor, {} newly matched, {} newly unmatched\n",
                cmp.changed.len(),
                cmp.newly_matched.len(),
                cmp.newly_unmatched.len()
            ));
            if !cmp.changed.is_empty() {
                text.push_str("\nChanged pairs\n");
                let mut rows = vec![vec![
                    "mentee".to_string(),
                    "mentor A".into(),
                    "mentor B".into(),
                    "score A".into(),
                    "score B".into(),
                    "B - A".into(),
                ]];
                for c in &cmp.changed {
                    rows.push(vec![
                        pool.mentees[c.mentee].id.clone(),
                        pool.mentors[c.old_mentor].id.clone(),
                        pool.mentors[c.new_mentor].id.clone(),
                        fig(c.old_score),
                        fig(c.new_score),
                        delta_of(c.old_score, c.new_score),
                    ]);
                }
                text.push_str(&report::table(&rows));
            }
            if !cmp.newly_matched.is_empty() {
                text.push_str("\nNewly matched under B\n");
                let rows: Vec<Vec<String>> = cmp
                    .newly_matched
                    .iter()
                    .map(|n| {
                        vec![
                            pool.mentees[n.mentee].id.clone(),
                            pool.mentors[n.mentor].id.clone(),
                            fig(n.score),
                            format!("(A: {})", n.was.as_str()),
                        ]
                    })
                    .collect();
                text.push_str(&report::table(&rows));
            }
            if !cmp.newly_unmatched.is_empty() {
                text.push_str("\nNewly unmatched under B\n");
                let rows: Vec<Vec<String>> = cmp
                    .newly_unmatched
                    .iter()
                    .map(|n| {
                        vec![
                            pool.mentees[n.mentee].id.clone(),
                            format!(
                                "(A: {} {})",
                                pool.mentors[n.old_mentor].id,
                                fig(n.old_score)
                            ),
                            n.reason.as_str().to_string(),
                        ]
                    })
                    .collect();
                text.push_str(&report::table(&rows));
            }
            text.push_str(&measures_text(&mb, Some(&ma), cells));
            text.push_str(&format!(
                "\nScores on the yardstick ({})\n",
                yardstick.as_str().to_uppercase()
            ));
            text.push_str(&report::summary_text(
                &cmp.b,
                Some(&cmp.a),
                cells,
                Groups::Two(&groups),
            ));
            emit(&text)
        }
    }
}
