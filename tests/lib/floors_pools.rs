//! Coverage floors on random pools: no floor (or a floor of 0) is today's matching, pair for
//! pair; every group of at least k eligible mentees meets its floor; smaller groups are not
//! constrained; the number matched stays the most possible; the total never rises as the floor
//! rises; once a floor cannot be met, no higher one can.

use dyad::matching::FLOOR_KEY;
use dyad::matching::floors::need;
use proptest::prelude::*;

use crate::pools;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn floors_hold_and_cost_more_as_they_rise(
        seed in any::<u64>(),
        n in 8usize..=14,
        m in 3usize..=5,
        k in 1usize..=4,
    ) {
        let (pool, profile) = pools::random(seed, n, m, 0.0, false);
        let mut engine = pools::engine(pool);
        engine.small_cell_k = k;
        let base = engine.evaluate(&profile).unwrap().matching;
        prop_assert!(base.floor.is_none());
        let mut zero = profile.clone();
        zero.constraints.coverage_floor = Some(0.0);
        let at_zero = engine.evaluate(&zero).unwrap().matching;
        prop_assert_eq!(&at_zero.pairs, &base.pairs);

        let pool = engine.pool.clone();
        let eligible: Vec<usize> = (0..pool.mentees.len())
            .filter(|&i| profile.eligibility.eligible(pool.mentees[i].training_completed))
            .collect();
        let mut last_total = f64::INFINITY;
        let mut infeasible = false;
        for f in [0.2, 0.4, 0.5, 0.6, 0.8, 1.0] {
            let mut p = profile.clone();
            p.constraints.coverage_floor = Some(f);
            match engine.evaluate(&p) {
                Ok(ev) => {
                    prop_assert!(!infeasible, "floor {f} met after a lower one could not be");
                    let mm = &ev.matching;
                    let st = mm.floor.as_ref().unwrap();
                    prop_assert!(st.proven_optimal);
                    prop_assert_eq!(mm.pairs.len(), base.pairs.len());
                    prop_assert!(mm.total() <= last_total + 1e-9, "total rose at {f}");
                    last_total = mm.total();
                    for name in pool.identity_groups() {
                        let members: Vec<usize> = eligible
                            .iter()
                            .copied()
                            .filter(|&i| pool.mentees[i].identities.contains(&name))
                            .collect();
                        let shown = st.groups.iter().find(|g| g.name == name);
                        if members.len() < k {
                            prop_assert!(shown.is_none(), "group {name} under k constrained");
                            continue;
                        }
                        let g = shown.unwrap();
                        let matched = members.iter().filter(|&&i| mm.mentor_of[i].is_some()).count();
                        prop_assert_eq!(g.matched, matched);
                        prop_assert_eq!(g.need, need(f, members.len()));
                        prop_assert!(matched >= g.need, "group {name}: {matched} < {}", g.need);
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e.field.as_deref(), Some(FLOOR_KEY));
                    prop_assert!(e.problem.is_some());
                    infeasible = true;
                }
            }
        }
    }
}
