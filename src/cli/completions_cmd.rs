//! `dyad completions SHELL` prints the shell's completion script for dyad. It is generated from
//! the same definition the command line is parsed with, so it knows every command and flag of
//! this very binary.

use super::emit;
use clap_complete::Shell;
use dyad::error::{Error, Result};

/// The arguments of `dyad completions`.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in: bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script of `cli` (the whole command line) for the chosen shell.
pub fn run(args: &CompletionsArgs, mut cli: clap::Command) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "dyad", &mut script);
    let script = String::from_utf8(script)
        .map_err(|e| Error::Other(format!("the completion script is not UTF-8: {e}")))?;
    emit(&script)
}
