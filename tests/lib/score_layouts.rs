//! The score table's two layouts (one value per pair, or a table by classes of mentees and
//! mentors) against scoring every pair on its own, on random pools: the same criterion scores
//! and distances for every pair, numerators identical bit for bit whichever the layout and
//! however many threads sum them, and the same matching.

use proptest::prelude::*;

use dyad::criteria::N;
use dyad::matching::columns::Layout;
use dyad::matching::scoring::{ScoreTable, Weighting};
use dyad::matching::{self, Frame};

use crate::pools;

fn families() -> &'static dyad::SpecialtyFamilies {
    dyad::criteria::specialty::builtin()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn both_layouts_hold_every_pairs_own_scores(
        seed in any::<u64>(),
        n in 1..40usize,
        m in 1..40usize,
    ) {
        let (pool, profile) = pools::random(seed, n, m, 0.0, false);
        let params = &profile.params;
        let pairs = ScoreTable::build_laid_out(&pool, params, families(), None, Layout::Pairs);
        let classes =
            ScoreTable::build_laid_out(&pool, params, families(), None, Layout::Classes);
        for i in 0..n {
            for j in 0..m {
                let own = ScoreTable::pair_criteria(&pool, params, families(), i, j);
                prop_assert_eq!(pairs.criteria(i, j), own, "pair {} {}", i, j);
                prop_assert_eq!(classes.criteria(i, j), own, "pair {} {}", i, j);
                let (a, b) = (pairs.distance_km(i, j), classes.distance_km(i, j));
                prop_assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits));
            }
        }
    }

    #[test]
    fn numerators_are_the_same_for_any_layout_and_thread_count(
        seed in any::<u64>(),
        n in 1..60usize,
        m in 1..60usize,
        moved in 0..N,
        delta in -3_000_000i64..3_000_000,
    ) {
        let (pool, profile) = pools::random(seed, n, m, 0.0, false);
        let params = &profile.params;
        let w = Weighting::new(&profile.weights);
        let pairs = ScoreTable::build_laid_out(&pool, params, families(), None, Layout::Pairs);
        let classes =
            ScoreTable::build_laid_out(&pool, params, families(), None, Layout::Classes);
        let frame = Frame::new(&pool, &pairs, &profile).unwrap();
        let mut one = Vec::new();
        pairs.numerators_on(&w, Some(&frame.allowed), &mut one, 1);
        for (table, threads) in [(&pairs, 2), (&classes, 1), (&classes, 2), (&classes, 3)] {
            let mut other = Vec::new();
            table.numerators_on(&w, Some(&frame.allowed), &mut other, threads);
            prop_assert!(same_bits(&one, &other), "{} threads", threads);
        }
        // A moved weight, added to every row.
        let mut a = one.clone();
        let mut b = one.clone();
        pairs.add_criterion(moved, delta as f64, &mut a);
        classes.add_criterion(moved, delta as f64, &mut b);
        prop_assert!(same_bits(&a, &b));
    }

    #[test]
    fn both_layouts_give_the_same_matching(
        seed in any::<u64>(),
        n in 1..30usize,
        m in 1..20usize,
        min_score in prop::sample::select(vec![0.0, 45.0]),
        maximin in any::<bool>(),
    ) {
        let (pool, profile) = pools::random(seed, n, m, min_score, maximin);
        let params = &profile.params;
        let pairs = ScoreTable::build_laid_out(&pool, params, families(), None, Layout::Pairs);
        let classes =
            ScoreTable::build_laid_out(&pool, params, families(), None, Layout::Classes);
        prop_assert_eq!(
            matching::solve(&pool, &pairs, &profile).unwrap(),
            matching::solve(&pool, &classes, &profile).unwrap()
        );
    }
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

#[test]
fn numerators_summed_on_threads_are_the_same() {
    let (pool, profile) = pools::random(11, 300, 200, 0.0, false);
    let table = ScoreTable::build(&pool, &profile.params, families());
    let w = Weighting::new(&profile.weights);
    let mut one = Vec::new();
    table.numerators_on(&w, None, &mut one, 1);
    for threads in [2, 3, 7] {
        let mut more = Vec::new();
        table.numerators_on(&w, None, &mut more, threads);
        assert!(same_bits(&one, &more), "{threads} threads");
    }
    assert!(one.iter().any(|&x| x > 0.0));
}

#[test]
fn the_class_layout_holds_no_value_per_pair() {
    let (pool, profile) = pools::random(5, 300, 300, 0.0, false);
    let pairs = ScoreTable::build_laid_out(&pool, &profile.params, families(), None, Layout::Pairs);
    let classes =
        ScoreTable::build_laid_out(&pool, &profile.params, families(), None, Layout::Classes);
    // 10 criteria of 2 bytes and a 4-byte distance per pair, against tables by class and 4
    // bytes per person per column.
    assert_eq!(pairs.bytes(), 300 * 300 * 24);
    assert!(classes.bytes() < 300 * 300, "{} bytes", classes.bytes());
}
