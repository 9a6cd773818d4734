//! The `dyad` subcommands. Each prints its whole output at once (so nothing half-written is
//! left behind on error) and returns an error that maps to the exit status.

mod anonymize_cmd;
pub mod args;
mod audit;
mod backups_cmd;
mod bench_cmd;
mod check_cmd;
mod common_args;
mod compare_cmd;
mod completions_cmd;
pub mod council_cmd;
mod evidence_cmd;
mod explain_cmd;
mod export_cmd;
mod fairness_cmd;
mod generate_cmd;
mod import_cmd;
mod introductions_cmd;
mod manpage_cmd;
mod match_cmd;
mod measures_out;
mod outcomes_cmd;
mod output;
mod profiles_cmd;
mod rematch_cmd;
pub mod report;
mod report_cmd;
mod robustness_cmd;
mod scores_cmd;
mod sensitivity_cmd;
mod solve_cmd;
mod suggest_cmd;
mod vocab_check;

use clap::CommandFactory;
use dyad::error::Result;

// The resolving of --data and --profile, shared with the terminal UI.
use crate::inputs;

use args::Command;
pub use output::{emit, emit_json};

/// Runs one subcommand (not the TUI).
pub fn run(command: Command) -> Result<()> {
    let result = match command {
        Command::Match(a) => match_cmd::run(&a),
        Command::Compare(a) => compare_cmd::run(&a),
        Command::Scores(a) => scores_cmd::run(&a),
        Command::Solve(a) => solve_cmd::run(&a),
        Command::Check(a) => check_cmd::run(&a),
        Command::Generate(a) => generate_cmd::run(&a),
        Command::Bench(a) => bench_cmd::run(&a),
        Command::Sensitivity(a) => sensitivity_cmd::run(&a),
        Command::Explain(a) => explain_cmd::run(&a),
        Command::Council(a) => council_cmd::run(&a),
        Command::Profiles(a) => profiles_cmd::run(&a),
        Command::Evidence(a) => evidence_cmd::run(&a),
        Command::Robustness(a) => robustness_cmd::run(&a),
        Command::Export(a) => export_cmd::run(&a),
        Command::Report(a) => report_cmd::run(&a),
        Command::Rematch(a) => rematch_cmd::run(&a),
        Command::Fairness(a) => fairness_cmd::run(&a),
        Command::Anonymize(a) => anonymize_cmd::run(&a),
        Command::Import(a) if a.suggest => suggest_cmd::run(&a.export),
        Command::Import(a) => import_cmd::run(&a),
        Command::Introductions(a) => introductions_cmd::run(&a),
        Command::Outcomes(a) => outcomes_cmd::run(&a),
        Command::Backups(a) => backups_cmd::list(&a),
        Command::Restore(a) => backups_cmd::restore(&a),
        Command::Completions(a) => completions_cmd::run(&a, args::Cli::command()),
        Command::Manpage(a) => manpage_cmd::run(&a, args::Cli::command()),
        Command::Tui(_) => unreachable!("the TUI is started by main"),
    };
    // A pin the profile cannot keep, or a floor it cannot meet, is found by the matching,
    // which knows no line numbers.
    result
        .map_err(inputs::locate_pin)
        .map_err(inputs::locate_floor)
}
