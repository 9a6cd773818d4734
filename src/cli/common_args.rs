//! Arguments that several subcommands share: the pool folder and the output format.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Args, Debug, Clone, Default)]
pub struct DataArgs {
    /// Folder with mentees.csv, mentors.csv and optionally overrides.csv
    /// [default: sample-data, or the built-in sample when that folder does not exist]
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Extra columns in the pool files to ignore (comma-separated); any other unknown column is
    /// an error
    #[arg(long, value_name = "COLUMNS", value_delimiter = ',')]
    pub ignore_columns: Vec<String>,
}

/// Output of `match`: a table for people, CSV or JSON for programs.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Output of the analysis commands: a table for people or JSON for programs.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOrJson {
    Table,
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
