//! Arguments that several subcommands share: the pool folder and the output format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// The pool folder: defined beside its resolving, which the terminal UI shares.
pub use crate::inputs::DataArgs;

/// Output of `match`: a table for people, CSV or JSON for programs.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people
    Table,
    /// For spreadsheets
    Csv,
    /// For programs and the coordinator: every figure, not for a shared screen
    Json,
}

/// Output of the analysis commands: a table for people or JSON for programs.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOrJson {
    /// For people
    Table,
    /// For programs and the coordinator: every figure, not for a shared screen
    Json,
}

/// `--yardstick a|b`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum YardstickArg {
    A,
    B,
}

impl YardstickArg {
    pub fn get(self) -> dyad::analysis::compare::Yardstick {
        match self {
            YardstickArg::A => dyad::analysis::compare::Yardstick::A,
            YardstickArg::B => dyad::analysis::compare::Yardstick::B,
        }
    }
}

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
