//! The hostile corpus: every file under `tests/fixtures/hostile/` is handed to the real `dyad`
//! binary in the place its name says (a pool file, overrides, a profile, the settings, a raw
//! export for `dyad anonymize`, a score matrix for `dyad solve`, a survey for `dyad evidence`).
//! Each case asserts the exit status; for an error, a one-line message naming the file and line,
//! no output on stdout and no file created; for every case, that nothing able to drive a
//! terminal reaches stdout or stderr, and that values shaped like direct identifiers are never
//! echoed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dyad::pool::files::{MENTEES, MENTORS, OUTCOMES};

use crate::run::copy_sample_pool;

struct Case {
    file: &'static str,
    /// Expected exit status.
    exit: i32,
    /// The line the message must name (errors only).
    line: usize,
    /// A value that must appear in no message and no output.
    hidden: &'static str,
}

const fn bad(file: &'static str, line: usize) -> Case {
    Case {
        file,
        exit: 2,
        line,
        hidden: "",
    }
}

const fn hidden(file: &'static str, line: usize, hidden: &'static str) -> Case {
    Case {
        file,
        exit: 2,
        line,
        hidden,
    }
}

const fn ok(file: &'static str) -> Case {
    Case {
        file,
        exit: 0,
        line: 0,
        hidden: "",
    }
}

const CASES: &[Case] = &[
    // Structure, encodings and line numbers.
    bad("mentees-empty.csv", 1),
    bad("mentees-bom-only.csv", 1),
    bad("mentees-header-only.csv", 2),
    bad("mentees-missing-column.csv", 1),
    bad("mentees-duplicate-column.csv", 1),
    bad("mentees-unknown-column.csv", 1),
    bad("mentees-short-row.csv", 3),
    bad("mentees-long-row.csv", 3),
    bad("mentees-unclosed-quote.csv", 3),
    bad("mentees-quoted-newline-then-error.csv", 4),
    ok("mentees-quoted-newline-ok.csv"),
    ok("mentees-crlf-bom-ok.csv"),
    bad("mentees-crlf-error-line3.csv", 3),
    bad("mentees-cr-error-line3.csv", 3),
    ok("mentees-cr-only-ok.csv"),
    bad("mentees-invalid-utf8.csv", 3),
    bad("mentees-windows-1252.csv", 2),
    bad("mentees-utf16.csv", 1),
    // Cell text that tries to drive the terminal or a spreadsheet.
    Case {
        file: "mentees-escape-sequences.csv",
        exit: 0,
        line: 0,
        hidden: "pwned",
    },
    ok("mentees-bidi-controls.csv"),
    ok("mentees-nul-bytes.csv"),
    ok("mentees-formula-cells.csv"),
    // A cell over the 2,000-character limit, refused without being shown.
    hidden("mentees-huge-cell.csv", 2, "xxxxxxxxxx"),
    bad("mentees-formula-id.csv", 3),
    bad("mentees-id-with-space.csv", 3),
    bad("mentees-duplicate-id.csv", 3),
    // Every value check.
    bad("mentees-bad-zip3.csv", 3),
    bad("mentees-unknown-zip3.csv", 3),
    bad("mentees-bad-year.csv", 3),
    bad("mentees-year-out-of-range.csv", 3),
    bad("mentees-hours-zero.csv", 3),
    bad("mentees-hours-nan.csv", 3),
    bad("mentees-hours-inf.csv", 3),
    bad("mentees-bad-format.csv", 3),
    bad("mentees-empty-specialty.csv", 3),
    bad("mentors-capacity-zero.csv", 3),
    bad("mentors-capacity-text.csv", 3),
    bad("mentees-year-future.csv", 3),
    bad("mentees-hours-huge.csv", 3),
    hidden("mentors-capacity-long-number.csv", 3, "99999999999"),
    // Columns of direct identifiers, one per Safe Harbor category.
    bad("mentees-col-name.csv", 1),
    bad("mentees-col-first-name.csv", 1),
    bad("mentees-col-email.csv", 1),
    bad("mentees-col-phone.csv", 1),
    bad("mentees-col-fax.csv", 1),
    bad("mentees-col-ssn.csv", 1),
    bad("mentees-col-street-address.csv", 1),
    bad("mentees-col-city.csv", 1),
    bad("mentees-col-county.csv", 1),
    bad("mentees-col-zip.csv", 1),
    bad("mentees-col-dob.csv", 1),
    bad("mentees-col-admission-date.csv", 1),
    bad("mentees-col-age.csv", 1),
    bad("mentees-col-npi.csv", 1),
    bad("mentees-col-license.csv", 1),
    bad("mentees-col-dea.csv", 1),
    bad("mentees-col-mrn.csv", 1),
    bad("mentees-col-account.csv", 1),
    bad("mentees-col-health-plan.csv", 1),
    bad("mentees-col-url.csv", 1),
    bad("mentees-col-ip.csv", 1),
    bad("mentees-col-vehicle.csv", 1),
    bad("mentees-col-device.csv", 1),
    bad("mentees-col-biometric.csv", 1),
    bad("mentees-col-photo.csv", 1),
    bad("mentees-col-camelcase-birth.csv", 1),
    bad("mentees-col-username.csv", 1),
    bad("mentors-col-email.csv", 1),
    // Values shaped like direct identifiers: refused, and never shown.
    hidden("mentees-val-email.csv", 3, "jane.doe@example.org"),
    hidden("mentees-val-phone.csv", 3, "555-0123"),
    hidden("mentees-val-ssn.csv", 3, "123-45-6789"),
    hidden("mentees-val-full-zip.csv", 3, "02139-4307"),
    hidden("mentees-val-date.csv", 3, "1990-04-12"),
    hidden("mentees-val-url.csv", 3, "example.org/jdoe"),
    hidden("mentees-val-ip.csv", 3, "10.1.2.3"),
    hidden("mentees-val-long-number.csv", 3, "1234567893"),
    hidden("mentors-val-phone.csv", 3, "617.555.0123"),
    hidden("mentees-val-zip-in-goals.csv", 3, "02138"),
    hidden("mentees-val-mrn.csv", 3, "00123456"),
    hidden("mentees-val-account.csv", 3, "4417123"),
    hidden("mentees-val-dea.csv", 3, "AB1234563"),
    hidden("mentees-val-domain.csv", 3, "evil-example"),
    hidden("mentees-val-fullwidth-phone.csv", 3, "６１７５５５"),
    hidden("mentees-val-arabic-indic-phone.csv", 3, "٦١٧٥٥٥"),
    // Ids under the same rule as every other column, and never shown when refused.
    hidden("mentees-id-phone-shaped.csv", 3, "6175550101"),
    hidden("mentees-id-ssn-shaped.csv", 3, "123456789"),
    hidden("mentees-id-npi-shaped.csv", 3, "1234567893"),
    hidden("mentees-id-zip4-shaped.csv", 3, "02139-4307"),
    hidden("mentees-id-name.csv", 3, "Jane Doe"),
    hidden("mentees-crlf-id-name.csv", 3, "Jane Doe"),
    hidden("mentees-cr-id-name.csv", 3, "Jane Doe"),
    hidden("mentees-id-title-name.csv", 3, "Smith"),
    hidden("mentees-id-email-local.csv", 3, "jane.doe"),
    // Look-alike ids: ids are ASCII.
    hidden("mentees-id-cyrillic.csv", 3, "МЕ-001"),
    hidden("mentees-id-fullwidth.csv", 3, "ＭＥ-001"),
    // Text that looks the same is the same (NBSP, double spaces, NFD, zero-width).
    ok("mentees-lookalike-text-ok.csv"),
    // Overrides against the sample pool.
    bad("overrides-unknown-mentee.csv", 3),
    bad("overrides-bad-action.csv", 2),
    bad("overrides-pin-and-ban.csv", 3),
    bad("overrides-two-pins.csv", 3),
    hidden("overrides-email-value.csv", 3, "jane.doe@example.org"),
    bad("overrides-extra-column.csv", 1),
    // Profiles.
    bad("profile-weight-out-of-range.toml", 6),
    bad("profile-weight-nan.toml", 6),
    bad("profile-unknown-key.toml", 6),
    bad("profile-wrong-type.toml", 6),
    bad("profile-broken.toml", 2),
    bad("profile-invalid-utf8.toml", 5),
    bad("profile-escape-in-name.toml", 1),
    bad("profile-escape-in-description.toml", 2),
    bad("profile-missing-name.toml", 1),
    bad("profile-capacity-zero.toml", 6),
    bad("profile-weight-text.toml", 6),
    bad("profile-years-decimal.toml", 3),
    bad("profile-year-huge.toml", 4),
    bad("profile-empty.toml", 1),
    bad("profile-unclosed-table.toml", 6),
    bad("profile-duplicate-key.toml", 7),
    bad("profile-specialties-file.toml", 2),
    bad("profile-year-plus.toml", 4),
    bad("profile-year-zero-padded.toml", 4),
    ok("profile-weights-tiny.toml"),
    // The settings that belong to no profile.
    bad("settings-k-zero.toml", 2),
    bad("settings-unknown-key.toml", 2),
    bad("settings-k-text.toml", 2),
    bad("settings-broken.toml", 1),
    // Raw exports for `dyad anonymize`: nothing is written, not even the key.
    bad("raw-mentees-no-id.csv", 1),
    hidden("raw-mentees-bad-zip.csv", 3, "0100"),
    hidden("raw-mentees-ambiguous-date.csv", 3, "6/30/21"),
    hidden("raw-mentees-email-in-goals.csv", 3, "john.roe@example.org"),
    hidden("raw-mentees-duplicate-id.csv", 3, "S-100"),
    bad("raw-mentees-empty-id.csv", 3),
    ok("raw-mentees-formula-cells.csv"),
    hidden("raw-mentees-future-year.csv", 3, "2099"),
    hidden("raw-mentees-hours-out-of-range.csv", 3, "7440"),
    // Score matrices for `dyad solve`.
    bad("scores-bad-cell.csv", 3),
    bad("scores-escape-in-id.csv", 3),
    bad("scores-duplicate-column.csv", 1),
    bad("scores-duplicate-row.csv", 3),
    bad("scores-out-of-range.csv", 3),
    ok("scores-at-the-limit-ok.csv"),
    // Surveys of pairs (`outcomes.csv` beside the pool) for `dyad evidence`: an answer is never
    // shown.
    bad("outcomes-empty.csv", 1),
    bad("outcomes-utf16.csv", 1),
    bad("outcomes-cr-error-line3.csv", 3),
    bad("outcomes-bom-crlf-error-line3.csv", 3),
    bad("outcomes-duplicate-column.csv", 1),
    bad("outcomes-second-mentee-column.csv", 1),
    hidden("outcomes-nan.csv", 3, "NaN"),
    hidden("outcomes-inf.csv", 3, "-inf"),
    hidden("outcomes-huge-number.csv", 3, "1e308"),
    hidden("outcomes-remark.csv", 3, "rude"),
    bad("outcomes-yes-and-one.csv", 3),
    ok("outcomes-yes-no-spellings-ok.csv"),
    bad("outcomes-unknown-mentee.csv", 3),
    bad("outcomes-unknown-mentor.csv", 3),
    bad("outcomes-pair-twice.csv", 4),
    bad("outcomes-all-blank.csv", 1),
    ok("outcomes-one-answer-ok.csv"),
    ok("outcomes-unmatched-pair-ok.csv"),
    ok("outcomes-criterion-names-ok.csv"),
];

/// What some messages must say beyond the file and line: the column, the value and the
/// expectation (file, text the message must contain).
const MESSAGES: &[(&str, &str)] = &[
    (
        "mentees-year-future.csv",
        ":3:5: training_completed: found \"2099\"",
    ),
    (
        "mentees-year-future.csv",
        "(training cannot end in the future)",
    ),
    (
        "mentees-hours-huge.csv",
        ":3:11: hours_per_month: found \"1e308\"",
    ),
    ("mentees-hours-huge.csv", "greater than 0 and at most 200"),
    ("mentors-capacity-long-number.csv", ":3:10: capacity:"),
    (
        "mentors-capacity-long-number.csv",
        "whole number of mentees from 1 to 1000",
    ),
    ("raw-mentees-future-year.csv", ":3:8: training_completed:"),
    (
        "raw-mentees-hours-out-of-range.csv",
        ":3:14: hours_per_month: expected",
    ),
    (
        "scores-duplicate-column.csv",
        ":1:3: id: found \"C1\", expected a unique column id",
    ),
    (
        "scores-duplicate-row.csv",
        ":3:1: id: found \"R1\", expected a unique row id",
    ),
    ("scores-out-of-range.csv", ":3:3: C2: found \"1e18\""),
    (
        "outcomes-second-mentee-column.csv",
        ":1:4: header: expected each column once (column 1 has this name too)",
    ),
    ("outcomes-huge-number.csv", "from -1000000000 to 1000000000"),
    (
        "outcomes-cr-error-line3.csv",
        ":3:3: sat: this answer cannot be read",
    ),
    ("outcomes-yes-and-one.csv", "yes/no like line 2, not number"),
    ("scores-out-of-range.csv", "from -1000000000 to 1000000000"),
    // TOML errors in plain words: the field, the value as written and what it must be.
    (
        "profile-weight-text.toml",
        ":6:13: weights.proximity: found \"high\", expected a number from 0 to 1",
    ),
    (
        "profile-years-decimal.toml",
        ":3:28: eligibility.max_years_since_training: found \"5.5\", expected a whole number",
    ),
    (
        "profile-year-huge.toml",
        ":4:18: eligibility.reference_year: found \"99999999999999999999\", expected a four-digit year",
    ),
    (
        "profile-empty.toml",
        ":1:1: the profile has no `name` (expected name = \"…\")",
    ),
    (
        "profile-unclosed-table.toml",
        ":6:9: this is not valid TOML: unclosed table, expected ']'",
    ),
    (
        "profile-duplicate-key.toml",
        ":7:1: this is not valid TOML: the key \"goals\" is given twice",
    ),
    (
        "profile-specialties-file.toml",
        ":2:1: this is not a profile but specialty families",
    ),
    (
        "settings-k-text.toml",
        ":2:16: privacy.small_cell_k: found \"five\", expected a whole number from 1 to 1000",
    ),
    (
        "settings-broken.toml",
        ":1:9: this is not valid TOML: unclosed table, expected ']'",
    ),
];

/// Raw mentors for the raw-export cases (the mentees file is the hostile one).
const RAW_MENTORS: &str = "id,name,email,phone,zip,specialty,health_system,training_completed,identities,expertise,meeting_format,hours_per_month,capacity,languages\n\
d-1,Ann Lee,ann.lee@example.org,617-555-0100,02115,internal medicine,Mass General,2001-07-01,woman,leadership;burnout,either,3,2,english\n\
d-2,Bob Kay,bob.kay@example.org,(413) 555-0101,01199,pediatrics,Baystate,1995,img,research,virtual,2,1,english;spanish\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under a folder, relative to it.
fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out
}

/// Sets up a working folder for a case and returns the arguments and the file name the message
/// must name.
fn setup(case: &Case, work: &Path) -> (Vec<String>, String) {
    let bytes = std::fs::read(root().join("tests/fixtures/hostile").join(case.file)).unwrap();
    let data = work.join("data");
    std::fs::create_dir(&data).unwrap();
    copy_sample_pool(&data);
    let s = |x: &str| x.to_string();
    let matching = || {
        vec![
            s("match"),
            s("--data"),
            s("data"),
            s("--format"),
            s("table"),
        ]
    };
    let (kind, _) = case.file.split_once('-').unwrap();
    match kind {
        "mentees" | "mentors" | "overrides" => {
            let name = format!("{kind}.csv");
            std::fs::write(data.join(&name), bytes).unwrap();
            (matching(), name)
        }
        "profile" => {
            std::fs::write(work.join(case.file), bytes).unwrap();
            let mut args = matching();
            args.extend([s("--profile"), s(case.file)]);
            (args, s(case.file))
        }
        "settings" => {
            std::fs::create_dir(work.join("configs")).unwrap();
            std::fs::write(work.join("configs/dyad-settings.toml"), bytes).unwrap();
            (matching(), s("dyad-settings.toml"))
        }
        "raw" => {
            let raw = work.join("raw");
            std::fs::create_dir(&raw).unwrap();
            std::fs::write(raw.join(MENTEES), bytes).unwrap();
            std::fs::write(raw.join(MENTORS), RAW_MENTORS).unwrap();
            let args = [
                "anonymize",
                "--input",
                "raw",
                "--out",
                "out",
                "--key-file",
                "keys/k",
            ];
            (args.map(s).to_vec(), s("mentees.csv"))
        }
        "outcomes" => {
            std::fs::write(data.join(OUTCOMES), bytes).unwrap();
            let args = ["evidence", "--data", "data", "--format", "table"];
            (args.map(s).to_vec(), s(OUTCOMES))
        }
        "scores" => {
            std::fs::write(work.join(case.file), bytes).unwrap();
            (vec![s("solve"), s("--scores"), s(case.file)], s(case.file))
        }
        other => panic!("no place for a {other} file ({})", case.file),
    }
}

fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || dyad::io::safetext::is_bidi_control(c)
}

fn check(case: &Case) {
    let work = tempfile::tempdir().unwrap();
    let (args, named) = setup(case, work.path());
    let before = files_under(work.path());
    let out: Output = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(&args)
        .current_dir(work.path())
        .output()
        .expect("dyad runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = case.file;
    assert_eq!(
        out.status.code(),
        Some(case.exit),
        "{name}: stderr {stderr}\nstdout {stdout}"
    );
    assert!(
        !stdout.chars().chain(stderr.chars()).any(unsafe_char),
        "{name}: a control character reached the terminal: {stderr:?} {stdout:?}"
    );
    if !case.hidden.is_empty() {
        assert!(
            !stderr.contains(case.hidden) && !stdout.contains(case.hidden),
            "{name}: the value was shown: {stderr}"
        );
    }
    if case.exit != 0 {
        assert!(stdout.is_empty(), "{name}: partial output {stdout}");
        assert!(stderr.starts_with("error: "), "{name}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{name}: {stderr}");
        let at = format!("{named}:{}:", case.line);
        assert!(stderr.contains(&at), "{name}: expected {at} in {stderr}");
        assert_eq!(
            files_under(work.path()),
            before,
            "{name}: a file was created"
        );
        for (_, says) in MESSAGES.iter().filter(|(f, _)| *f == name) {
            assert!(stderr.contains(says), "{name}: expected {says} in {stderr}");
        }
    } else if case.file.starts_with("raw-") {
        let written = std::fs::read_to_string(work.path().join("out/mentees.csv")).unwrap();
        for cell in written.lines().flat_map(|l| l.split(',')) {
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "{name}: formula cell {cell}"
            );
        }
        assert!(written.contains("'=HYPERLINK") && written.contains("'@SUM"));
        for raw in ["s-100", "Jane Doe", "jane.doe@example.org", "02139", "1988"] {
            assert!(!written.contains(raw), "{name}: {raw} in the output");
        }
    }
}

#[test]
fn every_hostile_file_is_refused_cleanly_or_read_safely() {
    // A few threads: each case runs the binary once. Every failing case is reported.
    let failed: Vec<&str> = std::thread::scope(|s| {
        let handles: Vec<_> = CASES
            .chunks(CASES.len().div_ceil(4))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter(|c| std::panic::catch_unwind(|| check(c)).is_err())
                        .map(|c| c.file)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failed.is_empty(), "failed: {failed:?}");
}

#[test]
fn the_corpus_and_the_table_match() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("tests/fixtures/hostile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    let listed: BTreeSet<String> = CASES.iter().map(|c| c.file.to_string()).collect();
    assert_eq!(on_disk, listed);
    for (file, _) in MESSAGES {
        assert!(
            CASES.iter().any(|c| c.file == *file && c.exit != 0),
            "{file}"
        );
    }
    assert!(CASES.len() >= 40);
}
