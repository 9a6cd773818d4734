//! What an installed binary offers beyond the commands: `--version`, shell completions and the
//! manual page, each generated from the command line's own definition.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::run::{dyad, ok};

/// Every subcommand, as `dyad --help` lists them (after `Commands:`).
fn subcommands() -> Vec<String> {
    let help = ok(&dyad(&["--help"]));
    let list = help.split("Commands:").nth(1).expect("a list of commands");
    let list = list.split("Options:").next().unwrap();
    list.lines()
        .filter_map(|l| l.strip_prefix("  ")?.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

#[test]
fn the_version_names_the_package_version() {
    let out = ok(&dyad(&["--version"]));
    assert_eq!(out, format!("dyad {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_each_shell_name_every_subcommand() {
    let commands = subcommands();
    assert!(commands.len() > 15, "{commands:?}");
    assert!(commands.iter().any(|c| c == "completions"), "{commands:?}");
    for (shell, marker) in [
        ("bash", "complete -F _dyad"),
        ("zsh", "#compdef dyad"),
        ("fish", "complete -c dyad"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = ok(&dyad(&["completions", shell]));
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for c in &commands {
            assert!(script.contains(c.as_str()), "{shell}: no {c}");
        }
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let script = ok(&dyad(&["completions", "bash"]));
    // `bash -n` reads the script without running it: a syntax error fails.
    let mut bash = Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    bash.stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = bash.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_unknown_shell_is_refused_with_the_ones_known() {
    let out = dyad(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tcsh"), "{err}");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(err.contains(shell), "{err}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn the_manual_page_is_roff_with_a_section_for_every_subcommand() {
    let page = ok(&dyad(&["manpage"]));
    assert!(page.contains(".TH dyad 1"), "no title line");
    assert!(page.contains(".SH NAME"), "no NAME section");
    assert!(page.contains(env!("CARGO_PKG_VERSION")), "no version");
    for c in subcommands() {
        let section = format!(".SH \"DYAD {}\"", c.to_uppercase());
        assert!(page.contains(&section), "no {section}");
    }
    // A command's options are in its section: `compare`'s yardstick.
    let compare = page.split(".SH \"DYAD COMPARE\"").nth(1).unwrap();
    let compare = compare.split(".SH ").next().unwrap();
    assert!(compare.contains("\\-\\-yardstick"), "{compare}");
}

#[test]
fn the_command_list_names_every_shell_that_completions_accepts() {
    // `dyad --help` is where a coordinator looks first; elvish works, so it is listed.
    let help = ok(&dyad(&["--help"]));
    let line = help
        .lines()
        .find(|l| l.trim_start().starts_with("completions"))
        .unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(line.contains(shell), "{line}");
    }
    let script = ok(&dyad(&["completions", "elvish"]));
    assert!(
        script.contains("edit:completion:arg-completer[dyad]"),
        "{script}"
    );
}
