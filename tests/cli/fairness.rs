//! `dyad fairness` and the coverage floor of a profile on the command line: the curve's JSON,
//! a floor met by `dyad match`, and a floor refused with the profile's file and line.

use std::path::Path;

use crate::run::{bad, copy_sample_pool, dyad_in, json, ok};

/// The fall profile with `coverage_floor = VALUE` in its [constraints], written to `dir/file`.
fn profile_with_floor(dir: &Path, file: &str, value: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("configs/fall-2023.toml")).unwrap();
    let text = text.replace(
        "[constraints]\n",
        &format!("[constraints]\ncoverage_floor = {value}\n"),
    );
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The line of `coverage_floor` in a file.
fn floor_line(path: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    1 + text
        .lines()
        .position(|l| l.starts_with("coverage_floor"))
        .unwrap()
}

#[test]
fn the_curve_starts_without_a_floor_and_ends_at_the_first_floor_that_cannot_be_met() {
    let v = json(&["fairness", "--format", "json"]);
    let curve = v["curve"].as_array().unwrap();
    assert!(curve[0]["floor"].is_null());
    assert_eq!(curve[0]["feasible"], true);
    assert_eq!(curve[0]["proven_optimal"], true);
    let mut last_total = f64::INFINITY;
    for p in curve.iter().filter(|p| p["feasible"] == true) {
        let total = p["total"].as_f64().unwrap();
        assert!(total <= last_total + 1e-9);
        // The bound is a total too (not one pair's score): the total itself when proven, and
        // never below it.
        let bound = p["bound"].as_f64().unwrap();
        if p["proven_optimal"] == true {
            assert!((bound - total).abs() < 1e-6, "bound {bound}, total {total}");
        } else {
            assert!(bound >= total - 1e-6, "bound {bound}, total {total}");
        }
        last_total = total;
        assert_eq!(p["matched"], curve[0]["matched"]);
        // Each group as a room stepping through the curve may see it: an exact count only
        // where the rule allows, the bound the group's size gives otherwise.
        for (name, g) in p["groups"].as_object().unwrap() {
            if g["suppressed"] == true {
                assert!(
                    g["eligible"].is_null() && g["mean_score"].is_null(),
                    "{name}: {g}"
                );
                continue;
            }
            let eligible = g["eligible"].as_u64().unwrap();
            assert!(eligible >= 5, "{name} is under k");
            let need = g["need"].as_u64().unwrap();
            match (g["matched"].as_u64(), g["matched_at_least"].as_u64()) {
                (Some(matched), None) => {
                    assert!(matched >= need, "{name} at {}", p["floor"]);
                    let share = g["share"].as_f64().unwrap();
                    assert!((share - matched as f64 / eligible as f64).abs() < 1e-12);
                }
                (None, Some(least)) => {
                    assert!(least <= eligible && g["share"].is_null(), "{name}: {g}");
                }
                other => panic!("{name}: either an exact count or a bound, not {other:?}"),
            }
        }
    }
    let last = curve.last().unwrap();
    if last["feasible"] == false {
        assert!(last["why"].as_str().unwrap().contains("cannot be met"));
    }
}

#[test]
fn match_meets_a_floor_and_refuses_one_out_of_range_or_on_a_pool_without_identities() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample_pool(dir.path());
    let fine = profile_with_floor(dir.path(), "floor.toml", "0.5");
    let v = json(&["match", "--profile", &fine, "--format", "json"]);
    assert!(!v["pairs"].as_array().unwrap().is_empty());
    // The floor's proof is part of the answer, in JSON and on the screen.
    let f = &v["coverage_floor"];
    assert_eq!(f["floor"], 0.5);
    let total: f64 = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["score"].as_f64().unwrap())
        .sum();
    assert!((f["total"].as_f64().unwrap() - total).abs() < 1e-6);
    assert!(f["bound"].as_f64().unwrap() >= total - 1e-6);
    let table = ok(&dyad_in(dir.path(), &["match", "--profile", &fine]));
    let said = if f["proven_optimal"] == true {
        "Coverage floor 50 % per group: proven optimal under the floor"
    } else {
        "Coverage floor 50 % per group: not proven optimal"
    };
    assert!(table.contains(said), "{table}");
    // The decision record states the same proof beside the rule.
    ok(&dyad_in(
        dir.path(),
        &[
            "report",
            "--data",
            ".",
            "--profile",
            &fine,
            "--out",
            "record.html",
        ],
    ));
    let record = std::fs::read_to_string(dir.path().join("record.html")).unwrap();
    let proof = if f["proven_optimal"] == true {
        "The matching is proven optimal under the floor."
    } else {
        "The matching is not proven optimal"
    };
    assert!(record.contains(proof), "no proof in the record");

    for wrong in ["1.5", "\"most\""] {
        let p = profile_with_floor(dir.path(), "wrong.toml", wrong);
        let err = bad(&dyad_in(dir.path(), &["match", "--profile", &p]));
        let at = format!("wrong.toml:{}:", floor_line(&p));
        assert!(err.contains(&at), "{err}");
        assert!(err.contains("constraints.coverage_floor"), "{err}");
    }

    // A pool whose mentees have no identities: the floor's line is named.
    let mentees = std::fs::read_to_string(dir.path().join("mentees.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(mentees.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "identities").unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for r in rows.records() {
        let r = r.unwrap();
        let cells: Vec<&str> = r
            .iter()
            .enumerate()
            .map(|(k, c)| if k == col { "" } else { c })
            .collect();
        w.write_record(cells).unwrap();
    }
    std::fs::write(dir.path().join("mentees.csv"), w.into_inner().unwrap()).unwrap();
    let err = bad(&dyad_in(
        dir.path(),
        &["match", "--data", ".", "--profile", &fine],
    ));
    assert!(
        err.contains(&format!("floor.toml:{}:", floor_line(&fine))),
        "{err}"
    );
    assert!(err.contains("no identities"), "{err}");
    let out = ok(&dyad_in(dir.path(), &["fairness", "--data", "."]));
    assert!(out.contains("no floor applies"), "{out}");
}

#[test]
fn under_maximin_the_curve_stops_at_the_first_floor_not_where_the_floor_would_start_to_bind() {
    // Maximin keeps no floor at all: the curve says so from the first floor, rather than at a
    // floor past those the unconstrained matching happens to meet.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("configs/fall-2023.toml")).unwrap();
    assert!(text.contains("kind = \"total\""));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("maximin.toml");
    std::fs::write(
        &path,
        text.replace("kind = \"total\"", "kind = \"maximin\""),
    )
    .unwrap();
    let v = json(&[
        "fairness",
        "--profile",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let curve = v["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 2, "{v}");
    assert!(curve[0]["floor"].is_null());
    assert_eq!(curve[1]["floor"], 0.01);
    assert_eq!(curve[1]["feasible"], false);
    assert!(curve[1]["why"].as_str().unwrap().contains("maximin"), "{v}");
}

#[test]
fn where_the_curve_ends_is_withheld_when_it_would_name_an_unmatched_mentees_group() {
    // On the sample 44 of 45 eligible mentees are matched, and URM's count shows as a bound
    // (">= 14 of 15"): "the floor 0.94 cannot be met: URM can have at most 14 matched" would
    // name the one listed unmatched mentee as URM.
    let m = json(&["match", "--format", "json"]);
    let unmatched =
        m["summary"]["eligible"].as_u64().unwrap() - m["summary"]["matched"].as_u64().unwrap();
    assert_eq!(unmatched, 1, "{}", m["summary"]);
    let v = json(&["fairness", "--format", "json"]);
    let curve = v["curve"].as_array().unwrap();
    let last = curve.last().unwrap();
    assert_eq!(last["shown"], false, "{last}");
    assert!(
        last["floor"].is_null() && last["feasible"].is_null(),
        "{last}"
    );
    let text = v.to_string();
    for name in ["urm", "img", "woman"] {
        assert!(!text.contains(&format!("group \\\"{name}\\\"")), "{text}");
    }
    assert!(!text.contains("cannot be met"), "{text}");
    let table = ok(&crate::run::dyad(&["fairness"]));
    assert!(table.contains("Higher floors are not shown"), "{table}");
    assert!(
        !table.contains("cannot be met") && !table.contains("From floor"),
        "{table}"
    );
}
