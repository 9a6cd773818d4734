//! Arguments of the decision-support subcommands: sensitivity, explain, council, profiles,
//! export and report.

use std::path::PathBuf;

use clap::Args;

use super::common_args::{DataArgs, TableOrJson};

#[derive(Args, Debug)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The mentee's pseudonymous id, e.g. ME-017
    #[arg(value_name = "MENTEE_ID")]
    pub mentee: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

#[derive(Args, Debug)]
pub struct CouncilArgs {
    /// One profile per council member, e.g. configs/members/*.toml, or a folder of them such as
    /// configs/members (at least two members in all)
    #[arg(value_name = "FILES", num_args = 1.., required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
    /// Save the consensus profile to this new file (never replaces an existing one)
    #[arg(long, value_name = "FILE")]
    pub save_consensus: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ProfilesArgs {
    /// Profiles to compare: files, or folders whose *.toml profiles are all taken
    /// [default: configs]
    #[arg(value_name = "DIR_OR_FILE")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The agreed profile to run the final match with
    #[arg(long, value_name = "FILE")]
    pub profile: PathBuf,
    /// Where to write the pairs (CSV, one row per pair)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Also write a one-page Markdown report of the profile, the summary and group figures
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Replace the output files when they already exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile decided on
    #[arg(long, value_name = "FILE")]
    pub profile: PathBuf,
    /// The profile to compare against, e.g. last cycle's (compared on the decision's yardstick)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// The council members' profiles: files, or a folder of them such as configs/members (at
    /// least two members in all)
    #[arg(long, value_name = "DIR|FILES", num_args = 1..)]
    pub council: Vec<PathBuf>,
    /// Where to write the page (HTML)
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// Replace the file when it already exists (the old one is kept in .dyad-backup/)
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct EvidenceArgs {
    /// The survey of pairs: mentee,mentor and outcome columns (numbers or yes/no, blank for no
    /// answer) [default: outcomes.csv beside the pool; for the sample pool,
    /// sample-data/outcomes-pilot-2023.csv, or its built-in copy]
    #[arg(long, value_name = "FILE")]
    pub outcomes: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile whose criterion parameters score the pairs (its weights only shape the plain
    /// sentences: "could weigh it more", "already at the top of the scale")
    /// [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Seed of the bootstrap intervals (percentile method, 2000 resamples) and the permutation
    /// p-values (2000 permutations) below 50 answers; the same seed gives the same figures
    #[arg(long, default_value_t = dyad::analysis::evidence::DEFAULT_SEED)]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

#[derive(Args, Debug)]
pub struct RobustnessArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile whose matching is tested [default: configs/fall-2023.toml, or the built-in
    /// copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Draw each weight uniformly within this much of its value (clamped to [0, 1])
    #[arg(long, default_value_t = dyad::analysis::robustness::DEFAULT_SPREAD,
          value_parser = parse_spread, conflicts_with = "council", allow_negative_numbers = true)]
    pub spread: f64,
    /// Weightings drawn, each solved exactly (1 to 100000)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub samples: u32,
    /// Seed of the draws (ChaCha8); the same seed gives the same figures
    #[arg(long, default_value_t = dyad::analysis::robustness::DEFAULT_SEED)]
    pub seed: u64,
    /// Draw each weight within the council members' own range instead: a folder of member
    /// profiles such as configs/members, or their files (at least two members)
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub council: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

/// A spread of weights: a number from 0 to 1, kept to six decimals (weights are shown to two; a
/// value such as `1e-320` is 0, never echoed with hundreds of digits).
pub fn parse_spread(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok((v * 1e6).round() / 1e6),
        _ => {
            Err("expected a number from 0 to 1, e.g. 0.1 (a spread is never negative)".to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_spread;

    #[test]
    fn a_spread_is_a_plain_number_from_0_to_1() {
        assert_eq!(parse_spread("0.1"), Ok(0.1));
        assert_eq!(parse_spread("1e-320"), Ok(0.0));
        assert_eq!(parse_spread("0.12345678"), Ok(0.123457));
        for bad in ["-0.1", "1.5", "nan", "inf", "1e308", "x"] {
            let e = parse_spread(bad).unwrap_err();
            assert!(e.contains("from 0 to 1"), "{bad}: {e}");
        }
    }
}

#[derive(Args, Debug)]
pub struct RematchArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The pairs in place, as `dyad export` wrote them
    #[arg(long, value_name = "FILE")]
    pub current: PathBuf,
    /// The profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The budget of voluntary changes whose pairs to show and write with --out
    // Hyphen values are read as values, so that "-1" is refused as not a count of changes.
    #[arg(long, value_name = "K", allow_hyphen_values = true)]
    pub max_changes: Option<usize>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
    /// Write the pairs of --max-changes's point here, in export's format (a new file)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}
