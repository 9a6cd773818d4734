//! Reading a profile: TOML to [`Profile`], key by key, so that every message names the file,
//! line and column and says in plain words what was expected.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::criteria::{self, CRITERIA, Params, Weights};
use crate::error::{Error, InputError};
use crate::io::toml_input::Doc;

use super::limits::{self, Bounds};
use super::*;

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
    let (y, r) = (limits::YEARS_SINCE_TRAINING, limits::REFERENCE_YEAR);
    let years_text = format!("a whole number of years from {} to {}", y.lo, y.hi);
    let year_text = format!("a four-digit year from {} to {}", r.lo, r.hi);
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
    let years = get("max_years_since_training", &years_text)?;
    let year = get("reference_year", &year_text)?;
    Ok(Eligibility {
        max_years_since_training: doc.whole(
            years,
            "eligibility.max_years_since_training",
            y.lo,
            y.hi,
            &years_text,
        )? as u32,
        reference_year: four_digits(doc, year, "eligibility.reference_year", &year_text)?,
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
        weights[i] = doc.number(
            value,
            &format!("weights.{}", key.get_ref()),
            limits::WEIGHT.lo,
            limits::WEIGHT.hi,
        )?;
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
    let opt = |s: &Section<'_, '_>, key: &str, field: &str, b: Bounds<f64>, default: f64| match s
        .as_ref()
        .and_then(|(t, _)| Doc::get(t, key))
    {
        None => Ok(default),
        Some(v) => doc.number(v, field, b.lo, b.hi),
    };
    let params = Params {
        proximity_max_km: opt(
            &proximity,
            "max_km",
            "criteria.proximity.max_km",
            limits::PROXIMITY_KM,
            defaults.proximity_max_km,
        )?,
        seniority_min_gap: opt(
            &seniority,
            "min_gap",
            "criteria.seniority.min_gap",
            limits::SENIORITY_GAP,
            defaults.seniority_min_gap,
        )?,
        seniority_max_gap: opt(
            &seniority,
            "max_gap",
            "criteria.seniority.max_gap",
            limits::SENIORITY_GAP,
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
        coverage_floor: None,
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
            "coverage_floor",
        ],
    )?;
    if let Some(v) = Doc::get(t, "in_person_max_km") {
        c.in_person_max_km = Some(doc.number(
            v,
            "constraints.in_person_max_km",
            limits::IN_PERSON_KM.lo,
            limits::IN_PERSON_KM.hi,
        )?);
    }
    if let Some(v) = Doc::get(t, "require_outside_system") {
        c.require_outside_system = doc.boolean(v, "constraints.require_outside_system")?;
    }
    if let Some(v) = Doc::get(t, "mentor_capacity") {
        c.mentor_capacity = match v.get_ref() {
            DeValue::String(s) if s.as_ref() == "from-data" => Capacity::FromData,
            _ => {
                let b = limits::MENTOR_CAPACITY;
                let expected = format!(
                    "\"from-data\" or a whole number of mentees from {} to {}",
                    b.lo, b.hi
                );
                Capacity::Fixed(doc.whole(
                    v,
                    "constraints.mentor_capacity",
                    b.lo,
                    b.hi,
                    &expected,
                )? as u32)
            }
        };
    }
    if let Some(v) = Doc::get(t, "min_score") {
        c.min_score = doc.number(
            v,
            "constraints.min_score",
            limits::MIN_SCORE.lo,
            limits::MIN_SCORE.hi,
        )?;
    }
    if let Some(v) = Doc::get(t, "coverage_floor") {
        c.coverage_floor = Some(doc.number(
            v,
            "constraints.coverage_floor",
            limits::COVERAGE_FLOOR.lo,
            limits::COVERAGE_FLOOR.hi,
        )?);
    }
    Ok(c)
}

/// Where `[constraints] coverage_floor` is set in a profile's text: its line (1-based) and
/// column, for a message about a floor the pool cannot take (no identities in it).
pub fn coverage_floor_at(text: &str) -> Option<(usize, usize)> {
    let key = "coverage_floor";
    let mut in_constraints = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_constraints = t.trim_end().trim_end_matches(|c| c != ']') == "[constraints]";
            continue;
        }
        let dotted = t.strip_prefix("constraints.").map(str::trim_start);
        let (rest, ok) = match dotted {
            Some(r) => (r, true),
            None => (t, in_constraints),
        };
        if ok && rest.starts_with(key) && rest[key.len()..].trim_start().starts_with('=') {
            return Some((n + 1, line.len() - t.len() + 1));
        }
    }
    None
}

/// A year written as four digits: `+2020` and `02020` are numbers TOML allows, not years as
/// anyone writes them.
fn four_digits(
    doc: &Doc<'_>,
    v: &toml::Spanned<DeValue<'_>>,
    field: &str,
    expected: &str,
) -> Result<i32, InputError> {
    let r = limits::REFERENCE_YEAR;
    let year = doc.whole(v, field, r.lo, r.hi, expected)?;
    match v.get_ref() {
        DeValue::Integer(i) if i.as_str().len() == 4 && i.radix() == 10 => Ok(year as i32),
        _ => Err(doc.wrong(v, field, expected)),
    }
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
