//! `dyad introductions`: the final pairs with each side's name and email, for the mail merge.
//! The file is private (mode 0600), written atomically, and never inside a pool's folder or the
//! profiles' folder.

use std::path::PathBuf;

use clap::Args;

use std::path::Path;

use dyad::error::{Error, InputError, Result};
use dyad::intake::{self, Export, key};
use dyad::io::csvread::CsvFile;
use dyad::pool::files::{MENTEES, MENTORS};

use super::common_args::ExportArgs;
use super::emit;
use super::import_cmd::{folder_of, mapping, read_export};
use super::inputs;

#[derive(Args, Debug)]
pub struct IntroductionsArgs {
    /// The final pairs, as `dyad export` writes them
    #[arg(long, value_name = "PAIRS.csv")]
    pub pairs: PathBuf,
    /// The mapping the pool was imported with
    #[arg(long, value_name = "FILE")]
    pub mapping: PathBuf,
    #[command(flatten)]
    pub export: ExportArgs,
    /// The key the pool was imported with
    #[arg(long, value_name = "FILE")]
    pub key_file: PathBuf,
    /// The introductions file to write (names and emails: kept private, mode 0600)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The pool the pairs were exported from: with --profile, each mentee without a mentor gets
    /// the reason, and those the eligibility rule leaves out are not listed
    #[arg(long, value_name = "DIR", requires = "profile")]
    pub data: Option<PathBuf>,
    /// The profile the pairs were exported under (with --data)
    #[arg(long, value_name = "FILE", requires = "data")]
    pub profile: Option<PathBuf>,
    /// Replace FILE when it exists
    #[arg(long)]
    pub force: bool,
}

/// Whether a folder holds a pool (a `mentees.csv` or `mentors.csv` with the pool's `id` and
/// `zip3` columns).
fn holds_pool(dir: &Path) -> bool {
    [MENTEES, MENTORS].iter().any(|f| {
        CsvFile::read(&dir.join(f))
            .is_ok_and(|c| c.column("id").is_some() && c.column("zip3").is_some())
    })
}

pub fn run(args: &IntroductionsArgs) -> Result<()> {
    let dir = key::resolve(&folder_of(&args.out));
    let refuse = |why: &str| -> Error {
        InputError::new(
            &args.out,
            "a file outside any pool folder and the profiles' folder (it holds names and emails)",
        )
        .field("--out")
        .problem(why.to_string())
        .into()
    };
    if dir.ancestors().any(holds_pool) {
        return Err(refuse("this folder holds a pool"));
    }
    if dir.starts_with(key::resolve(Path::new(inputs::CONFIGS))) {
        return Err(refuse("this is the profiles' folder"));
    }
    if args.out.exists() && !args.force {
        return Err(
            InputError::new(&args.out, "a new file (add --force to replace it)")
                .value("file exists")
                .into(),
        );
    }
    let mapping = mapping(&args.mapping)?;
    let raw = read_export(&args.export, &mapping)?;
    let mut read = raw.files.clone();
    read.extend([
        (args.pairs.clone(), "the pairs file"),
        (args.mapping.clone(), "the mapping"),
        (args.key_file.clone(), "the key file"),
    ]);
    if let Some(profile) = &args.profile {
        read.push((profile.clone(), "the profile"));
    }
    inputs::refuse_inputs(&args.out, "--out", &read)?;
    let the_key = key::load(&args.key_file)?;
    let pairs = CsvFile::read(&args.pairs)?;
    let export = Export {
        mentees: &raw.mentees,
        mentors: &raw.mentors,
        overrides: None,
    };
    let evaluation = match (&args.data, &args.profile) {
        (Some(data), Some(profile)) => {
            let mut engine = inputs::engine(&inputs::DataArgs {
                data: Some(data.clone()),
                ignore_columns: Vec::new(),
            })?;
            let loaded = inputs::current_profile(Some(profile))?;
            Some(engine.evaluate(&loaded.profile)?)
        }
        _ => None,
    };
    let (csv, written) = intake::introductions::introductions(
        &pairs,
        &export,
        &mapping,
        &the_key,
        evaluation.as_ref(),
    )
    .map_err(Error::from)?;
    key::write_private(&args.out, csv.as_bytes(), args.force)?;
    emit(&format!(
        "wrote {} introductions and {} mentees without a mentor to {} (names and emails: \
         readable by you only; keep it out of the pool and delete it once the introductions are \
         sent)\n",
        written.pairs,
        written.unmatched,
        dyad::error::escape(&args.out.display().to_string())
    ))
}
