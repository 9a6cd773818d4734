//! `dyad generate`: a synthetic anonymized pool of any size.

use dyad::error::{Error, Result};
use dyad::fsio::{self, Mode};
use dyad::generate;

use super::args::GenerateArgs;
use super::emit;

pub fn run(args: &GenerateArgs) -> Result<()> {
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
    let mentees = args.out.join("mentees.csv");
    let mentors = args.out.join("mentors.csv");
    if !args.force {
        for p in [&mentees, &mentors] {
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
    let pool = generate::generate(args.mentees as usize, args.mentors as usize, args.seed);
    let mode = if args.force {
        Mode::Replace
    } else {
        Mode::Create
    };
    fsio::write_atomic(&mentees, pool.mentees_csv.as_bytes(), mode)?;
    fsio::write_atomic(&mentors, pool.mentors_csv.as_bytes(), mode)?;
    emit(&format!(
        "wrote {} mentees and {} mentors (seed {}) to {}\n",
        args.mentees,
        args.mentors,
        args.seed,
        args.out.display()
    ))
}
