use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::criteria::N;
use crate::embedded;
use crate::generate::generate;
use crate::matching::engine::Engine;
use crate::pool::{LoadOptions, files, pool_from_csv};

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

/// Overviews compared as text: a group without pairs has a NaN mean, which `==` never equals.
fn same(a: &Overview, b: &Overview) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On random pools and random sequences of slider steps (and now and then another
    /// baseline), the memo's overview is the one computed from scratch.
    #[test]
    fn steps_give_the_overview_from_scratch(
        seed in any::<u64>(),
        mentees in 8usize..40,
        mentors in 5usize..30,
        steps in prop::collection::vec((0..N, 0usize..3, any::<bool>(), 0u8..10), 1..40),
    ) {
        let mut engine = engine(mentees, mentors, seed);
        let mut current = embedded::fall_profile();
        let mut baseline = engine.evaluate(&embedded::pilot_profile()).unwrap();
        let mut memo = OverviewMemo::new();
        for (k, size, up, other) in steps {
            let delta = [0.01, 0.05, 0.25][size];
            let w = current.weights[k] + if up { delta } else { -delta };
            current.weights[k] = w.clamp(0.0, 1.0);
            if other == 0 {
                let mut p = embedded::pilot_profile();
                p.weights[k] = current.weights[k];
                baseline = engine.clone().evaluate(&p).unwrap();
            }
            let now = engine.evaluate(&current).unwrap();
            let memoised = memo.overview(&baseline, &now);
            let fresh = Overview::of(&engine.pool, &baseline, &now);
            prop_assert!(same(&memoised, &fresh), "{memoised:?}\n{fresh:?}");
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
        let fresh = Overview::of(&engine.pool, &base, &now);
        assert!(same(&memo.overview(&base, &now), &fresh));
    }
}
