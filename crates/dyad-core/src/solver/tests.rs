//! Edge cases of the solver, each cross-checked against brute force and the certificate.

use super::*;

const X: f64 = f64::NEG_INFINITY;

/// Solves, checks the certificate and compares with brute force; returns the solution.
fn run(rows: usize, cols: usize, score: &[f64], cap: &[u32]) -> Solution {
    let p = Problem::new(rows, cols, score, cap);
    let s = solve(&p);
    check_optimal(&p, &s).unwrap();
    let b = brute_force(&p);
    check_optimal(&p, &b).unwrap();
    assert_eq!(s.matched, b.matched, "{s:?} vs {b:?}");
    assert!((s.total - b.total).abs() < 1e-9, "{s:?} vs {b:?}");
    s
}

#[test]
fn empty_problems() {
    let s = run(0, 0, &[], &[]);
    assert_eq!((s.assignment.len(), s.matched, s.total), (0, 0, 0.0));
    let s = run(0, 3, &[], &[1, 1, 1]);
    assert_eq!(s.assignment.len(), 0);
    let s = run(3, 0, &[], &[]);
    assert_eq!(s.assignment, vec![None; 3]);
}

#[test]
fn all_forbidden() {
    let s = run(2, 2, &[X, X, X, f64::NAN], &[1, 1]);
    assert_eq!(s.assignment, vec![None, None]);
    assert_eq!(s.total, 0.0);
}

#[test]
fn capacity_zero_columns_are_never_used() {
    let s = run(2, 3, &[9.0, 1.0, 1.0, 9.0, 2.0, 1.0], &[0, 1, 1]);
    assert_eq!(s.assignment, vec![Some(2), Some(1)]);
    let s = run(2, 2, &[1.0, 2.0, 3.0, 4.0], &[0, 0]);
    assert_eq!(s.matched, 0);
}

#[test]
fn more_rows_than_slots() {
    // Three rows compete for two slots of one column; the two best rows win.
    let s = run(3, 1, &[1.0, 5.0, 3.0], &[2]);
    assert_eq!(s.assignment, vec![None, Some(0), Some(0)]);
    assert_eq!(s.total, 8.0);
}

#[test]
fn fewer_rows_than_slots() {
    let s = run(
        2,
        4,
        &[1.0, 2.0, 3.0, 4.0, 4.0, 3.0, 2.0, 1.0],
        &[1, 1, 1, 1],
    );
    assert_eq!(s.assignment, vec![Some(3), Some(0)]);
}

#[test]
fn cardinality_beats_score() {
    // Row 0 alone on column 0 scores 100, but then row 1 has nowhere to go.
    let s = run(2, 2, &[100.0, 1.0, 1.0, X], &[1, 1]);
    assert_eq!(s.assignment, vec![Some(1), Some(0)]);
    assert_eq!(s.matched, 2);
}

#[test]
fn negative_scores_are_still_assigned() {
    let s = run(2, 2, &[-5.0, -1.0, -2.0, -10.0], &[1, 1]);
    assert_eq!(s.matched, 2);
    assert_eq!(s.total, -3.0);
}

#[test]
fn nan_and_infinities_are_forbidden() {
    let s = run(2, 2, &[f64::NAN, 1.0, f64::INFINITY, 2.0], &[1, 1]);
    assert_eq!(s.assignment, vec![None, Some(1)]);
}

#[test]
fn ties_are_deterministic() {
    let score = [1.0; 16];
    let a = run(4, 4, &score, &[1; 4]);
    let b = solve(&Problem::new(4, 4, &score, &[1; 4]));
    assert_eq!(a.assignment, b.assignment);
    assert_eq!(a.total, 4.0);
}

#[test]
fn capacities_above_row_count() {
    let s = run(3, 2, &[1.0, 2.0, 1.0, 2.0, 1.0, 2.0], &[u32::MAX, 1]);
    assert_eq!(s.matched, 3);
    assert_eq!(s.total, 4.0);
}

#[test]
fn short_inputs_do_not_panic() {
    let p = Problem::new(3, 3, &[1.0, 2.0], &[1]);
    let s = solve(&p);
    check_optimal(&p, &s).unwrap();
    assert_eq!(s.assignment, vec![Some(0), None, None]);
    let p = Problem::new(usize::MAX / 2, 4, &[1.0; 8], &[1; 4]);
    assert_eq!(p.stored_rows(), 2);
}

#[test]
fn huge_scores_are_scaled_exactly() {
    let big = 1e300;
    let s = run(2, 2, &[big, 3.0 * big, 2.0 * big, 5.0 * big], &[1, 1]);
    assert_eq!(s.assignment, vec![Some(0), Some(1)]);
    assert_eq!(s.total, 6.0 * big);
}

#[test]
fn checker_rejects_bad_solutions() {
    let score = [1.0, 2.0, 3.0, 5.0];
    let p = Problem::new(2, 2, &score, &[1, 1]);
    let mut s = solve(&p);
    assert_eq!(s.assignment, vec![Some(0), Some(1)]);
    s.assignment = vec![Some(0), Some(0)];
    assert!(check_optimal(&p, &s).unwrap_err().contains("capacity"));
    let mut s = solve(&p);
    s.assignment[1] = None;
    s.matched = 1;
    s.total = 1.0;
    s.duals = None;
    assert!(check_optimal(&p, &s).unwrap_err().contains("can be"));
    // Valid but suboptimal: the certificate of the optimum does not fit it.
    let mut s = solve(&p);
    s.assignment = vec![Some(1), Some(0)];
    s.total = 5.0;
    assert!(check_optimal(&p, &s).unwrap_err().contains("slack"));
}

#[test]
fn solver_is_reusable_across_shapes() {
    let mut solver = Solver::new();
    for (rows, cols) in [(3, 2), (0, 0), (2, 5), (4, 4)] {
        let score: Vec<f64> = (0..rows * cols).map(|k| ((k * 7) % 5) as f64).collect();
        let cap = vec![1; cols];
        let p = Problem::new(rows, cols, &score, &cap);
        let s = solver.solve(&p);
        check_optimal(&p, &s).unwrap();
        assert_eq!(s.total, brute_force(&p).total);
    }
}

#[test]
fn resolve_follows_changes_of_shape_and_scores() {
    let mut solver = Solver::new();
    let cases: [(usize, usize, Vec<f64>, Vec<u32>); 5] = [
        (3, 2, vec![1.0, 2.0, 3.0, 1.0, 2.0, 2.0], vec![1, 1]),
        (3, 2, vec![1.0, 2.5, 3.0, 1.0, 2.0, 2.0], vec![1, 1]),
        (3, 2, vec![1.0, 2.5, X, 1.0, 2.0, 2.0], vec![1, 2]),
        (2, 3, vec![5.0, 1.0, 1.0, 5.0, 1.0, 1.0], vec![1, 1, 1]),
        (2, 3, vec![5.0, 1.0, 1.0, 5.0, 1.0, 6.0], vec![1, 1, 1]),
    ];
    for (rows, cols, score, cap) in &cases {
        let p = Problem::new(*rows, *cols, score, cap);
        let s = solver.resolve(&p);
        check_optimal(&p, &s).unwrap();
        let b = brute_force(&p);
        assert_eq!((s.matched, s.total), (b.matched, b.total));
    }
}

/// The lexicographically smallest optimal assignment by exhaustive search ("unassigned" after
/// every column), for scores whose sums are exact.
fn lex_min_optimum(p: &Problem) -> Vec<Option<usize>> {
    let best = brute_force(p);
    let (rows, cols) = (p.rows, p.cols);
    let mut left: Vec<u32> = (0..cols).map(|j| p.capacity_of(j)).collect();
    let mut cur = vec![None; rows];
    let mut found: Option<Vec<Option<usize>>> = None;
    // Depth-first in lexicographic order (columns ascending, then unassigned): the first
    // optimal assignment met is the smallest.
    #[allow(clippy::too_many_arguments)]
    fn go(
        p: &Problem,
        i: usize,
        left: &mut [u32],
        cur: &mut Vec<Option<usize>>,
        count: usize,
        sum: f64,
        best: &Solution,
        found: &mut Option<Vec<Option<usize>>>,
    ) {
        if found.is_some() {
            return;
        }
        if i == p.rows {
            if count == best.matched && sum == best.total {
                *found = Some(cur.clone());
            }
            return;
        }
        for j in 0..p.cols {
            if let Some(s) = p.score_of(i, j).filter(|_| left[j] > 0) {
                left[j] -= 1;
                cur[i] = Some(j);
                go(p, i + 1, left, cur, count + 1, sum + s, best, found);
                cur[i] = None;
                left[j] += 1;
            }
        }
        go(p, i + 1, left, cur, count, sum, best, found);
    }
    go(p, 0, &mut left, &mut cur, 0, 0.0, &best, &mut found);
    found.unwrap_or_else(|| vec![None; rows])
}

#[test]
fn ties_resolve_to_the_lexicographically_smallest_optimum() {
    // Every assignment of the square all-ones problem is optimal: the identity is smallest.
    let s = run(4, 4, &[1.0; 16], &[1; 4]);
    assert_eq!(s.assignment, vec![Some(0), Some(1), Some(2), Some(3)]);
    // Rectangular: spare slots may be left anywhere, so row 0 takes column 0 and so on.
    let s = run(2, 3, &[5.0, 5.0, 5.0, 5.0, 5.0, 5.0], &[1, 1, 1]);
    assert_eq!(s.assignment, vec![Some(0), Some(1)]);
    // More rows than slots: the earlier rows are the ones matched.
    let s = run(3, 1, &[2.0, 2.0, 2.0], &[2]);
    assert_eq!(s.assignment, vec![Some(0), Some(0), None]);
}

#[test]
fn canonical_equals_exhaustive_lexicographic_minimum() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let mut solver = Solver::new();
    for case in 0..3000 {
        let rows = rng.random_range(1..=6);
        let cols = rng.random_range(1..=5);
        let levels = rng.random_range(1..=4);
        let score: Vec<f64> = (0..rows * cols)
            .map(|_| {
                if rng.random_bool(0.2) {
                    X
                } else {
                    f64::from(rng.random_range(0..levels)) * 0.5
                }
            })
            .collect();
        let cap: Vec<u32> = (0..cols).map(|_| rng.random_range(0..=2)).collect();
        let p = Problem::new(rows, cols, &score, &cap);
        let want = lex_min_optimum(&p);
        let cold = solve(&p);
        check_optimal(&p, &cold).unwrap();
        assert_eq!(cold.assignment, want, "case {case}: {p:?}");
        let warm = solver.resolve(&p);
        assert_eq!(warm.assignment, want, "case {case} (warm): {p:?}");
    }
}

/// A warm re-solve after a pair became NaN and the row's own pair `-inf` (the failing case of a
/// property test): every kind of non-finite score is forbidden on the warm path too.
#[test]
fn warm_start_treats_nan_and_infinities_alike() {
    let n = f64::NAN;
    let score = vec![
        1.5, -0.25, X, -0.5, X, n, 1.9397, 1.3605, -1.0, 0.0, 2.0, X, X, -0.2182, 6.1187, 2.0,
        6.2903, -0.25, 2.0, 2.7817, 0.8190,
    ];
    let cap = [2, 1, 3];
    for edit in [
        [(16, n), (14, X)],
        [(16, X), (14, n)],
        [(16, f64::INFINITY), (14, X)],
    ] {
        let mut solver = Solver::new();
        let _ = solver.resolve(&Problem::new(7, 3, &score, &cap));
        let mut s = score.clone();
        for (k, v) in edit {
            s[k] = v;
        }
        let p = Problem::new(7, 3, &s, &cap);
        let warm = solver.resolve(&p);
        check_optimal(&p, &warm).unwrap();
        let b = brute_force(&p);
        assert_eq!(warm.matched, b.matched, "{warm:?} vs {b:?}");
        assert!((warm.total - b.total).abs() < 1e-9, "{warm:?} vs {b:?}");
    }
}

/// A cold solve, a solve after another problem and a warm re-solve of the same problem return the
/// same assignment (a case a property test found with a real tie between two rows).
#[test]
fn warm_and_cold_agree_on_a_tie() {
    let score = [
        X,
        X,
        0.0,
        X,
        1.25,
        X,
        X,
        -7.602997522129241,
        X,
        X,
        X,
        6.545422614181983,
        X,
        -1.0,
        2.9409841536352666,
        X,
        1.25,
        X,
    ];
    let p = Problem::new(6, 3, &score, &[0, 1, 3]);
    let a = solve(&p);
    let mut solver = Solver::new();
    let _ = solver.solve(&Problem::new(2, 2, &[1.0, 2.0, 3.0, 4.0], &[1, 1]));
    let b = solver.solve(&p);
    let c = solver.resolve(&p);
    assert_eq!(a.assignment, b.assignment, "cold vs cold after another");
    assert_eq!(a.assignment, c.assignment, "cold vs warm");
}

/// A warm re-solve after the scores shrank from about 7·10¹³ to a few thousand (as a search's
/// bonuses do when they fall back): the duals kept from the first problem are as large as its
/// scores, and the canonical pass once measured its tie margin on them, counting row 0's pair,
/// 2000 from tight, as tight and moving row 0 onto it. The warm result must be the cold one.
#[test]
fn warm_resolve_after_scores_shrink_keeps_the_optimum() {
    for first in [70_000_000_003_000.5, 70_000_000_003_000.0] {
        let cap = [1, 0];
        let mut solver = Solver::new();
        let _ = solver.resolve(&Problem::new(2, 2, &[first, 0.0, 5000.5, 0.0], &cap));
        let score = [3000.5, X, 5000.5, 0.0];
        let p = Problem::new(2, 2, &score, &cap);
        let warm = solver.resolve(&p);
        check_optimal(&p, &warm).unwrap();
        assert_eq!(warm.assignment, vec![None, Some(0)]);
        assert_eq!(warm.assignment, solve(&p).assignment);
    }
}

/// One random sequence of the changes the side-constraint search makes between solves: a skip
/// column (score 0) of some capacity, pairs forbidden or forced one after another, and bonuses
/// on random pairs, small or huge (so that the scores are sometimes beyond the exact range and
/// sometimes shrink by orders of magnitude from one solve to the next). Each warm re-solve
/// must pass the certificate and return the cold solve's assignment.
fn warm_follows_cold_on_search_steps(seed: u64) -> Result<(), String> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let rows = rng.random_range(1..=8);
    let real = rng.random_range(1..=5);
    let cols = real + 1;
    let mut node = vec![X; rows * cols];
    for i in 0..rows {
        for j in 0..real {
            if !rng.random_bool(0.25) {
                node[i * cols + j] = f64::from(rng.random_range(0..6)) * 1000.0 + 0.5;
            }
        }
        node[i * cols + real] = 0.0;
    }
    let mut cap: Vec<u32> = (0..real).map(|_| rng.random_range(0..=2)).collect();
    cap.push(rng.random_range(0..=rows as u32));
    let unit = if rng.random_bool(0.5) { 1e13 } else { 1.0 };
    let mut solver = Solver::new();
    for step in 0..rng.random_range(1..=30) {
        match rng.random_range(0..3) {
            0 => {}
            1 => node[rng.random_range(0..rows * cols)] = X,
            _ => {
                let k = rng.random_range(0..rows * cols);
                let (i, s) = (k / cols, node[k]);
                node[i * cols..(i + 1) * cols].fill(X);
                node[k] = s;
            }
        }
        let bonus = f64::from(rng.random_range(0..8)) * unit;
        let mut score = node.clone();
        for s in score.iter_mut() {
            if s.is_finite() && rng.random_bool(0.3) {
                *s += bonus;
            }
        }
        let p = Problem::new(rows, cols, &score, &cap);
        let warm = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| solver.resolve(&p)))
            .map_err(|_| format!("seed {seed} step {step}: warm re-solve panicked"))?;
        same_as_cold(&p, &warm, &format!("seed {seed} step {step}"))?;
    }
    Ok(())
}

/// Whether a warm solution of `p` passes the optimality certificate and is the cold solve's
/// assignment pair for pair; the error names the case `at`.
pub(super) fn same_as_cold(p: &Problem, warm: &Solution, at: &str) -> Result<(), String> {
    check_optimal(p, warm).map_err(|e| format!("{at}: {e}"))?;
    let cold = solve(p);
    if warm.assignment != cold.assignment {
        return Err(format!(
            "{at}: warm {:?}, cold {:?}",
            warm.assignment, cold.assignment
        ));
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    #[test]
    fn warm_resolve_equals_cold_over_search_steps(seed in proptest::prelude::any::<u64>()) {
        if let Err(e) = warm_follows_cold_on_search_steps(seed) {
            proptest::prop_assert!(false, "{}", e);
        }
    }
}

/// Whether `s` is the lexicographically smallest optimum of `p`, checked by solving again:
/// no row may take a smaller column (or any column, when unassigned) while every earlier row
/// keeps its own and the optimum's size and total are kept. The rows held in place get a bonus
/// larger than any total on their pair, so that the solve keeps them there whenever it can.
fn lexicographically_smallest(p: &Problem, s: &Solution) -> Result<(), String> {
    const BONUS: f64 = 1e6;
    let (rows, cols) = (p.rows, p.cols);
    for i in 0..rows {
        let end = s.assignment[i].unwrap_or(cols);
        for j in (0..end).filter(|&j| p.score_of(i, j).is_some()) {
            let mut score = p.score.to_vec();
            let mut held = 0.0;
            for (k, row) in score.chunks_exact_mut(cols).enumerate().take(i + 1) {
                let keep = if k == i { Some(j) } else { s.assignment[k] };
                for (c, x) in row.iter_mut().enumerate() {
                    if keep == Some(c) {
                        *x += BONUS;
                        held += BONUS;
                    } else {
                        *x = X;
                    }
                }
            }
            let q = Problem::new(rows, cols, &score, p.capacity);
            let t = solve(&q);
            check_optimal(&q, &t)?;
            if t.matched == s.matched && t.total == s.total + held {
                return Err(format!("row {i} could take column {j}"));
            }
        }
    }
    Ok(())
}

/// Tie-heavy problems larger than brute force reaches (two or three score levels, most rows
/// with many tight columns and long alternating cycles, capacities up to 3, spare places and
/// unassigned rows): the canonical pass returns the lexicographically smallest optimum, cold,
/// after another problem, and warm.
#[test]
fn canonical_is_the_smallest_optimum_on_large_ties() {
    use rand::{Rng, SeedableRng};
    let seed = rand::random::<u64>();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut solver = Solver::new();
    for case in 0..24 {
        let rows = rng.random_range(8..=36);
        let cols = rng.random_range(4..=36);
        let levels = rng.random_range(1..=3);
        let banned = rng.random_range(0.0..0.5);
        let score: Vec<f64> = (0..rows * cols)
            .map(|_| {
                if rng.random_bool(banned) {
                    X
                } else {
                    f64::from(rng.random_range(0..levels))
                }
            })
            .collect();
        let cap: Vec<u32> = (0..cols).map(|_| rng.random_range(0..=3)).collect();
        let p = Problem::new(rows, cols, &score, &cap);
        let cold = solve(&p);
        check_optimal(&p, &cold).unwrap();
        let why = lexicographically_smallest(&p, &cold);
        assert!(why.is_ok(), "seed {seed} case {case}: {why:?} in {p:?}");
        let again = solver.solve(&p);
        assert_eq!(again.assignment, cold.assignment, "seed {seed} case {case}");
        let warm = solver.resolve(&p);
        assert_eq!(
            warm.assignment, cold.assignment,
            "seed {seed} case {case} (warm)"
        );
    }
}
