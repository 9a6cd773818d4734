//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::common_args::DataArgs;

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
    Match(super::match_cmd::MatchArgs),
    /// What changes from profile A to profile B on the same pool, both scored on B's yardstick
    Compare(super::compare_cmd::CompareArgs),
    /// The full mentee x mentor pair-score matrix as CSV (empty cell = forbidden pair)
    Scores(super::scores_cmd::ScoresArgs),
    /// The optimal assignment of any score matrix in the CSV form `dyad scores` writes
    Solve(super::solve_cmd::SolveArgs),
    /// Validate data and profiles, and audit the pool's anonymization
    Check(super::check_cmd::CheckArgs),
    /// Write a synthetic anonymized pool of any size, deterministic per seed
    Generate(super::generate_cmd::GenerateArgs),
    /// Time the cold solve and slider steps on a generated pool of any size, and peak memory
    Bench(super::bench_cmd::BenchArgs),
    /// How fragile the weighting is: each weight's stable range and its influence at 0 and 1
    Sensitivity(super::sensitivity_cmd::SensitivityArgs),
    /// Why a mentee has this mentor, or no mentor and what single change would fix it
    Explain(super::explain_cmd::ExplainArgs),
    /// Council members' profiles side by side, where they disagree, and a consensus profile
    Council(super::council_cmd::CouncilArgs),
    /// Changed pairs and rank correlation of pair scores between every two profiles
    Profiles(super::profiles_cmd::ProfilesArgs),
    /// What a survey of past pairs says about each criterion's weight, with honest uncertainty
    Evidence(super::evidence_cmd::EvidenceArgs),
    /// How much each pair depends on the exact weights: the share of random weightings that keep it
    Robustness(super::robustness_cmd::RobustnessArgs),
    /// Write the final pairs as a mail-merge CSV, and a one-page report of the profile
    Export(super::export_cmd::ExportArgs),
    /// Re-match mid-cycle: the fewest broken pairs in place for each score, every point proven
    Rematch(super::rematch_cmd::RematchArgs),
    /// The price of fairness: the matching under each coverage floor per identity group, from
    /// none up to the highest that can be met (matched, total, each group's share and mean score)
    Fairness(super::fairness_cmd::FairnessArgs),
    /// Write the council's decision record: one self-contained HTML page to share, print and file
    Report(super::report_cmd::ReportArgs),
    /// Turn a raw intake export into an anonymized pool (keyed pseudonyms, ZIP3s, years)
    Anonymize(super::anonymize_cmd::AnonymizeArgs),
    /// Turn a form tool's response export (CSV or .xlsx) into an anonymized pool via a mapping
    Import(super::import_cmd::ImportArgs),
    /// The final pairs with each side's name and email, for the introductions mail merge
    Introductions(super::introductions_cmd::IntroductionsArgs),
    /// An end-of-program survey export (keyed by email or name) as a pseudonymous outcomes.csv
    Outcomes(super::outcomes_cmd::OutcomesArgs),
    /// List the previous versions of a profile kept on each save
    Backups(super::backups_cmd::BackupsArgs),
    /// Put a previous version of a profile back (the current one is kept as a backup)
    Restore(super::backups_cmd::RestoreArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
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
