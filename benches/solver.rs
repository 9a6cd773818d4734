//! Cold solves of the assignment solver on dense 1000-row matrices with 10 % forbidden pairs.
//!
//! * `uniform`: scores uniform in [0, 100).
//! * `dyad`: weighted sums of ten criteria that each take a few distinct values (the shape of
//!   dyad's pair scores, with many ties), weights of the fall profile, scaled to 0–100.
//! * `square`: 1000 × 1000 columns of capacity 1; `slots1500`: 1000 rows × 1000 columns whose
//!   capacities (1 or 2) add up to 1500.
//!
//! Run with `cargo bench --bench solver`.

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

fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    rng.random_range(0.0..100.0)
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
fn matrix(rows: usize, cols: usize, seed: u64, cell: fn(&mut ChaCha8Rng) -> f64) -> Vec<f64> {
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
    let n = 1000;
    let mut group = c.benchmark_group("cold");
    group.sample_size(20);
    let shapes = [
        ("square", capacities(n, n)),
        ("slots1500", capacities(n, 1500)),
    ];
    let kinds: [(&str, fn(&mut ChaCha8Rng) -> f64); 2] =
        [("uniform", uniform), ("dyad", dyad_shaped)];
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
    group.finish();
}

criterion_group!(benches, cold);
criterion_main!(benches);
