//! Weight stability ranges and influence against brute force: the real matching re-solved at
//! fine weight steps on small random pools.

use crate::pools::{evaluate, random};
use dyad::analysis::stability::{self, changes, still_optimal};
use dyad::criteria::N;
use dyad::matching::engine::Evaluation;
use dyad::matching::{self, Matching};
use dyad::pool::Pool;

/// Brute force resolution: 1/STEPS.
const STEPS: usize = 200;

fn solve_at(pool: &Pool, ev: &Evaluation, k: usize, w: f64) -> Matching {
    let mut p = ev.profile.clone();
    p.weights[k] = w;
    matching::solve(pool, &ev.table, &p).unwrap()
}

/// Whether the current matching is still optimal with weight `k` at `w`: the solver's own
/// matching, or one exactly as good (a tie).
fn holds(pool: &Pool, ev: &Evaluation, k: usize, w: f64) -> bool {
    let mut p = ev.profile.clone();
    p.weights[k] = w;
    let m = matching::solve(pool, &ev.table, &p).unwrap();
    m.mentor_of == ev.matching.mentor_of
        || still_optimal(&ev.matching, &m, &ev.table.combined(&p.weights), &p)
}

/// Checks one pool and profile: for every criterion, the reported range against the matching
/// at every grid weight.
fn check(seed: u64, min_score: f64, maximin: bool) -> usize {
    let (pool, profile) = random(seed, 6, 4, min_score, maximin);
    let (_, ev) = evaluate(&pool, &profile);
    let mut breakpoints = 0;
    for k in 0..N {
        let s = stability::stability(&pool, &ev, k).unwrap();
        let w0 = profile.weights[k];
        let ctx =
            format!("seed {seed} min {min_score} maximin {maximin} criterion {k} w0 {w0}: {s:?}");
        assert_eq!(s.weight, w0);
        assert!(
            s.stable_low <= w0 && w0 <= s.stable_high,
            "{ctx}: range excludes the weight"
        );
        let grid: Vec<f64> = (0..=STEPS).map(|g| g as f64 / STEPS as f64).collect();
        let same: Vec<bool> = grid.iter().map(|&w| holds(&pool, &ev, k, w)).collect();
        // Every grid weight inside the range keeps the matching.
        for (w, ok) in grid.iter().zip(&same) {
            if *w >= s.stable_low && *w <= s.stable_high {
                assert!(ok, "{ctx}: differs at {w} inside the stable range");
            }
        }
        // Each end: either the end of [0, 1], or a verified change within the tolerance, and the
        // first grid change beyond the range is no farther than one grid step past it.
        for (bound, next, chg, up) in [
            (s.stable_high, s.next_high, &s.changes_high, true),
            (s.stable_low, s.next_low, &s.changes_low, false),
        ] {
            match next {
                None => {
                    assert_eq!(bound, if up { 1.0 } else { 0.0 }, "{ctx}");
                    assert!(chg.is_empty(), "{ctx}");
                    // Stable to the end: no grid weight beyond w0 differs.
                    for (w, ok) in grid.iter().zip(&same) {
                        if (up && *w >= w0) || (!up && *w <= w0) {
                            assert!(ok, "{ctx}: differs at {w} but reported stable to the end");
                        }
                    }
                }
                Some(n) => {
                    breakpoints += 1;
                    assert!((n - bound).abs() <= 1e-4 + 1e-12, "{ctx}");
                    assert!((0.0..=1.0).contains(&n), "{ctx}");
                    assert!(!holds(&pool, &ev, k, n), "{ctx}: no change at {n}");
                    let there = solve_at(&pool, &ev, k, n);
                    assert_eq!(*chg, changes(&ev.matching, &there), "{ctx}");
                    assert!(!chg.is_empty(), "{ctx}");
                    // The first grid weight (beyond w0 in this direction) that differs is
                    // beyond the bound and within one step of the change.
                    let step = 1.0 / STEPS as f64;
                    let first = if up {
                        grid.iter().zip(&same).find(|(w, ok)| **w > w0 && !**ok)
                    } else {
                        grid.iter()
                            .zip(&same)
                            .rev()
                            .find(|(w, ok)| **w < w0 && !**ok)
                    };
                    if let Some((w, _)) = first {
                        if up {
                            assert!(*w > bound && *w <= n + step + 1e-12, "{ctx}: grid {w}");
                        } else {
                            assert!(*w < bound && *w >= n - step - 1e-12, "{ctx}: grid {w}");
                        }
                    } else {
                        // The grid missed a change narrower than one step; it must be narrow.
                        assert!(
                            (n * STEPS as f64).fract() != 0.0,
                            "{ctx}: a change at grid weight {n} the grid did not see"
                        );
                    }
                }
            }
        }
    }
    breakpoints
}

#[test]
fn stable_ranges_match_brute_force_with_the_total_objective() {
    let found: usize = (1..=8).map(|seed| check(seed, 0.0, false)).sum();
    assert!(found >= 20, "only {found} breakpoints exercised");
}

#[test]
fn stable_ranges_match_brute_force_with_a_minimum_score() {
    // Seeds 20 and 69 have a matching that beats the current one only until it loses a pair to
    // the minimum score, after which the current one is optimal again.
    let found: usize = [
        (20, 65.0),
        (69, 75.0),
        (101, 55.0),
        (102, 45.0),
        (103, 65.0),
    ]
    .into_iter()
    .map(|(seed, min)| check(seed, min, false))
    .sum();
    assert!(found >= 10, "only {found} breakpoints exercised");
}

#[test]
fn stable_ranges_match_brute_force_with_maximin() {
    let found: usize = (201..=204).map(|seed| check(seed, 0.0, true)).sum();
    assert!(found >= 5, "only {found} breakpoints exercised");
}

#[test]
fn influence_figures_are_those_of_the_matching_at_0_and_1() {
    for seed in 301..=305 {
        let (pool, profile) = random(seed, 7, 5, 0.0, false);
        let (_, ev) = evaluate(&pool, &profile);
        let tornado = stability::tornado(&pool, &ev).unwrap();
        assert_eq!(tornado.len(), N);
        for pair in tornado.windows(2) {
            assert!(pair[0].swing() >= pair[1].swing());
        }
        for inf in &tornado {
            for (e, w) in [(&inf.at_zero, 0.0), (&inf.at_one, 1.0)] {
                let m = solve_at(&pool, &ev, inf.criterion, w);
                assert_eq!(e.changed, changes(&ev.matching, &m).len());
                assert_eq!(e.matched, m.pairs.len());
                // On the yardstick of the current profile, not the moved one.
                let scores: Vec<f64> = m
                    .pairs
                    .iter()
                    .map(|p| ev.table.pair_score(p.mentee, p.mentor, &ev.profile.weights))
                    .collect();
                let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
                assert!((e.mean - mean).abs() < 1e-9);
                assert!((e.min - min).abs() < 1e-9);
                assert!((e.mean_delta - (mean - ev.summary.stats.mean)).abs() < 1e-9);
            }
        }
    }
}

#[test]
fn the_most_fragile_weight_has_the_smallest_margin() {
    let (pool, profile) = random(7, 6, 4, 0.0, false);
    let (_, ev) = evaluate(&pool, &profile);
    let all = stability::stability_all(&pool, &ev).unwrap();
    if let Some((k, margin)) = stability::most_fragile(&all) {
        assert_eq!(all[k].margin(), Some(margin));
        assert!(all.iter().all(|s| s.margin().is_none_or(|m| m >= margin)));
    }
}

#[test]
fn stable_ranges_and_influence_are_the_same_on_one_thread_and_on_several() {
    for seed in 1..=12 {
        let min_score = [0.0, 0.0, 50.0][seed as usize % 3];
        let (pool, profile) = random(seed, 7, 5, min_score, seed % 4 == 0);
        let (_, ev) = evaluate(&pool, &profile);
        let one = stability::stability_all_on(&pool, &ev, 1).unwrap();
        for threads in [2, 3, N] {
            let many = stability::stability_all_on(&pool, &ev, threads).unwrap();
            assert_eq!(one, many, "seed {seed}, {threads} threads");
        }
        let alone: Vec<_> = (0..N)
            .map(|k| stability::influence(&pool, &ev, k).unwrap())
            .collect();
        let tornado = stability::tornado(&pool, &ev).unwrap();
        for i in &tornado {
            assert_eq!(*i, alone[i.criterion], "seed {seed}");
        }
    }
}
