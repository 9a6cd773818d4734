//! The `dyad` binary: the command line (`cli`) and the terminal UI (`tui`) on top of the domain
//! core; `inputs` resolves the pool and profile flags for both.

mod cli;
mod inputs;
mod tui;

use clap::Parser;

use cli::args::{Cli, Command, TuiArgs};

fn main() {
    let cli = Cli::try_parse().unwrap_or_else(|e| usage_error(e));
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

/// Clap's message, with a hint when a terminal UI option came without the `tui` subcommand
/// (`dyad --profile X`).
fn usage_error(e: clap::Error) -> ! {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let no_subcommand = args.first().is_some_and(|a| a.starts_with("--"));
    if e.kind() == clap::error::ErrorKind::UnknownArgument && no_subcommand {
        let _ = e.print();
        eprintln!(
            "\nhint: options of the terminal UI go after `tui`: dyad tui {}",
            args.iter()
                .map(|a| dyad::error::escape(a))
                .collect::<Vec<_>>()
                .join(" ")
        );
        std::process::exit(2);
    }
    e.exit()
}

/// The TUI gets its own options: it knows nothing of the command line's types.
fn run_tui(args: TuiArgs) -> dyad::error::Result<()> {
    use std::io::IsTerminal;
    // Raw mode and the alternate screen need a terminal; without one they would only write
    // escape codes into a file or pipe.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "error: no terminal: use `dyad match` (or another subcommand) for output to a file or pipe"
        );
        std::process::exit(2);
    }
    tui::run(tui::Options {
        data: args.data,
        profile: args.profile,
        baseline: args.baseline,
        current: args.current,
        theme: args.theme.map(Into::into),
    })
}
