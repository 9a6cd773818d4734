//! Slider steps through the warm session give exactly the cold matching: on random small pools
//! (pins, bans, hard constraints, capacities, ties), after every one of thousands of random
//! weight moves (and some changes of `min_score`, capacities and objective), `Engine::evaluate`
//! (incremental numerators, warm re-solve) returns the very matching — same pairs, same
//! unmatched reasons — that `matching::solve` computes from scratch, and a valid one.

use proptest::prelude::*;

use dyad::analysis::compare::rescored;
use dyad::criteria::N;
use dyad::matching::engine::Engine;
use dyad::matching::{self, Matching};
use dyad::pool::{Action, Pool};
use dyad::profile::{Capacity, Objective, Profile};

use crate::pools::{self, MenteeSpec, MentorSpec};

/// A mentee as drawn here: zip, specialty, goals mask, identities mask, format, training year.
/// The mentee wants every identity it holds shared, and gives 1 to 3 hours by row.
type DrawnMentee = (usize, usize, u8, u8, usize, i32);

/// One slider move: criterion, which of 0.01 / 0.05 / 0.25, up or down; and now and then a
/// change that rebuilds the frame or the objective.
#[derive(Debug, Clone, Copy)]
enum Step {
    Weight(usize, usize, bool),
    MinScore(u8),
    Capacity(Option<u32>),
    Maximin(bool),
}

#[derive(Debug, Clone)]
struct Case {
    mentees: Vec<DrawnMentee>,
    mentors: Vec<MentorSpec>,
    weights: [u8; N],
    in_person: Option<f64>,
    outside: bool,
    bans: Vec<(usize, usize)>,
    pins: Vec<(usize, usize)>,
    steps: Vec<Step>,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        24 => (0..N, 0..3usize, any::<bool>()).prop_map(|(k, d, up)| Step::Weight(k, d, up)),
        1 => (0..4u8).prop_map(Step::MinScore),
        1 => prop::option::of(1..=2u32).prop_map(Step::Capacity),
        1 => any::<bool>().prop_map(Step::Maximin),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let mentee = (
        0..4usize,
        0..3usize,
        0..16u8,
        0..4u8,
        0..3usize,
        2016..2024i32,
    );
    let mentor = (
        0..4usize,
        0..3usize,
        0..16u8,
        0..4u8,
        0..3usize,
        1988..2016i32,
        1..=3u32,
    );
    (
        prop::collection::vec(mentee, 1..=9),
        prop::collection::vec(mentor, 1..=6),
        prop::array::uniform10(0..=20u8),
        prop::option::of(prop::sample::select(vec![30.0, 80.0])),
        any::<bool>(),
        prop::collection::vec((0..9usize, 0..6usize), 0..3),
        prop::collection::vec((0..9usize, 0..6usize), 0..2),
        prop::collection::vec(step(), 30),
    )
        .prop_map(
            |(mentees, mentors, weights, in_person, outside, bans, pins, steps)| Case {
                mentees,
                mentors,
                weights,
                in_person,
                outside,
                bans,
                pins,
                steps,
            },
        )
}

fn build(c: &Case) -> (Pool, Profile) {
    let mentees: Vec<MenteeSpec> = c
        .mentees
        .iter()
        .enumerate()
        .map(|(i, &(z, s, goals, ids, f, year))| (z, s, goals, ids, ids, f, year, (i % 3) as u8))
        .collect();
    let mut pool = pools::drawn_pool(&mentees, &c.mentors);
    let weights = std::array::from_fn(|k| f64::from(c.weights[k]) / 20.0);
    let mut profile = pools::profile(weights);
    profile.constraints.in_person_max_km = c.in_person;
    profile.constraints.require_outside_system = c.outside;
    pools::ban(&mut pool, &c.bans);
    // Pins that can be kept under any capacity the steps may set (at most one per mentor).
    let mut pinned_mentor = vec![false; pool.mentors.len()];
    for &(i, j) in &c.pins {
        if pools::pinnable(&pool, &profile, i, j) && !pinned_mentor[j] {
            pinned_mentor[j] = true;
            pool.overrides.set(i, j, Some(Action::Pin));
        }
    }
    (pool, profile)
}

/// Valid: each mentee once, capacities kept, no forbidden pair, pins kept, bans respected.
fn check_valid(engine: &Engine, profile: &Profile, r: &Matching) -> Result<(), TestCaseError> {
    let pool = &engine.pool;
    let table = engine.clone().table(&profile.params);
    let caps = matching::capacities(pool, profile);
    let mut used = vec![0u32; pool.mentors.len()];
    let mut seen = vec![false; pool.mentees.len()];
    for p in &r.pairs {
        prop_assert!(!seen[p.mentee], "mentee twice");
        seen[p.mentee] = true;
        used[p.mentor] += 1;
        if !p.pinned {
            prop_assert!(
                matching::forbidden(pool, &table, profile, p.mentee, p.mentor, p.score).is_none(),
                "forbidden pair used"
            );
        }
    }
    for (j, u) in used.iter().enumerate() {
        prop_assert!(*u <= caps[j], "capacity exceeded");
    }
    for o in pool.overrides.iter() {
        match o.action {
            Action::Pin => prop_assert_eq!(r.mentor_of[o.mentee], Some(o.mentor)),
            Action::Ban => prop_assert_ne!(r.mentor_of[o.mentee], Some(o.mentor)),
        }
    }
    Ok(())
}

proptest! {
    // 100 pools × 30 steps: 3,000 warm steps, each checked against a cold solve.
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn warm_steps_give_the_cold_matching(c in case()) {
        let (pool, mut profile) = build(&c);
        let families = dyad::criteria::specialty::builtin().clone();
        let mut engine = Engine::new(pool, families);
        let first = engine.evaluate(&profile).unwrap();
        let table = first.table.clone();
        prop_assert_eq!(&first.matching, &matching::solve(&engine.pool, &table, &profile).unwrap());
        for (n, s) in c.steps.iter().enumerate() {
            match *s {
                Step::Weight(k, d, up) => {
                    let delta = [0.01, 0.05, 0.25][d];
                    let w = profile.weights[k] + if up { delta } else { -delta };
                    profile.weights[k] = w.clamp(0.0, 1.0);
                }
                Step::MinScore(m) => profile.constraints.min_score = [0.0, 0.0, 35.0, 60.0][m as usize],
                Step::Capacity(c) => {
                    profile.constraints.mentor_capacity = c.map_or(Capacity::FromData, Capacity::Fixed);
                }
                Step::Maximin(on) => {
                    profile.objective = if on { Objective::Maximin } else { Objective::Total };
                }
            }
            let warm = engine.evaluate(&profile).unwrap();
            let cold = matching::solve(&engine.pool, &warm.table, &profile).unwrap();
            prop_assert_eq!(&warm.matching, &cold, "step {}: {:?}", n, s);
            check_valid(&engine, &profile, &warm.matching)?;
            // A matching on its own yardstick carries its scores: comparisons rely on it
            // instead of rescoring that side.
            prop_assert_eq!(&rescored(&warm.matching, &warm), &warm.matching, "step {}", n);
        }
    }
}
