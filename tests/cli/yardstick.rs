//! `dyad compare` on one yardstick and its weight-free measures, checked against an independent
//! haversine over the shipped ZIP3 centroids; idle mentors in `match`.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::run::{dyad, json, ok};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `column` of every row of a CSV file under the repository, by `id`.
fn column(file: &str, name: &str) -> HashMap<String, String> {
    let mut r = csv::Reader::from_path(format!("{ROOT}/{file}")).unwrap();
    let h = r.headers().unwrap().clone();
    let (id, col) = (
        h.iter().position(|c| c == "id").unwrap(),
        h.iter().position(|c| c == name).unwrap(),
    );
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[id].to_string(), rec[col].trim().to_string())
        })
        .collect()
}

fn centroids() -> HashMap<String, (f64, f64)> {
    let text = std::fs::read_to_string(format!("{ROOT}/data/zip3-centroids.csv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("zip3"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].to_string(),
                (f[1].parse().unwrap(), f[2].parse().unwrap()),
            )
        })
        .collect()
}

/// Great-circle distance on a sphere of mean Earth radius, written here from the formula.
fn km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let r = 6371.0088_f64;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let a = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * r * a.sqrt().asin()
}

fn pairs_km(profile: &str) -> Vec<f64> {
    let me = column("sample-data/mentees.csv", "zip3");
    let mr = column("sample-data/mentors.csv", "zip3");
    let c = centroids();
    let v = json(&["match", "--profile", profile, "--format", "json"]);
    v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| {
            let a = c.get(&me[p["mentee"].as_str().unwrap()])?;
            let b = c.get(&mr[p["mentor"].as_str().unwrap()])?;
            Some(km(*a, *b))
        })
        .collect()
}

fn close(json: &Value, expected: f64) {
    let got = json.as_f64().unwrap();
    assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
}

#[test]
fn compare_measures_reproduce_an_independent_haversine() {
    let v = json(&[
        "compare",
        "configs/pilot-2023.toml",
        "configs/fall-2023.toml",
        "--format",
        "json",
    ]);
    assert_eq!(v["yardstick"]["side"], "b");
    assert_eq!(v["yardstick"]["name"], "Fall 2023 program");
    for (side, profile) in [
        ("a", "configs/pilot-2023.toml"),
        ("b", "configs/fall-2023.toml"),
    ] {
        let mut d = pairs_km(profile);
        d.sort_by(f64::total_cmp);
        let m = &v["measures"][side];
        close(&m["km_mean"], d.iter().sum::<f64>() / d.len() as f64);
        let n = d.len();
        let median = if n % 2 == 1 {
            d[n / 2]
        } else {
            (d[n / 2 - 1] + d[n / 2]) / 2.0
        };
        close(&m["km_median"], median);
        // Fall's in-person limit (60 km) is the yardstick's for both sides.
        let within =
            d.iter().filter(|x| **x <= 60.0).count() as f64 / m["matched"].as_f64().unwrap();
        close(&m["within_in_person_km"], within);
    }
    // The fall pairs are closer, and the proximity criterion under one yardstick says so too.
    let (a, b) = (
        &v["measures"]["a"]["km_mean"],
        &v["measures"]["b"]["km_mean"],
    );
    assert!(b.as_f64() < a.as_f64());
    assert!(v["delta"]["criteria_mean"]["proximity"].as_f64().unwrap() > 0.0);
    // On A's yardstick the pilot has no in-person limit: null.
    let va = json(&[
        "compare",
        "configs/pilot-2023.toml",
        "configs/fall-2023.toml",
        "--yardstick",
        "a",
        "--format",
        "json",
    ]);
    assert_eq!(va["yardstick"]["side"], "a");
    assert!(va["measures"]["b"]["within_in_person_km"].is_null());
    let table = ok(&dyad(&[
        "compare",
        "configs/pilot-2023.toml",
        "configs/fall-2023.toml",
    ]));
    assert!(
        table.contains("Yardstick: B (Fall 2023 program)"),
        "{table}"
    );
    let help = ok(&dyad(&["compare", "--help"]));
    assert!(help.contains("--yardstick"), "{help}");
}

#[test]
fn idle_mentors_are_those_without_a_pair() {
    let v = json(&["match", "--format", "json"]);
    let used: HashSet<&str> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["mentor"].as_str().unwrap())
        .collect();
    let mentors = column("sample-data/mentors.csv", "capacity");
    let idle = v["idle_mentors"].as_array().unwrap();
    assert_eq!(idle.len(), mentors.len() - used.len());
    assert_eq!(
        v["measures"]["mentors_idle"].as_u64().unwrap() as usize,
        idle.len()
    );
    for i in idle {
        let id = i["mentor"].as_str().unwrap();
        assert!(!used.contains(id), "{id} has a mentee");
        assert_eq!(i["capacity"].as_u64().unwrap().to_string(), mentors[id]);
    }
    let table = ok(&dyad(&["match"]));
    assert!(
        table.contains(&format!("Mentors without a mentee ({})", idle.len())),
        "{table}"
    );
}
