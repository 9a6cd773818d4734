//! The privacy reports of the real binary: the k-anonymity audit of `dyad check` (with
//! `--strict`, restricted ZIP3s and the k of the settings) and small-cell suppression of group
//! figures in `dyad match` and `dyad compare`, for tables and JSON.

use std::path::Path;
use std::process::Output;

use dyad::pool::files::{MENTEES, MENTORS};
use serde_json::Value;

use crate::run::{dyad, dyad_in};

const MENTEES_HEADER: &str = "id,zip3,specialty,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month,languages\n";
const MENTORS_HEADER: &str = "id,zip3,specialty,health_system,training_completed,identities,expertise,meeting_format,hours_per_month,capacity,languages\n";

/// Five mentees and five mentors, each five sharing every quasi-identifier; `zip3` of the first
/// mentee as given.
fn uniform_pool(dir: &Path, first_zip3: &str) {
    let mut mentees = MENTEES_HEADER.to_string();
    let mut mentors = MENTORS_HEADER.to_string();
    for i in 1..=5 {
        let zip3 = if i == 1 { first_zip3 } else { "021" };
        mentees.push_str(&format!(
            "ME-{i},{zip3},pediatrics,HS-01,2021,woman,,leadership,,either,2,english\n"
        ));
        mentors.push_str(&format!(
            "MR-{i},021,pediatrics,HS-02,2000,woman,leadership,either,2,1,english\n"
        ));
    }
    std::fs::write(dir.join(MENTEES), mentees).unwrap();
    std::fs::write(dir.join(MENTORS), mentors).unwrap();
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn strict_check_passes_a_k_anonymous_pool_and_fails_a_restricted_zip3() {
    let dir = tempfile::tempdir().unwrap();
    uniform_pool(dir.path(), "021");
    let out = dyad_in(dir.path(), &["check", "--data", ".", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("smallest class 5"), "{text}");
    assert!(
        text.contains("0 records in classes smaller than 5"),
        "{text}"
    );
    assert!(text.contains("20% at worst"), "{text}");

    uniform_pool(dir.path(), "036");
    let out = dyad_in(dir.path(), &["check", "--data", ".", "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 restricted ZIP3s"), "{err}");
    assert!(stdout(&out).contains("1 participants have a ZIP3 of an area under 20,000"));
}

#[test]
fn the_k_of_the_audit_comes_from_the_settings_unless_given() {
    let dir = tempfile::tempdir().unwrap();
    uniform_pool(dir.path(), "021");
    std::fs::create_dir(dir.path().join("configs")).unwrap();
    std::fs::write(
        dir.path().join("configs/dyad-settings.toml"),
        "[privacy]\nk_anonymity = 6\n",
    )
    .unwrap();
    let out = dyad_in(dir.path(), &["check", "--data", ".", "--strict"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stdout(&out).contains("k = 6"));
    let out = dyad_in(
        dir.path(),
        &["check", "--data", ".", "--strict", "--k", "5"],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = dyad_in(dir.path(), &["check", "--data", ".", "--k", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `dyad compare` of the two shipped profiles on the sample, as JSON.
fn pilot_to_fall() -> Value {
    let out = dyad(&[
        "compare",
        "configs/pilot-2023.toml",
        "configs/fall-2023.toml",
        "--format",
        "json",
    ]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn groups(json: &Value) -> &serde_json::Map<String, Value> {
    json["summary"]["groups"].as_object().unwrap()
}

#[test]
fn small_groups_are_suppressed_in_tables_and_json() {
    let out = dyad(&["match", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = groups(&json);
    let small: Vec<&String> = g
        .iter()
        .filter(|(_, v)| v["suppressed"] == true)
        .map(|(k, _)| k)
        .collect();
    assert!(!small.is_empty(), "the sample has a group under 5: {g:?}");
    for (name, v) in g {
        if v["suppressed"] == true {
            for f in ["eligible", "matched", "mean", "min"] {
                assert!(v[f].is_null(), "{name}.{f} shown: {v}");
            }
        } else {
            assert!(v["eligible"].as_u64().unwrap() >= 5, "{name}: {v}");
        }
    }

    let table = stdout(&dyad(&["match"]));
    let row = table
        .lines()
        .find(|l| l.starts_with(small[0].as_str()))
        .unwrap();
    assert_eq!(
        row.split_whitespace().filter(|c| *c == "<5").count(),
        4,
        "{row}"
    );

    let cmp = pilot_to_fall();
    let delta = &cmp["delta"]["groups"][small[0].as_str()];
    assert_eq!(delta["suppressed"], true, "{delta}");
    assert!(delta["mean"].is_null() && delta["matched"].is_null());
}

#[test]
fn a_small_cell_k_of_1_shows_every_group() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("configs")).unwrap();
    std::fs::write(
        dir.path().join("configs/dyad-settings.toml"),
        "[privacy]\nsmall_cell_k = 1\n",
    )
    .unwrap();
    let data = root.join("sample-data");
    let out = dyad_in(
        dir.path(),
        &[
            "match",
            "--data",
            data.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(groups(&json).values().all(|v| v["suppressed"] == false));
}

/// Each sample mentee's identity groups, by id (`none` for a mentee who lists none).
fn sample_groups() -> std::collections::HashMap<String, Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut r = csv::Reader::from_path(root.join("sample-data").join(MENTEES)).unwrap();
    let headers = r.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, identities) = (at("id"), at("identities"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let mut groups: Vec<String> = rec[identities]
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            if groups.is_empty() {
                groups.push("none".into());
            }
            (rec[id].to_string(), groups)
        })
        .collect()
}

/// Checks a summary's groups against the room rule worked out afresh from the pool's file and
/// the pairs and unmatched the same output lists: every count and its rest at least k, an exact
/// matched count only when the listed unmatched cannot be split by it, scores only over k or
/// more matched in the group and outside it, and no one's own score.
fn obeys_room_rule(groups: &serde_json::Map<String, Value>, pairs: &[Value], unmatched: &[Value]) {
    let k = 5;
    let of = sample_groups();
    let listed: Vec<&str> = unmatched
        .iter()
        .filter(|u| u["reason"] != "ineligible")
        .map(|u| u["mentee"].as_str().unwrap())
        .collect();
    let matched: Vec<&str> = pairs
        .iter()
        .map(|p| p["mentee"].as_str().unwrap())
        .collect();
    let in_group = |id: &str, g: &str| of[id].iter().any(|x| x == g);
    let (big_l, big_m) = (listed.len(), matched.len());
    for (name, row) in groups {
        assert!(
            row.get("min").is_none(),
            "{name}: a group's lowest score is one person's"
        );
        let u = listed.iter().filter(|i| in_group(i, name)).count();
        let m = matched.iter().filter(|i| in_group(i, name)).count();
        let e = u + m;
        if !row["eligible"].is_null() {
            assert_eq!(row["eligible"].as_u64(), Some(e as u64), "{name}");
            assert!(e >= k && big_l + big_m - e >= k, "{name}: {row}");
        }
        if let Some(n) = row["matched"].as_u64() {
            assert_eq!(n, m as u64, "{name}");
            assert!(big_l == 0 || (u >= k && big_l - u >= k), "{name}: {row}");
        }
        if let Some(n) = row["matched_at_least"].as_u64() {
            assert_eq!(
                n as usize,
                e.saturating_sub(big_l),
                "{name}: the bound the list gives"
            );
        }
        if !row["mean"].is_null() {
            assert!(m >= k && big_m - m >= k, "{name}: {row}");
            assert_eq!(row["lowest"]["n"], k, "{name}: {row}");
        }
    }
}

#[test]
fn match_and_compare_json_show_groups_as_a_shared_screen_does() {
    let mut means = 0;
    for profile in ["configs/fall-2023.toml", "configs/pilot-2023.toml"] {
        let out = dyad(&["match", "--profile", profile, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let (pairs, unmatched) = (
            json["pairs"].as_array().unwrap(),
            json["unmatched"].as_array().unwrap(),
        );
        obeys_room_rule(groups(&json), pairs, unmatched);
        means += groups(&json)
            .values()
            .filter(|g| g["mean"].is_number())
            .count();
        // A group's measures are figures over its pairs with its exact matched count: shown
        // only beside an exact count and a mean.
        for (name, m) in json["measures"]["groups"].as_object().unwrap() {
            let row = &groups(&json)[name];
            if m["suppressed"] == false {
                assert!(
                    row["matched"].is_number() && row["mean"].is_number(),
                    "{name}"
                );
            }
        }
    }
    assert!(means > 0, "the sample's large groups show their means");

    let fall = dyad(&["match", "--format", "json"]);
    let fall: Value = serde_json::from_slice(&fall.stdout).unwrap();
    let pilot = dyad(&[
        "match",
        "--profile",
        "configs/pilot-2023.toml",
        "--format",
        "json",
    ]);
    let pilot: Value = serde_json::from_slice(&pilot.stdout).unwrap();
    let cmp = pilot_to_fall();
    for (side, ev) in [("a", &pilot), ("b", &fall)] {
        let g = cmp[side]["groups"].as_object().unwrap();
        obeys_room_rule(
            g,
            ev["pairs"].as_array().unwrap(),
            ev["unmatched"].as_array().unwrap(),
        );
    }
    // The two profiles' eligibility differs, so A's counts beside B's would tell who changed.
    for (name, g) in cmp["a"]["groups"].as_object().unwrap() {
        assert!(
            g["eligible"].is_null() && g["matched"].is_null(),
            "{name}: {g}"
        );
    }
    for (name, d) in cmp["delta"]["groups"].as_object().unwrap() {
        let both = cmp["a"]["groups"][name]["mean"].is_number()
            && cmp["b"]["groups"][name]["mean"].is_number();
        assert_eq!(d["mean"].is_number(), both, "{name}: {d}");
    }
}
