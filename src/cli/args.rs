//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use super::common_args::{DataArgs, Format, TableOrJson, YardstickArg};

#[derive(Parser, Debug)]
#[command(
    name = "dyad",
    version,
    about = "Tune how mentees are matched to mentors, and see the optimal matching at once",
    long_about = "dyad lets a mentoring program's council weigh the criteria that pair mentees \
with mentors and see the exact optimal matching of an anonymized pool at once.\n\n\
With no subcommand it opens the terminal UI on the bundled sample data, with \
configs/fall-2023.toml as the current profile and configs/pilot-2023.toml as the baseline."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the terminal UI (the default)
    Tui(TuiArgs),
    /// The optimal matching under a profile: each pair with its criterion scores, and a summary
    Match(MatchArgs),
    /// What changes from profile A to profile B on the same pool, both scored on B's yardstick
    Compare(CompareArgs),
    /// The full mentee x mentor pair-score matrix as CSV (empty cell = forbidden pair)
    Scores(ScoresArgs),
    /// The optimal assignment of any score matrix in the CSV form `dyad scores` writes
    Solve(SolveArgs),
    /// Validate data and profiles, and audit the pool's anonymization
    Check(CheckArgs),
    /// Write a synthetic anonymized pool of any size, deterministic per seed
    Generate(GenerateArgs),
    /// Time the cold solve and slider steps on a generated pool of any size, and peak memory
    Bench(BenchArgs),
    /// How fragile the weighting is: each weight's stable range and its influence at 0 and 1
    Sensitivity(super::analysis_args::SensitivityArgs),
    /// Why a mentee has this mentor, or no mentor and what single change would fix it
    Explain(super::analysis_args::ExplainArgs),
    /// Council members' profiles side by side, where they disagree, and a consensus profile
    Council(super::analysis_args::CouncilArgs),
    /// Changed pairs and rank correlation of pair scores between every two profiles
    Profiles(super::analysis_args::ProfilesArgs),
    /// What a survey of past pairs says about each criterion's weight, with honest uncertainty
    Evidence(super::analysis_args::EvidenceArgs),
    /// How much each pair depends on the exact weights: the share of random weightings that keep it
    Robustness(super::analysis_args::RobustnessArgs),
    /// Write the final pairs as a mail-merge CSV, and a one-page report of the profile
    Export(super::analysis_args::ExportArgs),
    /// Re-match mid-cycle: the fewest broken pairs in place for each score, every point proven
    Rematch(super::analysis_args::RematchArgs),
    /// The price of fairness: the matching under each coverage floor per identity group, from
    /// none up to the highest that can be met (matched, total, each group's share and mean score)
    Fairness(FairnessArgs),
    /// Write the council's decision record: one self-contained HTML page to share, print and file
    Report(super::analysis_args::ReportArgs),
    /// Turn a raw intake export into an anonymized pool (keyed pseudonyms, ZIP3s, years)
    Anonymize(super::trust_args::AnonymizeArgs),
    /// Turn a form tool's response export (CSV or .xlsx) into an anonymized pool via a mapping
    Import(super::intake_args::ImportArgs),
    /// The final pairs with each side's name and email, for the introductions mail merge
    Introductions(super::intake_args::IntroductionsArgs),
    /// An end-of-program survey export (keyed by email or name) as a pseudonymous outcomes.csv
    Outcomes(super::intake_args::OutcomesArgs),
    /// List the previous versions of a profile kept on each save
    Backups(super::trust_args::BackupsArgs),
    /// Put a previous version of a profile back (the current one is kept as a backup)
    Restore(super::trust_args::RestoreArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell)
    Completions(super::completions_cmd::CompletionsArgs),
    /// Print dyad's manual page (roff), for `man dyad`
    Manpage(super::manpage_cmd::ManpageArgs),
}

#[derive(Args, Debug, Clone, Default)]
pub struct TuiArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The current profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The baseline to compare against [default: configs/pilot-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// The pairs in place, as `dyad export` wrote them: opens the mid-cycle view (M), which
    /// re-matches them on the pool as it is now
    #[arg(long, value_name = "PAIRS.csv")]
    pub current: Option<PathBuf>,
    /// The colours: light for a projector or a light terminal [default: [display] theme in
    /// configs/dyad-settings.toml, else dark]
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
}

/// `--theme`: the names of [`dyad::profile::settings::ThemeName`].
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeArg {
    Dark,
    Light,
}

impl From<ThemeArg> for dyad::profile::settings::ThemeName {
    fn from(t: ThemeArg) -> Self {
        match t {
            ThemeArg::Dark => Self::Dark,
            ThemeArg::Light => Self::Light,
        }
    }
}

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

/// Groups with fewer eligible mentees than small_cell_k (configs/dyad-settings.toml) are not
/// constrained by a floor and not shown.
#[derive(Args, Debug)]
pub struct FairnessArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile (its own coverage floor is ignored) [default: configs/fall-2023.toml, or the
    /// built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

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

#[derive(Args, Debug)]
pub struct ScoresArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SolveArgs {
    /// Score matrix CSV: header is an empty cell then column ids; each row is a row id then
    /// scores; an empty cell is a forbidden pair. Scores must lie from -1000000000 to
    /// 1000000000 (the range solved exactly); row and column ids must be unique
    #[arg(long, value_name = "FILE")]
    pub scores: PathBuf,
    /// Column capacities as CSV `id,capacity`; columns not listed take 1 each
    #[arg(long, value_name = "FILE")]
    pub capacity: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Profiles to validate [default: every configs/*.toml, or the built-in copies]
    pub profiles: Vec<PathBuf>,
    /// The k of the k-anonymity audit [default: k_anonymity in configs/dyad-settings.toml, or 5]
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub k: Option<u16>,
    /// Exit with status 2 when the pool is not k-anonymous
    #[arg(long)]
    pub strict: bool,
}

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

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Number of mentees of the generated pool (10 to 10000)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(10..=10_000))]
    pub mentees: u32,
    /// Number of mentors of the generated pool (10 to 10000)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(10..=10_000))]
    pub mentors: u32,
    /// Slider steps timed for each move (0.01, 0.05 and 0.25)
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub steps: u32,
    /// Random seed of the generated pool and of the steps
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Time this pool folder instead of a generated pool (not with `--mentees` or
    /// `--mentors`; `--seed` then only chooses the steps)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["mentees", "mentors"])]
    pub data: Option<PathBuf>,
    /// The current profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The baseline compared against at each step [default: configs/pilot-2023.toml, or the
    /// built-in copy]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}
