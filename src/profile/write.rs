//! Writing a profile: [`Profile`] to TOML, file names for profile names, and the profiles of a
//! folder.

use std::path::{Path, PathBuf};

use crate::criteria::CRITERIA;
use crate::error::Error;

use super::*;

/// A TOML string literal.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A number as TOML writes it, without noise such as 0.30000000000000004.
fn toml_num(x: f64) -> String {
    let rounded = (x * 1e6).round() / 1e6;
    if rounded.fract() == 0.0 {
        format!("{rounded:.1}")
    } else {
        format!("{rounded}")
    }
}

/// The TOML text of a profile. `saved` is written as given (the time of saving). Only the
/// profile's own settings are written: never anything from the participant pool.
pub fn to_toml(p: &Profile) -> String {
    let mut out = String::new();
    out.push_str(&format!("name = {}\n", toml_str(&p.name)));
    out.push_str(&format!("description = {}\n", toml_str(&p.description)));
    if let Some(saved) = &p.saved {
        out.push_str(&format!("saved = {saved}\n"));
    }
    out.push_str("\n[eligibility]\n");
    out.push_str(&format!(
        "max_years_since_training = {}   # eligible when reference_year - training_completed <= this\n",
        p.eligibility.max_years_since_training
    ));
    out.push_str(&format!(
        "reference_year = {}\n",
        p.eligibility.reference_year
    ));
    out.push_str(
        "\n[weights]                            # each in [0, 1]; a missing key means 0\n",
    );
    for (c, w) in CRITERIA.iter().zip(p.weights) {
        out.push_str(&format!("{} = {}\n", c.key, toml_num(w)));
    }
    out.push_str("\n[criteria]\n");
    out.push_str(&format!(
        "proximity.max_km = {}\n",
        toml_num(p.params.proximity_max_km)
    ));
    out.push_str(&format!(
        "seniority.min_gap = {}\n",
        toml_num(p.params.seniority_min_gap)
    ));
    out.push_str(&format!(
        "seniority.max_gap = {}\n",
        toml_num(p.params.seniority_max_gap)
    ));
    out.push_str("\n[constraints]\n");
    if let Some(km) = p.constraints.in_person_max_km {
        out.push_str(&format!(
            "in_person_max_km = {}   # forbid pairs farther apart when either side is in-person only\n",
            toml_num(km)
        ));
    }
    out.push_str(&format!(
        "require_outside_system = {}\n",
        p.constraints.require_outside_system
    ));
    match p.constraints.mentor_capacity {
        Capacity::FromData => out.push_str("mentor_capacity = \"from-data\"\n"),
        Capacity::Fixed(n) => out.push_str(&format!("mentor_capacity = {n}\n")),
    }
    out.push_str(&format!(
        "min_score = {}   # leave a mentee unmatched rather than give a pair below this\n",
        toml_num(p.constraints.min_score)
    ));
    out.push_str("\n[objective]\n");
    out.push_str(&format!(
        "kind = \"{}\"   # total: most matched, then largest sum; maximin: most matched, then best worst pair\n",
        p.objective.as_str()
    ));
    out
}

/// The current time as a TOML datetime (UTC, seconds).
pub fn now_stamp() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// A file name for a profile name: lower-case letters, digits and dashes, `.toml`.
pub fn file_name_for(name: &str) -> String {
    let mut slug = String::new();
    for c in deunicode::deunicode(name)
        .chars()
        .flat_map(char::to_lowercase)
    {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "profile.toml".to_string()
    } else {
        format!("{slug}.toml")
    }
}

/// The other TOML files of `configs/`: the specialty families, the settings, the controlled
/// vocabulary and the intake mapping.
pub const NOT_PROFILES: [&str; 4] = [
    "specialties.toml",
    crate::profile::settings::SETTINGS_FILE,
    "vocabulary.toml",
    "intake.toml",
];

/// Every profile in a folder (`*.toml` files that parse as profiles), sorted by file name,
/// with the error of each that does not.
pub fn list_dir(dir: &Path) -> Vec<(PathBuf, Result<Profile, Error>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !NOT_PROFILES.contains(&n))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let r = load(&p);
            (p, r)
        })
        .collect()
}
