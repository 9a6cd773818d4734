//! Comparisons on one yardstick: an unchanged pair has no delta, and both sides are scored with
//! the yardstick profile's table and weights.

use dyad::analysis::compare::{Yardstick, changes};
use dyad::embedded;
use dyad::matching::engine::Engine;

#[test]
fn unchanged_pairs_have_no_delta_and_scores_are_on_the_yardstick() {
    let mut engine = Engine::new(
        embedded::sample_pool(),
        dyad::criteria::specialty::builtin().clone(),
    );
    let a = engine.evaluate(&embedded::pilot_profile()).unwrap();
    let b = engine.evaluate(&embedded::fall_profile()).unwrap();
    for (yardstick, y) in [(Yardstick::B, &b), (Yardstick::A, &a)] {
        let cmp = Engine::compare_on(&a, &b, yardstick);
        assert_eq!(cmp.yardstick, yardstick);
        let mut unchanged = 0;
        for i in 0..a.matching.mentor_of.len() {
            let (x, z) = (a.matching.mentor_of[i], b.matching.mentor_of[i]);
            if x.is_some() && x == z {
                unchanged += 1;
                assert_eq!(cmp.delta_of(i), None, "mentee {i}");
            }
        }
        assert!(unchanged > 0, "the sample keeps some pairs");
        assert_eq!(
            cmp.changed.len() + cmp.newly_matched.len() + cmp.newly_unmatched.len(),
            changes(&a.matching, &b.matching).len()
        );
        for c in &cmp.changed {
            let w = &y.profile.weights;
            assert_eq!(c.old_score, y.table.pair_score(c.mentee, c.old_mentor, w));
            assert_eq!(c.new_score, y.table.pair_score(c.mentee, c.new_mentor, w));
            assert_eq!(cmp.delta_of(c.mentee), Some(c.new_score - c.old_score));
        }
        // The side scored on its own profile keeps its own summary.
        let own = if yardstick == Yardstick::B {
            &cmp.b
        } else {
            &cmp.a
        };
        let ev = if yardstick == Yardstick::B { &b } else { &a };
        assert!((own.stats.mean - ev.summary.stats.mean).abs() < 1e-9);
    }
}

#[test]
fn influence_is_measured_on_the_current_profile_and_shown_as_rounded_figures() {
    let mut engine = Engine::new(
        embedded::sample_pool(),
        dyad::criteria::specialty::builtin().clone(),
    );
    let ev = engine.evaluate(&embedded::fall_profile()).unwrap();
    let goals = dyad::criteria::index_of("goals").unwrap();
    let inf = dyad::analysis::stability::influence(&engine.pool, &ev, goals).unwrap();
    // The matching with goals dropped is optimal for fewer criteria, not for the current
    // profile: on the current yardstick its mean cannot beat the current optimum's total
    // unless it matches fewer mentees.
    let z = &inf.at_zero;
    if z.matched == ev.matching.pairs.len() {
        assert!(
            z.mean <= ev.summary.stats.mean + 1e-9,
            "{} > {}",
            z.mean,
            ev.summary.stats.mean
        );
    }
    // One figure, the difference of the two means as printed with one decimal.
    let shown = |x: f64| format!("{x:.1}").parse::<f64>().unwrap();
    let d = z.mean_change();
    assert!(
        (d - (shown(z.mean) - shown(ev.summary.stats.mean))).abs() < 1e-9,
        "{d}"
    );
    assert_eq!(format!("{d:.1}").parse::<f64>().unwrap(), d);
}
