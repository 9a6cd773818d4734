//! The `dyad` binary: the command line and the terminal UI on top of the domain core.

mod cli;

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

fn run_tui(_args: TuiArgs) -> dyad::error::Result<()> {
    Err(dyad::error::Error::Other(
        "the terminal UI is not built yet; use `dyad match`, `dyad compare` or `dyad --help`"
            .into(),
    ))
}
