//! The real `dyad` binary running the decision-support subcommands on the sample data:
//! sensitivity, explain, council, profiles and export.

use std::path::Path;

use serde_json::Value;

use crate::run::{bad, dyad, json, ok};

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

const MEMBERS: [&str; 4] = [
    "configs/members/early-career.toml",
    "configs/members/img.toml",
    "configs/members/senior-physicians.toml",
    "configs/members/women-physicians.toml",
];

#[test]
fn sensitivity_json_has_a_range_per_criterion_around_its_weight() {
    let v = json(&["sensitivity", "--format", "json"]);
    let criteria = v["criteria"].as_object().unwrap();
    assert_eq!(criteria.len(), 10);
    let fall = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/fall-2023.toml"),
    )
    .unwrap();
    let mut some_change = false;
    for (key, c) in criteria {
        let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "changes_high",
                "changes_low",
                "stable_high",
                "stable_low",
                "weight"
            ]
        );
        let (w, lo, hi) = (f(&c["weight"]), f(&c["stable_low"]), f(&c["stable_high"]));
        assert!(fall.contains(&format!("{key} = {w}")), "{key} = {w}");
        assert!((0.0..=w).contains(&lo) && (w..=1.0).contains(&hi), "{key}");
        // A range that stops short of 0 or 1 ends where some pair changes.
        assert_eq!(
            lo > 0.0,
            !c["changes_low"].as_array().unwrap().is_empty(),
            "{key}"
        );
        assert_eq!(
            hi < 1.0,
            !c["changes_high"].as_array().unwrap().is_empty(),
            "{key}"
        );
        for ch in c["changes_low"]
            .as_array()
            .unwrap()
            .iter()
            .chain(c["changes_high"].as_array().unwrap())
        {
            some_change = true;
            assert!(ch["mentee"].as_str().unwrap().starts_with("ME-"));
            assert_ne!(ch["old_mentor"], ch["new_mentor"]);
        }
    }
    assert!(
        some_change,
        "the sample is meant to have tension between criteria"
    );
    let influence = v["influence"].as_object().unwrap();
    assert_eq!(influence.len(), 10);
    for (key, i) in influence {
        let swing = i["swing"].as_u64().unwrap();
        let (z, o) = (&i["at_0"], &i["at_1"]);
        assert_eq!(f(&z["weight"]), 0.0);
        assert_eq!(f(&o["weight"]), 1.0);
        assert_eq!(
            swing,
            z["changed"].as_u64().unwrap() + o["changed"].as_u64().unwrap(),
            "{key}"
        );
        // A criterion stable all the way to 0 changes nothing at 0.
        if f(&criteria[key]["stable_low"]) == 0.0 {
            assert_eq!(z["changed"].as_u64(), Some(0), "{key}");
        }
    }
    let table = ok(&dyad(&["sensitivity"]));
    assert!(table.contains("Most fragile:"));
    assert!(table.contains("Influence"));
}

#[test]
fn explain_an_unmatched_mentee_names_blockers_and_a_verified_fix() {
    let v = json(&["explain", "ME-017", "--format", "json"]);
    assert_eq!(v["status"], "unmatched");
    assert_eq!(v["reason"], "no-feasible-mentor");
    let mentors = v["mentors"].as_array().unwrap();
    assert_eq!(mentors.len(), 36);
    for m in mentors {
        let kinds: Vec<&str> = m["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"in-person-distance"), "{m}");
    }
    let fix = &v["suggestions"][0];
    assert_eq!(fix["kind"], "in-person-distance");
    assert_eq!(fix["text"], "in-person distance 60 -> 62 km");
    assert_eq!(fix["mentor"], "MR-004");

    // Applying the fix: a copy of the profile with the limit raised matches ME-017 to MR-004.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("configs/fall-2023.toml"),
    )
    .unwrap()
    .replace("in_person_max_km = 60 ", "in_person_max_km = 62 ");
    let relaxed = dir.path().join("relaxed.toml");
    std::fs::write(&relaxed, text).unwrap();
    let m = json(&[
        "match",
        "--profile",
        relaxed.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let pair = m["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["mentee"] == "ME-017")
        .expect("ME-017 matched under the relaxed profile");
    assert_eq!(pair["mentor"], "MR-004");

    let table = ok(&dyad(&["explain", "me-017"]));
    assert!(table.contains("Smallest fix: in-person distance 60 -> 62 km"));
}

#[test]
fn explain_a_matched_mentee_breaks_the_score_down() {
    let v = json(&["explain", "ME-012", "--format", "json"]);
    assert_eq!(v["status"], "matched");
    let points: f64 = v["breakdown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| f(&b["points"]))
        .sum();
    assert!((points - f(&v["score"])).abs() < 1e-6);
    assert_eq!(v["alternatives"].as_array().unwrap().len(), 5);
    let ineligible = json(&["explain", "ME-001", "--format", "json"]);
    assert_eq!(ineligible["reason"], "ineligible");
    assert_eq!(ineligible["suggestions"][0]["kind"], "eligibility");
    let e = bad(&dyad(&["explain", "ME-999"]));
    assert!(e.contains("ME-999"), "{e}");
}

#[test]
fn council_json_figures_are_consistent_and_the_consensus_saves_once() {
    let mut args = vec!["council"];
    args.extend(MEMBERS);
    args.extend(["--format", "json"]);
    let v = json(&args);
    let members = v["members"].as_array().unwrap();
    assert_eq!(members.len(), 4);
    let agreement = &v["agreement"];
    let considered = agreement["considered"].as_u64().unwrap();
    assert_eq!(
        considered,
        agreement["agreed"].as_u64().unwrap() + agreement["disagreed"].as_u64().unwrap()
    );
    assert_eq!(
        agreement["disagreed"].as_u64().unwrap() as usize,
        agreement["disagreements"].as_array().unwrap().len()
    );
    for (key, s) in v["spread"].as_object().unwrap() {
        let mut ws: Vec<f64> = members.iter().map(|m| f(&m["weights"][key])).collect();
        ws.sort_by(f64::total_cmp);
        assert_eq!(f(&s["min"]), ws[0]);
        assert_eq!(f(&s["max"]), ws[3]);
        assert!((f(&s["median"]) - (ws[1] + ws[2]) / 2.0).abs() < 1e-12);
        assert_eq!(f(&v["consensus"]["weights"][key]), f(&s["median"]));
    }
    for m in members {
        let d = &m["distance"];
        assert_eq!(
            d["changed"].as_u64().unwrap() as usize,
            d["changes"].as_array().unwrap().len()
        );
        // The consensus can only cost a member by their own yardstick (total objective).
        if m["settings"]["objective"] == "total"
            && m["settings"]["max_years_since_training"]
                == v["consensus"]["settings"]["max_years_since_training"]
        {
            let own_total = f(&d["own_mean"]) * m["matched"].as_f64().unwrap();
            let cons_total = f(&d["consensus_mean"]) * v["consensus"]["matched"].as_f64().unwrap();
            assert!(cons_total <= own_total + 1e-6, "{}", m["label"]);
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("consensus.toml");
    let mut args: Vec<&str> = vec!["council"];
    args.extend(MEMBERS);
    args.extend(["--save-consensus", out.to_str().unwrap()]);
    let table = ok(&dyad(&args));
    assert!(table.contains("Saved the consensus profile"));
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(saved.contains("name = \"Council consensus\""));
    assert!(saved.contains("saved = "));
    // The saved profile is valid and gives the consensus matching.
    let m = json(&[
        "match",
        "--profile",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(m["summary"]["matched"], v["consensus"]["matched"]);
    // Never replaced.
    bad(&dyad(&args));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), saved);
}

#[test]
fn profiles_matrix_is_symmetric_with_tau_one_on_the_diagonal() {
    let v = json(&["profiles", "configs", "configs/members", "--format", "json"]);
    let n = v["profiles"].as_array().unwrap().len();
    assert_eq!(n, 6);
    for a in 0..n {
        assert_eq!(v["changed"][a][a], 0);
        assert_eq!(f(&v["tau"][a][a]), 1.0);
        for b in 0..n {
            assert_eq!(v["changed"][a][b], v["changed"][b][a]);
            assert_eq!(v["tau"][a][b], v["tau"][b][a]);
            let t = f(&v["tau"][a][b]);
            assert!((-1.0..=1.0).contains(&t));
        }
    }
    // The matrix agrees with `dyad compare` on the shipped pair.
    let labels: Vec<&str> = v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    let (fall, pilot) = (
        labels.iter().position(|l| *l == "fall-2023").unwrap(),
        labels.iter().position(|l| *l == "pilot-2023").unwrap(),
    );
    let c = json(&[
        "compare",
        "configs/fall-2023.toml",
        "configs/pilot-2023.toml",
        "--format",
        "json",
    ]);
    let differing = c["changed"].as_array().unwrap().len()
        + c["newly_matched"].as_array().unwrap().len()
        + c["newly_unmatched"].as_array().unwrap().len();
    assert_eq!(
        v["changed"][fall][pilot].as_u64().unwrap() as usize,
        differing
    );
    let table = ok(&dyad(&["profiles"]));
    assert!(table.contains("Kendall's tau-b"));
    bad(&dyad(&["profiles", "configs/fall-2023.toml"]));
}

#[test]
fn export_writes_a_mail_merge_csv_and_a_report_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("pairs.csv");
    let md_path = dir.path().join("report.md");
    let args = [
        "export",
        "--profile",
        "configs/fall-2023.toml",
        "--out",
        csv_path.to_str().unwrap(),
        "--report",
        md_path.to_str().unwrap(),
    ];
    ok(&dyad(&args));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "mentee", "mentor", "score", "reason_1", "reason_2", "reason_3"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let m = json(&["match", "--format", "json"]);
    let pairs = m["pairs"].as_array().unwrap();
    assert_eq!(rows.len(), pairs.len());
    // Reasons are in words: a distance, a count, or a fact about the pair.
    let words = [
        " km apart",
        "covers ",
        "same specialty",
        "shares ",
        "outside the mentee's health system",
        "compatible meeting format",
        "offers the hours",
        "senior enough",
    ];
    let reason = |cell: &str| cell.is_empty() || words.iter().any(|w| cell.contains(w));
    for (row, pair) in rows.iter().zip(pairs) {
        assert_eq!(&row[0], pair["mentee"].as_str().unwrap());
        assert_eq!(&row[1], pair["mentor"].as_str().unwrap());
        let score: f64 = row[2].parse().unwrap();
        assert!((score - f(&pair["score"])).abs() <= 0.05 + 1e-9);
        assert!(!row[3].is_empty(), "{row:?}");
        assert!((3..6).all(|i| reason(&row[i])), "{row:?}");
    }
    let report = std::fs::read_to_string(&md_path).unwrap();
    assert!(report.starts_with("# Final match: Fall 2023 program"));
    assert!(report.contains("| Geographic proximity | 0.90"));
    assert!(
        report.contains("<5"),
        "the sample has a group smaller than 5"
    );
    assert!(!report.contains("ME-0"), "the report names no participant");
    // Exists: refused, untouched; --force replaces.
    std::fs::write(&md_path, "keep").unwrap();
    let e = bad(&dyad(&args));
    assert!(e.contains("--force"), "{e}");
    assert_eq!(std::fs::read_to_string(&md_path).unwrap(), "keep");
    let mut forced = args.to_vec();
    forced.push("--force");
    ok(&dyad(&forced));
    assert!(
        std::fs::read_to_string(&md_path)
            .unwrap()
            .starts_with("# Final match")
    );
}

#[test]
fn a_member_given_twice_is_refused_not_counted_twice() {
    for dup in [
        "configs/members/img.toml",
        "configs/members/../members/img.toml",
        "./configs/members/img.toml",
    ] {
        let err = bad(&dyad(&["council", "configs/members/img.toml", dup]));
        assert!(
            err.contains(&format!("{dup}: this file is given twice")),
            "{err}"
        );
        assert!(err.contains("first as configs/members/img.toml"), "{err}");
    }
    let mut args = vec!["council"];
    args.extend(MEMBERS);
    args.push(MEMBERS[0]);
    let err = bad(&dyad(&args));
    assert!(err.contains("given twice"), "{err}");
}

#[test]
fn saving_the_consensus_into_a_missing_folder_names_the_target_not_a_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nodir").join("c.toml");
    let mut args = vec!["council"];
    args.extend(&MEMBERS[..2]);
    args.extend(["--save-consensus", target.to_str().unwrap()]);
    let err = bad(&dyad(&args));
    assert!(
        err.contains(&format!("{}: there is no folder", target.display())),
        "{err}"
    );
    assert!(!err.contains(".dyad-tmp"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert!(!dir.path().join("nodir").exists());
}

#[test]
fn profiles_given_a_file_that_is_not_a_profile_says_so() {
    let err = bad(&dyad(&[
        "profiles",
        "configs/specialties.toml",
        "configs/fall-2023.toml",
    ]));
    assert!(
        err.contains("configs/specialties.toml:")
            && err.contains("this is not a profile but specialty families"),
        "{err}"
    );
    let err = bad(&dyad(&[
        "profiles",
        "configs/fall-2023.toml",
        "configs/dyad-settings.toml",
    ]));
    assert!(
        err.contains("this is not a profile but dyad's settings"),
        "{err}"
    );
}

#[test]
fn a_folder_stands_for_its_members_profiles() {
    let by_folder = json(&["council", "configs/members", "--format", "json"]);
    let by_files = json(&[
        "council",
        "configs/members/early-career.toml",
        "configs/members/img.toml",
        "configs/members/senior-physicians.toml",
        "configs/members/women-physicians.toml",
        "--format",
        "json",
    ]);
    assert_eq!(by_folder, by_files);
    let err = bad(&dyad(&["council", "configs/fall-2023.toml"]));
    assert!(err.contains("this gives one profile"), "{err}");
}
