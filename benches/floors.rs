//! Coverage floors per identity group on generated pools under the fall profile (`dyad
//! generate` pools, seed 1: seats are short, so the optimum leaves some groups behind).
//!
//! `one` is one matching under a binding floor, solved and proven; `curve` is the whole
//! price-of-fairness curve of `dyad fairness`. The floor of `one` is the highest on the curve
//! that can be met (the hardest one), on 2000 × 500 the pool's matched share without a floor,
//! lowered until it can be met. Setup prints the points of the curve and whether each is proven.
//!
//! Run with `cargo bench --bench floors`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use dyad::analysis::fairness;
use dyad::generate::generate;
use dyad::pool::{LoadOptions, Pool, files, pool_from_csv};
use dyad::{Engine, Profile, SpecialtyFamilies};

fn engine(mentees: usize, mentors: usize) -> Engine {
    let g = generate(mentees, mentors, 1);
    let pool: Pool = pool_from_csv(
        (Path::new(files::MENTEES), g.mentees_csv.as_bytes()),
        (Path::new(files::MENTORS), g.mentors_csv.as_bytes()),
        &LoadOptions::default(),
    )
    .unwrap();
    Engine::new(pool, SpecialtyFamilies::builtin().clone())
}

fn with_floor(profile: &Profile, floor: f64) -> Profile {
    let mut p = profile.clone();
    p.constraints.coverage_floor = Some(floor);
    p
}

/// A floor that binds and can be met: the pool's matched share without a floor, in hundredths,
/// lowered until it can be met.
fn binding_floor(engine: &mut Engine, profile: &Profile) -> f64 {
    let base = engine.evaluate(profile).unwrap().matching;
    let share = base.pairs.len() as f64 / base.mentor_of.len() as f64;
    let mut step = (share * 100.0).floor() as u32;
    loop {
        let f = f64::from(step) / 100.0;
        if engine.evaluate(&with_floor(profile, f)).is_ok() {
            return f;
        }
        step = step.saturating_sub(5);
    }
}

fn bench(c: &mut Criterion) {
    let profile = dyad::embedded::fall_profile();
    for (n, m, curve) in [(300, 60, true), (2000, 500, false)] {
        let mut engine = engine(n, m);
        let floor = if curve {
            let points = fairness::curve(&mut engine, &profile).unwrap();
            eprintln!("{n}x{m}: curve of {} points", points.len());
            for p in &points {
                match &p.outcome {
                    Ok(o) => eprintln!(
                        "  floor {:?}: {} matched, total {:.1}, proven {}",
                        p.floor, o.matched, o.total, o.proven_optimal
                    ),
                    Err(why) => eprintln!("  floor {:?}: {why}", p.floor),
                }
            }
            points
                .iter()
                .rev()
                .filter(|p| p.outcome.is_ok())
                .find_map(|p| p.floor)
                .unwrap()
        } else {
            binding_floor(&mut engine, &profile)
        };
        let at = with_floor(&profile, floor);
        let ev = engine.evaluate(&at).unwrap();
        let status = ev.matching.floor.as_ref().unwrap();
        eprintln!(
            "{n}x{m}: floor {floor}, {} matched, proven {}, groups {:?}",
            ev.matching.pairs.len(),
            status.proven_optimal,
            status
                .groups
                .iter()
                .map(|g| (g.name.as_str(), g.need, g.matched))
                .collect::<Vec<_>>()
        );
        let mut g = c.benchmark_group(format!("floors/{n}x{m}"));
        g.sample_size(10);
        g.bench_function("one", |b| {
            b.iter(|| black_box(engine.evaluate(&at).unwrap()))
        });
        if curve {
            g.bench_function("curve", |b| {
                b.iter(|| black_box(fairness::curve(&mut engine, &profile).unwrap()))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
