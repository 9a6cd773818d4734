//! `dyad evidence` and `dyad robustness` as a user runs them: the sample survey out of the box,
//! errors of the outcomes file with file, line and column (never an answer's value), and kept
//! shares against an independent Monte Carlo of `dyad match` runs.

use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use dyad::pool::files::OUTCOMES;

use crate::run::{bad, copy_sample_pool, dyad, dyad_in, json, ok};

#[test]
fn the_sample_survey_is_found_and_reported_as_json() {
    let v = json(&["evidence", "--format", "json"]);
    assert_eq!(v["pairs"], 33);
    assert_eq!(v["responded"], 25);
    let prox = &v["outcomes"]["satisfaction"]["criteria"]["proximity"];
    assert_eq!(prox["verdict"], "supports a higher weight");
    let ci = prox["ci"].as_array().unwrap();
    assert!(ci[0].as_f64().unwrap() > 0.0);
    assert!(prox["n"].as_u64().unwrap() >= 8);
    // The same seed gives the same figures; another seed other intervals.
    assert_eq!(v, json(&["evidence", "--format", "json"]));
    let other = json(&["evidence", "--format", "json", "--seed", "9"]);
    assert_ne!(
        other["outcomes"]["satisfaction"]["criteria"]["proximity"]["ci"],
        prox["ci"]
    );
    let text = ok(&dyad(&["evidence"]));
    assert!(text.contains("Responded: 25 of 33 pairs"), "{text}");
    assert!(text.contains("bootstrap percentile"), "{text}");
}

/// Runs `dyad evidence --outcomes FILE` on the sample pool with `csv` as the file.
fn evidence_on(csv: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("survey.csv");
    std::fs::write(&f, csv).unwrap();
    let out = dyad(&["evidence", "--outcomes", f.to_str().unwrap()]);
    (dir, out)
}

#[test]
fn outcomes_file_errors_name_file_line_and_column() {
    let cases = [
        // (file, expected position, words expected in the message)
        (
            "mentee,mentor,sat\nME-002,MR-015,4\nME-999,MR-015,3\n",
            ":3:1:",
            "mentee in mentees.csv",
        ),
        (
            "mentee,mentor,sat\nME-002,MR-015,4\nME-002,MR-999,3\n",
            ":3:2:",
            "mentor in mentors.csv",
        ),
        (
            "mentee,mentor,sat\nME-002,MR-015,4\nME-004,MR-004,5\nME-002,MR-015,3\n",
            ":4:1:",
            "line 2",
        ),
        (
            "mentee,mentor,sat\nME-002,MR-015,4\nME-004,MR-004,yes\n",
            ":3:3:",
            "like line 2",
        ),
        (
            "mentee,mentor,sat,met\nME-002,MR-015,4,\nME-004,MR-004,5,\n",
            ":1:4:",
            "at least one answer",
        ),
        (
            "mentee,mentor,sat\nME-002,MR-015,secret remark\n",
            ":2:3:",
            "a number from -1000000000 to 1000000000, yes or no",
        ),
        // Beyond any rating or count: means over such answers would not be finite.
        (
            "mentee,mentor,sat\nME-002,MR-015,4\nME-004,MR-004,1e308\n",
            ":3:3:",
            "to 1000000000",
        ),
        // A second mentee column is a repeat, not an outcome.
        (
            "mentee,mentor,sat,Mentee\nME-002,MR-015,4,ME-002\n",
            ":1:4:",
            "each column once (column 1 has this name too)",
        ),
        (
            "mentee,mentor\nME-002,MR-015\n",
            ":1:3:",
            "at least one outcome column",
        ),
        (
            "mentee,mentor,sat,SAT\nME-002,MR-015,4,5\n",
            ":1:4:",
            "each column once",
        ),
        ("mentee,sat\nME-002,4\n", ":1:", "a column named mentor"),
        (
            "mentee,mentor,sat\nME-002,MR-015,4,5\n",
            ":2:",
            "fields as in the header",
        ),
    ];
    for (csv, pos, words) in cases {
        let (_dir, out) = evidence_on(csv);
        let err = bad(&out);
        assert!(err.contains("survey.csv"), "{csv}: {err}");
        assert!(err.contains(pos), "{csv}: {pos} in {err}");
        assert!(err.contains(words), "{csv}: {words} in {err}");
        // Never an answer's value.
        assert!(!err.contains("secret"), "{err}");
        assert!(!err.contains("\"yes\""), "{err}");
    }
}

#[test]
fn a_missing_survey_beside_a_pool_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_sample_pool(dir.path());
    let err = bad(&dyad(&["evidence", "--data", dir.path().to_str().unwrap()]));
    assert!(err.contains("outcomes.csv"), "{err}");
    // With outcomes.csv beside the pool, it is read.
    std::fs::copy(
        root.join("sample-data/outcomes-pilot-2023.csv"),
        dir.path().join(OUTCOMES),
    )
    .unwrap();
    let text = ok(&dyad(&["evidence", "--data", dir.path().to_str().unwrap()]));
    assert!(text.contains("outcomes.csv"), "{text}");
}

/// The fall profile's text with other weights.
fn with_weights(profile: &str, weights: &[(&str, f64)]) -> String {
    let mut in_weights = false;
    profile
        .lines()
        .map(|line| {
            if line.starts_with('[') {
                in_weights = line.starts_with("[weights]");
            }
            let key = line.split('=').next().unwrap_or("").trim();
            match weights.iter().find(|(k, _)| in_weights && *k == key) {
                Some((k, w)) => format!("{k} = {w}"),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn robustness_agrees_with_an_independent_monte_carlo_of_dyad_match() {
    const SPREAD: f64 = 0.25;
    const DRAWS: usize = 50;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("configs/fall-2023.toml")).unwrap();
    let v = json(&[
        "robustness",
        "--spread",
        "0.25",
        "--samples",
        "1000",
        "--seed",
        "3",
        "--format",
        "json",
    ]);
    let base = json(&["match", "--format", "json"]);
    let base_pairs: Vec<(String, String)> = base["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["mentee"].as_str().unwrap().into(),
                p["mentor"].as_str().unwrap().into(),
            )
        })
        .collect();
    let lib: Vec<(String, String, f64)> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["mentee"].as_str().unwrap().into(),
                p["mentor"].as_str().unwrap().into(),
                p["kept"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lib.iter()
            .map(|(a, b, _)| (a.clone(), b.clone()))
            .collect::<Vec<_>>(),
        base_pairs,
        "robustness reports every pair of the profile's matching"
    );
    // Independent draws (another generator seed), each weight uniform within ±SPREAD clamped
    // to [0, 1], each solved by `dyad match` from a profile file.
    let keys = [
        "proximity",
        "goals",
        "challenges",
        "specialty",
        "shared_identity",
        "outside_system",
        "format",
        "availability",
        "language",
        "seniority",
    ];
    let table: toml::Table = text.parse().unwrap();
    let w0: Vec<f64> = keys
        .iter()
        .map(|k| table["weights"][*k].as_float().unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(0xdead_beef);
    let mut kept = vec![0usize; base_pairs.len()];
    for _ in 0..DRAWS {
        let weights: Vec<(&str, f64)> = keys
            .iter()
            .zip(&w0)
            .map(|(k, w)| {
                let (lo, hi) = ((w - SPREAD).max(0.0), (w + SPREAD).min(1.0));
                (*k, lo + (hi - lo) * rng.random::<f64>())
            })
            .collect();
        let f = dir.path().join("draw.toml");
        std::fs::write(&f, with_weights(&text, &weights)).unwrap();
        let m: serde_json::Value = serde_json::from_str(&ok(&dyad_in(
            root,
            &[
                "match",
                "--profile",
                f.to_str().unwrap(),
                "--format",
                "json",
            ],
        )))
        .unwrap();
        for (k, (me, mr)) in base_pairs.iter().enumerate() {
            kept[k] +=
                usize::from(
                    m["pairs"].as_array().unwrap().iter().any(|p| {
                        p["mentee"].as_str() == Some(me) && p["mentor"].as_str() == Some(mr)
                    }),
                );
        }
    }
    // Each share is a mean of Bernoulli draws: the difference of the two estimates has standard
    // error sqrt(p(1-p)/50 + p(1-p)/1000) <= 0.073. Every pair must agree within 0.1 plus three
    // such errors at its own p (a false alarm about once in 700 pairs), and the mean share over
    // all pairs, whose error is far smaller, within 0.1 outright.
    let mut moved = 0;
    for (k, (me, mr, lib_kept)) in lib.iter().enumerate() {
        let mc = kept[k] as f64 / DRAWS as f64;
        let p = 0.5 * (mc + lib_kept);
        let se = (p * (1.0 - p) * (1.0 / DRAWS as f64 + 1.0 / 1000.0)).sqrt();
        assert!(
            (mc - lib_kept).abs() <= 0.1 + 3.0 * se,
            "{me}-{mr}: {lib_kept} vs {mc}"
        );
        moved += usize::from(*lib_kept < 0.95);
    }
    let mean = |v: Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    let lib_mean = mean(lib.iter().map(|x| x.2).collect());
    let mc_mean = mean(kept.iter().map(|&k| k as f64 / DRAWS as f64).collect());
    assert!((lib_mean - mc_mean).abs() <= 0.1, "{lib_mean} vs {mc_mean}");
    assert!(
        moved > 0,
        "the spread moves some pairs, so the comparison means something"
    );
}

#[test]
fn five_answers_show_no_interval_and_a_survey_past_the_row_limit_is_refused() {
    let mut csv = String::from("mentee,mentor,satisfaction\n");
    for (i, s) in [
        "ME-001,MR-001",
        "ME-002,MR-002",
        "ME-003,MR-003",
        "ME-004,MR-004",
        "ME-005,MR-005",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("{s},{}\n", 1 + i % 5));
    }
    let (_dir, out) = evidence_on(&csv);
    let text = ok(&out);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("proximity"))
        .unwrap();
    assert!(row.contains("too few answers"), "{row}");
    assert!(
        !row.contains('['),
        "an interval beside too few answers: {row}"
    );
    assert!(
        text.contains("Only 5 pairs answered satisfaction"),
        "{text}"
    );

    let limit = dyad::pool::MAX_SURVEY_PAIRS;
    let mut big = String::from("mentee,mentor,satisfaction\n");
    for _ in 0..=limit {
        big.push_str("ME-001,MR-001,4\n");
    }
    let (_dir, out) = evidence_on(&big);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("at most {limit} pairs")), "{err}");
    assert!(err.contains(&format!("survey.csv:{}:", limit + 2)), "{err}");
}
