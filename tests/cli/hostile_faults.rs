//! Hostile inputs that cannot live in the corpus as files: named pipes, links and devices in
//! the place of inputs and outputs, a pool too big for the memory budget, placeholder keys,
//! profiles named like dyad's own files, sets of outputs left stale, escape codes in paths.

#[cfg(unix)]
use std::path::Path;

use super::run::{bad, dyad_in, export_forced, generate_small, ok, workspace};

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap();
    assert!(made.success());
}

/// A FIFO in the place of every input dyad reads: refused at once (a hang would stop the test).
#[cfg(unix)]
#[test]
fn a_named_pipe_as_any_input_is_refused_without_blocking() {
    let cases: [(&str, &[&str]); 6] = [
        // Where no survey was: still refused, never passed over for the sample's.
        ("sample-data/outcomes.csv", &["evidence"]),
        (
            "sample-data/mentees.csv",
            &["match", "--data", "sample-data"],
        ),
        (
            "configs/fall-2023.toml",
            &["check", "--data", "sample-data"],
        ),
        (
            "configs/specialties.toml",
            &["match", "--data", "sample-data"],
        ),
        ("configs/stray.toml", &["profiles"]),
        (
            "configs/dyad-settings.toml",
            &["match", "--data", "sample-data"],
        ),
    ];
    for (fifo, args) in cases {
        let dir = workspace();
        let p = dir.path().join(fifo);
        let _ = std::fs::remove_file(&p);
        mkfifo(&p);
        let out = dyad_in(dir.path(), args);
        let name = Path::new(fifo).file_name().unwrap().to_string_lossy();
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(shown.contains("named pipe"), "{fifo}: {shown}");
        assert!(shown.contains(&*name), "{fifo}: {shown}");
        if fifo != "configs/stray.toml" {
            assert!(bad(&out).contains(&*name));
        }
    }
}

/// `--out` that is a device, a pipe or a link is never replaced by a plain file.
#[cfg(unix)]
#[test]
fn outputs_that_are_not_regular_files_are_never_replaced() {
    let dir = workspace();
    let target = dir.path().join("real.csv");
    std::fs::write(&target, "mine").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.csv")).unwrap();
    mkfifo(&dir.path().join("pipe.csv"));
    for out in ["link.csv", "pipe.csv"] {
        let e = bad(&export_forced(dir.path(), &["--out", out]));
        assert!(e.contains(out) && e.contains("never replaces"), "{e}");
        let meta = std::fs::symlink_metadata(dir.path().join(out)).unwrap();
        assert!(!meta.is_file(), "{out} was replaced");
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    let mut gen_args = generate_small("pool");
    gen_args.push("--force");
    std::fs::create_dir(dir.path().join("pool")).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("pool/mentors.csv")).unwrap();
    bad(&dyad_in(dir.path(), &gen_args));
    assert!(!dir.path().join("pool/mentees.csv").exists(), "a mixed set");
}

/// A `--force` run replaces the whole set: an overrides.csv of the old pool goes with it.
#[test]
fn a_forced_generate_removes_the_old_sets_overrides() {
    let dir = workspace();
    ok(&dyad_in(dir.path(), &generate_small("pool")));
    std::fs::write(
        dir.path().join("pool/overrides.csv"),
        "mentee,mentor,action\n",
    )
    .unwrap();
    let mut args = generate_small("pool");
    bad(&dyad_in(dir.path(), &args));
    args.push("--force");
    ok(&dyad_in(dir.path(), &args));
    assert!(!dir.path().join("pool/overrides.csv").exists());
    // Kept, like every file --force replaces.
    let kept = std::fs::read_dir(dir.path().join("pool/.dyad-backup")).unwrap();
    assert!(
        kept.map(|e| e.unwrap().file_name())
            .any(|n| n.to_string_lossy().starts_with("overrides."))
    );
}

/// A pool beyond the memory budget is refused before anything is allocated, naming its size,
/// its need and the budget.
#[test]
fn a_pool_beyond_the_memory_budget_is_refused() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("configs/dyad-settings.toml"),
        "[memory]\nbudget_mb = 1\n",
    )
    .unwrap();
    let e = bad(&dyad_in(dir.path(), &["match", "--data", "sample-data"]));
    assert!(e.contains("48 mentees × 36 mentors needs about"), "{e}");
    assert!(e.contains("budget of 1 MB"), "{e}");
}

/// Profiles never take the name of dyad's own files; a restore puts any file dyad backed up
/// back; a backup keeps the original's permissions.
#[cfg(unix)]
#[test]
fn dyads_own_files_are_never_a_profile_and_can_always_be_restored() {
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        dyad::profile::file_name_for("Specialties"),
        "specialties-profile.toml"
    );
    assert_eq!(
        dyad::profile::file_name_for("Dyad Settings"),
        "dyad-settings-profile.toml"
    );
    let dir = workspace();
    let families = dir.path().join("configs/specialties.toml");
    let before = std::fs::read(&families).unwrap();
    let e = dyad::profile::save(&families, &dyad::embedded::fall_profile(), true).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert_eq!(std::fs::read(&families).unwrap(), before);
    // A specialties file replaced by dyad (as an edit would) is restored from its backup.
    std::fs::set_permissions(&families, std::fs::Permissions::from_mode(0o600)).unwrap();
    let backup = dyad::io::write_atomic(
        &families,
        b"[families]\n",
        dyad::io::Mode::ReplaceWithBackup,
    )
    .unwrap()
    .unwrap();
    let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the backup of a private file is private");
    ok(&dyad_in(dir.path(), &["restore", backup.to_str().unwrap()]));
    assert_eq!(std::fs::read(&families).unwrap(), before);
}

/// A profile dyad saves opens again; weights keep their seven decimals.
#[test]
fn a_saved_profile_reads_back_or_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let mut p = dyad::embedded::fall_profile();
    p.weights[0] = 0.1234567;
    dyad::profile::save(&path, &p, false).unwrap();
    assert_eq!(dyad::profile::load(&path).unwrap().weights, p.weights);
    p.description = "\t".repeat(600_000);
    let e = dyad::profile::save(&path, &p, true).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("dyad can open again"), "{e}");
    assert_eq!(dyad::profile::load(&path).unwrap().weights[0], 0.1234567);
}

/// An all-zero key is a placeholder, not a secret; a big key file is measured in KB.
#[cfg(unix)]
#[test]
fn placeholder_and_oversized_keys_are_refused_plainly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    std::fs::create_dir(dir.path().join("keys")).unwrap();
    let key = dir.path().join("keys/k");
    for (text, says) in [
        ("0".repeat(64), "not one byte repeated"),
        ("a".repeat(10_000), "KB"),
    ] {
        std::fs::write(&key, &text).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let args = [
            "anonymize",
            "--input",
            "sample-data",
            "--out",
            "out",
            "--key-file",
            "keys/k",
        ];
        let e = bad(&dyad_in(dir.path(), &args));
        assert!(e.contains(says) && !e.contains("0.0 MB"), "{e}");
        assert!(!dir.path().join("out").exists());
    }
}

/// Weights too small to tell pairs apart are warned about in match and export.
#[test]
fn tiny_weights_are_warned_about() {
    let dir = workspace();
    let profile = "name = \"X\"\n[eligibility]\nmax_years_since_training = 5\nreference_year = 2023\n[weights]\nproximity = 1e-8\n";
    std::fs::write(dir.path().join("tiny.toml"), profile).unwrap();
    let m = ok(&dyad_in(
        dir.path(),
        &["match", "--data", "sample-data", "--profile", "tiny.toml"],
    ));
    assert!(m.contains("too small to count"), "{m}");
    let args = [
        "export",
        "--data",
        "sample-data",
        "--profile",
        "tiny.toml",
        "--out",
        "p.csv",
    ];
    let e = ok(&dyad_in(dir.path(), &args));
    assert!(e.contains("too small to count"), "{e}");
}

/// Escape codes in an output path are shown escaped.
#[test]
fn escape_codes_in_output_paths_are_escaped() {
    let dir = workspace();
    let name = "p\u{1b}[2J.csv";
    let args = [
        "export",
        "--data",
        "sample-data",
        "--profile",
        "configs/fall-2023.toml",
        "--out",
        name,
    ];
    let out = ok(&dyad_in(dir.path(), &args));
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let out = ok(&dyad_in(dir.path(), &generate_small("g\u{1b}[2J")));
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

/// Faults of the path, not of dyad: exit 2 with a message.
#[test]
fn path_faults_are_the_inputs_fault() {
    let dir = workspace();
    let long = format!("{}.csv", "x".repeat(300));
    bad(&dyad_in(dir.path(), &["match", "--data", &long]));
    bad(&export_forced(dir.path(), &["--out", &long]));
    ok(&export_forced(dir.path(), &["--out", "p.csv"]));
    std::fs::write(dir.path().join(".dyad-backup"), "a file").unwrap();
    let e = bad(&export_forced(dir.path(), &["--out", "p.csv"]));
    assert!(e.contains(".dyad-backup"), "{e}");
}

/// A `generate --force` killed between its renames leaves the new mentees beside the old
/// mentors and its journal (`.dyad-set`); the next dyad that reads the pool completes the switch
/// before reading, so it never matches a mixed set.
#[test]
fn a_switch_a_killed_dyad_left_is_completed_before_the_pool_is_read() {
    let dir = workspace();
    ok(&dyad_in(dir.path(), &generate_small("pool")));
    let mut new = generate_small("new");
    new.extend(["--seed", "7"]);
    ok(&dyad_in(dir.path(), &new));
    let (pool, fresh) = (dir.path().join("pool"), dir.path().join("new"));
    std::fs::write(pool.join("overrides.csv"), "mentee,mentor,action\n").unwrap();
    // What the killed run left: the first rename made, the second staged, the journal written.
    std::fs::copy(fresh.join("mentees.csv"), pool.join("mentees.csv")).unwrap();
    let staged = pool.join(".dyad-tmp-4194305-b");
    std::fs::copy(fresh.join("mentors.csv"), &staged).unwrap();
    let journal = serde_json::json!({
        "rename": [
            [pool.join(".dyad-tmp-4194305-a"), pool.join("mentees.csv")],
            [staged, pool.join("mentors.csv")],
        ],
        "remove": [pool.join("overrides.csv")],
    });
    std::fs::write(pool.join(".dyad-set"), journal.to_string()).unwrap();
    assert_ne!(
        std::fs::read(pool.join("mentors.csv")).unwrap(),
        std::fs::read(fresh.join("mentors.csv")).unwrap(),
        "a mixed set to begin with"
    );
    ok(&dyad_in(
        dir.path(),
        &["match", "--data", "pool", "--format", "json"],
    ));
    for f in ["mentees.csv", "mentors.csv"] {
        assert_eq!(
            std::fs::read(pool.join(f)).unwrap(),
            std::fs::read(fresh.join(f)).unwrap(),
            "{f}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(&pool)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".dyad-backup"))
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}
