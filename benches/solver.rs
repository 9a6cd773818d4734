//! The assignment solver alone, on dense matrices with 10 % forbidden pairs.
//!
//! * `uniform`: scores uniform in [0, 100).
//! * `dyad`: weighted sums of ten criteria that each take a few distinct values (the shape of
//!   dyad's pair scores, with many ties), weights of the fall profile, scaled to 0–100.
//! * `ties`: whole numbers 0 to 9, ten distinct values: many optimal assignments and many equal
//!   reduced costs, where the canonical (lexicographically smallest) optimum takes work to find.
//! * `square`: n × n columns of capacity 1 (n = 1000 and 2000); `slots1500`: 1000 rows × 1000
//!   columns whose capacities (1 or 2) add up to 1500.
//!
//! `warm/dyad/...` times one slider step: the scores of a dyad-shaped pool after one weight moved
//! by 0.05, re-solved from the previous optimum with `Solver::resolve` (the steps alternate
//! between two weight vectors, so every iteration is a genuine re-solve).
//!
//! Run with `cargo bench --bench solver`. `scripts/peers_bench.py` times scipy, lap and
//! OR-Tools against `dyad solve` on the same kinds of matrices, read from the same files.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dyad::solver::{Problem, Solver};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const WEIGHTS: [f64; 10] = [0.9, 0.8, 0.8, 0.3, 0.6, 0.5, 0.4, 0.6, 0.3, 0.2];
/// Distinct values each criterion takes.
const LEVELS: [&[f64]; 10] = [
    &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
    &[0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0],
    &[0.0, 0.5, 1.0],
    &[0.0, 0.5, 1.0],
    &[0.0, 0.5, 1.0],
    &[0.0, 1.0],
    &[0.0, 1.0],
    &[0.5, 1.0],
    &[0.0, 1.0],
    &[0.0, 0.5, 1.0],
];

/// Draws one score.
type Cell = fn(&mut ChaCha8Rng) -> f64;

fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    rng.random_range(0.0..100.0)
}

fn ties(rng: &mut ChaCha8Rng) -> f64 {
    f64::from(rng.random_range(0u8..10))
}

fn dyad_shaped(rng: &mut ChaCha8Rng) -> f64 {
    let sum: f64 = WEIGHTS.iter().sum();
    let dot: f64 = WEIGHTS
        .iter()
        .zip(LEVELS)
        .map(|(w, l)| w * l[rng.random_range(0..l.len())])
        .sum();
    100.0 * dot / sum
}

/// A `rows × cols` matrix with 10 % forbidden pairs.
fn matrix(rows: usize, cols: usize, seed: u64, cell: Cell) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..rows * cols)
        .map(|_| {
            if rng.random_bool(0.1) {
                f64::NEG_INFINITY
            } else {
                cell(&mut rng)
            }
        })
        .collect()
}

/// Capacities 1 or 2 over `cols` columns adding up to `slots`.
fn capacities(cols: usize, slots: usize) -> Vec<u32> {
    (0..cols)
        .map(|j| if j < slots - cols { 2 } else { 1 })
        .collect()
}

fn cold(c: &mut Criterion) {
    let mut group = c.benchmark_group("cold");
    let kinds: [(&str, Cell); 3] = [("uniform", uniform), ("dyad", dyad_shaped), ("ties", ties)];
    for n in [1000, 2000] {
        let mut shapes = vec![("square", capacities(n, n))];
        if n == 1000 {
            shapes.push(("slots1500", capacities(n, 1500)));
        }
        group.sample_size(if n >= 2000 { 10 } else { 20 });
        for (kind, cell) in kinds {
            let score = matrix(n, n, 1, cell);
            for (shape, cap) in &shapes {
                let p = Problem::new(n, n, &score, cap);
                let mut solver = Solver::new();
                group.bench_function(format!("{kind}/{shape}/{n}"), |b| {
                    b.iter(|| black_box(solver.solve(black_box(&p))))
                });
            }
        }
    }
    group.finish();
}

/// Scores of a pool of ten criterion matrices under `weights`, 10 % of pairs banned.
fn weighted(criteria: &[Vec<f64>], banned: &[bool], weights: &[f64; 10]) -> Vec<f64> {
    let sum: f64 = weights.iter().sum();
    (0..banned.len())
        .map(|k| {
            if banned[k] {
                return f64::NEG_INFINITY;
            }
            let dot: f64 = weights.iter().zip(criteria).map(|(w, c)| w * c[k]).sum();
            100.0 * dot / sum
        })
        .collect()
}

fn warm(c: &mut Criterion) {
    let n = 1000;
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let criteria: Vec<Vec<f64>> = LEVELS
        .iter()
        .map(|l| {
            (0..n * n)
                .map(|_| l[rng.random_range(0..l.len())])
                .collect()
        })
        .collect();
    let banned: Vec<bool> = (0..n * n).map(|_| rng.random_bool(0.1)).collect();
    let mut moved = WEIGHTS;
    moved[0] += 0.05;
    let scores = [
        weighted(&criteria, &banned, &WEIGHTS),
        weighted(&criteria, &banned, &moved),
    ];
    let mut group = c.benchmark_group("warm");
    group.sample_size(30);
    for (shape, cap) in [
        ("square", capacities(n, n)),
        ("slots1500", capacities(n, 1500)),
    ] {
        let mut solver = Solver::new();
        let mut step = 0;
        let _ = solver.resolve(&Problem::new(n, n, &scores[0], &cap));
        group.bench_function(format!("dyad/{shape}/{n}"), |b| {
            b.iter(|| {
                step += 1;
                let p = Problem::new(n, n, &scores[step % 2], &cap);
                black_box(solver.resolve(black_box(&p)))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, cold, warm);
criterion_main!(benches);
