//! Profiles: the council's named settings (weights, eligibility, criteria parameters, hard
//! constraints and objective), stored as TOML in `configs/`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::criteria::{self, CRITERIA, Params, Weights};
use crate::csvread::LineIndex;
use crate::error::{Error, InputError};

/// Who is eligible: `reference_year − training_completed ≤ max_years_since_training`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eligibility {
    pub max_years_since_training: u32,
    pub reference_year: i32,
}

impl Eligibility {
    pub fn eligible(&self, training_completed: i32) -> bool {
        self.reference_year - training_completed <= self.max_years_since_training as i32
    }
}

/// How many mentees each mentor may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    /// The `capacity` column of `mentors.csv`.
    FromData,
    /// The same number for every mentor (1 in the pilot).
    Fixed(u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Constraints {
    /// Forbid pairs farther apart than this when either side meets in person only.
    pub in_person_max_km: Option<f64>,
    /// Forbid pairs within one health system.
    pub require_outside_system: bool,
    pub mentor_capacity: Capacity,
    /// Leave a mentee unmatched rather than give a pair below this score (0–100).
    pub min_score: f64,
}

/// What the optimal matching maximizes, always after the number of mentees matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// The largest sum of pair scores.
    Total,
    /// The best worst pair, then the largest sum.
    Maximin,
}

impl Objective {
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Total => "total",
            Objective::Maximin => "maximin",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    pub description: String,
    /// When the profile was last saved (RFC 3339), if it was saved by dyad.
    pub saved: Option<String>,
    pub eligibility: Eligibility,
    pub weights: Weights,
    pub params: Params,
    pub constraints: Constraints,
    pub objective: Objective,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: "Untitled".into(),
            description: String::new(),
            saved: None,
            eligibility: Eligibility {
                max_years_since_training: 5,
                reference_year: 2023,
            },
            weights: [0.5; criteria::N],
            params: Params::default(),
            constraints: Constraints {
                in_person_max_km: None,
                require_outside_system: false,
                mentor_capacity: Capacity::FromData,
                min_score: 0.0,
            },
            objective: Objective::Total,
        }
    }
}

// ---- the file format, with spans for messages ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Spanned<String>,
    description: Option<Spanned<String>>,
    #[serde(default)]
    saved: Option<toml::value::Datetime>,
    eligibility: RawEligibility,
    #[serde(default)]
    weights: BTreeMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    criteria: RawCriteria,
    #[serde(default)]
    constraints: RawConstraints,
    #[serde(default)]
    objective: RawObjective,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEligibility {
    max_years_since_training: Spanned<i64>,
    reference_year: Spanned<i64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCriteria {
    #[serde(default)]
    proximity: RawProximity,
    #[serde(default)]
    seniority: RawSeniority,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProximity {
    max_km: Option<Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSeniority {
    min_gap: Option<Spanned<f64>>,
    max_gap: Option<Spanned<f64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConstraints {
    in_person_max_km: Option<Spanned<f64>>,
    #[serde(default)]
    require_outside_system: bool,
    mentor_capacity: Option<Spanned<RawCapacity>>,
    min_score: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCapacity {
    Number(i64),
    Text(String),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawObjective {
    kind: Option<Spanned<String>>,
}

/// Reads a profile file.
pub fn load(path: &Path) -> Result<Profile, Error> {
    let text = crate::fsio::read_text(path, crate::fsio::MAX_TOML_BYTES)?;
    Ok(parse(&text, path)?)
}

/// Parses profile TOML; `path` is used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Profile, InputError> {
    let lines = LineIndex::new(text);
    let at = |span: Range<usize>, expected: String| {
        let (line, col) = lines.line_col(span.start);
        InputError::new(path, expected).at(line, col)
    };
    let raw: RawProfile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let msg = e.message().trim().replace('\n', "; ");
        at(span.clone(), msg).value(text.get(span).unwrap_or("").trim().to_string())
    })?;
    let number = |v: &Spanned<f64>, key: &str, lo: f64, hi: f64| {
        let x = *v.get_ref();
        if x.is_finite() && (lo..=hi).contains(&x) {
            Ok(x)
        } else {
            Err(at(v.span(), format!("a number from {lo} to {hi}"))
                .field(key)
                .value(x.to_string()))
        }
    };

    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() || crate::safetext::has_unsafe(&name) {
        return Err(at(raw.name.span(), "a name (one line of text)".into()).field("name"));
    }
    // Line breaks and tabs may stay in a description; nothing else that could drive a terminal.
    let description = raw
        .description
        .as_ref()
        .map_or("", |d| d.get_ref().as_str());
    if description
        .chars()
        .any(|c| crate::safetext::is_unsafe(c) && c != '\n' && c != '\t')
    {
        let span = raw.description.as_ref().map_or(0..0, |d| d.span());
        return Err(at(
            span,
            "a description without control characters or escape sequences".into(),
        )
        .field("description"));
    }

    let years = &raw.eligibility.max_years_since_training;
    let max_years = u32::try_from(*years.get_ref())
        .ok()
        .filter(|y| *y <= 100)
        .ok_or_else(|| {
            at(years.span(), "a whole number of years from 0 to 100".into())
                .field("eligibility.max_years_since_training")
                .value(years.get_ref().to_string())
        })?;
    let year = &raw.eligibility.reference_year;
    let reference_year = i32::try_from(*year.get_ref())
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| {
            at(year.span(), "a four-digit year".into())
                .field("eligibility.reference_year")
                .value(year.get_ref().to_string())
        })?;

    let mut weights = [0.0; criteria::N];
    for (key, value) in &raw.weights {
        let Some(i) = criteria::index_of(key.get_ref()) else {
            let keys: Vec<&str> = CRITERIA.iter().map(|c| c.key).collect();
            return Err(at(
                key.span(),
                format!("one of the criteria: {}", keys.join(", ")),
            )
            .field("weights")
            .value(key.get_ref().clone()));
        };
        weights[i] = number(value, &format!("weights.{}", key.get_ref()), 0.0, 1.0)?;
    }

    let defaults = Params::default();
    let opt = |v: &Option<Spanned<f64>>, key: &str, lo: f64, hi: f64, default: f64| {
        v.as_ref().map_or(Ok(default), |v| number(v, key, lo, hi))
    };
    let params = Params {
        proximity_max_km: opt(
            &raw.criteria.proximity.max_km,
            "criteria.proximity.max_km",
            1.0,
            20_000.0,
            defaults.proximity_max_km,
        )?,
        seniority_min_gap: opt(
            &raw.criteria.seniority.min_gap,
            "criteria.seniority.min_gap",
            0.0,
            80.0,
            defaults.seniority_min_gap,
        )?,
        seniority_max_gap: opt(
            &raw.criteria.seniority.max_gap,
            "criteria.seniority.max_gap",
            0.0,
            80.0,
            defaults.seniority_max_gap,
        )?,
    };
    if params.seniority_min_gap > params.seniority_max_gap {
        let span = raw
            .criteria
            .seniority
            .max_gap
            .as_ref()
            .map_or(0..0, |v| v.span());
        return Err(
            at(span, "seniority.max_gap at least seniority.min_gap".into())
                .field("criteria.seniority.max_gap")
                .value(params.seniority_max_gap.to_string()),
        );
    }

    let c = &raw.constraints;
    let in_person_max_km = c
        .in_person_max_km
        .as_ref()
        .map(|v| number(v, "constraints.in_person_max_km", 0.0, 20_000.0))
        .transpose()?;
    let mentor_capacity = match &c.mentor_capacity {
        None => Capacity::FromData,
        Some(v) => match v.get_ref() {
            RawCapacity::Text(t) if t == "from-data" => Capacity::FromData,
            RawCapacity::Number(n) if (1..=1000).contains(n) => Capacity::Fixed(*n as u32),
            other => {
                let shown = match other {
                    RawCapacity::Number(n) => n.to_string(),
                    RawCapacity::Text(t) => t.clone(),
                };
                return Err(at(
                    v.span(),
                    "\"from-data\" or a whole number of mentees from 1 to 1000".into(),
                )
                .field("constraints.mentor_capacity")
                .value(shown));
            }
        },
    };
    let min_score = opt(&c.min_score, "constraints.min_score", 0.0, 100.0, 0.0)?;

    let objective = match &raw.objective.kind {
        None => Objective::Total,
        Some(k) => match k.get_ref().as_str() {
            "total" => Objective::Total,
            "maximin" => Objective::Maximin,
            other => {
                return Err(at(k.span(), "\"total\" or \"maximin\"".into())
                    .field("objective.kind")
                    .value(other));
            }
        },
    };

    Ok(Profile {
        name,
        description: description.trim().to_string(),
        saved: raw.saved.map(|d| d.to_string()),
        eligibility: Eligibility {
            max_years_since_training: max_years,
            reference_year,
        },
        weights,
        params,
        constraints: Constraints {
            in_person_max_km,
            require_outside_system: c.require_outside_system,
            mentor_capacity,
            min_score,
        },
        objective,
    })
}

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
    for c in name.chars().flat_map(char::to_lowercase) {
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
                .is_some_and(|n| n != "specialties.toml" && n != crate::settings::SETTINGS_FILE)
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

#[cfg(test)]
mod tests {
    use super::*;

    const FALL: &str = include_str!("../configs/fall-2023.toml");
    const PILOT: &str = include_str!("../configs/pilot-2023.toml");

    fn p(text: &str) -> Result<Profile, InputError> {
        parse(text, Path::new("p.toml"))
    }

    const MINIMAL: &str =
        "name = \"X\"\n[eligibility]\nmax_years_since_training = 5\nreference_year = 2023\n";

    #[test]
    fn shipped_profiles_parse() {
        let fall = p(FALL).unwrap();
        let pilot = p(PILOT).unwrap();
        assert_eq!(fall.eligibility.max_years_since_training, 5);
        assert_eq!(pilot.eligibility.max_years_since_training, 2);
        assert_eq!(pilot.constraints.mentor_capacity, Capacity::Fixed(1));
        assert!(!fall.description.is_empty() && !pilot.description.is_empty());
    }

    #[test]
    fn missing_weights_mean_zero_and_defaults_apply() {
        let prof = p(&format!("{MINIMAL}[weights]\ngoals = 1\n")).unwrap();
        assert_eq!(prof.weights[criteria::index_of("goals").unwrap()], 1.0);
        assert_eq!(prof.weights.iter().sum::<f64>(), 1.0);
        assert_eq!(prof.objective, Objective::Total);
        assert_eq!(prof.constraints.mentor_capacity, Capacity::FromData);
    }

    #[test]
    fn weight_out_of_range_names_line_and_column() {
        let e = p(&format!("{MINIMAL}[weights]\ngoals = 1.5\n")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(6), Some(9)));
        assert_eq!(e.field.as_deref(), Some("weights.goals"));
        assert_eq!(e.value.as_deref(), Some("1.5"));
        let e = p(&format!("{MINIMAL}[weights]\ngoals = nan\n")).unwrap_err();
        assert_eq!(e.line, Some(6));
        let e = p(&format!("{MINIMAL}[weights]\ngoals = -0.1\n")).unwrap_err();
        assert!(e.expected.contains("0 to 1"));
    }

    #[test]
    fn unknown_keys_are_errors_with_position() {
        let e = p(&format!("{MINIMAL}[weights]\ngoalz = 0.5\n")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(6), Some(1)));
        assert_eq!(e.value.as_deref(), Some("goalz"));
        let e = p(&format!("{MINIMAL}colour = 1\n")).unwrap_err();
        assert_eq!(e.line, Some(5));
        let e = p(&format!("{MINIMAL}[constraints]\nmin_scor = 3\n")).unwrap_err();
        assert_eq!(e.line, Some(6));
    }

    #[test]
    fn wrong_types_are_errors_with_position() {
        let e = p(&format!("{MINIMAL}[weights]\ngoals = \"high\"\n")).unwrap_err();
        assert_eq!(e.line, Some(6));
        let e = p("name = \"X\"\n[eligibility]\nmax_years_since_training = \"five\"\nreference_year = 2023\n")
            .unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = p(&format!(
            "{MINIMAL}[constraints]\nmentor_capacity = \"lots\"\n"
        ))
        .unwrap_err();
        assert_eq!(e.line, Some(6));
        let e = p(&format!("{MINIMAL}[objective]\nkind = \"fair\"\n")).unwrap_err();
        assert_eq!((e.line, e.value.as_deref()), (Some(6), Some("fair")));
    }

    #[test]
    fn broken_toml_is_an_error_with_position() {
        let e = p("name = \"X\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = p("name = \"X\"\n[eligibility\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn round_trip_through_toml_is_identity() {
        for text in [FALL, PILOT] {
            let mut prof = p(text).unwrap();
            prof.saved = Some("2026-11-24T20:15:00Z".into());
            let again = p(&to_toml(&prof)).unwrap();
            assert_eq!(again, prof);
        }
        let mut odd = p(MINIMAL).unwrap();
        odd.name = "Quote \" and \\ backslash".into();
        odd.description = "two\nlines".into();
        odd.constraints.in_person_max_km = None;
        odd.objective = Objective::Maximin;
        odd.constraints.mentor_capacity = Capacity::Fixed(2);
        assert_eq!(p(&to_toml(&odd)).unwrap(), odd);
    }

    #[test]
    fn file_names_are_derived_from_names() {
        assert_eq!(file_name_for("Fall 2024 — draft!"), "fall-2024-draft.toml");
        assert_eq!(file_name_for("***"), "profile.toml");
    }

    #[test]
    fn eligibility_rule() {
        let e = Eligibility {
            max_years_since_training: 2,
            reference_year: 2023,
        };
        assert!(e.eligible(2021));
        assert!(!e.eligible(2020));
        assert!(e.eligible(2024));
    }
}
