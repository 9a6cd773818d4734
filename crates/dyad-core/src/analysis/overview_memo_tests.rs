use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::analysis::measures::Measures;
use crate::criteria::N;
use crate::embedded;
use crate::generate::generate;
use crate::matching::engine::Engine;
use crate::pool::{Action, LoadOptions, files, pool_from_csv};

fn engine(mentees: usize, mentors: usize, seed: u64) -> Engine {
    let g = generate(mentees, mentors, seed);
    let pool = pool_from_csv(
        (Path::new(files::MENTEES), g.mentees_csv.as_bytes()),
        (Path::new(files::MENTORS), g.mentors_csv.as_bytes()),
        &LoadOptions::default(),
    )
    .unwrap();
    Engine::new(pool, crate::criteria::specialty::builtin().clone())
}

/// Results compared as text: a group without pairs has a NaN mean, which `==` never equals
/// (and `{:?}` prints every float in full, so equal text is equal bits).
fn same<T: std::fmt::Debug>(a: &T, b: &T) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// The memo's comparison, overview and measures against each one computed from scratch.
fn check(memo: &mut OverviewMemo, engine: &Engine, baseline: &Evaluation, now: &Evaluation) {
    let memoised = memo.comparison(baseline, now);
    let fresh = Engine::compare(baseline, now);
    assert!(same(&memoised, &fresh), "{memoised:?}\n{fresh:?}");
    let memoised = memo.overview(baseline, now);
    let fresh = Overview::of(&engine.pool, baseline, now);
    assert!(same(&memoised, &fresh), "{memoised:?}\n{fresh:?}");
    let memoised = memo.measures(now);
    let capacity = crate::matching::capacities(&now.pool, &now.profile);
    let limit = now.profile.constraints.in_person_max_km;
    let fresh = Measures::overall(&now.pool, &now.families, &now.matching, &capacity, limit);
    assert!(same(&memoised, &fresh), "{memoised:?}\n{fresh:?}");
    // The summary the engine made from the criteria it kept is the one made from the table.
    let fresh = crate::analysis::summary::Summary::of(&now.pool, &now.table, &now.matching);
    assert!(same(&now.summary, &fresh), "{:?}\n{fresh:?}", now.summary);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On random pools and random sequences of slider steps (now and then another baseline, or
    /// a pin or a ban of a random pair), the memo's comparison, overview and measures, and the
    /// engine's summary, are the ones computed from scratch, bit for bit.
    #[test]
    fn steps_give_the_analyses_from_scratch(
        seed in any::<u64>(),
        mentees in 8usize..40,
        mentors in 5usize..30,
        steps in prop::collection::vec(
            (0..N, 0usize..3, any::<bool>(), 0u8..12, any::<u16>(), any::<u16>()),
            1..40,
        ),
    ) {
        let mut engine = engine(mentees, mentors, seed);
        let mut current = embedded::fall_profile();
        let mut baseline = engine.evaluate(&embedded::pilot_profile()).unwrap();
        let mut memo = OverviewMemo::new();
        for (k, size, up, other, i, j) in steps {
            let delta = [0.01, 0.05, 0.25][size];
            let w = current.weights[k] + if up { delta } else { -delta };
            current.weights[k] = w.clamp(0.0, 1.0);
            let (i, j) = (usize::from(i) % mentees, usize::from(j) % mentors);
            let mut pilot = embedded::pilot_profile();
            if other == 0 {
                pilot.weights[k] = current.weights[k];
                baseline = engine.clone().evaluate(&pilot).unwrap();
            } else if other <= 2 {
                // A ban (or a pin) on the engine's pool: a new pool, so both sides anew.
                let action = if other == 1 { Action::Ban } else { Action::Pin };
                let mut overrides = engine.pool.overrides.clone();
                overrides.set(i, j, Some(action));
                engine.set_overrides(overrides);
                let Ok(b) = engine.clone().evaluate(&pilot) else {
                    engine.set_overrides(Default::default());
                    baseline = engine.clone().evaluate(&pilot).unwrap();
                    continue;
                };
                baseline = b;
            }
            let Ok(now) = engine.evaluate(&current) else {
                continue;
            };
            check(&mut memo, &engine, &baseline, &now);
        }
    }
}

#[test]
fn another_pool_is_seen_afresh() {
    let mut memo = OverviewMemo::new();
    for seed in [1, 2] {
        let mut engine = engine(30, 20, seed);
        let base = engine.evaluate(&embedded::pilot_profile()).unwrap();
        let now = engine.evaluate(&embedded::fall_profile()).unwrap();
        check(&mut memo, &engine, &base, &now);
    }
}
