//! Profiles survive saving: for any valid profile, writing it as TOML and reading it back gives
//! the same profile (every weight, rule, parameter, name, description and save time).

use std::path::Path;

use proptest::prelude::*;

use dyad::criteria::{N, Params};
use dyad::profile::{self, Capacity, Constraints, Eligibility, Objective, Profile};

/// A number with at most six decimals (what a profile keeps) from `lo` to `hi`.
fn decimal(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    let (lo, hi) = ((lo * 1e6) as i64, (hi * 1e6) as i64);
    (lo..=hi).prop_map(|k| k as f64 / 1e6)
}

/// One line of text without surrounding blanks: quotes, backslashes and non-ASCII included.
fn text(inner: &'static str) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Za-z0-9é日]({inner}{{0,40}}[A-Za-z0-9.!?])?"))
        .unwrap()
}

fn stamp() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        (
            1970u32..2100,
            1u32..=12,
            1u32..=28,
            0u32..24,
            0u32..60,
            0u32..60,
        )
            .prop_map(|(y, mo, d, h, mi, s)| {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
            }),
    )
}

fn params() -> impl Strategy<Value = Params> {
    (
        decimal(1.0, 20_000.0),
        decimal(0.0, 80.0),
        decimal(0.0, 80.0),
    )
        .prop_map(|(km, a, b)| Params {
            proximity_max_km: km,
            seniority_min_gap: a.min(b),
            seniority_max_gap: a.max(b),
        })
}

fn constraints() -> impl Strategy<Value = Constraints> {
    (
        proptest::option::of(decimal(0.0, 20_000.0)),
        any::<bool>(),
        prop_oneof![
            Just(Capacity::FromData),
            (1u32..=1000).prop_map(Capacity::Fixed)
        ],
        decimal(0.0, 100.0),
        proptest::option::of(decimal(0.0, 1.0)),
    )
        .prop_map(|(km, outside, capacity, min, floor)| Constraints {
            in_person_max_km: km,
            require_outside_system: outside,
            mentor_capacity: capacity,
            min_score: min,
            coverage_floor: floor,
        })
}

fn profiles() -> impl Strategy<Value = Profile> {
    (
        text(r#"[A-Za-z0-9 '"\\é—日-]"#),
        text(r#"[A-Za-z0-9 '"\\é—\n\t,;-]"#),
        stamp(),
        (0u32..=100, 1900i32..=2100),
        proptest::array::uniform10(decimal(0.0, 1.0)),
        params(),
        constraints(),
        prop_oneof![Just(Objective::Total), Just(Objective::Maximin)],
    )
        .prop_map(
            |(name, description, saved, (years, year), weights, params, constraints, objective)| {
                let weights: [f64; N] = weights;
                Profile {
                    name,
                    description,
                    saved,
                    eligibility: Eligibility {
                        max_years_since_training: years,
                        reference_year: year,
                    },
                    weights,
                    params,
                    constraints,
                    objective,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn profile_to_toml_to_profile_is_identity(p in profiles()) {
        let text = profile::to_toml(&p);
        let back = profile::parse(&text, Path::new("p.toml"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, p);
    }
}
