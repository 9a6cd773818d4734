//! The matching criteria. Each scores a (mentee, mentor) pair in [0, 1].
//!
//! Adding a criterion is one local change: write its scoring function with its tests and add one
//! entry to [`CRITERIA`]. Profiles, scoring, summaries, the CLI and the TUI all iterate over this
//! table.

/// Distances between ZIP3 areas: part of the pool's data, used here for proximity.
pub use crate::pool::geo;
pub mod specialty;

use crate::criteria::specialty::SpecialtyFamilies;
use crate::pool::{Mentee, Mentor};

/// Parameters of the criteria that have them (`[criteria]` in a profile).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Distance at which proximity reaches 0.
    pub proximity_max_km: f64,
    /// Training-year gap (mentor earlier) that counts fully as senior enough.
    pub seniority_min_gap: f64,
    /// Training-year gap beyond which the score starts to fall (by 0.1 a year past it).
    pub seniority_max_gap: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            proximity_max_km: 80.0,
            seniority_min_gap: 8.0,
            seniority_max_gap: 30.0,
        }
    }
}

/// Everything a criterion may look at for one pair.
pub struct PairCtx<'a> {
    /// The mentee of the pair.
    pub mentee: &'a Mentee,
    /// The mentor of the pair.
    pub mentor: &'a Mentor,
    /// Distance between the ZIP3 centroids; `None` when either location is unknown.
    pub distance_km: Option<f64>,
    /// The profile's criterion parameters.
    pub params: &'a Params,
    /// The specialty families, for the specialty criterion.
    pub families: &'a SpecialtyFamilies,
}

/// One criterion: its TOML key, the name a council member reads, and its scoring function.
pub struct Criterion {
    /// The key in a profile's `[weights]` table and in every output (`proximity`).
    pub key: &'static str,
    /// The name a council member reads (`Geographic proximity`).
    pub label: &'static str,
    /// One line on what scores high.
    pub help: &'static str,
    /// The pair's score in [0, 1] (1 = best).
    pub score: fn(&PairCtx) -> f64,
}

/// The ten criteria, in the order every profile, table and screen lists them.
pub const CRITERIA: &[Criterion] = &[
    Criterion {
        key: "proximity",
        label: "Geographic proximity",
        help: "1 at the same place, 0 at the distance set in the rules",
        score: proximity,
    },
    Criterion {
        key: "goals",
        label: "Goals covered",
        help: "share of the mentee's goals in the mentor's expertise",
        score: goals,
    },
    Criterion {
        key: "challenges",
        label: "Challenges covered",
        help: "share of the mentee's challenges in the mentor's expertise",
        score: challenges,
    },
    Criterion {
        key: "specialty",
        label: "Specialty",
        help: "1 same specialty, 0.5 same family (configs/specialties.toml)",
        score: specialty,
    },
    Criterion {
        key: "shared_identity",
        label: "Shared identity",
        help: "share of the identities the mentee wants shared that the mentor has",
        score: shared_identity,
    },
    Criterion {
        key: "outside_system",
        label: "Outside own health system",
        help: "1 when mentor and mentee work in different health systems",
        score: outside_system,
    },
    Criterion {
        key: "format",
        label: "Meeting format",
        help: "1 when the in-person / virtual preferences are compatible",
        score: format,
    },
    Criterion {
        key: "availability",
        label: "Time availability",
        help: "mentor hours / mentee hours, at most 1",
        score: availability,
    },
    Criterion {
        key: "language",
        label: "Language",
        help: "1 for English-only mentees or a shared other language",
        score: language,
    },
    Criterion {
        key: "seniority",
        label: "Seniority gap",
        help: "1 when the training gap is within the rules' seniority gap",
        score: seniority,
    },
];

/// How many criteria there are.
pub const N: usize = CRITERIA.len();

/// One weight per criterion, in [`CRITERIA`] order.
pub type Weights = [f64; N];

/// The position of a criterion by its TOML key.
pub fn index_of(key: &str) -> Option<usize> {
    CRITERIA.iter().position(|c| c.key == key)
}

/// Scores of every criterion for a pair, in [`CRITERIA`] order.
pub fn score_all(ctx: &PairCtx) -> [f64; N] {
    std::array::from_fn(|i| (CRITERIA[i].score)(ctx).clamp(0.0, 1.0))
}

/// Pair score 0–100: the weighted mean of the criterion scores (0 when all weights are 0).
pub fn pair_score(scores: &[f64; N], weights: &Weights) -> f64 {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    (100.0 * scores.iter().zip(weights).map(|(s, w)| s * w).sum::<f64>() / total).clamp(0.0, 100.0)
}

/// Share of `wanted` found in `offered` (both sorted); 1 when nothing is wanted.
fn coverage(wanted: &[String], offered: &[String]) -> f64 {
    if wanted.is_empty() {
        return 1.0;
    }
    let found = wanted
        .iter()
        .filter(|w| offered.binary_search(w).is_ok())
        .count();
    found as f64 / wanted.len() as f64
}

fn proximity(c: &PairCtx) -> f64 {
    match c.distance_km {
        Some(d) if c.params.proximity_max_km > 0.0 => {
            (1.0 - d / c.params.proximity_max_km).clamp(0.0, 1.0)
        }
        Some(d) => f64::from(u8::from(d == 0.0)),
        None => 0.0,
    }
}

fn goals(c: &PairCtx) -> f64 {
    coverage(&c.mentee.goals, &c.mentor.expertise)
}

fn challenges(c: &PairCtx) -> f64 {
    coverage(&c.mentee.challenges, &c.mentor.expertise)
}

fn specialty(c: &PairCtx) -> f64 {
    c.families.score(&c.mentee.specialty, &c.mentor.specialty)
}

fn shared_identity(c: &PairCtx) -> f64 {
    coverage(&c.mentee.wants_shared, &c.mentor.identities)
}

fn outside_system(c: &PairCtx) -> f64 {
    f64::from(u8::from(c.mentee.health_system != c.mentor.health_system))
}

fn format(c: &PairCtx) -> f64 {
    f64::from(u8::from(
        c.mentee.meeting_format.compatible(c.mentor.meeting_format),
    ))
}

fn availability(c: &PairCtx) -> f64 {
    (c.mentor.hours_per_month / c.mentee.hours_per_month).min(1.0)
}

/// English-only mentees (or ones listing no language) are served by anyone; otherwise a
/// non-English language must be shared.
fn language(c: &PairCtx) -> f64 {
    let mut others = c.mentee.languages.iter().filter(|l| *l != "english");
    let english_only = others.clone().next().is_none();
    f64::from(u8::from(
        english_only || others.any(|l| c.mentor.languages.binary_search(l).is_ok()),
    ))
}

/// 1 inside [min_gap, max_gap] years of training gap, falling linearly to 0 over 10 years
/// outside it; 0 when the mentor trained later than the mentee.
fn seniority(c: &PairCtx) -> f64 {
    let gap = f64::from(c.mentee.training_completed - c.mentor.training_completed);
    if gap < 0.0 {
        return 0.0;
    }
    let (lo, hi) = (c.params.seniority_min_gap, c.params.seniority_max_gap);
    let outside = if gap < lo {
        lo - gap
    } else if gap > hi {
        gap - hi
    } else {
        0.0
    };
    (1.0 - outside / 10.0).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::{MeetingFormat, Person};

    fn mentee() -> Mentee {
        Mentee {
            person: Person {
                id: "ME-1".into(),
                zip3: "021".into(),
                location: None,
                specialty: "internal medicine".into(),
                health_system: "hs-01".into(),
                training_completed: 2021,
                identities: vec!["img".into(), "woman".into()],
                meeting_format: MeetingFormat::Either,
                hours_per_month: 2.0,
                languages: vec!["english".into()],
            },
            wants_shared: vec![],
            goals: vec![],
            challenges: vec![],
        }
    }

    fn mentor() -> Mentor {
        Mentor {
            person: Person {
                id: "MR-1".into(),
                zip3: "021".into(),
                location: None,
                specialty: "internal medicine".into(),
                health_system: "hs-02".into(),
                training_completed: 2005,
                identities: vec![],
                meeting_format: MeetingFormat::Either,
                hours_per_month: 2.0,
                languages: vec!["english".into()],
            },
            expertise: vec![],
            capacity: 1,
        }
    }

    fn score(key: &str, me: &Mentee, mr: &Mentor, distance_km: Option<f64>) -> f64 {
        let params = Params::default();
        let ctx = PairCtx {
            mentee: me,
            mentor: mr,
            distance_km,
            params: &params,
            families: crate::criteria::specialty::builtin(),
        };
        (CRITERIA[index_of(key).unwrap()].score)(&ctx)
    }

    fn list(items: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn keys_are_unique_and_there_are_ten() {
        assert_eq!(N, 10);
        for (i, c) in CRITERIA.iter().enumerate() {
            assert_eq!(index_of(c.key), Some(i));
        }
    }

    #[test]
    fn proximity_falls_linearly_and_is_zero_when_unknown() {
        let (me, mr) = (mentee(), mentor());
        assert_eq!(score("proximity", &me, &mr, Some(0.0)), 1.0);
        assert!((score("proximity", &me, &mr, Some(40.0)) - 0.5).abs() < 1e-12);
        assert_eq!(score("proximity", &me, &mr, Some(200.0)), 0.0);
        assert_eq!(score("proximity", &me, &mr, None), 0.0);
    }

    #[test]
    fn goals_and_challenges_are_shares_and_empty_means_one() {
        let (mut me, mut mr) = (mentee(), mentor());
        assert_eq!(score("goals", &me, &mr, None), 1.0);
        assert_eq!(score("challenges", &me, &mr, None), 1.0);
        me.goals = list(&["leadership", "research", "teaching", "advocacy"]);
        me.challenges = list(&["burnout"]);
        mr.expertise = list(&["leadership", "teaching", "isolation"]);
        assert_eq!(score("goals", &me, &mr, None), 0.5);
        assert_eq!(score("challenges", &me, &mr, None), 0.0);
    }

    #[test]
    fn specialty_gives_partial_credit_within_a_family() {
        let (me, mut mr) = (mentee(), mentor());
        assert_eq!(score("specialty", &me, &mr, None), 1.0);
        mr.specialty = "family medicine".into();
        assert_eq!(score("specialty", &me, &mr, None), 0.5);
        mr.specialty = "general surgery".into();
        assert_eq!(score("specialty", &me, &mr, None), 0.0);
    }

    #[test]
    fn shared_identity_counts_only_what_is_wanted() {
        let (mut me, mut mr) = (mentee(), mentor());
        assert_eq!(score("shared_identity", &me, &mr, None), 1.0);
        me.wants_shared = list(&["img", "woman"]);
        mr.identities = list(&["woman"]);
        assert_eq!(score("shared_identity", &me, &mr, None), 0.5);
    }

    #[test]
    fn outside_system_and_format() {
        let (mut me, mut mr) = (mentee(), mentor());
        assert_eq!(score("outside_system", &me, &mr, None), 1.0);
        mr.health_system = me.health_system.clone();
        assert_eq!(score("outside_system", &me, &mr, None), 0.0);
        assert_eq!(score("format", &me, &mr, None), 1.0);
        me.meeting_format = MeetingFormat::InPerson;
        assert_eq!(score("format", &me, &mr, None), 1.0);
        mr.meeting_format = MeetingFormat::Virtual;
        assert_eq!(score("format", &me, &mr, None), 0.0);
        mr.meeting_format = MeetingFormat::InPerson;
        assert_eq!(score("format", &me, &mr, None), 1.0);
    }

    #[test]
    fn availability_is_capped_at_one() {
        let (me, mut mr) = (mentee(), mentor());
        mr.hours_per_month = 1.0;
        assert_eq!(score("availability", &me, &mr, None), 0.5);
        mr.hours_per_month = 6.0;
        assert_eq!(score("availability", &me, &mr, None), 1.0);
    }

    #[test]
    fn language_english_only_or_shared_other_language() {
        let (mut me, mut mr) = (mentee(), mentor());
        assert_eq!(score("language", &me, &mr, None), 1.0);
        me.languages = vec![];
        assert_eq!(score("language", &me, &mr, None), 1.0);
        me.languages = list(&["english", "yoruba"]);
        assert_eq!(score("language", &me, &mr, None), 0.0);
        mr.languages = list(&["english", "yoruba"]);
        assert_eq!(score("language", &me, &mr, None), 1.0);
        me.languages = list(&["spanish"]);
        assert_eq!(score("language", &me, &mr, None), 0.0);
    }

    #[test]
    fn seniority_window_and_linear_fall() {
        let (mut me, mut mr) = (mentee(), mentor());
        me.training_completed = 2020;
        for (mentor_year, expected) in [
            (2012, 1.0), // gap 8: lower edge
            (1990, 1.0), // gap 30: upper edge
            (2017, 0.5), // gap 3: 5 below
            (1985, 0.5), // gap 35: 5 above
            (1970, 0.0), // gap 50: far above
            (2020, 0.2), // equal years: gap 0, 8 below
            (2021, 0.0), // mentor trained later
        ] {
            mr.training_completed = mentor_year;
            let s = score("seniority", &me, &mr, None);
            assert!((s - expected).abs() < 1e-12, "{mentor_year}: {s}");
        }
    }

    #[test]
    fn pair_score_is_a_weighted_mean_and_zero_without_weights() {
        let mut w = [0.0; N];
        let mut s = [0.0; N];
        assert_eq!(pair_score(&s, &w), 0.0);
        w[0] = 1.0;
        w[1] = 3.0;
        s[0] = 1.0;
        s[1] = 0.5;
        assert!((pair_score(&s, &w) - 62.5).abs() < 1e-12);
    }
}
