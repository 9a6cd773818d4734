//! The `dyad` binary: the command line and the terminal UI on top of the domain core.

mod cli;
mod tui;

use clap::Parser;

use cli::args::{Cli, Command, TuiArgs};

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        None => run_tui(TuiArgs::default()),
        Some(Command::Tui(args)) => run_tui(args),
        Some(command) => cli::run(command),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
}

fn run_tui(args: TuiArgs) -> dyad::error::Result<()> {
    tui::run(args)
}
