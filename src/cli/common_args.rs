//! Arguments that several subcommands share: the pool folder and the output format.

use clap::ValueEnum;

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
