//! Profiles: the council's named settings (weights, eligibility, criteria parameters, hard
//! constraints and objective), stored as TOML in `configs/`.

pub mod settings;

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::criteria::{self, CRITERIA, Params, Weights};
use crate::error::toml_input::Doc;
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

// ---- the file format, read key by key for messages in plain words ----

/// The keys at the top of a profile.
const TOP_KEYS: &[&str] = &[
    "name",
    "description",
    "saved",
    "eligibility",
    "weights",
    "criteria",
    "constraints",
    "objective",
];

const CAPACITY_EXPECTED: &str = "\"from-data\" or a whole number of mentees from 1 to 1000";

/// Reads a profile file.
pub fn load(path: &Path) -> Result<Profile, Error> {
    let text = crate::io::read_text(path, crate::io::MAX_TOML_BYTES)?;
    Ok(parse(&text, path)?)
}

/// A file that holds none of a profile's keys: what it looks like instead.
fn not_a_profile(doc: &Doc<'_>, root: &DeTable<'_>) -> Option<InputError> {
    let entries = Doc::entries(root);
    let (first, value) = entries.first()?;
    if entries
        .iter()
        .any(|(k, _)| TOP_KEYS.contains(&k.get_ref().as_ref()))
    {
        return None;
    }
    let has = |key: &str| entries.iter().any(|(k, _)| k.get_ref().as_ref() == key);
    let problem = if has("families") {
        "this is not a profile but specialty families ([families])"
    } else if has("privacy") {
        "this is not a profile but dyad's settings ([privacy])"
    } else {
        "this is not a profile: it has none of a profile's keys"
    };
    Some(
        doc.at(
            first.span().start.min(value.span().start),
            "a profile: name = \"…\", [eligibility] and [weights]",
        )
        .problem(problem),
    )
}

/// Parses profile TOML; `path` is used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Profile, InputError> {
    let (doc, root) = Doc::parse(text, path)?;
    if let Some(e) = not_a_profile(&doc, &root) {
        return Err(e);
    }
    doc.known_keys(&root, None, TOP_KEYS)?;
    let section = |key: &str, what: &str| {
        doc.table(
            &root,
            key,
            key,
            &format!("a table [{key}] of {what} (key = value lines under it)"),
        )
    };

    let name_value = Doc::get(&root, "name")
        .ok_or_else(|| doc.missing(None, "the profile", "`name`", "name = \"…\""))?;
    let name_expected = "a name in quotes (one line of text)";
    let name = doc
        .string(name_value, "name", name_expected)?
        .trim()
        .to_string();
    if name.is_empty() || crate::io::safetext::has_unsafe(&name) {
        return Err(doc.at(name_value.span().start, name_expected).field("name"));
    }
    // Line breaks and tabs may stay in a description; nothing else that could drive a terminal.
    let description = match Doc::get(&root, "description") {
        None => "",
        Some(v) => {
            let d = doc.string(v, "description", "a description in quotes")?;
            if d.chars()
                .any(|c| crate::io::safetext::is_unsafe(c) && c != '\n' && c != '\t')
            {
                return Err(doc
                    .at(
                        v.span().start,
                        "a description without control characters or escape sequences",
                    )
                    .field("description"));
            }
            d
        }
    };
    let saved = match Doc::get(&root, "saved") {
        None => None,
        Some(v) => match v.get_ref() {
            DeValue::Datetime(d) => Some(d.to_string()),
            _ => {
                return Err(doc.wrong(
                    v,
                    "saved",
                    "a date and time such as 2026-11-24T20:15:00Z (dyad writes it when it saves)",
                ));
            }
        },
    };

    let eligibility = eligibility(&doc, section("eligibility", "who is eligible")?)?;
    let weights = weights(&doc, section("weights", "criterion weights")?)?;
    let params = criteria(&doc, section("criteria", "criterion parameters")?)?;
    let constraints = constraints(&doc, section("constraints", "hard rules")?)?;
    let objective = objective(&doc, section("objective", "the objective")?)?;

    Ok(Profile {
        name,
        description: description.trim().to_string(),
        saved,
        eligibility,
        weights,
        params,
        constraints,
        objective,
    })
}

type Section<'t, 'a> = Option<(&'t DeTable<'a>, Range<usize>)>;

fn eligibility(doc: &Doc<'_>, table: Section<'_, '_>) -> Result<Eligibility, InputError> {
    const YEARS: &str = "a whole number of years from 0 to 100";
    const YEAR: &str = "a four-digit year from 1900 to 2100";
    let Some((t, span)) = table else {
        return Err(doc.missing(
            None,
            "the profile",
            "[eligibility] table",
            "[eligibility] with max_years_since_training = … and reference_year = …",
        ));
    };
    doc.known_keys(
        t,
        Some("eligibility"),
        &["max_years_since_training", "reference_year"],
    )?;
    let get = |key: &str, what: &str| {
        Doc::get(t, key).ok_or_else(|| {
            doc.missing(
                Some(span.clone()),
                "[eligibility]",
                &format!("`{key}`"),
                format!("{key} = {what}"),
            )
        })
    };
    let years = get("max_years_since_training", YEARS)?;
    let year = get("reference_year", YEAR)?;
    Ok(Eligibility {
        max_years_since_training: doc.whole(
            years,
            "eligibility.max_years_since_training",
            0,
            100,
            YEARS,
        )? as u32,
        reference_year: doc.whole(year, "eligibility.reference_year", 1900, 2100, YEAR)? as i32,
    })
}

fn weights(doc: &Doc<'_>, table: Section<'_, '_>) -> Result<Weights, InputError> {
    let mut weights = [0.0; criteria::N];
    let Some((t, _)) = table else {
        return Ok(weights);
    };
    let keys: Vec<&str> = CRITERIA.iter().map(|c| c.key).collect();
    for (key, value) in Doc::entries(t) {
        let Some(i) = criteria::index_of(key.get_ref()) else {
            return Err(doc
                .at(
                    key.span().start,
                    format!("one of the criteria: {}", keys.join(", ")),
                )
                .field("weights")
                .value(key.get_ref().as_ref()));
        };
        weights[i] = doc.number(value, &format!("weights.{}", key.get_ref()), 0.0, 1.0)?;
    }
    Ok(weights)
}

fn criteria(doc: &Doc<'_>, table: Section<'_, '_>) -> Result<Params, InputError> {
    let defaults = Params::default();
    let Some((t, _)) = table else {
        return Ok(defaults);
    };
    doc.known_keys(t, Some("criteria"), &["proximity", "seniority"])?;
    let sub = |key: &str, allowed: &[&str]| -> Result<Section<'_, '_>, InputError> {
        let field = format!("criteria.{key}");
        let found = doc.table(
            t,
            key,
            &field,
            &format!("a table: {key}.{} = … under [criteria]", allowed[0]),
        )?;
        if let Some((s, _)) = found {
            doc.known_keys(s, Some(&field), allowed)?;
        }
        Ok(found)
    };
    let proximity = sub("proximity", &["max_km"])?;
    let seniority = sub("seniority", &["min_gap", "max_gap"])?;
    let opt = |s: &Section<'_, '_>, key: &str, field: &str, lo: f64, hi: f64, default: f64| match s
        .as_ref()
        .and_then(|(t, _)| Doc::get(t, key))
    {
        None => Ok(default),
        Some(v) => doc.number(v, field, lo, hi),
    };
    let params = Params {
        proximity_max_km: opt(
            &proximity,
            "max_km",
            "criteria.proximity.max_km",
            1.0,
            20_000.0,
            defaults.proximity_max_km,
        )?,
        seniority_min_gap: opt(
            &seniority,
            "min_gap",
            "criteria.seniority.min_gap",
            0.0,
            80.0,
            defaults.seniority_min_gap,
        )?,
        seniority_max_gap: opt(
            &seniority,
            "max_gap",
            "criteria.seniority.max_gap",
            0.0,
            80.0,
            defaults.seniority_max_gap,
        )?,
    };
    if params.seniority_min_gap > params.seniority_max_gap {
        let at = seniority
            .as_ref()
            .and_then(|(t, _)| Doc::get(t, "max_gap"))
            .map_or(0, |v| v.span().start);
        return Err(doc
            .at(at, "seniority.max_gap at least seniority.min_gap")
            .field("criteria.seniority.max_gap")
            .value(params.seniority_max_gap.to_string()));
    }
    Ok(params)
}

fn constraints(doc: &Doc<'_>, table: Section<'_, '_>) -> Result<Constraints, InputError> {
    let mut c = Constraints {
        in_person_max_km: None,
        require_outside_system: false,
        mentor_capacity: Capacity::FromData,
        min_score: 0.0,
    };
    let Some((t, _)) = table else {
        return Ok(c);
    };
    doc.known_keys(
        t,
        Some("constraints"),
        &[
            "in_person_max_km",
            "require_outside_system",
            "mentor_capacity",
            "min_score",
        ],
    )?;
    if let Some(v) = Doc::get(t, "in_person_max_km") {
        c.in_person_max_km = Some(doc.number(v, "constraints.in_person_max_km", 0.0, 20_000.0)?);
    }
    if let Some(v) = Doc::get(t, "require_outside_system") {
        c.require_outside_system = doc.boolean(v, "constraints.require_outside_system")?;
    }
    if let Some(v) = Doc::get(t, "mentor_capacity") {
        c.mentor_capacity = match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "from-data" => Capacity::FromData,
            _ => Capacity::Fixed(doc.whole(
                v,
                "constraints.mentor_capacity",
                1,
                1000,
                CAPACITY_EXPECTED,
            )? as u32),
        };
    }
    if let Some(v) = Doc::get(t, "min_score") {
        c.min_score = doc.number(v, "constraints.min_score", 0.0, 100.0)?;
    }
    Ok(c)
}

fn objective(doc: &Doc<'_>, table: Section<'_, '_>) -> Result<Objective, InputError> {
    const KINDS: &str = "\"total\" or \"maximin\"";
    let Some((t, _)) = table else {
        return Ok(Objective::Total);
    };
    doc.known_keys(t, Some("objective"), &["kind"])?;
    let Some(v) = Doc::get(t, "kind") else {
        return Ok(Objective::Total);
    };
    match doc.string(v, "objective.kind", KINDS)? {
        "total" => Ok(Objective::Total),
        "maximin" => Ok(Objective::Maximin),
        _ => Err(doc.wrong(v, "objective.kind", KINDS)),
    }
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
            p.file_name().is_some_and(|n| {
                n != "specialties.toml" && n != crate::profile::settings::SETTINGS_FILE
            })
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

    const FALL: &str = include_str!("../../configs/fall-2023.toml");
    const PILOT: &str = include_str!("../../configs/pilot-2023.toml");

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
    fn toml_errors_read_in_plain_words() {
        let msg = |text: &str| p(text).unwrap_err().to_string();
        assert_eq!(
            msg(&format!("{MINIMAL}[weights]\nproximity = \"high\"\n")),
            "p.toml:6:13: weights.proximity: found \"high\", expected a number from 0 to 1"
        );
        // A number in quotes is text; the message says so.
        assert!(
            msg(&format!("{MINIMAL}[weights]\nproximity = \"0.5\"\n")).ends_with(
                "from 0 to 1 (this one is in quotes, which makes it text: write it without them)"
            )
        );
        assert!(msg(&MINIMAL.replace("= 5", "= \"5\"")).contains("in quotes"));
        assert_eq!(
            msg(&MINIMAL.replace("= 5", "= 5.5")),
            "p.toml:3:28: eligibility.max_years_since_training: found \"5.5\", \
             expected a whole number of years from 0 to 100"
        );
        assert_eq!(
            msg(&MINIMAL.replace("2023", "99999999999999999999")),
            "p.toml:4:18: eligibility.reference_year: found \"99999999999999999999\", \
             expected a four-digit year from 1900 to 2100"
        );
        assert_eq!(
            msg(&format!("{MINIMAL}[weights")),
            "p.toml:5:9: this is not valid TOML: unclosed table, expected ']'"
        );
        assert_eq!(
            msg(""),
            "p.toml:1:1: the profile has no `name` (expected name = \"…\")"
        );
        assert_eq!(
            msg("name = \"X\"\n[eligibility]\nreference_year = 2023\n"),
            "p.toml:2:1: [eligibility] has no `max_years_since_training` \
             (expected max_years_since_training = a whole number of years from 0 to 100)"
        );
        assert_eq!(
            msg(&format!("{MINIMAL}colour = 1\n")),
            "p.toml:5:1: eligibility: found \"colour\", expected one of the keys of \
             [eligibility]: max_years_since_training, reference_year"
        );
        assert_eq!(
            msg(&format!("colour = 1\n{MINIMAL}")),
            "p.toml:1:1: found \"colour\", expected one of the keys at the top of the file: \
             name, description, saved, eligibility, weights, criteria, constraints, objective"
        );
        assert_eq!(
            msg(&format!(
                "{MINIMAL}[constraints]\nrequire_outside_system = 3\n"
            )),
            "p.toml:6:26: constraints.require_outside_system: found \"3\", expected true or false"
        );
        assert_eq!(
            msg(&format!("{MINIMAL}[constraints]\nmentor_capacity = true\n")),
            "p.toml:6:19: constraints.mentor_capacity: found \"true\", \
             expected \"from-data\" or a whole number of mentees from 1 to 1000"
        );
        assert_eq!(
            msg(&format!("{MINIMAL}[weights]\ngoals = 1\ngoals = 2\n")),
            "p.toml:7:1: this is not valid TOML: the key \"goals\" is given twice"
        );
        // Nothing of serde's or the TOML parser's internal wording reaches the user.
        for text in [
            format!("{MINIMAL}[objective]\nkind = 3\n"),
            format!("{MINIMAL}saved = 3\n"),
            format!("weights = 3\n{MINIMAL}"),
            format!("{MINIMAL}[criteria]\nproximity = 3\n"),
            format!("{MINIMAL}[criteria.seniority]\nmax_gap = \"far\"\n"),
            "name = 3\n".to_string(),
        ] {
            let m = msg(&text);
            for internal in [
                "invalid type",
                "f64",
                "i64",
                "i128",
                "untagged",
                "`",
                "missing field",
            ] {
                assert!(!m.contains(internal), "{m}");
            }
        }
    }

    #[test]
    fn a_file_that_is_not_a_profile_says_so() {
        let e = p(include_str!("../../configs/specialties.toml")).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("this is not a profile but specialty families"),
            "{m}"
        );
        assert!(m.starts_with("p.toml:"), "{m}");
        let m = p("[privacy]\nsmall_cell_k = 5\n").unwrap_err().to_string();
        assert!(
            m.starts_with("p.toml:1:1: this is not a profile but dyad's settings"),
            "{m}"
        );
        // A profile with one stray key is still a profile with an unknown key.
        let m = p(&format!("families = 1\n{MINIMAL}"))
            .unwrap_err()
            .to_string();
        assert!(m.contains("found \"families\""), "{m}");
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
        assert_eq!(file_name_for("Médecins été"), "medecins-ete.toml");
        assert_eq!(file_name_for("Ärztinnen Süd"), "arztinnen-sud.toml");
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
