//! `dyad::analysis::evidence` on synthetic surveys whose generating rule is known: an outcome
//! that depends on distance alone supports proximity and (almost) nothing else; five answers
//! support nothing. Kendall's tau-b against its O(n²) definition on random tied samples.

use dyad::analysis::association::{ASYMPTOTIC_FROM, Association, Verdict, associate, decide};
use dyad::analysis::evidence::{
    criterion_columns, evidence, measure_columns, pair_criterion_columns, relate,
};
use dyad::analysis::kendall::{tau_b, tau_b_naive};
use dyad::criteria::{self, specialty};
use dyad::embedded;
use dyad::matching::scoring::ScoreTable;
use dyad::pool::{Outcome, OutcomeKind, Outcomes, Pool};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// `n` distinct random pairs of the sample pool closer than 80 km (the fall profile's
/// proximity range), and a 1–5 satisfaction that falls with distance, plus noise.
fn distance_survey(pool: &Pool, table: &ScoreTable, seed: u64, n: usize) -> Outcomes {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut pairs = Vec::new();
    let mut values = Vec::new();
    while pairs.len() < n {
        let (i, j) = (
            rng.random_range(0..pool.mentees.len()),
            rng.random_range(0..pool.mentors.len()),
        );
        let Some(km) = table.distance_km(i, j) else {
            continue;
        };
        if km >= 80.0 || pairs.contains(&(i, j)) {
            continue;
        }
        let noise: f64 = rng.random_range(-0.7..0.7);
        let sat = (5.0 - km / 20.0 + noise).round().clamp(1.0, 5.0);
        pairs.push((i, j));
        values.push(Some(sat));
    }
    Outcomes {
        pairs,
        outcomes: vec![Outcome {
            name: "satisfaction".into(),
            kind: OutcomeKind::Number,
            values,
        }],
    }
}

fn setup() -> (Pool, ScoreTable) {
    let pool = embedded::sample_pool();
    let profile = embedded::fall_profile();
    let table = ScoreTable::build(&pool, &profile.params, specialty::builtin());
    (pool, table)
}

#[test]
fn an_outcome_of_distance_alone_supports_proximity_and_little_else() {
    let (pool, table) = setup();
    let proximity = criteria::index_of("proximity").unwrap();
    // Several surveys (fixed seeds: each is one scenario, not a property of random input).
    for seed in 1..=4 {
        let survey = distance_survey(&pool, &table, seed, 40);
        let e = evidence(&table, &survey, &[], seed);
        let rows = &e.outcomes[0].criteria;
        let prox = &rows[proximity].association;
        assert_eq!(prox.verdict, Verdict::Higher, "seed {seed}: {prox:?}");
        assert!(prox.ci.unwrap().0 > 0.0);
        let others: Vec<&str> = rows
            .iter()
            .enumerate()
            .filter(|(k, r)| {
                *k != proximity && matches!(r.association.verdict, Verdict::Higher | Verdict::Lower)
            })
            .map(|(_, r)| r.key.as_str())
            .collect();
        assert!(others.len() <= 1, "seed {seed}: also supported {others:?}");
        assert_eq!(e.responded, 40);
    }
}

#[test]
fn five_answers_support_nothing() {
    let (pool, table) = setup();
    let mut survey = distance_survey(&pool, &table, 7, 30);
    for v in survey.outcomes[0].values.iter_mut().skip(5) {
        *v = None;
    }
    let e = evidence(&table, &survey, &[], 7);
    assert_eq!(e.responded, 5);
    for r in &e.outcomes[0].criteria {
        assert!(
            matches!(
                r.association.verdict,
                Verdict::TooFew | Verdict::NoVariation
            ),
            "{}: {:?}",
            r.key,
            r.association
        );
        assert!(r.association.n <= 5);
    }
}

#[test]
fn the_same_seed_gives_the_same_evidence() {
    let (pool, table) = setup();
    let survey = distance_survey(&pool, &table, 3, 25);
    assert_eq!(
        evidence(&table, &survey, &[], 11),
        evidence(&table, &survey, &[], 11)
    );
}

#[test]
fn one_thread_or_two_give_the_same_evidence_and_pairs_score_as_in_the_table() {
    let (pool, table) = setup();
    let profile = embedded::fall_profile();
    let survey = distance_survey(&pool, &table, 5, 60);
    let crit = criterion_columns(&table, &survey);
    assert_eq!(
        pair_criterion_columns(&pool, &profile.params, specialty::builtin(), &survey),
        crit
    );
    let measures = measure_columns(&pool, specialty::builtin(), &survey);
    let one = relate(&crit, &survey, &measures, 3, 1);
    assert_eq!(one, relate(&crit, &survey, &measures, 3, 2));
    assert_eq!(one, evidence(&table, &survey, &measures, 3));
}

/// `n` answers of a quantity with `levels` values against an outcome that follows it with
/// `signal` (0: independent), from `seed`.
fn sample(n: usize, levels: u32, signal: f64, seed: u64) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x: Vec<f64> = (0..n)
        .map(|_| f64::from(rng.random_range(0..levels)))
        .collect();
    let y = x
        .iter()
        .map(|v| Some((signal * v + rng.random_range(0.0..3.0)).round()))
        .collect();
    (x.into_iter().map(Some).collect(), y)
}

/// What a reader sees must agree: a verdict has an interval clear of 0 on its side; without one
/// no interval clear of 0 is shown; below 8 answers no interval and no p at all.
fn agrees(a: &Association) -> Result<(), TestCaseError> {
    match a.verdict {
        Verdict::Higher => prop_assert!(a.ci.is_some_and(|(lo, _)| lo > 0.0), "{:?}", a),
        Verdict::Lower => prop_assert!(a.ci.is_some_and(|(_, hi)| hi < 0.0), "{:?}", a),
        Verdict::NoEvidence => {
            prop_assert!(
                a.ci.is_none_or(|(lo, hi)| lo <= 0.0 && hi >= 0.0),
                "{:?}",
                a
            )
        }
        Verdict::TooFew => prop_assert!(a.ci.is_none() && a.p.is_none(), "{:?}", a),
        Verdict::NoVariation => prop_assert!(a.ci.is_none(), "{:?}", a),
    }
    if let (Some(t), Some((lo, hi))) = (a.tau, a.ci) {
        prop_assert!(
            (-1.0..=1.0).contains(&lo) && (-1.0..=1.0).contains(&hi),
            "{:?}",
            a
        );
        prop_assert!(lo <= hi, "{:?}", a);
        if a.n >= ASYMPTOTIC_FROM {
            prop_assert!(lo <= t && t <= hi, "{:?}", a);
        }
    }
    Ok(())
}

#[test]
fn the_normal_approximations_find_a_strong_signal_and_not_an_absent_one() {
    let (x, y) = sample(400, 5, 1.0, 1);
    let (_, noise) = sample(400, 5, 0.0, 2);
    let mut fam = vec![associate(&x, &y, 1), associate(&x, &noise, 2)];
    decide(&mut fam);
    assert_eq!(fam[0].verdict, Verdict::Higher, "{:?}", fam[0]);
    assert!(fam[0].p.unwrap() < 1e-6);
    assert_eq!(fam[1].verdict, Verdict::NoEvidence, "{:?}", fam[1]);
}

proptest! {
    #[test]
    fn an_interval_never_contradicts_its_verdict(
        n in 2usize..140,
        levels in 2u32..6,
        signals in proptest::collection::vec(-1.0f64..1.0, 1..5),
        seed in any::<u64>(),
    ) {
        let mut fam: Vec<Association> = signals
            .iter()
            .enumerate()
            .map(|(k, &s)| {
                let (x, y) = sample(n, levels, s, seed.wrapping_add(k as u64));
                associate(&x, &y, seed ^ k as u64)
            })
            .collect();
        decide(&mut fam);
        for a in &fam {
            agrees(a)?;
        }
    }

    #[test]
    fn tau_b_equals_its_definition_with_ties(
        xy in (2usize..30).prop_flat_map(|n| (
            proptest::collection::vec(0u8..5, n),
            proptest::collection::vec(0u8..4, n),
        ))
    ) {
        let x: Vec<f64> = xy.0.iter().map(|&v| f64::from(v)).collect();
        let y: Vec<f64> = xy.1.iter().map(|&v| f64::from(v) * 0.5).collect();
        match (tau_b(&x, &y), tau_b_naive(&x, &y)) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-12, "{} vs {}", a, b),
            (a, b) => prop_assert_eq!(a, b),
        }
    }
}
