//! What the CLI writes and where: outputs never replace an input of the run, `--force` keeps
//! the replaced file in `.dyad-backup/`, paths of the wrong kind are bad input.

use std::path::Path;

use crate::run::{bad, dyad, dyad_in, export_forced, generate_small, ok, read, workspace};

/// The files in `DIR/.dyad-backup`.
fn backups_in(dir: &Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(dir.join(".dyad-backup")) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn export_never_writes_over_an_input_of_the_run_even_with_force() {
    let w = workspace();
    let w = w.path();
    std::fs::write(
        w.join("sample-data/overrides.csv"),
        "mentee,mentor,action\nME-001,MR-001,ban\n",
    )
    .unwrap();
    let before: Vec<(&str, String)> = [
        "sample-data/mentees.csv",
        "sample-data/mentors.csv",
        "sample-data/overrides.csv",
        "configs/fall-2023.toml",
        "configs/pilot-2023.toml",
        "configs/specialties.toml",
        "configs/dyad-settings.toml",
    ]
    .into_iter()
    .map(|f| (f, read(w, f)))
    .collect();
    let export = |extra: &[&str]| export_forced(w, extra);
    for (flags, says) in [
        (
            &["--out", "sample-data/mentees.csv"][..],
            "mentees.csv, an input",
        ),
        (
            &["--out", "sample-data/../sample-data/./overrides.csv"],
            "overrides.csv, an input",
        ),
        (
            &["--out", "p.csv", "--report", "sample-data/mentors.csv"],
            "mentors.csv, an input",
        ),
        (
            &["--out", "configs/pilot-2023.toml"],
            ".toml is for profiles",
        ),
        (&["--out", "p.csv", "--report", "configs/r.toml"], ".toml"),
        (&["--out", "configs/specialties.toml"], ".toml"),
    ] {
        let err = bad(&export(flags));
        assert!(err.contains(says), "{flags:?}: {err}");
    }
    let data = ["--data", "sample-data", "--out", "sample-data/mentees.csv"];
    let err = bad(&export(&data));
    assert!(err.contains("input of this run"), "{err}");
    for (f, text) in &before {
        assert_eq!(&read(w, f), text, "{f} was changed");
    }
    assert!(!w.join("p.csv").exists());
    assert!(backups_in(&w.join("sample-data")).is_empty());
    assert!(backups_in(&w.join("configs")).is_empty());
}

#[test]
fn force_keeps_the_replaced_file_in_dyad_backup() {
    let w = workspace();
    let w = w.path();
    std::fs::write(w.join("pairs.csv"), "the coordinator's own file").unwrap();
    ok(&export_forced(w, &["--out", "pairs.csv"]));
    assert!(read(w, "pairs.csv").starts_with("mentee,mentor,score"));
    let kept = backups_in(w);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        "the coordinator's own file"
    );
    let listed = ok(&dyad_in(w, &["backups", "pairs.csv"]));
    assert!(listed.contains("1 previous version of"), "{listed}");

    ok(&dyad_in(w, &generate_small("g")));
    std::fs::write(w.join("g/mentees.csv"), "hand-edited pool").unwrap();
    let mut forced = generate_small("g");
    forced.push("--force");
    ok(&dyad_in(w, &forced));
    assert!(read(w, "g/mentees.csv").starts_with("id,"));
    let kept: Vec<String> = backups_in(&w.join("g"))
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(kept.contains(&"hand-edited pool".to_string()), "{kept:?}");
}

#[test]
fn paths_of_the_wrong_kind_are_bad_input_not_system_errors() {
    let w = workspace();
    let w = w.path();
    let profile = read(w, "configs/fall-2023.toml");
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec!["match", "--data", "configs/fall-2023.toml"],
            "configs/fall-2023.toml: --data: this is a file, not a folder (expected a folder \
             with mentees.csv and mentors.csv)",
        ),
        (
            vec!["match", "--data", "configs"],
            "configs: --data: this folder has no mentees.csv",
        ),
        (
            vec![
                "export",
                "--profile",
                "configs/fall-2023.toml",
                "--out",
                "sample-data",
                "--force",
            ],
            "sample-data: --out: this is a folder",
        ),
        (
            generate_small("configs/fall-2023.toml"),
            "configs/fall-2023.toml: --out: this is a file, not a folder",
        ),
        (
            generate_small("configs/fall-2023.toml/pool"),
            "--out: a file is in the way",
        ),
    ];
    for (args, says) in cases {
        let err = bad(&dyad_in(w, &args));
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("os error"), "{err}");
    }
    assert_eq!(read(w, "configs/fall-2023.toml"), profile);
}

#[test]
fn backups_of_a_missing_file_or_of_a_folder_are_bad_input() {
    let w = workspace();
    let w = w.path();
    let err = bad(&dyad_in(w, &["backups", "configs/nonexist.toml"]));
    assert!(
        err.contains("configs/nonexist.toml: no such file and no previous versions of it"),
        "{err}"
    );
    let err = bad(&dyad_in(w, &["backups", "configs"]));
    assert!(
        err.contains("configs: this is a folder (expected a file"),
        "{err}"
    );
    // A file deleted by mistake still has its backups listed, to be restored.
    std::fs::write(w.join("pairs.csv"), "first").unwrap();
    ok(&export_forced(w, &["--out", "pairs.csv"]));
    std::fs::remove_file(w.join("pairs.csv")).unwrap();
    let listed = ok(&dyad_in(w, &["backups", "pairs.csv"]));
    assert!(
        listed.contains("1 previous version of pairs.csv"),
        "{listed}"
    );
}

#[test]
fn bench_refuses_pool_sizes_together_with_a_pool_folder() {
    for sizes in [&["--mentees", "10"][..], &["--mentors", "10"]] {
        let mut args = vec!["bench", "--data", "sample-data", "--steps", "1"];
        args.extend_from_slice(sizes);
        let out = dyad(&args);
        assert_eq!(out.status.code(), Some(2), "{sizes:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot be used with"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn bench_breaks_the_cold_start_and_each_move_down_by_phase() {
    let out = ok(&dyad(&[
        "bench",
        "--data",
        "sample-data",
        "--steps",
        "3",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let phases = [
        "frame",
        "rescoring",
        "solve",
        "summary",
        "comparison",
        "overview",
        "measures",
    ];
    let cold = &v["cold_phases_ms"];
    for p in phases {
        assert!(cold[p].as_f64().is_some_and(|t| t >= 0.0), "cold {p}: {v}");
    }
    // The cold solve is the evaluation's phases, which a cold start does pay for.
    let evaluation: f64 = phases[..4].iter().map(|p| cold[*p].as_f64().unwrap()).sum();
    assert!(cold["solve"].as_f64().unwrap() > 0.0, "{v}");
    assert!(
        v["cold_ms"].as_f64().unwrap() > 0.0 && evaluation > 0.0,
        "{v}"
    );
    for delta in ["0.01", "0.05", "0.25"] {
        let step = &v["steps"][delta];
        for p in phases {
            let (p50, p99) = (
                step["phases"][p]["p50"].as_f64(),
                step["phases"][p]["p99"].as_f64(),
            );
            assert!(
                p50.zip(p99).is_some_and(|(a, b)| 0.0 <= a && a <= b),
                "{delta} {p}: {v}"
            );
        }
    }
    let table = ok(&dyad(&["bench", "--data", "sample-data", "--steps", "3"]));
    assert!(table.contains("where the time goes"), "{table}");
    for p in phases {
        assert!(
            table.lines().any(|l| l.trim_start().starts_with(p)),
            "{p}: {table}"
        );
    }
}
