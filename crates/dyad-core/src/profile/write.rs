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

/// A weight as TOML writes it: the seven decimals a weight counts in (see
/// [`WEIGHT_STEPS`](super::limits::WEIGHT_STEPS)), so a saved profile scores exactly as shown.
fn toml_weight(x: f64) -> String {
    let rounded = (x * super::limits::WEIGHT_STEPS).round() / super::limits::WEIGHT_STEPS;
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
        out.push_str(&format!("{} = {}\n", c.key, toml_weight(w)));
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
    if let Some(floor) = p.constraints.coverage_floor {
        out.push_str(&format!(
            "coverage_floor = {}   # each identity group of at least small_cell_k eligible mentees gets at least this share matched\n",
            toml_num(floor)
        ));
    }
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

/// The files of a configs folder that belong to dyad, not to a profile: the specialty families,
/// the settings, the intake vocabulary and the intake mapping.
pub const RESERVED_FILES: [&str; 4] = [
    crate::criteria::specialty::SPECIALTIES_FILE,
    super::settings::SETTINGS_FILE,
    "vocabulary.toml",
    "intake.toml",
];

/// Whether `path` names one of dyad's own files ([`RESERVED_FILES`]), which a profile may never
/// be saved over.
pub fn is_reserved(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| RESERVED_FILES.iter().any(|r| n.eq_ignore_ascii_case(r)))
}

/// Saves a profile to `path` atomically: refuses dyad's own file names, checks that the text
/// opens again as the same profile (size and round trip) before anything is replaced, and keeps
/// the replaced version as a backup when `replace`. Returns the backup made, if any.
pub fn save(path: &Path, p: &Profile, replace: bool) -> Result<Option<PathBuf>, Error> {
    if is_reserved(path) {
        return Err(crate::error::InputError::new(
            path,
            "a profile file name other than specialties.toml and dyad-settings.toml (dyad's own \
             files); choose another name",
        )
        .into());
    }
    let text = to_toml(p);
    let too_big = text.len() as u64 > crate::io::MAX_TOML_BYTES;
    let same = !too_big && super::parse(&text, path).is_ok_and(|back| back == *p);
    if !same {
        return Err(crate::error::InputError::new(
            path,
            format!(
                "a profile dyad can open again (at most {} KB; shorten the description)",
                crate::io::MAX_TOML_BYTES / 1024
            ),
        )
        .problem(if too_big {
            format!("saved, it would take {} KB", text.len().div_ceil(1024))
        } else {
            "saved, it would not read back the same".to_string()
        })
        .into());
    }
    let mode = if replace {
        crate::io::Mode::ReplaceWithBackup
    } else {
        crate::io::Mode::Create
    };
    crate::io::write_atomic(path, text.as_bytes(), mode)
}

/// Checks that a backup of `target` is a whole file of its kind before it is put back: a damaged
/// backup must not replace a good file. Dyad's own files are read as what they are (specialty
/// families, settings), other `.toml` files as profiles; CSV files are not checked.
pub fn check_restorable(backup: &Path, target: &Path) -> Result<(), Error> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase());
    let Some(name) = name.filter(|n| n.ends_with(".toml")) else {
        return Ok(());
    };
    if name == crate::criteria::specialty::SPECIALTIES_FILE {
        let text = crate::io::read_text(backup, crate::io::MAX_TOML_BYTES)?;
        crate::criteria::specialty::SpecialtyFamilies::parse(&text, backup)?;
    } else if name == super::settings::SETTINGS_FILE {
        let text = crate::io::read_text(backup, crate::io::MAX_TOML_BYTES)?;
        super::settings::parse(&text, backup)?;
    } else {
        super::load(backup)?;
    }
    Ok(())
}

/// A file name for a profile name: lower-case letters, digits and dashes, `.toml`; never the name
/// of one of dyad's own files ("Specialties" → `specialties-profile.toml`).
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
    let file = if slug.is_empty() {
        "profile.toml".to_string()
    } else {
        format!("{slug}.toml")
    };
    if is_reserved(Path::new(&file)) {
        format!("{slug}-profile.toml")
    } else {
        file
    }
}

/// Every profile in a folder (`*.toml` files that parse as profiles), sorted by file name,
/// with the error of each that does not.
pub fn list_dir(dir: &Path) -> Vec<(PathBuf, Result<Profile, Error>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| p.file_name().is_some_and(|n| !is_reserved(Path::new(n))))
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
