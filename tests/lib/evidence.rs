//! `dyad::analysis::evidence` on synthetic surveys whose generating rule is known: an outcome
//! that depends on distance alone supports proximity and (almost) nothing else; five answers
//! support nothing. Kendall's tau-b against its O(n²) definition on random tied samples.

use dyad::analysis::association::Verdict;
use dyad::analysis::evidence::evidence;
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

proptest! {
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
