//! Arguments of `dyad import`, `dyad introductions` and `dyad outcomes`.

use std::path::PathBuf;

use clap::Args;

/// Where the raw export is: one file per role, or one file with a role column.
#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// The mentees' form export (.csv, UTF-16 "Unicode text", or .xlsx)
    #[arg(
        long,
        value_name = "FILE",
        requires = "mentors",
        conflicts_with = "responses"
    )]
    pub mentees: Option<PathBuf>,
    /// The mentors' form export
    #[arg(long, value_name = "FILE", requires = "mentees")]
    pub mentors: Option<PathBuf>,
    /// One export for both roles, with a role column named in the mapping's [responses]
    #[arg(long, value_name = "FILE", required_unless_present = "mentees")]
    pub responses: Option<PathBuf>,
    /// The sheet of an .xlsx export [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(flatten)]
    pub export: ExportArgs,
    /// The mapping of the export's columns and answers onto the pool (TOML, see README)
    #[arg(long, value_name = "FILE", required_unless_present = "suggest")]
    pub mapping: Option<PathBuf>,
    /// Folder to write the anonymized pool into (created if missing)
    #[arg(long, value_name = "DIR", required_unless_present = "suggest")]
    pub out: Option<PathBuf>,
    /// The pseudonymization key: created with 32 random bytes when missing; must lie outside
    /// the export's folder and DIR. The same key gives the same pseudonyms
    #[arg(long, value_name = "FILE", required_unless_present = "suggest")]
    pub key_file: Option<PathBuf>,
    /// Replace mentees.csv / mentors.csv when they already exist in DIR
    #[arg(long)]
    pub force: bool,
    /// Print a draft mapping for the export instead of importing it
    #[arg(long, conflicts_with_all = ["mapping", "out", "key_file", "force"])]
    pub suggest: bool,
}

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
