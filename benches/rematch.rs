//! Mid-cycle re-matching on generated pools under the fall profile.
//!
//! The pairs in place are the optimum of the pool without its last three mentees; then the
//! mentor with the most mentees leaves, and the three late mentees join. `keep_first` and
//! `score_first` are one point each; `curve` is the whole curve (every budget from none to
//! `score_first`'s changes, each point proven).
//!
//! Run with `cargo bench --bench rematch`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use dyad::generate::generate;
use dyad::matching::rematch::{CurrentPair, Rematcher};
use dyad::matching::scoring::ScoreTable;
use dyad::pool::{LoadOptions, Pool, files, pool_from_csv};
use dyad::solver::side::Limits;
use dyad::{Engine, Profile, SpecialtyFamilies};

fn pool(mentees: &str, mentors: &str) -> Pool {
    pool_from_csv(
        (Path::new(files::MENTEES), mentees.as_bytes()),
        (Path::new(files::MENTORS), mentors.as_bytes()),
        &LoadOptions::default(),
    )
    .unwrap()
}

/// The pool as it is now, its score table and the pairs in place.
fn mid_cycle(
    mentees: usize,
    mentors: usize,
) -> (Pool, std::sync::Arc<ScoreTable>, Profile, Vec<CurrentPair>) {
    let profile = dyad::embedded::fall_profile();
    let g = generate(mentees, mentors + 1, 1);
    let lines: Vec<&str> = g.mentees_csv.lines().collect();
    let before_mentees = lines[..lines.len() - 3].join("\n") + "\n";
    let before = pool(&before_mentees, &g.mentors_csv);
    let mut engine = Engine::new(before.clone(), SpecialtyFamilies::builtin().clone());
    let ev = engine.evaluate(&profile).unwrap();
    let mut load = vec![0usize; before.mentors.len()];
    for p in &ev.matching.pairs {
        load[p.mentor] += 1;
    }
    let gone = (0..load.len()).max_by_key(|&j| load[j]).unwrap();
    let gone_id = before.mentors[gone].id.clone();
    let now_mentors: String = g
        .mentors_csv
        .lines()
        .filter(|l| !l.starts_with(&format!("{gone_id},")))
        .map(|l| format!("{l}\n"))
        .collect();
    let now = pool(&g.mentees_csv, &now_mentors);
    let current = CurrentPair::from_matching(&before, &now, &ev.matching.pairs);
    let mut engine = Engine::new(now.clone(), SpecialtyFamilies::builtin().clone());
    let table = engine.table(&profile.params);
    (now, table, profile, current)
}

fn bench(c: &mut Criterion) {
    for (n, m, curve) in [(300, 120, true), (2000, 2000, false)] {
        let (pool, table, profile, current) = mid_cycle(n, m);
        let limits = Limits::default();
        let r = Rematcher::new(&pool, &table, &profile, &current, limits).unwrap();
        let mut g = c.benchmark_group(format!("rematch/{n}x{m}"));
        g.sample_size(10);
        g.bench_function("keep_first", |b| {
            b.iter(|| black_box(r.keep_first().unwrap()))
        });
        g.bench_function("score_first", |b| {
            b.iter(|| black_box(r.score_first().unwrap()))
        });
        if curve {
            let all = r.all().unwrap();
            eprintln!(
                "{n}x{m}: {} continuing, {} forced, curve of {} points, all proven: {}",
                all.continuing,
                all.forced.len(),
                all.curve.len(),
                all.curve.iter().all(|p| p.proven_optimal)
            );
            g.bench_function("curve", |b| b.iter(|| black_box(r.all().unwrap())));
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
