//! `dyad scores`: the full pair-score matrix, for analysts.

use std::path::PathBuf;

use clap::Args;

use dyad::error::Result;
use dyad::io::csvwrite::CsvOut;
use dyad::matching;

use super::common_args::DataArgs;
use super::{emit, inputs};

#[derive(Args, Debug)]
pub struct ScoresArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

pub fn run(args: &ScoresArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let loaded = inputs::current_profile(args.profile.as_deref())?;
    let profile = &loaded.profile;
    let table = engine.table(&profile.params);
    let pool = &engine.pool;
    let scores = table.combined(&profile.weights);
    let m = pool.mentors.len();
    let mut out = CsvOut::new();
    out.row(std::iter::once(String::new()).chain(pool.mentors.iter().map(|r| r.id.clone())));
    for (i, mentee) in pool.mentees.iter().enumerate() {
        let eligible = profile.eligibility.eligible(mentee.training_completed);
        let mut row = vec![mentee.id.clone()];
        for j in 0..m {
            let s = scores[i * m + j];
            let allowed = eligible && matching::forbidden(pool, &table, profile, i, j, s).is_none();
            row.push(if allowed {
                s.to_string()
            } else {
                String::new()
            });
        }
        out.row(row);
    }
    emit(&out.finish())
}
