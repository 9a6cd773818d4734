//! `dyad anonymize` end to end: a raw intake export with names, emails, phones, full ZIP codes
//! and dates becomes a pool that `dyad check` and `dyad match` accept, that holds none of the raw
//! identifiers, whose pseudonyms are stable under one key and change with another, and whose
//! key never sits with the data.

use std::path::Path;
use std::process::Output;

use dyad::pool::files::{MENTEES, MENTORS, OVERRIDES};

use crate::run::{dyad_in, ok, read};

const RAW_MENTEES: &str = "\
ID,Name,Email,Phone,Zip,Date of birth,specialty,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month,languages,Notes
jdoe17,Jane Doe,jane.doe@example.org,617-555-0101,02139-4307,1988-02-03,internal medicine,Mass General Brigham,2021-06-30,woman;img,img,leadership,burnout,either,2,english,likes cats
rroe,Richard Roe,r.roe@example.org,(413) 555-0102,1002,1990-04-12,pediatrics,Baystate Health,06/30/2020,,,research,isolation,in-person,1.5,english;spanish,
asmith,Ann Smith,ann.smith@example.org,+1 508 555 0103,03601,1987-11-30,family medicine,Mass General Brigham,2019,urm;woman,urm,career advancement,,virtual,3,english,
";

const RAW_MENTORS: &str = "\
id,name,email,zip,specialty,health_system,training_completed,identities,expertise,meeting_format,hours_per_month,capacity,languages
mentor-9,Grace Hopper,grace@example.org,02115,internal medicine,Beth Israel Lahey,2001-07-01,woman,leadership;burnout,either,3,2,english
mentor-10,Alan Turing,alan@example.org,01199,pediatrics,Baystate Health,1995,img,research;isolation,virtual,2,1,english;spanish
mentor-11,Ada Byron,ada@example.org,01002,family medicine,Mass General Brigham,June 2003,urm,career advancement,either,4,2,english
";

const RAW_OVERRIDES: &str = "mentee,mentor,action\njdoe17,mentor-9,pin\nrroe,mentor-9,ban\n";

/// Every raw identifier of the export above: none may appear in anything dyad writes or prints.
const RAW_VALUES: [&str; 24] = [
    "jdoe17",
    "rroe",
    "asmith",
    "mentor-9",
    "mentor-10",
    "Jane Doe",
    "Richard Roe",
    "Ann Smith",
    "Grace Hopper",
    "Ada Byron",
    "jane.doe@example.org",
    "r.roe@example.org",
    "grace@example.org",
    "617-555-0101",
    "555-0102",
    "02139",
    "4307",
    "03601",
    "1988-02-03",
    "1990-04-12",
    "Mass General",
    "Baystate",
    "Beth Israel",
    "likes cats",
];

/// `text` with every keyed pseudonym (`ME-`, `MR-` or `HS-` and hex digits) replaced by `ID`.
fn without_pseudonyms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["ME-", "MR-", "HS-"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 3..];
        let hex = tail.len()
            - tail
                .trim_start_matches(|c: char| c.is_ascii_hexdigit())
                .len();
        out.push_str("ID");
        rest = &tail[hex..];
    }
    out.push_str(rest);
    out
}

fn raw_export(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(MENTEES), RAW_MENTEES).unwrap();
    std::fs::write(dir.join(MENTORS), RAW_MENTORS).unwrap();
    std::fs::write(dir.join(OVERRIDES), RAW_OVERRIDES).unwrap();
}

/// `dyad anonymize --input raw --out OUT --key-file KEY` in `dir`.
fn anonymize(dir: &Path, out: &str, key: &str) -> Output {
    anonymize_with(dir, out, key, &[])
}

/// The same with `extra` arguments.
fn anonymize_with(dir: &Path, out: &str, key: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "anonymize",
        "--input",
        "raw",
        "--out",
        out,
        "--key-file",
        key,
    ];
    args.extend_from_slice(extra);
    dyad_in(dir, &args)
}

#[test]
fn the_anonymized_pool_passes_check_and_holds_no_raw_identifier() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    raw_export(&w.join("raw"));
    let summary = ok(&anonymize(w, "pool", "keys/dyad.key"));

    let mut written = summary.clone();
    for f in ["mentees.csv", "mentors.csv", "overrides.csv"] {
        written.push_str(&read(&w.join("pool"), f));
    }
    // Keyed pseudonyms are random hex and may by chance hold a raw value's digits ("4307").
    let scrubbed = without_pseudonyms(&written);
    for raw in RAW_VALUES {
        assert!(!scrubbed.contains(raw), "{raw} leaked:\n{written}");
    }
    let mentees = read(&w.join("pool"), "mentees.csv");
    assert!(mentees.starts_with("id,zip3,specialty,health_system,training_completed,"));
    // Full ZIPs became ZIP3s; the restricted area 036 became 000; dates became years.
    assert!(
        mentees.contains(",021,") && mentees.contains(",010,"),
        "{mentees}"
    );
    assert!(mentees.contains(",000,"), "{mentees}");
    assert!(
        mentees.contains(",2021,") && mentees.contains(",2020,"),
        "{mentees}"
    );
    assert!(read(&w.join("pool"), "mentors.csv").contains(",2003,"));
    for line in mentees.lines().skip(1) {
        let id = line.split(',').next().unwrap();
        assert!(id.len() == 13 && id.starts_with("ME-"), "{id}");
        assert!(id[3..].bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    }
    assert!(summary.contains("Name (a name)"), "{summary}");
    assert!(summary.contains("dropped columns the pool has no place for: Notes"));
    assert!(summary.contains("1 ZIP codes in areas under 20,000 people"));

    // What dyad reads back: a valid pool with its overrides, that can be matched.
    let check = ok(&dyad_in(w, &["check", "--data", "pool"]));
    assert!(check.contains("3 mentees, 3 mentors"), "{check}");
    assert!(check.contains("2 overrides"), "{check}");
    ok(&dyad_in(
        w,
        &["match", "--data", "pool", "--format", "json"],
    ));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(w.join("keys/dyad.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn the_same_key_gives_the_same_pseudonyms_another_key_others() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    raw_export(&w.join("raw"));
    ok(&anonymize(w, "a", "k1"));
    ok(&anonymize(w, "b", "k1"));
    ok(&anonymize(w, "c", "k2"));
    for f in ["mentees.csv", "mentors.csv", "overrides.csv"] {
        assert_eq!(read(&w.join("a"), f), read(&w.join("b"), f), "{f}");
        assert_ne!(read(&w.join("a"), f), read(&w.join("c"), f), "{f}");
    }
}

#[test]
fn existing_output_is_kept_unless_forced() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    raw_export(&w.join("raw"));
    ok(&anonymize(w, "pool", "k"));
    std::fs::write(w.join("pool/mentees.csv"), "mine").unwrap();
    let out = anonymize(w, "pool", "k");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(read(&w.join("pool"), "mentees.csv"), "mine");
    ok(&anonymize_with(w, "pool", "k", &["--force"]));
    assert!(read(&w.join("pool"), "mentees.csv").starts_with("id,"));
}

#[test]
fn a_key_with_the_data_or_readable_by_others_is_refused_and_nothing_is_written() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    raw_export(&w.join("raw"));
    for (out, key) in [
        ("pool", "raw/dyad.key"),
        ("pool", "pool/dyad.key"),
        ("raw/pool", "k"),
    ] {
        let res = anonymize(w, out, key);
        assert_eq!(res.status.code(), Some(2), "{out} {key}");
        assert!(!w.join("pool").exists() && !w.join("raw/pool").exists());
        assert!(!w.join(key).exists());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        ok(&anonymize(w, "pool", "k"));
        std::fs::set_permissions(w.join("k"), std::fs::Permissions::from_mode(0o644)).unwrap();
        let res = anonymize(w, "pool2", "k");
        assert_eq!(res.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&res.stderr).contains("chmod 600"));
        assert!(!w.join("pool2").exists());
    }
}

#[test]
fn force_keeps_the_replaced_pool_and_never_writes_over_the_raw_export() {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    raw_export(&w.join("raw"));
    ok(&anonymize(w, "pool", "k"));
    std::fs::write(w.join("pool/mentees.csv"), "mine").unwrap();
    let forced = |out: &str| anonymize_with(w, out, "k", &["--force"]);
    ok(&forced("pool"));
    assert!(read(&w.join("pool"), "mentees.csv").starts_with("id,"));
    let kept: Vec<String> = std::fs::read_dir(w.join("pool/.dyad-backup"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(kept.contains(&"mine".to_string()), "{kept:?}");

    // An output file that is (a link to) an input of the run: refused, even with --force.
    #[cfg(unix)]
    {
        std::fs::create_dir(w.join("linked")).unwrap();
        std::os::unix::fs::symlink(w.join("raw/mentors.csv"), w.join("linked/mentors.csv"))
            .unwrap();
        let out = forced("linked");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("the raw mentors.csv, an input of this run"),
            "{err}"
        );
        assert_eq!(read(&w.join("raw"), "mentors.csv"), RAW_MENTORS);
        assert!(!w.join("linked/mentees.csv").exists());
    }
    // A file where the output folder should be.
    std::fs::write(w.join("afile"), "x").unwrap();
    let out = forced("afile");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("afile: --out: this is a file, not a folder"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(read(w, "afile"), "x");
}
