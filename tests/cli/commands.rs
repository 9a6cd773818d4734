//! The real `dyad` binary on the sample data, on generated pools and on bad files.

use std::path::Path;

use serde_json::Value;

use crate::run::{bad, copy_sample_pool, dyad, dyad_in, json, ok, read, workspace};

/// A copy of the sample pool in a temporary folder, with one file replaced.
fn pool_with(file: &str, content: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_sample_pool(dir.path());
    std::fs::write(dir.path().join(file), content).unwrap();
    dir
}

/// `dyad match --data DIR --format json`: the matching of the pool in `dir`.
fn match_json_in(dir: &Path) -> Value {
    json(&["match", "--data", dir.to_str().unwrap(), "--format", "json"])
}

/// The one-line message of `dyad match --data DIR`, refused as bad input.
fn match_error_in(dir: &Path) -> String {
    bad(&dyad(&["match", "--data", dir.to_str().unwrap()]))
}

/// The different values of `key` ("mentee" or "mentor") in the pairs of a JSON matching.
fn distinct<'a>(pairs: &'a [Value], key: &str) -> Vec<&'a str> {
    let mut v: Vec<&str> = pairs.iter().map(|p| p[key].as_str().unwrap()).collect();
    v.sort();
    v.dedup();
    v
}

fn sample(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data")
            .join(file),
    )
    .unwrap()
}

/// The cells of the columns named `a` and `b` in each row of the sample's `file`.
fn sample_columns(file: &str, a: &str, b: &str) -> Vec<(String, String)> {
    let text = sample(file);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (a, b) = (col(a), col(b));
    r.records()
        .map(|row| {
            let row = row.unwrap();
            (row[a].to_string(), row[b].to_string())
        })
        .collect()
}

#[test]
fn match_json_has_the_documented_shape_and_a_valid_matching() {
    let v = json(&["match", "--format", "json"]);
    assert_eq!(v["profile"]["name"], "Fall 2023 program");
    let pairs = v["pairs"].as_array().unwrap();
    let summary = &v["summary"];
    assert_eq!(pairs.len() as u64, summary["matched"].as_u64().unwrap());
    assert_eq!(
        summary["eligible"].as_u64().unwrap(),
        summary["matched"].as_u64().unwrap() + summary["unmatched"].as_u64().unwrap()
    );
    assert_eq!(
        distinct(pairs, "mentee").len(),
        pairs.len(),
        "a mentee twice"
    );
    for p in pairs {
        let criteria = p["criteria"].as_object().unwrap();
        assert_eq!(criteria.len(), 10);
        let s = p["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&s));
        assert!(p["pinned"].is_boolean());
    }
    let total: f64 = pairs.iter().map(|p| p["score"].as_f64().unwrap()).sum();
    assert!((total - summary["total"].as_f64().unwrap()).abs() < 1e-6);
    for key in ["mean", "median", "min", "p10", "p90", "std"] {
        assert!(summary[key].is_number(), "{key}");
    }
    assert!(summary["groups"]["none"].is_object());
    let woman = &summary["groups"]["woman"];
    assert!(
        woman["eligible"].is_number() && woman["mean"].is_number(),
        "{woman}"
    );
    assert!(woman["matched"].is_number() || woman["matched_at_least"].is_number());
    for u in v["unmatched"].as_array().unwrap() {
        let r = u["reason"].as_str().unwrap();
        assert!(
            [
                "ineligible",
                "no-feasible-mentor",
                "capacity",
                "below-min-score"
            ]
            .contains(&r),
            "{r}"
        );
    }
}

#[test]
fn match_respects_mentor_capacity() {
    let v = json(&[
        "match",
        "--format",
        "json",
        "--profile",
        "configs/pilot-2023.toml",
    ]);
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(
        distinct(pairs, "mentor").len(),
        pairs.len(),
        "the pilot gives each mentor one mentee"
    );
}

#[test]
fn match_csv_and_table() {
    let csv = ok(&dyad(&["match", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "mentee");
    assert_eq!(header.len(), 15);
    assert!(reader.records().count() >= 40);
    let table = ok(&dyad(&["match"]));
    assert!(table.contains("Profile: Fall 2023 program"));
    assert!(table.contains("Summary"));
}

#[test]
fn the_shipped_profiles_give_visibly_different_matchings() {
    let v = json(&[
        "compare",
        "configs/pilot-2023.toml",
        "configs/fall-2023.toml",
        "--format",
        "json",
    ]);
    let changed = v["changed"].as_array().unwrap();
    assert!(changed.len() >= 8, "only {} changed pairs", changed.len());
    for c in changed {
        assert_ne!(c["old_mentor"], c["new_mentor"]);
    }
    // The fall rule widens eligibility, so some mentees are newly matched.
    assert!(!v["newly_matched"].as_array().unwrap().is_empty());
    let d = v["delta"]["matched"].as_i64().unwrap();
    assert_eq!(
        d,
        v["b"]["matched"].as_i64().unwrap() - v["a"]["matched"].as_i64().unwrap()
    );
    let table = ok(&dyad(&[
        "compare",
        "configs/pilot-2023.toml",
        "configs/fall-2023.toml",
    ]));
    assert!(table.contains("Changed pairs"));
}

#[test]
fn solve_on_the_scores_matrix_reproduces_the_matching_total() {
    let dir = tempfile::tempdir().unwrap();
    let scores = ok(&dyad(&["scores"]));
    let scores_path = dir.path().join("scores.csv");
    std::fs::write(&scores_path, &scores).unwrap();
    let mut cap = String::from("id,capacity\n");
    for (id, capacity) in sample_columns("mentors.csv", "id", "capacity") {
        cap.push_str(&format!("{id},{capacity}\n"));
    }
    let cap_path = dir.path().join("cap.csv");
    std::fs::write(&cap_path, cap).unwrap();
    let solved = json(&[
        "solve",
        "--scores",
        scores_path.to_str().unwrap(),
        "--capacity",
        cap_path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let matched = json(&["match", "--format", "json"]);
    let t1 = solved["total"].as_f64().unwrap();
    let t2 = matched["summary"]["total"].as_f64().unwrap();
    assert!((t1 - t2).abs() < 1e-6, "{t1} vs {t2}");
    assert_eq!(
        solved["assignment"].as_array().unwrap().len(),
        matched["pairs"].as_array().unwrap().len()
    );
    assert!(solved["solve_ms"].as_f64().unwrap() >= 0.0);
}

#[test]
fn scores_matrix_has_a_row_per_mentee_and_a_column_per_mentor() {
    let scores = ok(&dyad(&["scores"]));
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(scores.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let mentors = csv::Reader::from_reader(sample("mentors.csv").as_bytes())
        .records()
        .count();
    let mentees = csv::Reader::from_reader(sample("mentees.csv").as_bytes())
        .records()
        .count();
    assert_eq!(rows.len(), mentees + 1);
    assert_eq!(&rows[0][0], "");
    assert_eq!(rows[0].len(), mentors + 1);
    // Ineligible mentees and forbidden pairs are empty cells; others are scores 0-100.
    let empty = rows[1..]
        .iter()
        .flat_map(|r| r.iter().skip(1))
        .filter(|c| c.is_empty())
        .count();
    assert!(empty > 0);
    for c in rows[1..]
        .iter()
        .flat_map(|r| r.iter().skip(1))
        .filter(|c| !c.is_empty())
    {
        let x: f64 = c.parse().unwrap();
        assert!((0.0..=100.0).contains(&x));
    }
}

#[test]
fn check_validates_the_sample_and_reports_anonymity() {
    let out = ok(&dyad(&["check"]));
    assert!(out.contains("valid"));
    assert!(out.contains("smallest class"));
    assert!(out.contains("fall-2023.toml"));
    let strict = dyad(&["check", "--strict", "--k", "50"]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn generate_is_deterministic_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let generate = |mentees: &str, mentors: &str, seed: &str, out: &Path| {
        dyad(&[
            "generate",
            "--mentees",
            mentees,
            "--mentors",
            mentors,
            "--seed",
            seed,
            "--out",
            out.to_str().unwrap(),
        ])
    };
    for d in [&a, &b] {
        ok(&generate("60", "50", "7", d));
    }
    for f in ["mentees.csv", "mentors.csv"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap()
        );
    }
    let before = std::fs::read(a.join("mentees.csv")).unwrap();
    bad(&generate("20", "20", "8", &a));
    assert_eq!(std::fs::read(a.join("mentees.csv")).unwrap(), before);
    let v = match_json_in(&a);
    assert!(v["summary"]["matched"].as_u64().unwrap() > 10);
}

#[test]
fn outside_the_repository_the_built_in_copies_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyad_in(dir.path(), &["match", "--format", "json"]);
    let v: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(v["profile"]["name"], "Fall 2023 program");
    assert!(v["profile"]["file"].is_null());
    assert!(v["pairs"].as_array().unwrap().len() > 20);
}

#[test]
fn a_bad_zip3_names_file_line_column_and_value() {
    let text = sample("mentees.csv");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let zip_col = header.iter().position(|h| *h == "zip3").unwrap();
    let mut cells: Vec<String> = lines[3].split(',').map(String::from).collect();
    cells[zip_col] = "99x".into();
    lines[3] = cells.join(",");
    let dir = pool_with("mentees.csv", &(lines.join("\r\n") + "\r\n"));
    let err = match_error_in(dir.path());
    assert!(err.contains("mentees.csv:4:"), "{err}");
    assert!(err.contains(&format!(":4:{}:", zip_col + 1)), "{err}");
    assert!(err.contains("\"99x\""), "{err}");
    assert!(err.contains("zip3"), "{err}");
}

#[test]
fn bad_inputs_exit_2_with_a_one_line_message() {
    let dir = pool_with("mentors.csv", "");
    let err = match_error_in(dir.path());
    assert!(err.contains("mentors.csv"), "{err}");

    let missing = bad(&dyad(&["match", "--data", "no/such/folder"]));
    assert!(missing.contains("mentees.csv"), "{missing}");

    let pdir = tempfile::tempdir().unwrap();
    let p = pdir.path().join("bad.toml");
    std::fs::write(
        &p,
        "name = \"x\"\n[eligibility]\nmax_years_since_training = 5\nreference_year = 2023\n[weights]\ngoals = 2\n",
    )
    .unwrap();
    let err = bad(&dyad(&["match", "--profile", p.to_str().unwrap()]));
    assert!(err.contains("bad.toml:6:9"), "{err}");
    assert!(err.contains("weights.goals"), "{err}");

    let err = bad(&dyad(&["check", p.to_str().unwrap()]));
    assert!(err.contains("bad.toml:6"), "{err}");

    let usage = dyad(&["match", "--format", "xml"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn solve_reports_a_bad_cell_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.csv");
    std::fs::write(&p, ",A,B\nr1,1,2\nr2,3,oops\n").unwrap();
    let err = bad(&dyad(&["solve", "--scores", p.to_str().unwrap()]));
    assert!(err.contains("m.csv:3:3: B: found \"oops\""), "{err}");
    std::fs::write(&p, ",A,B\nr1,1,2\nr2,3,\n").unwrap();
    let v: Value = serde_json::from_str(&ok(&dyad(&[
        "solve",
        "--scores",
        p.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(v["total"].as_f64().unwrap(), 5.0);
}

#[test]
fn overrides_pin_and_ban_are_applied() {
    let base = json(&["match", "--format", "json"]);
    let first = &base["pairs"][0];
    let (mentee, mentor) = (
        first["mentee"].as_str().unwrap(),
        first["mentor"].as_str().unwrap(),
    );
    let dir = pool_with(
        "overrides.csv",
        &format!("mentee,mentor,action\n{mentee},{mentor},ban\n"),
    );
    let v = match_json_in(dir.path());
    for p in v["pairs"].as_array().unwrap() {
        assert!(
            !(p["mentee"] == mentee && p["mentor"] == mentor),
            "banned pair used"
        );
    }
    // Pin the second mentee to the first pair's mentor.
    let other = base["pairs"][1]["mentee"].as_str().unwrap();
    let dir = pool_with(
        "overrides.csv",
        &format!("mentee,mentor,action\n{other},{mentor},pin\n"),
    );
    let v = match_json_in(dir.path());
    let pinned: Vec<&Value> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["pinned"] == true)
        .collect();
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0]["mentee"], other);
    assert_eq!(pinned[0]["mentor"], mentor);

    let dir = pool_with("overrides.csv", "mentee,mentor,action\nME-999,MR-001,pin\n");
    let err = match_error_in(dir.path());
    assert!(err.contains("overrides.csv:2:1"), "{err}");
}

/// The first mentee of the sample who finished training in `years`.
fn mentee_trained_in(years: std::ops::RangeInclusive<i32>) -> String {
    sample_columns("mentees.csv", "id", "training_completed")
        .into_iter()
        .find(|(_, year)| years.contains(&year.parse::<i32>().unwrap()))
        .map(|(id, _)| id)
        .unwrap()
}

#[test]
fn check_rejects_what_match_rejects() {
    let w = workspace();
    let w = w.path();
    // A pin of a mentee eligible under the fall profile (5 years) but not under the pilot's (2).
    let mentee = mentee_trained_in(2018..=2020);
    std::fs::write(
        w.join("sample-data/overrides.csv"),
        format!("mentor,mentee,action\nMR-001,ME-001,ban\nMR-002,{mentee},pin\n"),
    )
    .unwrap();
    let m = bad(&dyad_in(
        w,
        &["match", "--profile", "configs/pilot-2023.toml"],
    ));
    assert!(
        m.contains(&format!(
            "sample-data/overrides.csv:3:2: mentee: found \"{mentee}\""
        )),
        "{m}"
    );
    let out = dyad_in(w, &["check", "configs/pilot-2023.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("pilot-2023.toml: invalid"), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "sample-data/overrides.csv:3:2: mentee: found \"{mentee}\""
        )),
        "{stderr}"
    );
    assert!(stderr.contains("configs/pilot-2023.toml"), "{stderr}");
    // The fall profile keeps that pin: check and match agree again.
    ok(&dyad_in(w, &["check", "configs/fall-2023.toml"]));
    ok(&dyad_in(
        w,
        &["match", "--profile", "configs/fall-2023.toml"],
    ));
    std::fs::remove_file(w.join("sample-data/overrides.csv")).unwrap();

    // A specialty in two families.
    let families = read(w, "configs/specialties.toml");
    let twice = families.replacen("[families]\n", "[families]\nextra = [\"pediatrics\"]\n", 1);
    assert_ne!(twice, families);
    std::fs::write(w.join("configs/specialties.toml"), twice).unwrap();
    let m = bad(&dyad_in(w, &["match"]));
    assert!(m.contains("configs/specialties.toml:"), "{m}");
    assert!(m.contains("at most one family"), "{m}");
    let out = dyad_in(w, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("at most one family"), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("configs/specialties.toml: invalid"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn toml_errors_read_in_plain_words_on_the_command_line() {
    let w = workspace();
    let w = w.path();
    let fall = read(w, "configs/fall-2023.toml");
    let cases = [
        (
            fall.replacen("proximity = 0.9", "proximity = \"high\"", 1),
            "weights.proximity: found \"high\", expected a number from 0 to 1",
        ),
        (
            fall.replacen(
                "max_years_since_training = 5",
                "max_years_since_training = 5.5",
                1,
            ),
            "eligibility.max_years_since_training: found \"5.5\", expected a whole number of years from 0 to 100",
        ),
        (
            String::new(),
            "p1.toml:1:1: the profile has no `name` (expected name = \"…\")",
        ),
        (
            fall.replacen("[weights]", "[weights", 1),
            "this is not valid TOML: ",
        ),
    ];
    for (text, says) in cases {
        std::fs::write(w.join("p1.toml"), &text).unwrap();
        let err = bad(&dyad_in(w, &["match", "--profile", "p1.toml"]));
        assert!(err.contains(says), "{err}");
        for internal in ["invalid type", "f64", "i64", "missing field", "`weights`"] {
            assert!(!err.contains(internal), "{err}");
        }
    }
    let err = bad(&dyad_in(
        w,
        &[
            "profiles",
            "configs/specialties.toml",
            "configs/fall-2023.toml",
        ],
    ));
    assert!(err.contains("configs/specialties.toml:"), "{err}");
    assert!(err.contains("this is not a profile"), "{err}");
    std::fs::write(
        w.join("configs/dyad-settings.toml"),
        "[privacy]\nsmall_cell_k = \"five\"\n",
    )
    .unwrap();
    let err = bad(&dyad_in(w, &["match"]));
    assert!(
        err.contains(
            "configs/dyad-settings.toml:2:16: privacy.small_cell_k: found \"five\", expected a whole number from 1 to 1000"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_named_in_plain_words() {
    for args in [
        &["match", "--profile", "no-such-profile.toml"][..],
        &["compare", "no-such-profile.toml", "configs/fall-2023.toml"],
        &["check", "no-such-profile.toml"],
    ] {
        let err = bad(&dyad(args));
        assert!(
            err.contains("no-such-profile.toml: there is no such file"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("os error"), "{args:?}: {err}");
    }
}

#[test]
fn without_a_terminal_dyad_says_so_instead_of_drawing() {
    // The test harness gives the binary pipes, not a terminal.
    let out = dyad(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no escape codes on stdout");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: no terminal: use `dyad match`"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err}");
}

#[test]
fn a_terminal_ui_option_without_tui_gets_a_hint() {
    let out = dyad(&["--profile", "configs/pilot-2023.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dyad tui --profile configs/pilot-2023.toml"),
        "{err}"
    );
}

#[test]
fn the_theme_is_dark_or_light_and_a_bad_one_is_refused() {
    let out = dyad(&["tui", "--theme", "sepia"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'sepia'"), "{err}");
    assert!(err.contains("[possible values: dark, light]"), "{err}");
    // A good one gets as far as needing a terminal.
    let out = dyad(&["tui", "--theme", "light"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: no terminal"), "{err}");

    let dir = workspace();
    let settings = dir.path().join("configs/dyad-settings.toml");
    std::fs::write(&settings, "[display]\ntheme = \"light\"\n").unwrap();
    ok(&dyad_in(dir.path(), &["match"]));
    std::fs::write(&settings, "[display]\ntheme = \"sepia\"\n").unwrap();
    let err = bad(&dyad_in(dir.path(), &["match"]));
    assert!(
        err.contains(
            "dyad-settings.toml:2:9: display.theme: found \"sepia\", expected \"dark\" or \"light\""
        ),
        "{err}"
    );
}
