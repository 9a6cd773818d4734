//! The matching against brute force on small random pools: every mentee at most once, mentor
//! capacities respected, forbidden pairs never used, pins kept, and the same cardinality, total
//! (and worst pair for maximin) as exhaustive search; identical output when rows are shuffled.

use std::path::Path;

use proptest::prelude::*;

use dyad::criteria::N;
use dyad::matching::scoring::ScoreTable;
use dyad::matching::{self, Matching, Reason};
use dyad::pool::{Action, LoadOptions, Pool, pool_from_csv};
use dyad::profile::{Capacity, Objective, Profile};

use crate::pools::{self, MenteeSpec, MentorSpec};

#[derive(Debug, Clone)]
struct Spec {
    mentees: Vec<MenteeSpec>,
    mentors: Vec<MentorSpec>,
    weights: [u8; N],
    in_person: Option<f64>,
    outside: bool,
    min_score: f64,
    fixed_capacity: Option<u32>,
    maximin: bool,
    bans: Vec<(usize, usize)>,
    pins: Vec<(usize, usize)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let mentee = (
        0..5usize,
        0..3usize,
        0..16u8,
        0..8u8,
        0..8u8,
        0..3usize,
        2015..2024i32,
        0..4u8,
    );
    let mentor = (
        0..5usize,
        0..3usize,
        0..16u8,
        0..8u8,
        0..3usize,
        1985..2016i32,
        1..=3u32,
    );
    (
        prop::collection::vec(mentee, 1..=7),
        prop::collection::vec(mentor, 1..=4),
        prop::array::uniform10(0..=4u8),
        prop::option::of(prop::sample::select(vec![20.0, 60.0, 120.0])),
        any::<bool>(),
        prop::sample::select(vec![0.0, 0.0, 40.0, 65.0]),
        prop::option::of(1..=2u32),
        any::<bool>(),
        prop::collection::vec((0..7usize, 0..4usize), 0..4),
        prop::collection::vec((0..7usize, 0..4usize), 0..3),
    )
        .prop_map(
            |(
                mentees,
                mentors,
                weights,
                in_person,
                outside,
                min_score,
                fixed,
                maximin,
                bans,
                pins,
            )| {
                Spec {
                    mentees,
                    mentors,
                    weights,
                    in_person,
                    outside,
                    min_score,
                    fixed_capacity: fixed,
                    maximin,
                    bans,
                    pins,
                }
            },
        )
}

fn build(spec: &Spec) -> (Pool, Profile) {
    let mut pool = pools::drawn_pool(&spec.mentees, &spec.mentors);
    let weights = std::array::from_fn(|k| f64::from(spec.weights[k]) / 4.0);
    let mut profile = pools::profile(weights);
    profile.constraints.in_person_max_km = spec.in_person;
    profile.constraints.require_outside_system = spec.outside;
    profile.constraints.mentor_capacity = spec
        .fixed_capacity
        .map_or(Capacity::FromData, Capacity::Fixed);
    profile.constraints.min_score = spec.min_score;
    profile.objective = if spec.maximin {
        Objective::Maximin
    } else {
        Objective::Total
    };
    pools::ban(&mut pool, &spec.bans);
    // Only pins that can be kept: eligible mentee, mentor with room, not banned.
    let caps = matching::capacities(&pool, &profile);
    let mut used = vec![0u32; pool.mentors.len()];
    for &(i, j) in &spec.pins {
        if pools::pinnable(&pool, &profile, i, j) && used[j] < caps[j] {
            used[j] += 1;
            pool.overrides.set(i, j, Some(Action::Pin));
        }
    }
    (pool, profile)
}

/// (matched, worst pair, total) of the best assignment by exhaustive search.
fn brute(pool: &Pool, table: &ScoreTable, profile: &Profile) -> (usize, f64, f64) {
    let m = pool.mentors.len();
    let scores = table.combined(&profile.weights);
    let mut cap = matching::capacities(pool, profile);
    let mut fixed = Vec::new();
    for o in pool.overrides.iter().filter(|o| o.action == Action::Pin) {
        cap[o.mentor] -= 1;
        fixed.push(scores[o.mentee * m + o.mentor]);
    }
    let free: Vec<usize> = (0..pool.mentees.len())
        .filter(|&i| {
            profile
                .eligibility
                .eligible(pool.mentees[i].training_completed)
                && pool.overrides.pin_of(i).is_none()
        })
        .collect();
    let allowed = |i: usize, j: usize| {
        matching::forbidden(pool, table, profile, i, j, scores[i * m + j]).is_none()
    };
    let mut best: Option<(usize, f64, f64)> = None;
    let mut chosen: Vec<f64> = Vec::new();
    fn better(a: (usize, f64, f64), b: (usize, f64, f64), maximin: bool) -> bool {
        if a.0 != b.0 {
            return a.0 > b.0;
        }
        if maximin && (a.1 - b.1).abs() > 1e-9 {
            return a.1 > b.1;
        }
        a.2 > b.2 + 1e-9
    }
    #[allow(clippy::too_many_arguments)]
    fn go(
        k: usize,
        free: &[usize],
        cap: &mut Vec<u32>,
        chosen: &mut Vec<f64>,
        best: &mut Option<(usize, f64, f64)>,
        scores: &[f64],
        m: usize,
        allowed: &dyn Fn(usize, usize) -> bool,
        maximin: bool,
    ) {
        if k == free.len() {
            let min = chosen.iter().copied().fold(f64::INFINITY, f64::min);
            let cand = (chosen.len(), min, chosen.iter().sum());
            if best.is_none_or(|b| better(cand, b, maximin)) {
                *best = Some(cand);
            }
            return;
        }
        let i = free[k];
        go(k + 1, free, cap, chosen, best, scores, m, allowed, maximin);
        for j in 0..m {
            if cap[j] > 0 && allowed(i, j) {
                cap[j] -= 1;
                chosen.push(scores[i * m + j]);
                go(k + 1, free, cap, chosen, best, scores, m, allowed, maximin);
                chosen.pop();
                cap[j] += 1;
            }
        }
    }
    let maximin = profile.objective == Objective::Maximin;
    go(
        0,
        &free,
        &mut cap,
        &mut chosen,
        &mut best,
        &scores,
        m,
        &allowed,
        maximin,
    );
    let (n, min, total) = best.unwrap();
    let fixed_total: f64 = fixed.iter().sum();
    (n + fixed.len(), min, total + fixed_total)
}

fn check_valid(pool: &Pool, table: &ScoreTable, profile: &Profile, r: &Matching) {
    let caps = matching::capacities(pool, profile);
    let mut used = vec![0u32; pool.mentors.len()];
    let mut seen = vec![false; pool.mentees.len()];
    for p in &r.pairs {
        assert!(!seen[p.mentee], "mentee twice");
        seen[p.mentee] = true;
        used[p.mentor] += 1;
        assert!(
            profile
                .eligibility
                .eligible(pool.mentees[p.mentee].training_completed)
        );
        if p.pinned {
            assert_eq!(pool.overrides.pin_of(p.mentee), Some(p.mentor));
        } else {
            assert!(
                matching::forbidden(pool, table, profile, p.mentee, p.mentor, p.score).is_none(),
                "forbidden pair used"
            );
        }
    }
    for (j, u) in used.iter().enumerate() {
        assert!(*u <= caps[j], "capacity exceeded");
    }
    for o in pool.overrides.iter() {
        match o.action {
            Action::Pin => assert_eq!(r.mentor_of[o.mentee], Some(o.mentor), "pin lost"),
            Action::Ban => assert_ne!(r.mentor_of[o.mentee], Some(o.mentor), "ban broken"),
        }
    }
    for &(i, reason) in &r.unmatched {
        assert!(!seen[i]);
        let eligible = profile
            .eligibility
            .eligible(pool.mentees[i].training_completed);
        assert_eq!(reason == Reason::Ineligible, !eligible);
    }
    assert_eq!(r.pairs.len() + r.unmatched.len(), pool.mentees.len());
}

/// The cells both pool files start with: id, zip3, specialty, health_system,
/// training_completed, identities (a macro, as `Mentee` and `Mentor` share the fields, not a type).
macro_rules! person_cells {
    ($p:expr) => {
        vec![
            $p.id.clone(),
            $p.zip3.clone(),
            $p.specialty.clone(),
            $p.health_system.clone(),
            $p.training_completed.to_string(),
            $p.identities.join(";"),
        ]
    };
}

/// CSV text: the header line, then a line per row.
fn csv_text(header: &str, rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut text = format!("{header}\n");
    for row in rows {
        text.push_str(&row.join(","));
        text.push('\n');
    }
    text
}

/// The pool as CSV text, rows in the given order.
fn to_csv(pool: &Pool, mentee_order: &[usize], mentor_order: &[usize]) -> (String, String) {
    let mentees = mentee_order.iter().map(|&i| {
        let m = &pool.mentees[i];
        let mut cells = person_cells!(m);
        cells.extend([
            m.wants_shared.join(";"),
            m.goals.join(";"),
            m.challenges.join(";"),
            m.meeting_format.as_str().to_string(),
            m.hours_per_month.to_string(),
            m.languages.join(";"),
        ]);
        cells
    });
    let mentors = mentor_order.iter().map(|&j| {
        let m = &pool.mentors[j];
        let mut cells = person_cells!(m);
        cells.extend([
            m.expertise.join(";"),
            m.meeting_format.as_str().to_string(),
            m.hours_per_month.to_string(),
            m.capacity.to_string(),
            m.languages.join(";"),
        ]);
        cells
    });
    (
        csv_text(
            "id,zip3,specialty,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month,languages",
            mentees,
        ),
        csv_text(
            "id,zip3,specialty,health_system,training_completed,identities,expertise,meeting_format,hours_per_month,capacity,languages",
            mentors,
        ),
    )
}

fn ids(pool: &Pool, r: &Matching) -> Vec<(String, String)> {
    r.pairs
        .iter()
        .map(|p| {
            (
                pool.mentees[p.mentee].id.clone(),
                pool.mentors[p.mentor].id.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn matching_equals_brute_force(spec in spec()) {
        let (pool, profile) = build(&spec);
        let families = dyad::criteria::specialty::builtin();
        let table = ScoreTable::build(&pool, &profile.params, families);
        let r = matching::solve(&pool, &table, &profile).unwrap();
        check_valid(&pool, &table, &profile, &r);
        let (n, min, total) = brute(&pool, &table, &profile);
        prop_assert_eq!(r.pairs.len(), n);
        prop_assert!((r.total() - total).abs() < 1e-6, "total {} vs brute {}", r.total(), total);
        if profile.objective == Objective::Maximin && n > 0 {
            let got = r.pairs.iter().filter(|p| !p.pinned).map(|p| p.score).fold(f64::INFINITY, f64::min);
            if got.is_finite() {
                prop_assert!((got - min).abs() < 1e-6, "worst pair {} vs brute {}", got, min);
            }
        }
    }

    #[test]
    fn shuffled_rows_give_the_same_matching(
        spec in spec(),
        seed_a in any::<u64>(),
        seed_b in any::<u64>(),
    ) {
        let (pool, profile) = build(&spec);
        let families = dyad::criteria::specialty::builtin();
        let order = |n: usize, seed: u64| {
            let mut v: Vec<usize> = (0..n).collect();
            // A simple deterministic shuffle.
            let mut s = seed | 1;
            for i in (1..n).rev() {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                v.swap(i, (s % (i as u64 + 1)) as usize);
            }
            v
        };
        let straight = to_csv(&pool, &(0..pool.mentees.len()).collect::<Vec<_>>(), &(0..pool.mentors.len()).collect::<Vec<_>>());
        let shuffled = to_csv(&pool, &order(pool.mentees.len(), seed_a), &order(pool.mentors.len(), seed_b));
        let load = |(a, b): &(String, String)| {
            pool_from_csv((Path::new("mentees.csv"), a.as_bytes()), (Path::new("mentors.csv"), b.as_bytes()), &LoadOptions::default()).unwrap()
        };
        let (p1, p2) = (load(&straight), load(&shuffled));
        let t1 = ScoreTable::build(&p1, &profile.params, families);
        let t2 = ScoreTable::build(&p2, &profile.params, families);
        let r1 = matching::solve(&p1, &t1, &profile).unwrap();
        let r2 = matching::solve(&p2, &t2, &profile).unwrap();
        prop_assert_eq!(ids(&p1, &r1), ids(&p2, &r2));
        prop_assert_eq!(r1.unmatched, r2.unmatched);
    }
}
