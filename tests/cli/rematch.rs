//! `dyad rematch` as a coordinator runs it: the sample with a mentor gone and two late
//! mentees, the pairs written for a chosen budget, and bad pairs files refused with file, line
//! and column, nothing written.

use std::path::Path;

use crate::run::{bad, copy_sample_pool, dyad_in, ok};

#[path = "../common/mid_cycle.rs"]
mod now_pool;

/// A folder with the sample pool as it was (`before/`), its pairs as `export` wrote them
/// (`pairs.csv`), and the pool as it is now (`now/`): MR-012 gone, two late mentees.
fn mid_cycle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (before, now) = (dir.path().join("before"), dir.path().join("now"));
    std::fs::create_dir(&before).unwrap();
    copy_sample_pool(&before);
    let profile = root.join("configs/fall-2023.toml");
    let profile = profile.to_str().unwrap();
    ok(&dyad_in(
        dir.path(),
        &[
            "export",
            "--data",
            "before",
            "--profile",
            profile,
            "--out",
            "pairs.csv",
        ],
    ));
    now_pool::write_now(&before, &now);
    dir
}

fn rematch(dir: &Path, extra: &[&str]) -> std::process::Output {
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/fall-2023.toml");
    let mut args = vec![
        "rematch",
        "--data",
        "now",
        "--profile",
        profile.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    dyad_in(dir, &args)
}

/// `rematch --max-changes K --out new.csv` on the pairs in place.
fn write_point(dir: &Path, k: &str) -> std::process::Output {
    let args = [
        "--current",
        "pairs.csv",
        "--max-changes",
        k,
        "--out",
        "new.csv",
    ];
    rematch(dir, &args)
}

#[test]
fn the_sample_after_a_drop_out_and_two_late_mentees() {
    let dir = mid_cycle();
    let out = ok(&rematch(
        dir.path(),
        &["--current", "pairs.csv", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let forced = v["forced"].as_array().unwrap();
    assert!(!forced.is_empty());
    assert!(
        forced
            .iter()
            .all(|f| f["mentor"] == "MR-012" && f["why"] == "mentor-left")
    );
    let curve = v["curve"].as_array().unwrap();
    assert_eq!(curve[0], v["keep_first"]);
    assert_eq!(curve.last(), Some(&v["score_first"]));
    assert_eq!(v["keep_first"]["changes"], 0);
    let totals: Vec<f64> = curve.iter().map(|p| p["total"].as_f64().unwrap()).collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{totals:?}");
    for (k, p) in curve.iter().enumerate() {
        assert_eq!(p["max_changes"], k);
        assert_eq!(p["proven_optimal"], true);
        assert_eq!(p["bound"], p["total"]);
        assert_eq!(
            p["moved"].as_array().unwrap().len(),
            p["changes"].as_u64().unwrap() as usize
        );
        // The mentees of the mentor who left have a mentor again.
        let pairs = p["pairs"].as_array().unwrap();
        for f in forced {
            assert!(pairs.iter().any(|q| q["mentee"] == f["mentee"]), "{f}");
            assert!(pairs.iter().all(|q| q["mentor"] != "MR-012"));
        }
    }
    assert!(
        v["score_first"]["changes"].as_u64() <= v["scratch_changes"].as_u64(),
        "{v}"
    );
    // The table says the same, and --max-changes writes that point's pairs as export does.
    let k = curve.len().min(2) - 1;
    let k = k.to_string();
    let text = ok(&write_point(dir.path(), &k));
    assert!(text.contains("keep first: 0 changes"), "{text}");
    assert!(text.contains("wrote the"), "{text}");
    let new = std::fs::read_to_string(dir.path().join("new.csv")).unwrap();
    assert!(new.starts_with("mentee,mentor,score,reason_1,reason_2,reason_3\n"));
    let point = &curve[k.parse::<usize>().unwrap()];
    assert_eq!(
        new.lines().count() - 1,
        point["pairs"].as_array().unwrap().len()
    );
    for q in point["pairs"].as_array().unwrap() {
        let line = format!(
            "{},{},",
            q["mentee"].as_str().unwrap(),
            q["mentor"].as_str().unwrap()
        );
        assert!(new.contains(&line), "{line}");
    }
    // Never over a file: the second run is refused and the first file stays.
    let again = write_point(dir.path(), &k);
    assert!(bad(&again).contains("new.csv"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("new.csv")).unwrap(),
        new
    );
}

#[test]
fn bad_pairs_files_and_budgets_are_refused_with_file_line_and_column() {
    let dir = mid_cycle();
    let pairs = std::fs::read_to_string(dir.path().join("pairs.csv")).unwrap();
    let header = pairs.lines().next().unwrap().to_string();
    let second = pairs.lines().nth(2).unwrap().to_string();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "another pool",
            format!("{header}\nXE-001,XR-001,50.0,,,\nXE-002,XR-002,50.0,,,\n"),
            "bad.csv:2:1",
        ),
        (
            "unknown mentee",
            format!("{header}\n{second}\nME-999,MR-001,50.0,,,\n"),
            "bad.csv:3:1",
        ),
        (
            "a mentee twice",
            format!("{}\n{}\n", pairs.trim_end(), pairs.lines().nth(1).unwrap()),
            "each mentee once",
        ),
        (
            "a mentee in the mentor column",
            format!("{header}\n{second}\nME-047,ME-004,50.0,,,\n"),
            "bad.csv:3:2",
        ),
        (
            "no mentor column",
            "mentee,score\nME-001,5\n".to_string(),
            "bad.csv:1",
        ),
    ];
    for (what, text, expect) in cases {
        std::fs::write(dir.path().join("bad.csv"), &text).unwrap();
        let err = bad(&rematch(
            dir.path(),
            &[
                "--current",
                "bad.csv",
                "--max-changes",
                "1",
                "--out",
                "out.csv",
            ],
        ));
        assert!(err.contains(expect), "{what}: {err}");
        assert!(!dir.path().join("out.csv").exists(), "{what}");
    }
    // A pair the pool's overrides ban could never have been made.
    let (mentee, mentor) = {
        let mut f = pairs.lines().nth(1).unwrap().split(',');
        (f.next().unwrap().to_string(), f.next().unwrap().to_string())
    };
    std::fs::write(
        dir.path().join("now/overrides.csv"),
        format!("mentee,mentor,action\n{mentee},{mentor},ban\n"),
    )
    .unwrap();
    let err = bad(&rematch(dir.path(), &["--current", "pairs.csv"]));
    assert!(
        err.contains("pairs.csv:2:2") && err.contains("bans"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("now/overrides.csv")).unwrap();
    // K negative or not a number.
    for k in ["-1", "two", "1.5"] {
        let out = rematch(
            dir.path(),
            &[
                "--current",
                "pairs.csv",
                "--max-changes",
                k,
                "--out",
                "out.csv",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{k}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("--max-changes"),
            "{k}"
        );
        assert!(!dir.path().join("out.csv").exists());
    }
}

#[test]
fn a_profile_with_a_coverage_floor_is_refused_at_its_line_not_rematched_without_it() {
    // The rematch's curve keeps no floor: rather than pairs that may break the profile's
    // floor, the run names the floor's line and writes nothing.
    let dir = mid_cycle();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("configs/fall-2023.toml")).unwrap();
    let text = text.replace("[constraints]\n", "[constraints]\ncoverage_floor = 0.5\n");
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("coverage_floor"))
        .unwrap();
    std::fs::write(dir.path().join("floor.toml"), text).unwrap();
    let out = dyad_in(
        dir.path(),
        &[
            "rematch",
            "--data",
            "now",
            "--profile",
            "floor.toml",
            "--current",
            "pairs.csv",
            "--max-changes",
            "1",
            "--out",
            "new.csv",
        ],
    );
    let err = bad(&out);
    assert!(err.contains(&format!("floor.toml:{line}:")), "{err}");
    assert!(err.contains("constraints.coverage_floor"), "{err}");
    assert!(err.contains("dyad match"), "{err}");
    assert!(!dir.path().join("new.csv").exists());
}
