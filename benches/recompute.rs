//! What a council member waits for, on `dyad generate` pools of n mentees × n mentors (seed 1)
//! under the fall profile, with the pilot profile as baseline, at n = 22, 200, 1000 and 2000:
//!
//! * `scoring/n`: the per-criterion score table of the pool (once per pool and parameters);
//! * `cold/n`: the matching from scratch (`matching::solve`: constraints, numerators, solve);
//! * `warm/n`: one slider step in a session — one weight moved by 0.05, numerators updated
//!   incrementally, re-solved from the previous optimum (the steps alternate between two
//!   weights, so every iteration is a genuine re-solve);
//! * `recompute/n`: the whole recompute the TUI does on a slider step — `Engine::evaluate` (the
//!   warm step above plus the summary), `Engine::compare` against the baseline and
//!   `Overview::of` (both sides' measures, groups and mentor loads on the current yardstick).
//!
//! Run with `cargo bench --bench recompute`; `cargo bench --bench recompute -- warm` runs one
//! group. The n = 2000 cases take fewer samples to keep the run short.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use dyad::analysis::overview::Overview;
use dyad::embedded;
use dyad::matching;
use dyad::matching::engine::{Engine, Session};
use dyad::matching::scoring::ScoreTable;
use dyad::pool::{LoadOptions, Pool, pool_from_csv};

const SIZES: [usize; 4] = [22, 200, 1000, 2000];

fn pool(n: usize) -> Pool {
    let g = dyad::generate::generate(n, n, 1);
    pool_from_csv(
        (Path::new("mentees.csv"), g.mentees_csv.as_bytes()),
        (Path::new("mentors.csv"), g.mentors_csv.as_bytes()),
        &LoadOptions::default(),
    )
    .expect("a generated pool loads")
}

/// Fewer samples and a shorter warm-up for the largest pools.
fn sized(group: &mut BenchmarkGroup<WallTime>, n: usize) {
    if n >= 2000 {
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
    } else {
        group.sample_size(20);
        group.warm_up_time(Duration::from_secs(1));
    }
}

fn scoring(c: &mut Criterion) {
    let mut group = c.benchmark_group("scoring");
    let profile = embedded::fall_profile();
    let families = dyad::criteria::specialty::builtin();
    for n in SIZES {
        let pool = pool(n);
        sized(&mut group, n);
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| black_box(ScoreTable::build(&pool, &profile.params, families)))
        });
    }
    group.finish();
}

fn cold(c: &mut Criterion) {
    let mut group = c.benchmark_group("cold");
    let profile = embedded::fall_profile();
    for n in SIZES {
        let pool = pool(n);
        let table = ScoreTable::build(&pool, &profile.params, dyad::criteria::specialty::builtin());
        sized(&mut group, n);
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| black_box(matching::solve(&pool, &table, &profile).expect("no bad pins")))
        });
    }
    group.finish();
}

fn warm(c: &mut Criterion) {
    let mut group = c.benchmark_group("warm");
    let base = embedded::fall_profile();
    let mut moved = base.clone();
    moved.weights[0] += 0.05;
    let steps = [base.clone(), moved];
    for n in SIZES {
        let pool = Arc::new(pool(n));
        let table = Arc::new(ScoreTable::build(
            &pool,
            &base.params,
            dyad::criteria::specialty::builtin(),
        ));
        let mut session = Session::new(pool, table);
        let _ = session.solve(&base);
        sized(&mut group, n);
        let mut k = 0;
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                k += 1;
                black_box(session.solve(&steps[k % 2]).expect("no bad pins"))
            })
        });
    }
    group.finish();
}

fn recompute(c: &mut Criterion) {
    let mut group = c.benchmark_group("recompute");
    let current = embedded::fall_profile();
    let baseline = embedded::pilot_profile();
    let mut moved = current.clone();
    moved.weights[0] += 0.05;
    let steps = [current.clone(), moved];
    for n in SIZES {
        let mut engine = Engine::new(pool(n), dyad::criteria::specialty::builtin().clone());
        let base = engine.evaluate(&baseline).expect("no bad pins");
        let _ = engine.evaluate(&current);
        sized(&mut group, n);
        let mut k = 0;
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                k += 1;
                let ev = engine.evaluate(&steps[k % 2]).expect("no bad pins");
                black_box(Engine::compare(&base, &ev));
                black_box(Overview::of(&engine.pool, &base, &ev))
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = scoring, cold, warm, recompute
}
criterion_main!(benches);
