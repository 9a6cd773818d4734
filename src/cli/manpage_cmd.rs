//! `dyad manpage` prints dyad's manual page (roff, section 1), generated from the same
//! definition the command line is parsed with: what dyad does and its options, then one
//! section per command with its synopsis, description and options, so `man dyad` holds all of
//! `--help` in one page.

use clap_mangen::Man;
use dyad::error::{Error, Result};

use super::emit;

/// The arguments of `dyad manpage` (none).
#[derive(clap::Args, Debug)]
pub struct ManpageArgs {}

/// Prints the manual page of `cli` (the whole command line).
pub fn run(_: &ManpageArgs, cli: clap::Command) -> Result<()> {
    let mut cli = cli.disable_help_subcommand(true);
    cli.build();
    let mut page = String::new();
    let man = Man::new(cli.clone());
    page += &render(|w| {
        man.render_title(w)?;
        man.render_name_section(w)?;
        man.render_synopsis_section(w)?;
        man.render_description_section(w)?;
        man.render_options_section(w)
    })?;
    for command in cli.get_subcommands().filter(|c| !c.is_hide_set()) {
        let man = Man::new(command.clone());
        page += &format!(".SH \"DYAD {}\"\n", command.get_name().to_uppercase());
        // The command's own sections become subsections of its section.
        let sections = render(|w| {
            man.render_synopsis_section(w)?;
            man.render_description_section(w)?;
            man.render_options_section(w)
        })?;
        for line in sections.lines() {
            match line.strip_prefix(".SH ") {
                Some(title) => page += &format!(".SS {title}\n"),
                None => page += &format!("{line}\n"),
            }
        }
    }
    page += &render(|w| man.render_version_section(w))?;
    emit(&page)
}

/// What `write` renders, as text.
fn render(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<String> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| Error::Other(format!("cannot write the manual page: {e}")))?;
    String::from_utf8(out).map_err(|e| Error::Other(format!("the manual page is not UTF-8: {e}")))
}
