use super::*;
use crate::analysis::summary::Summary;
use crate::criteria::geo::LatLon;
use crate::embedded;
use crate::matching::{self, scoring::ScoreTable};
use crate::pool::{MeetingFormat, Mentee, Mentor, Person};
use crate::privacy::SmallCells;

fn list(items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn mentee(at: Option<LatLon>) -> Mentee {
    Mentee {
        person: Person {
            id: "ME-1".into(),
            zip3: "021".into(),
            location: at,
            specialty: "internal medicine".into(),
            health_system: "hs-01".into(),
            training_completed: 2021,
            identities: list(&["woman"]),
            meeting_format: MeetingFormat::Either,
            hours_per_month: 3.0,
            languages: list(&["english"]),
        },
        wants_shared: list(&["img", "woman"]),
        goals: list(&["leadership", "research", "teaching"]),
        challenges: vec![],
    }
}

fn mentor(at: Option<LatLon>, specialty: &str, system: &str) -> Mentor {
    Mentor {
        person: Person {
            id: "MR-1".into(),
            zip3: "021".into(),
            location: at,
            specialty: specialty.into(),
            health_system: system.into(),
            training_completed: 2000,
            identities: list(&["woman", "lgbtq"]),
            meeting_format: MeetingFormat::Either,
            hours_per_month: 2.0,
            languages: list(&["english"]),
        },
        expertise: list(&["teaching", "leadership", "burnout"]),
        capacity: 2,
    }
}

#[test]
fn coverage_counts_what_was_asked_and_reads_k_of_n() {
    let c = Coverage::of(&list(&["a", "b", "c"]), &list(&["c", "a", "z"]));
    assert_eq!((c.met, c.of), (2, 3));
    assert_eq!(c.to_string(), "2 of 3");
    assert!((c.share().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    let none = Coverage::of(&[], &list(&["a"]));
    assert!(!none.asked());
    assert_eq!(none.share(), None);
}

#[test]
fn pair_facts_of_a_hand_made_pair() {
    // One degree of longitude on the equator is 2πR/360 ≈ 111.195 km.
    let here = LatLon { lat: 0.0, lon: 0.0 };
    let there = LatLon { lat: 0.0, lon: 1.0 };
    let pool = Pool {
        mentees: vec![mentee(Some(here))],
        mentors: vec![
            mentor(Some(there), "family medicine", "hs-02"),
            mentor(None, "internal medicine", "hs-01"),
        ],
        ..Pool::default()
    };
    let families = crate::criteria::specialty::builtin();
    let f = PairFacts::of(&pool, families, 0, 0);
    assert!((f.km.unwrap() - 111.195).abs() < 0.01, "{:?}", f.km);
    assert_eq!(f.goals.to_string(), "2 of 3");
    assert_eq!(f.challenges, Coverage { met: 0, of: 0 });
    assert_eq!(f.identity_requests.to_string(), "1 of 2");
    assert!(!f.same_specialty && f.same_family && f.outside_system && f.hours_short);
    let g = PairFacts::of(&pool, families, 0, 1);
    assert_eq!(g.km, None);
    assert!(g.same_specialty && g.same_family && !g.outside_system);
}

fn facts(km: Option<f64>, goals: (usize, usize), outside: bool) -> PairFacts {
    PairFacts {
        mentee: 0,
        mentor: 0,
        km,
        goals: Coverage {
            met: goals.0,
            of: goals.1,
        },
        challenges: Coverage::default(),
        identity_requests: Coverage::default(),
        same_specialty: false,
        same_family: false,
        outside_system: outside,
        hours_short: false,
    }
}

#[test]
fn pair_measures_pool_counts_and_leave_unknowns_out() {
    let set = [
        facts(Some(10.0), (1, 1), true),
        facts(Some(30.0), (0, 3), false),
        facts(None, (0, 0), true),
        facts(Some(50.0), (0, 0), true),
    ];
    let m = PairMeasures::of(&set, Some(30.0));
    assert_eq!(m.matched, 4);
    assert_eq!(m.km_mean, Some(30.0));
    assert_eq!(m.km_median, Some(30.0));
    // The pair without a location is not within the limit: 2 of 4.
    assert_eq!(m.within_in_person_km, Some(0.5));
    // Pooled over goals listed (1 of 4), not the mean of shares (0.5).
    assert_eq!(m.goals_covered, Some(0.25));
    assert_eq!(m.challenges_covered, None);
    assert_eq!(m.identity_requests_met, None);
    assert_eq!(m.outside_system, Some(0.75));
    assert_eq!(PairMeasures::of(&set, None).within_in_person_km, None);
    assert_eq!(PairMeasures::of(&set[..2], None).km_median, Some(20.0));
    let empty = PairMeasures::of(&[], Some(30.0));
    assert_eq!(
        (empty.matched, empty.km_mean, empty.same_family),
        (0, None, None)
    );
}

#[test]
fn measures_of_the_sample_agree_with_the_summary_and_the_pairs() {
    let pool = embedded::sample_pool();
    let families = crate::criteria::specialty::builtin();
    for profile in [embedded::fall_profile(), embedded::pilot_profile()] {
        let table = ScoreTable::build(&pool, &profile.params, families);
        let m = matching::solve(&pool, &table, &profile).unwrap();
        let summary = Summary::of(&pool, &table, &m);
        let capacity = matching::capacities(&pool, &profile);
        let k = 5;
        let ms = Measures::of(&pool, families, &m, &capacity, Some(60.0), k);
        assert_eq!(ms.pool.matched, m.pairs.len());
        let mut used: Vec<usize> = m.pairs.iter().map(|p| p.mentor).collect();
        used.sort();
        used.dedup();
        assert_eq!(ms.mentors_idle, pool.mentors.len() - used.len());
        let idle = idle_mentors(&m, &capacity);
        assert_eq!(idle.len(), ms.mentors_idle);
        assert!(idle.iter().all(|i| !used.contains(&i.mentor)));
        let full = (0..pool.mentors.len())
            .filter(|&j| m.mentees_of(j).len() as u32 == capacity[j])
            .count();
        assert_eq!(ms.mentors_full, full);
        assert_eq!(ms.groups.len(), summary.groups.len());
        for (name, g) in &ms.groups {
            let s = &summary.groups[name];
            assert_eq!(
                g.suppressed,
                SmallCells::new(k).group(s).is_suppressed(),
                "{name}"
            );
            if let Some(f) = g.figures {
                assert_eq!(f.matched, s.matched, "{name}");
            }
        }
        // Table distances (f32) agree with the facts' own haversine.
        for f in PairFacts::of_matching(&pool, families, &m) {
            let t = table.distance_km(f.mentee, f.mentor);
            match (f.km, t) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 0.01, "{a} {b}"),
                (a, b) => assert_eq!(a.is_some(), b.is_some()),
            }
        }
    }
}

#[test]
fn measures_serialize_with_the_design_keys() {
    let s = crate::analysis::testing::sample_solved(&embedded::fall_profile());
    let families = crate::criteria::specialty::builtin();
    let ms = Measures::of(&s.pool, families, &s.matching, &s.capacity, None, 1000);
    let v = serde_json::to_value(&ms).unwrap();
    for key in [
        "matched",
        "km_mean",
        "km_median",
        "within_in_person_km",
        "goals_covered",
        "challenges_covered",
        "identity_requests_met",
        "outside_system",
        "same_specialty",
        "same_family",
        "hours_short",
        "mentors_idle",
        "mentors_full",
    ] {
        assert!(v.get(key).is_some(), "{key} missing in {v}");
    }
    assert!(v["within_in_person_km"].is_null());
    // Every group is under k = 1000: suppressed, without figures.
    for (_, g) in v["groups"].as_object().unwrap() {
        assert_eq!(g["suppressed"], true);
        assert!(g.get("km_mean").is_none(), "{g}");
    }
}
