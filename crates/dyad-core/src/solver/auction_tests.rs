//! Warm re-solves of slider-like steps where auctions abound: more slots than rows (so columns
//! with spare capacity must keep `v = 0`), capacities above 1 (several rows freed from one
//! column), few distinct scores (ties, and bids tied between rows), forbidden pairs. Each warm
//! result must pass the certificate and equal the cold solve pair for pair.

use rand::{Rng, SeedableRng};

use super::tests::same_as_cold;
use super::*;

/// One random pool and a sequence of single-criterion weight moves, re-solved warm through
/// [`Solver::resolve_same_pairs_with`] (the path a slider step takes) or
/// [`Solver::resolve_same_pairs`], against a cold solve of the same scores.
fn warm_steps_follow_cold(seed: u64) -> Result<(), String> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let rows = rng.random_range(1..=24);
    let cols = rng.random_range(1..=12);
    let cap: Vec<u32> = (0..cols).map(|_| rng.random_range(1..=4)).collect();
    let criteria: Vec<Vec<u16>> = (0..3)
        .map(|_| (0..rows * cols).map(|_| rng.random_range(0..=3)).collect())
        .collect();
    let banned: Vec<bool> = (0..rows * cols).map(|_| rng.random_bool(0.1)).collect();
    let mut weights: Vec<i32> = (0..3).map(|_| rng.random_range(0..=20)).collect();
    let sum = |w: &[i32], k: usize| -> f64 {
        if banned[k] {
            f64::NEG_INFINITY
        } else {
            (0..3)
                .map(|c| f64::from(w[c]) * f64::from(criteria[c][k]))
                .sum()
        }
    };
    let mut score: Vec<f64> = (0..rows * cols).map(|k| sum(&weights, k)).collect();
    let mut solver = Solver::new();
    let _ = solver.solve(&Problem::new(rows, cols, &score, &cap));
    for step in 0..rng.random_range(1..=25) {
        let c = rng.random_range(0..3);
        let delta = rng.random_range(-6..=6).max(-weights[c]);
        weights[c] += delta;
        let add = |i: usize, row: &mut [f64]| {
            for (j, s) in row.iter_mut().enumerate() {
                if s.is_finite() {
                    *s += f64::from(delta) * f64::from(criteria[c][i * cols + j]);
                }
            }
        };
        let warm = if rng.random_bool(0.8) {
            let mut touched = vec![false; rows];
            let warm = solver.resolve_same_pairs_with(rows, cols, &mut score, &cap, |i, row| {
                touched[i] = true;
                add(i, row);
            });
            // Rows without an allowed pair may be skipped; their scores stay forbidden.
            for i in (0..rows).filter(|&i| !touched[i]) {
                add(i, &mut score[i * cols..(i + 1) * cols]);
            }
            warm
        } else {
            for i in 0..rows {
                add(i, &mut score[i * cols..(i + 1) * cols]);
            }
            solver.resolve_same_pairs(&Problem::new(rows, cols, &score, &cap))
        };
        let expected: Vec<f64> = (0..rows * cols).map(|k| sum(&weights, k)).collect();
        if score != expected {
            return Err(format!(
                "seed {seed} step {step}: scores not updated as asked"
            ));
        }
        let p = Problem::new(rows, cols, &score, &cap);
        same_as_cold(&p, &warm, &format!("seed {seed} step {step}"))?;
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    #[test]
    fn warm_slider_steps_with_spare_columns_equal_cold(seed in proptest::prelude::any::<u64>()) {
        if let Err(e) = warm_steps_follow_cold(seed) {
            proptest::prop_assert!(false, "{}", e);
        }
    }
}

/// Many columns with spare places and one row that is every column's best bidder: after a
/// step that frees several rows, the recorded bids of several columns name the same row, so
/// all but the first auction must notice that it has moved.
#[test]
fn one_best_bidder_for_many_spare_columns() {
    let (rows, cols) = (6, 5);
    let cap = [2, 2, 2, 2, 2];
    // Row 0 scores high everywhere; the others each prefer one column.
    let mut score = vec![0.0; rows * cols];
    score[..cols].fill(50.0);
    for i in 1..rows {
        for j in 0..cols {
            score[i * cols + j] = if (i - 1) % cols == j { 40.0 } else { 10.0 };
        }
    }
    let mut solver = Solver::new();
    let _ = solver.solve(&Problem::new(rows, cols, &score, &cap));
    for step in 0..6 {
        let warm = solver.resolve_same_pairs_with(rows, cols, &mut score, &cap, |i, row| {
            // Alternately make every other column more attractive to every row but row 0.
            for (j, s) in row.iter_mut().enumerate() {
                if i > 0 && (j + step) % 2 == 0 {
                    *s += 35.0;
                } else if i > 0 {
                    *s -= 5.0;
                }
            }
        });
        let p = Problem::new(rows, cols, &score, &cap);
        check_optimal(&p, &warm).unwrap();
        assert_eq!(warm.assignment, solve(&p).assignment, "step {step}");
    }
}
