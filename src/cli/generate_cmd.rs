//! `dyad generate`: a synthetic anonymized pool of any size.

use std::path::PathBuf;

use clap::Args;

use dyad::error::{Error, Result};
use dyad::generate;
use dyad::io::{self, Mode};
use dyad::pool::files::{MENTEES, MENTORS, OVERRIDES};

use super::{emit, inputs};

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Number of mentees (10 to 10000)
    #[arg(long, value_parser = clap::value_parser!(u32).range(10..=10_000))]
    pub mentees: u32,
    /// Number of mentors (10 to 10000)
    #[arg(long, value_parser = clap::value_parser!(u32).range(10..=10_000))]
    pub mentors: u32,
    /// Random seed; the same seed gives the same pool
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder to write mentees.csv and mentors.csv into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace mentees.csv / mentors.csv when they already exist in DIR
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &GenerateArgs) -> Result<()> {
    let mentees = args.out.join(MENTEES);
    let mentors = args.out.join(MENTORS);
    for p in [&mentees, &mentors] {
        inputs::refuse_folder(
            p,
            "--out",
            &format!("a folder where {MENTEES} and {MENTORS} are files"),
        )?;
        inputs::refuse_inputs(p, "--out", &inputs::config_files())?;
    }
    if !args.force {
        for p in [&mentees, &mentors, &args.out.join(OVERRIDES)] {
            if p.exists() {
                return Err(Error::Input(Box::new(
                    dyad::error::InputError::new(
                        p,
                        "a folder without a pool (add --force to replace it)",
                    )
                    .value("file exists"),
                )));
            }
        }
    }
    inputs::create_out_dir(&args.out, "--out")?;
    let pool = generate::generate(args.mentees as usize, args.mentors as usize, args.seed);
    // A replaced file is kept in .dyad-backup beside it: --force never loses a file.
    let mode = if args.force {
        Mode::ReplaceWithBackup
    } else {
        Mode::Create
    };
    // One set; an overrides.csv of an earlier pool in this folder would pin and ban the new
    // pool's people, so it goes (kept in .dyad-backup) with the pool it was written for.
    let stale = args.out.join(OVERRIDES);
    io::write_set(
        &[
            (&mentees, pool.mentees_csv.as_bytes()),
            (&mentors, pool.mentors_csv.as_bytes()),
        ],
        &[&stale],
        mode,
    )?;
    emit(&format!(
        "wrote {} mentees and {} mentors (seed {}) to {}\n",
        args.mentees,
        args.mentors,
        args.seed,
        dyad::error::escape(&args.out.display().to_string())
    ))
}
