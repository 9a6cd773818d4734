use std::path::Path;

use super::*;
use crate::error::InputError;

const FALL: &str = include_str!("../../../../configs/fall-2023.toml");
const PILOT: &str = include_str!("../../../../configs/pilot-2023.toml");

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
    let e = p(
        "name = \"X\"\n[eligibility]\nmax_years_since_training = \"five\"\nreference_year = 2023\n",
    )
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
    let e = p(include_str!("../../../../configs/specialties.toml")).unwrap_err();
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

#[test]
fn a_reference_year_before_every_training_year_is_found() {
    let e = |reference_year| Eligibility {
        max_years_since_training: 5,
        reference_year,
    };
    let years = [2016, 2012, 2020];
    assert_eq!(e(2011).before_all(years), Some(2012));
    assert_eq!(e(2012).before_all(years), None);
    assert_eq!(e(2023).before_all(years), None);
    assert_eq!(e(2011).before_all([]), None);
}

#[test]
fn coverage_floor_is_a_share_named_by_line_when_wrong() {
    let prof = p(&format!("{MINIMAL}[constraints]\ncoverage_floor = 0.9\n")).unwrap();
    assert_eq!(prof.constraints.coverage_floor, Some(0.9));
    assert_eq!(p(MINIMAL).unwrap().constraints.coverage_floor, None);
    for bad in ["1.2", "-0.1", "\"most\"", "nan", "true"] {
        let e = p(&format!("{MINIMAL}[constraints]\ncoverage_floor = {bad}\n")).unwrap_err();
        assert_eq!((e.line, e.column), (Some(6), Some(18)), "{bad}");
        assert_eq!(e.field.as_deref(), Some("constraints.coverage_floor"));
        assert!(e.expected.contains("0 to 1"), "{bad}: {}", e.expected);
    }
    let text = to_toml(&prof);
    assert_eq!(p(&text).unwrap(), prof);
    assert_eq!(coverage_floor_at(&text).map(|(l, _)| l), {
        let n = text
            .lines()
            .position(|l| l.starts_with("coverage_floor"))
            .unwrap();
        Some(n + 1)
    });
    assert_eq!(
        coverage_floor_at("[constraints]\nmin_score = 1\n  coverage_floor=0.5\n"),
        Some((3, 3))
    );
    assert_eq!(
        coverage_floor_at("[objective]\ncoverage_floor = 0.5\n"),
        None
    );
    assert_eq!(
        coverage_floor_at("name = \"x\"\nconstraints.coverage_floor = 0.5\n"),
        Some((2, 1))
    );
}
