use super::*;
use crate::solver::Problem;

/// Exhaustive optimum under the constraints: (rows assigned, total, assignment), or `None` when
/// no assignment meets them.
fn brute(p: &Problem, cons: &[AtLeast]) -> Option<(usize, f64)> {
    fn go(
        p: &Problem,
        cons: &[AtLeast],
        i: usize,
        left: &mut Vec<u32>,
        cur: &mut Vec<Option<usize>>,
        best: &mut Option<(usize, f64)>,
    ) {
        if i == p.rows {
            let meets = cons.iter().all(|c| {
                let mut pairs = c.pairs.clone();
                pairs.sort_unstable();
                pairs.dedup();
                pairs.iter().filter(|&&(r, j)| cur[r] == Some(j)).count() >= c.count
            });
            if !meets {
                return;
            }
            let m = cur.iter().flatten().count();
            let t: f64 = (0..p.rows)
                .filter_map(|r| cur[r].and_then(|j| p.score_of(r, j)))
                .sum();
            if best.is_none_or(|(bm, bt)| m > bm || (m == bm && t > bt)) {
                *best = Some((m, t));
            }
            return;
        }
        cur[i] = None;
        go(p, cons, i + 1, left, cur, best);
        for j in 0..p.cols {
            if p.score_of(i, j).is_some() && left[j] > 0 {
                left[j] -= 1;
                cur[i] = Some(j);
                go(p, cons, i + 1, left, cur, best);
                left[j] += 1;
            }
        }
        cur[i] = None;
    }
    let mut left: Vec<u32> = (0..p.cols).map(|j| p.capacity_of(j)).collect();
    let mut cur = vec![None; p.rows];
    let mut best = None;
    go(p, cons, 0, &mut left, &mut cur, &mut best);
    best
}

/// xorshift, seeded from the clock so every run tries new instances (printed on failure).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    t | 1
}

/// A random instance: up to `max` rows and columns, capacities 0–3, some forbidden pairs,
/// whole-number scores (negative ones too), and 1–3 constraints on random pair sets.
fn instance(rng: &mut Rng, max: u64) -> (usize, usize, Vec<f64>, Vec<u32>, Vec<AtLeast>) {
    let rows = 1 + rng.below(max) as usize;
    let cols = 1 + rng.below(max) as usize;
    let score: Vec<f64> = (0..rows * cols)
        .map(|_| {
            if rng.below(5) == 0 {
                f64::NEG_INFINITY
            } else {
                rng.below(40) as f64 - 8.0
            }
        })
        .collect();
    let capacity: Vec<u32> = (0..cols).map(|_| rng.below(4) as u32).collect();
    let n = 1 + rng.below(3) as usize;
    let cons = (0..n)
        .map(|_| {
            let pairs: Vec<(usize, usize)> = (0..rows * cols)
                .filter(|_| rng.below(3) == 0)
                .map(|k| (k / cols, k % cols))
                .collect();
            let count = rng.below(pairs.len().min(rows) as u64 + 2) as usize;
            AtLeast { pairs, count }
        })
        .collect();
    (rows, cols, score, capacity, cons)
}

fn check_against_brute(rng: &mut Rng, max: u64, single: bool) {
    let (rows, cols, score, capacity, mut cons) = instance(rng, max);
    if single {
        cons.truncate(1);
    }
    let p = Problem::new(rows, cols, &score, &capacity);
    let want = brute(&p, &cons);
    let got = solve(&p, &cons, &Options::default());
    match (want, got) {
        (None, Err(SideError::Infeasible { constraint, .. })) => {
            if let Some(c) = constraint {
                assert!(reachable_brute(&p, &cons[c]) < cons[c].count);
            }
        }
        (Some((m, t)), Ok(s)) => {
            assert!(s.proven_optimal, "{rows}x{cols} {cons:?}: not proven");
            assert_eq!(
                (s.matched, s.total),
                (m, t),
                "{rows}x{cols} {score:?} {capacity:?} {cons:?}"
            );
            assert_eq!(s.bound, s.total);
            let rel = relaxed::Relaxed::new(&p, &cons, m, false);
            assert_eq!(rel.check(&s.assignment), Some(t));
        }
        (w, g) => {
            panic!("{rows}x{cols} {score:?} {capacity:?} {cons:?}: brute {w:?}, search {g:?}")
        }
    }
}

/// The most pairs of a set one assignment holds, by brute force.
fn reachable_brute(p: &Problem, c: &AtLeast) -> usize {
    let only: Vec<f64> = (0..p.rows * p.cols)
        .map(|k| {
            let (i, j) = (k / p.cols, k % p.cols);
            if c.pairs.contains(&(i, j)) && p.score_of(i, j).is_some() {
                0.0
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    let q = Problem::new(p.rows, p.cols, &only, p.capacity);
    brute(&q, &[]).map_or(0, |b| b.0)
}

/// `runs` random instances against brute force; the seed is printed on failure.
fn random_runs(runs: usize, single: bool) {
    let s = seed();
    let mut rng = Rng(s);
    for _ in 0..runs {
        let before = rng.0;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_against_brute(&mut rng, 6, single)
        }));
        assert!(r.is_ok(), "seed {s}, instance state {before}");
    }
}

#[test]
fn one_constraint_matches_brute_force() {
    random_runs(400, true);
}

#[test]
fn several_constraints_match_brute_force() {
    random_runs(300, false);
}

#[test]
fn keeping_a_pair_can_cost_a_row() {
    // Row 0 can take column 0 or 1, row 1 only column 0 (capacities 1). Keeping (0, 0) leaves
    // row 1 without a place: the constrained optimum assigns one row, not two.
    let score = [5.0, 1.0, 3.0, f64::NEG_INFINITY];
    let cap = [1, 1];
    let p = Problem::new(2, 2, &score, &cap);
    let keep = [AtLeast {
        pairs: vec![(0, 0)],
        count: 1,
    }];
    let s = solve(&p, &keep, &Options::default()).unwrap();
    assert_eq!((s.matched, s.total), (1, 5.0));
    assert!(s.proven_optimal);
    assert_eq!(s.assignment, vec![Some(0), None]);
}

#[test]
fn a_constraint_that_cannot_be_met_is_named() {
    let score = [1.0; 4];
    let cap = [1, 1];
    let p = Problem::new(2, 2, &score, &cap);
    let cons = [
        AtLeast {
            pairs: vec![(0, 0), (1, 0)],
            count: 1,
        },
        AtLeast {
            pairs: vec![(0, 1), (1, 1)],
            count: 2,
        },
    ];
    assert_eq!(
        solve(&p, &cons, &Options::default()),
        Err(SideError::Infeasible {
            constraint: Some(1),
            needed: 2,
            reachable: 1
        })
    );
}

/// Three overlapping constraints on 5 × 5 where every multiplier the dual tried gave a solution
/// meeting them while its bound stayed above: the node must still settle (it once returned
/// unproven, with nothing to branch on).
#[test]
fn a_node_whose_every_dual_solution_met_the_constraints_is_still_proven() {
    let mut rng = Rng(4622174252437249195);
    check_against_brute(&mut rng, 6, false);
}
