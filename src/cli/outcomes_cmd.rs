//! `dyad outcomes`: the end-of-program survey, keyed by the email or name people answered with,
//! turned into the pseudonymous `outcomes.csv` that `dyad evidence` reads. The file holds
//! pseudonyms and answers only (mode 0600, written atomically); respondents that cannot be placed
//! are counted, never named.

use std::path::PathBuf;

use clap::Args;

use dyad::error::{Error, InputError, Result};
use dyad::intake::outcomes::{OutcomeMap, outcomes};
use dyad::intake::{key, source};
use dyad::io::csvread::CsvFile;

use super::emit;
use super::inputs;

#[derive(Args, Debug)]
pub struct OutcomesArgs {
    /// The mapping with an [outcomes] table (the survey's respondent, role and question columns)
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    /// The survey's export (.csv or .xlsx), keyed by the email or name people answered with
    #[arg(long, value_name = "EXPORT")]
    pub survey: PathBuf,
    /// The sheet of an .xlsx survey [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The final pairs, as `dyad export` writes them
    #[arg(long, value_name = "PAIRS.csv")]
    pub pairs: PathBuf,
    /// The key the pool was imported with
    #[arg(long, value_name = "FILE")]
    pub key_file: PathBuf,
    /// The outcomes.csv to write (pseudonymous; mode 0600)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE when it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &OutcomesArgs) -> Result<()> {
    // Never a device, a pipe, a link or a folder, even with --force.
    dyad::io::refuse_non_regular(&args.out)?;
    if args.out.exists() && !args.force {
        return Err(
            InputError::new(&args.out, "a new file (add --force to replace it)")
                .value("file exists")
                .into(),
        );
    }
    inputs::refuse_inputs(
        &args.out,
        "--out",
        &[
            (args.survey.clone(), "the survey"),
            (args.pairs.clone(), "the pairs file"),
            (args.mapping.clone(), "the mapping"),
            (args.key_file.clone(), "the key file"),
        ],
    )?;
    let text = dyad::io::read_text(&args.mapping, dyad::io::MAX_TOML_BYTES)?;
    let map = OutcomeMap::parse(&text, &args.mapping)?;
    let survey = source::read_export(&args.survey, args.sheet.as_deref())?;
    let pairs = CsvFile::read(&args.pairs)?;
    let the_key = key::load(&args.key_file)?;
    let placed = outcomes(&survey, &map, &pairs, &the_key).map_err(Error::from)?;
    key::write_private(&args.out, placed.csv.as_bytes(), args.force)?;
    let mut s = format!(
        "wrote {} pairs to {}, {} of them with answers ({} outcome column{}); read it with \
         dyad evidence --outcomes FILE\n",
        placed.pairs,
        dyad::error::escape(&args.out.display().to_string()),
        placed.answered,
        map.columns.len(),
        if map.columns.len() == 1 { "" } else { "s" },
    );
    let rows = survey.rows.len();
    s.push_str(&format!("survey rows: {rows}"));
    for (n, what) in [
        (
            placed.unplaced,
            "not in any pair (left out; who is not shown)",
        ),
        (
            placed.mentors,
            "from mentors (only mentees' answers are kept)",
        ),
        (
            placed.superseded,
            "replaced by a later answer of the same person",
        ),
    ] {
        if n > 0 {
            s.push_str(&format!("; {n} {what}"));
        }
    }
    s.push('\n');
    emit(&s)
}
