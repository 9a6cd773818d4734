//! Council consensus on hand-made member profiles, and the many-profile matrix.

use crate::pools::{engine, mentee, mentor, profile, random};
use dyad::analysis::council::{self, Member};
use dyad::analysis::profile_matrix;
use dyad::criteria::{N, index_of};
use dyad::pool::Pool;
use dyad::profile::{Capacity, Objective};

fn weights(pairs: &[(&str, f64)]) -> [f64; N] {
    let mut w = [0.0; N];
    for (k, v) in pairs {
        w[index_of(k).unwrap()] = *v;
    }
    w
}

fn member(label: &str, w: &[(&str, f64)]) -> Member {
    Member {
        label: label.into(),
        profile: profile(weights(w)),
    }
}

#[test]
fn consensus_takes_medians_and_majorities() {
    let mut a = member(
        "a",
        &[("proximity", 1.0), ("goals", 0.2), ("language", 0.9)],
    );
    let mut b = member("b", &[("proximity", 0.4), ("goals", 0.8)]);
    let mut c = member(
        "c",
        &[("proximity", 0.6), ("goals", 0.6), ("seniority", 0.5)],
    );
    let mut d = member(
        "d",
        &[("proximity", 0.0), ("goals", 1.0), ("seniority", 0.7)],
    );
    a.profile.eligibility.max_years_since_training = 2;
    b.profile.eligibility.max_years_since_training = 5;
    c.profile.eligibility.max_years_since_training = 7;
    d.profile.eligibility.max_years_since_training = 4;
    a.profile.constraints.in_person_max_km = Some(40.0);
    b.profile.constraints.in_person_max_km = Some(60.0);
    c.profile.constraints.in_person_max_km = None;
    d.profile.constraints.in_person_max_km = Some(100.0);
    a.profile.constraints.require_outside_system = true;
    b.profile.constraints.require_outside_system = true;
    c.profile.objective = Objective::Maximin;
    d.profile.objective = Objective::Maximin;
    a.profile.constraints.mentor_capacity = Capacity::Fixed(1);
    b.profile.constraints.mentor_capacity = Capacity::Fixed(2);
    c.profile.constraints.mentor_capacity = Capacity::Fixed(2);
    a.profile.constraints.min_score = 10.0;
    b.profile.constraints.min_score = 30.0;
    c.profile.constraints.min_score = 20.0;
    d.profile.params.proximity_max_km = 120.0;

    // Three members: odd medians.
    let three = council::consensus(&[a.clone(), b.clone(), c.clone()]);
    let w = |key: &str| three.weights[index_of(key).unwrap()];
    assert_eq!(w("proximity"), 0.6);
    assert_eq!(w("goals"), 0.6);
    assert_eq!(w("language"), 0.0);
    assert_eq!(w("seniority"), 0.0);
    assert_eq!(three.eligibility.max_years_since_training, 5);
    assert_eq!(three.constraints.in_person_max_km, Some(60.0));
    assert!(three.constraints.require_outside_system);
    assert_eq!(three.objective, Objective::Total);
    assert_eq!(three.constraints.mentor_capacity, Capacity::Fixed(2));
    assert_eq!(three.constraints.min_score, 20.0);
    assert!(three.description.contains("a, b, c"));

    // Four members: even medians average the middle two; ties go to the first member.
    let four = council::consensus(&[a, b, c, d]);
    let w = |key: &str| four.weights[index_of(key).unwrap()];
    assert!((w("proximity") - 0.5).abs() < 1e-12);
    assert!((w("goals") - 0.7).abs() < 1e-12);
    assert!((w("seniority") - 0.25).abs() < 1e-12);
    assert_eq!(w("language"), 0.0);
    // 2, 4, 5, 7 -> 4.5, rounded half up.
    assert_eq!(four.eligibility.max_years_since_training, 5);
    // 40, 60, 100, none -> (60 + 100) / 2.
    assert_eq!(four.constraints.in_person_max_km, Some(80.0));
    // 2 of 4 require outside system: a tie, and the first member requires it.
    assert!(four.constraints.require_outside_system);
    // total, total, maximin, maximin: a tie, the first member's.
    assert_eq!(four.objective, Objective::Total);
    // Fixed 3 of 4: median of 1, 2, 2 = 2.
    assert_eq!(four.constraints.mentor_capacity, Capacity::Fixed(2));
    // 10, 30, 20, 0 -> 15.
    assert_eq!(four.constraints.min_score, 15.0);
    // 80, 80, 80, 120 -> 80.
    assert_eq!(four.params.proximity_max_km, 80.0);
}

/// Two mentees, each near one mentor whose expertise fits the *other* mentee, plus a third
/// mentee with a mentor who is both near and expert: geography-minded members pair by place,
/// the goals-minded member by topic, and everyone agrees on the third pair.
fn crossed_pool() -> Pool {
    let mut m0 = mentee("ME-0", "021");
    m0.goals = vec!["research".into()];
    let mut m1 = mentee("ME-1", "012");
    m1.goals = vec!["leadership".into()];
    let mut m2 = mentee("ME-2", "017");
    m2.goals = vec!["teaching".into()];
    let mut r0 = mentor("MR-0", "021");
    r0.expertise = vec!["leadership".into()];
    let mut r1 = mentor("MR-1", "012");
    r1.expertise = vec!["research".into()];
    let mut r2 = mentor("MR-2", "017");
    r2.expertise = vec!["teaching".into()];
    Pool {
        mentees: vec![m0, m1, m2],
        mentors: vec![r0, r1, r2],
        ..Pool::default()
    }
}

#[test]
fn agreement_disagreement_and_distance_from_the_consensus() {
    let mut e = engine(crossed_pool());
    let members = vec![
        member("geo", &[("proximity", 1.0)]),
        member("topic", &[("goals", 1.0)]),
        member("geo-mostly", &[("proximity", 1.0), ("goals", 0.2)]),
    ];
    let c = council::convene(&mut e, members).unwrap();
    // Consensus weights: proximity median(1, 0, 1) = 1, goals median(0, 1, 0.2) = 0.2.
    assert_eq!(
        c.consensus.profile.weights[index_of("proximity").unwrap()],
        1.0
    );
    assert_eq!(c.consensus.profile.weights[index_of("goals").unwrap()], 0.2);
    let sp = c.spread[index_of("goals").unwrap()];
    assert_eq!((sp.min, sp.median, sp.max), (0.0, 0.2, 1.0));

    let by_place = vec![Some(0), Some(1), Some(2)];
    let by_topic = vec![Some(1), Some(0), Some(2)];
    assert_eq!(c.evaluations[0].matching.mentor_of, by_place);
    assert_eq!(c.evaluations[1].matching.mentor_of, by_topic);
    assert_eq!(c.evaluations[2].matching.mentor_of, by_place);
    assert_eq!(c.consensus.matching.mentor_of, by_place);

    assert_eq!(c.considered(), 3);
    assert_eq!(c.agreed_pairs, vec![(2, 2)]);
    assert!(c.agreed_unmatched.is_empty());
    assert_eq!(c.disagreements.len(), 2);
    for d in &c.disagreements {
        assert_eq!(d.support(), 2, "{d:?}");
        assert_eq!(d.consensus, Some(d.mentee));
    }

    // The goals-only member: both crossed pairs change, and by their yardstick the
    // consensus pairs cover no goal (0 points) where theirs covered all (100).
    let topic = &c.fits[1];
    assert_eq!(topic.changes.len(), 2);
    for ch in &topic.changes {
        assert_eq!(ch.member_score, Some(100.0));
        assert_eq!(ch.consensus_score, Some(0.0));
    }
    assert_eq!(topic.own.mean, 100.0);
    assert!((topic.consensus.mean - 100.0 / 3.0).abs() < 1e-9);
    assert!((topic.mean_delta() + 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(topic.min_delta(), -100.0);
    // The geography members are at distance 0.
    assert!(c.fits[0].changes.is_empty() && c.fits[2].changes.is_empty());
    assert_eq!(c.fits[0].mean_delta(), 0.0);
}

#[test]
fn ineligible_under_every_profile_is_not_considered() {
    let mut pool = crossed_pool();
    pool.mentees[2].training_completed = 2000;
    let mut e = engine(pool);
    let c = council::convene(
        &mut e,
        vec![
            member("geo", &[("proximity", 1.0)]),
            member("topic", &[("goals", 1.0)]),
        ],
    )
    .unwrap();
    assert_eq!(c.considered(), 2);
    assert!(c.agreed_pairs.is_empty());
}

#[test]
fn profile_matrix_is_symmetric_and_counts_what_compare_counts() {
    let (pool, p) = random(11, 8, 5, 0.0, false);
    let mut q = p.clone();
    q.weights = weights(&[("proximity", 1.0)]);
    let mut r = p.clone();
    r.weights = weights(&[("goals", 1.0), ("challenges", 0.5)]);
    r.eligibility.max_years_since_training = 3;
    let mut e = engine(pool.clone());
    let m = profile_matrix::build(&mut e, &[p.clone(), q, r]).unwrap();
    for a in 0..3 {
        assert_eq!(m.changed[a][a], 0);
        assert_eq!(m.tau[a][a], Some(1.0));
        for b in 0..3 {
            assert_eq!(m.changed[a][b], m.changed[b][a]);
            assert_eq!(m.tau[a][b], m.tau[b][a]);
            let cmp = dyad::matching::engine::Engine::compare(&m.evaluations[a], &m.evaluations[b]);
            assert_eq!(m.changed[a][b], cmp.differing());
        }
    }
    // Tau over the shared pairs equals the naive definition.
    let (xa, xb) = profile_matrix::shared_scores(&pool, &m.evaluations[0], &m.evaluations[1]);
    assert_eq!(xa.len(), m.pairs[0][1]);
    let naive = dyad::analysis::kendall::tau_b_naive(&xa, &xb).unwrap();
    assert!((m.tau[0][1].unwrap() - naive).abs() < 1e-12);
    // The same weights scaled give the same order: tau 1.
    let mut scaled = p.clone();
    for w in &mut scaled.weights {
        *w *= 0.5;
    }
    let m2 = profile_matrix::build(&mut e, &[p, scaled]).unwrap();
    assert!((m2.tau[0][1].unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(m2.changed[0][1], 0);
}
