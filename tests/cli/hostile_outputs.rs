//! Every subcommand that writes a file (`--out`, `--report`) over what must never be replaced: a
//! device, a named pipe (FIFO) and a symbolic link, with and without `--force`. Each run is
//! refused as bad input (exit 2) and the thing at the path is left exactly as it was (a device
//! stays a device, a pipe a pipe, a link points where it pointed and its target keeps its
//! bytes); no key file is created by a run that failed.

#![cfg(unix)]

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::intake_form::{self, csv_text};
use crate::run::{copy_sample_pool, generate_small, ok, workspace};

/// What stands at an output path before the run.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hostile {
    Fifo,
    Device,
    Link,
}

const ALL: [Hostile; 3] = [Hostile::Fifo, Hostile::Device, Hostile::Link];

/// The text the linked-to file holds; it must hold it still after every run.
const VICTIM: &str = "the user's own file\n";

/// Makes `kind` at `path` and returns where it is: a FIFO; a device like `/dev/null` (a new
/// device node when the tests run as root, else the system's own `/dev/null`); or a link to
/// `victim`.
fn make(kind: Hostile, path: &Path, victim: &Path) -> PathBuf {
    match kind {
        Hostile::Fifo => {
            let status = Command::new("mkfifo").arg(path).status().unwrap();
            assert!(status.success());
            path.to_path_buf()
        }
        Hostile::Device => {
            let made = Command::new("mknod")
                .arg(path)
                .args(["c", "1", "3"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if made {
                path.to_path_buf()
            } else {
                // Not root: the system's own device, whose replacement would fail anyway, is
                // still refused before any write is tried.
                PathBuf::from("/dev/null")
            }
        }
        Hostile::Link => {
            std::os::unix::fs::symlink(victim, path).unwrap();
            path.to_path_buf()
        }
    }
}

/// The state of `path` that a run must not change.
fn state(path: &Path) -> String {
    let meta = std::fs::symlink_metadata(path).unwrap();
    let t = meta.file_type();
    if t.is_fifo() {
        "fifo".into()
    } else if t.is_char_device() {
        format!("device {:?}", std::os::unix::fs::MetadataExt::rdev(&meta))
    } else if t.is_symlink() {
        let to = std::fs::read_link(path).unwrap();
        format!(
            "link to {} holding {:?}",
            to.display(),
            std::fs::read_to_string(&to).unwrap()
        )
    } else {
        format!("{t:?}")
    }
}

/// Runs `dyad ARGS` in `dir`, failing the test if it hangs (a write to a pipe nobody reads).
fn run(dir: &Path, args: &[String]) -> Output {
    crate::run::dyad_within_a_minute(dir, args)
}

/// The mapping and the export of `setup`, as `import` and `introductions` take them.
const EXPORT: [&str; 6] = [
    "--mapping",
    "configs/intake.toml",
    "--mentees",
    "export/mentees.csv",
    "--mentors",
    "export/mentors.csv",
];

/// The pool and the profile of `setup`, as `export` and `report` take them.
const DECIDED: [&str; 4] = ["--data", "pool", "--profile", "configs/fall-2023.toml"];

/// `NAME FIXED… REST…` as owned arguments.
fn command(name: &str, fixed: &[&str], rest: &[&str]) -> Vec<String> {
    std::iter::once(name)
        .chain(fixed.iter().copied())
        .chain(rest.iter().copied())
        .map(String::from)
        .collect()
}

/// A working copy with a Forms-style export in `export/`, its pool in `pool/` (key
/// `private/key`), the pairs in `pairs.csv` and a raw folder for `dyad anonymize` in `raw/`.
fn setup() -> tempfile::TempDir {
    let ws = workspace();
    let dir = ws.path();
    let form = intake_form::build();
    std::fs::create_dir_all(dir.join("export")).unwrap();
    std::fs::write(dir.join("export/mentees.csv"), csv_text(&form.mentees)).unwrap();
    std::fs::write(dir.join("export/mentors.csv"), csv_text(&form.mentors)).unwrap();
    ok(&import(dir, "pool", "private/key"));
    ok(&run(
        dir,
        &command("export", &DECIDED, &["--out", "pairs.csv"]),
    ));
    std::fs::create_dir_all(dir.join("raw")).unwrap();
    copy_sample_pool(&dir.join("raw"));
    std::fs::write(dir.join("victim.txt"), VICTIM).unwrap();
    // An end-of-program survey and a mapping that reads it, for `dyad outcomes`.
    let mapping = std::fs::read_to_string(dir.join("configs/intake.toml")).unwrap()
        + "\n[outcomes]\nrespondent = \"Email Address\"\nsatisfaction = \"Satisfaction\"\n";
    std::fs::write(dir.join("private/mapping.toml"), mapping).unwrap();
    std::fs::write(
        dir.join("survey.csv"),
        "Email Address,Satisfaction\nsomeone@example.org,5\n",
    )
    .unwrap();
    ws
}

/// `dyad import` of the export of `setup` into `out` with the key `key`.
fn import(dir: &Path, out: &str, key: &str) -> Output {
    run(
        dir,
        &command("import", &EXPORT, &["--out", out, "--key-file", key]),
    )
}

/// A subcommand with an output: its arguments with `{out}` where the output path goes, and
/// whether that path is a folder the pool's files are written into.
struct Writer {
    args: Vec<String>,
    folder: bool,
    /// A key file the run would create, which must not exist after a refused run.
    new_key: Option<&'static str>,
    /// Whether the command takes `--force` (one that writes only new files does not).
    force: bool,
}

fn writers() -> Vec<Writer> {
    let new_key = ["--key-file", "private/new-key", "--out", "{out}"];
    let at = |args: Vec<String>, folder: bool, new_key: Option<&'static str>| Writer {
        args,
        folder,
        new_key,
        force: true,
    };
    vec![
        at(
            generate_small("{out}")
                .into_iter()
                .map(String::from)
                .collect(),
            true,
            None,
        ),
        at(
            command("import", &EXPORT, &new_key),
            true,
            Some("private/new-key"),
        ),
        at(
            command("anonymize", &["--input", "raw"], &new_key),
            true,
            Some("private/new-key"),
        ),
        at(
            command("export", &DECIDED, &["--out", "{out}"]),
            false,
            None,
        ),
        at(
            command(
                "export",
                &DECIDED,
                &["--out", "pairs-2.csv", "--report", "{out}"],
            ),
            false,
            None,
        ),
        at(
            command("report", &DECIDED, &["--out", "{out}"]),
            false,
            None,
        ),
        at(
            command(
                "introductions",
                &EXPORT,
                &[
                    "--pairs",
                    "pairs.csv",
                    "--key-file",
                    "private/key",
                    "--out",
                    "{out}",
                ],
            ),
            false,
            None,
        ),
        at(
            command(
                "outcomes",
                &[
                    "--mapping",
                    "private/mapping.toml",
                    "--survey",
                    "survey.csv",
                    "--pairs",
                    "pairs.csv",
                    "--key-file",
                    "private/key",
                ],
                &["--out", "{out}"],
            ),
            false,
            None,
        ),
        Writer {
            force: false,
            ..at(
                command(
                    "rematch",
                    &DECIDED,
                    &[
                        "--current",
                        "pairs.csv",
                        "--max-changes",
                        "0",
                        "--out",
                        "{out}",
                    ],
                ),
                false,
                None,
            )
        },
    ]
}

fn refused(dir: &Path, w: &Writer, out: &str, target: &Path, force: bool) {
    let before = state(target);
    let mut args: Vec<String> = w.args.iter().map(|a| a.replace("{out}", out)).collect();
    if force {
        args.push("--force".into());
    }
    let o = run(dir, &args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "dyad {args:?}: {err}");
    assert!(err.starts_with("error: "), "dyad {args:?}: {err}");
    assert_eq!(state(target), before, "dyad {args:?} changed {out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("victim.txt")).unwrap(),
        VICTIM
    );
    if let Some(key) = w.new_key {
        assert!(!dir.join(key).exists(), "dyad {args:?} made a key: {err}");
    }
    let stray: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dyad-"))
        .collect();
    assert!(stray.is_empty(), "dyad {args:?} left {stray:?}");
}

#[test]
fn no_output_replaces_a_device_a_pipe_or_a_link() {
    let ws = setup();
    let dir = ws.path();
    let victim = dir.join("victim.txt");
    for (i, w) in writers().iter().enumerate() {
        for kind in ALL {
            for force in [false, true].into_iter().filter(|f| !f || w.force) {
                let name = format!("out-{i}-{kind:?}-{force}");
                if w.folder {
                    // The folder itself, then the pool's first file inside a new folder.
                    let target = make(kind, &dir.join(&name), &victim);
                    let out = target.to_string_lossy().into_owned();
                    refused(dir, w, &out, &target, force);
                    let folder = dir.join(format!("{name}-dir"));
                    std::fs::create_dir(&folder).unwrap();
                    let target = make(kind, &folder.join("mentees.csv"), &victim);
                    if target.starts_with(&folder) {
                        refused(dir, w, &folder.to_string_lossy(), &target, force);
                    }
                } else {
                    let target = make(kind, &dir.join(format!("{name}.out")), &victim);
                    refused(dir, w, &target.to_string_lossy(), &target, force);
                }
            }
        }
    }
}

#[test]
fn a_key_file_that_is_a_link_to_nothing_is_refused_plainly() {
    let ws = setup();
    let dir = ws.path();
    std::os::unix::fs::symlink(dir.join("nowhere/key"), dir.join("private/dangling")).unwrap();
    let o = import(dir, "pool-2", "private/dangling");
    let err = crate::run::bad(&o);
    assert!(err.contains("symbolic link to nothing"), "{err}");
    assert!(!dir.join("nowhere").exists() && !dir.join("pool-2").exists());
}

#[test]
fn neither_the_pool_nor_the_key_goes_anywhere_under_the_export_folder() {
    let ws = setup();
    let dir = ws.path();
    let export = std::fs::read(dir.join("export/mentees.csv")).unwrap();
    for (out, key) in [
        ("export", "private/k1"),
        ("export/sub/pool", "private/k2"),
        ("pool-3", "export/k3"),
        ("pool-4", "export/sub/k4"),
    ] {
        let err = crate::run::bad(&import(dir, out, key));
        assert!(
            err.contains("outside the raw export's folder"),
            "{out} {key}: {err}"
        );
        assert!(!dir.join(key).exists(), "{key}");
        // (The export's own folder holds its files; they are compared below.)
        assert!(out == "export" || !dir.join(out).exists(), "{out}");
    }
    assert_eq!(
        std::fs::read(dir.join("export/mentees.csv")).unwrap(),
        export
    );
}

#[test]
fn a_negative_or_tiny_spread_gets_its_range_or_a_short_number() {
    let o = crate::run::dyad(&["robustness", "--spread", "-0.1", "--samples", "2"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("expected a number from 0 to 1"), "{err}");
    assert!(!err.contains("unexpected argument"), "{err}");
    let text = ok(&crate::run::dyad(&[
        "robustness",
        "--spread",
        "1e-320",
        "--samples",
        "2",
    ]));
    let first = text.lines().next().unwrap();
    assert!(first.contains("within ±0 of its value"), "{first}");
    assert!(first.len() < 200, "{first}");
}

#[test]
fn names_in_the_introductions_carry_no_escapes_controls_or_bidi_characters() {
    let ws = setup();
    let dir = ws.path();
    let form = intake_form::build();
    let path = dir.join("export/mentees.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let (name, _) = form
        .people
        .iter()
        .filter(|(id, _)| id.starts_with("ME-"))
        .map(|(_, person)| person)
        .find(|(name, _)| text.matches(name.as_str()).count() == 1)
        .unwrap();
    let hostile = format!("\u{1b}]0;pwned\u{7}{name}\u{202e}\u{1b}[2J\u{200f}");
    std::fs::write(&path, text.replace(name.as_str(), &hostile)).unwrap();
    let rest = [
        "--pairs",
        "pairs.csv",
        "--key-file",
        "private/key",
        "--out",
        "private/intro.csv",
    ];
    ok(&run(dir, &command("introductions", &EXPORT, &rest)));
    let out = std::fs::read_to_string(dir.join("private/intro.csv")).unwrap();
    assert!(out.contains(&format!(",{name},")), "{out}");
    assert!(!out.contains("pwned"), "{out}");
    assert!(
        !out.chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{200e}'..='\u{202e}').contains(&c)),
        "{out:?}"
    );
}

/// Under `ulimit -v` a pool the limit cannot hold is refused with its size and need (exit 2),
/// never aborted on allocation, whatever memory the machine has free.
#[test]
fn a_pool_beyond_the_address_space_limit_is_refused() {
    let ws = workspace();
    let dir = ws.path();
    ok(&run(
        dir,
        &command(
            "generate",
            &["--mentees", "10000", "--mentors", "10000"],
            &["--out", "big"],
        ),
    ));
    let bin = env!("CARGO_BIN_EXE_dyad");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1500000 && exec '{bin}' match --data big"
        ))
        .current_dir(dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("10000 mentees × 10000 mentors needs about"),
        "{err}"
    );
    assert!(err.contains("ulimit -v"), "{err}");
}

/// The subcommands `dyad --help` lists that take an output path (`--out` or `--report`): each
/// must be walked by [`no_output_replaces_a_device_a_pipe_or_a_link`], so a new writer cannot
/// escape the check.
#[test]
fn every_subcommand_with_an_output_is_walked() {
    let help = ok(&crate::run::dyad(&["--help"]));
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() > 10, "{help}");
    let walked: Vec<String> = writers().iter().map(|w| w.args[0].clone()).collect();
    for c in commands {
        let text = ok(&crate::run::dyad(&[c, "--help"]));
        let writes = text.lines().any(|l| {
            l.trim_start().starts_with("--out ") || l.trim_start().starts_with("--report ")
        });
        assert_eq!(
            writes,
            walked.iter().any(|w| w == c),
            "dyad {c} writes an --out/--report file: add it to writers() in this file"
        );
    }
}
