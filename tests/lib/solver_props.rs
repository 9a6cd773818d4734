//! Property tests of the assignment solver: against brute force on tiny problems, and against an
//! independent min-cost-flow implementation on problems up to 30 × 30.

use dyad::solver::{Problem, Solution, Solver, brute_force, check_optimal, solve};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const X: f64 = f64::NEG_INFINITY;

/// An owned problem for generators.
#[derive(Debug, Clone)]
struct Owned {
    rows: usize,
    cols: usize,
    score: Vec<f64>,
    cap: Vec<u32>,
}

impl Owned {
    fn problem(&self) -> Problem<'_> {
        Problem::new(self.rows, self.cols, &self.score, &self.cap)
    }

    /// The same problem with rows reordered: new row `k` is old row `order[k]`.
    fn permute_rows(&self, order: &[usize]) -> Owned {
        let mut score = Vec::with_capacity(self.score.len());
        for &i in order {
            score.extend_from_slice(&self.score[i * self.cols..(i + 1) * self.cols]);
        }
        Owned {
            score,
            ..self.clone()
        }
    }
}

/// A score: forbidden, NaN, a tie-prone multiple of 0.25, or continuous; any sign.
fn cell() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => Just(X),
        1 => Just(f64::NAN),
        5 => (-8i32..=8).prop_map(|k| f64::from(k) * 0.25),
        4 => -10.0f64..10.0,
    ]
}

/// Up to 7 rows × 5 columns, capacities 0–3 with at most 7 slots in all.
fn tiny() -> impl Strategy<Value = Owned> {
    (0usize..=7, 0usize..=5)
        .prop_flat_map(|(rows, cols)| {
            (
                Just(rows),
                Just(cols),
                proptest::collection::vec(cell(), rows * cols),
                proptest::collection::vec(0u32..=3, cols),
            )
        })
        .prop_map(|(rows, cols, score, mut cap)| {
            while cap.iter().sum::<u32>() > 7 {
                let j = cap.iter().position(|&c| c > 0).unwrap_or(0);
                cap[j] -= 1;
            }
            Owned {
                rows,
                cols,
                score,
                cap,
            }
        })
}

fn same_value(a: &Solution, b: &Solution) -> bool {
    a.matched == b.matched && (a.total - b.total).abs() <= 1e-9
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn equals_brute_force(o in tiny()) {
        let p = o.problem();
        let s = solve(&p);
        let b = brute_force(&p);
        prop_assert!(check_optimal(&p, &s).is_ok(), "{:?}", check_optimal(&p, &s));
        prop_assert!(check_optimal(&p, &b).is_ok(), "{:?}", check_optimal(&p, &b));
        prop_assert!(same_value(&s, &b), "solver {:?} brute {:?}", s, b);
    }

    #[test]
    fn deterministic(o in tiny()) {
        let p = o.problem();
        let a = solve(&p);
        let mut solver = Solver::new();
        let _ = solver.solve(&Problem::new(2, 2, &[1.0, 2.0, 3.0, 4.0], &[1, 1]));
        let b = solver.solve(&p);
        let c = solver.resolve(&p);
        prop_assert_eq!(&a.assignment, &b.assignment);
        prop_assert_eq!(&a.assignment, &c.assignment);
        prop_assert_eq!(a.total.to_bits(), b.total.to_bits());
    }

    #[test]
    fn row_order_does_not_change_the_value(o in tiny(), seed in any::<u64>()) {
        let mut order: Vec<usize> = (0..o.rows).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for k in (1..order.len()).rev() {
            order.swap(k, rng.random_range(0..=k));
        }
        let q = o.permute_rows(&order);
        let a = solve(&o.problem());
        let b = solve(&q.problem());
        prop_assert!(same_value(&a, &b), "{:?} vs {:?}", a, b);
    }
}

/// A score within the range `dyad solve` accepts (|score| ≤ 1e9): whole numbers near the
/// limit beside small ones, so that a solver losing precision on large magnitudes would lose
/// the small differences.
fn large_cell() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => Just(X),
        3 => (-3i64..=3).prop_map(|k| 1e9 - k as f64),
        3 => (-3i64..=3).prop_map(|k| -1e9 + k as f64),
        3 => (-5i64..=5).prop_map(|k| k as f64),
        2 => (-1_000_000_000i64..=1_000_000_000).prop_map(|k| k as f64),
    ]
}

fn tiny_large() -> impl Strategy<Value = Owned> {
    (0usize..=6, 0usize..=5)
        .prop_flat_map(|(rows, cols)| {
            (
                Just(rows),
                Just(cols),
                proptest::collection::vec(large_cell(), rows * cols),
                proptest::collection::vec(0u32..=2, cols),
            )
        })
        .prop_map(|(rows, cols, score, cap)| Owned {
            rows,
            cols,
            score,
            cap,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whole-number scores up to the `dyad solve` limit are solved exactly: the same total, to
    /// the last unit, as brute force.
    #[test]
    fn scores_up_to_the_solve_limit_are_solved_exactly(o in tiny_large()) {
        let p = o.problem();
        let s = solve(&p);
        let b = brute_force(&p);
        prop_assert_eq!(s.matched, b.matched);
        prop_assert_eq!(s.total, b.total, "solver {:?} brute {:?}", s, b);
    }
}

/// Independent exact method: min-cost flow by successive shortest paths with Bellman–Ford
/// (queue-based), on source → rows → columns (capacity) → sink. Each augmentation adds one unit
/// along a cheapest path, so after the last one the flow is maximum and, among maximum flows,
/// cheapest. Returns (matched, total score).
fn min_cost_flow(o: &Owned) -> (usize, f64) {
    struct Edge {
        to: usize,
        cap: i64,
        cost: f64,
    }
    let (r, c) = (o.rows, o.cols);
    let (source, sink) = (r + c, r + c + 1);
    let nodes = r + c + 2;
    let mut edges: Vec<Edge> = Vec::new();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    let mut add = |a: usize, b: usize, cap: i64, cost: f64, adj: &mut Vec<Vec<usize>>| {
        adj[a].push(edges.len());
        edges.push(Edge { to: b, cap, cost });
        adj[b].push(edges.len());
        edges.push(Edge {
            to: a,
            cap: 0,
            cost: -cost,
        });
    };
    for i in 0..r {
        add(source, i, 1, 0.0, &mut adj);
        for j in 0..c {
            let s = o.score[i * c + j];
            if s.is_finite() {
                add(i, r + j, 1, -s, &mut adj);
            }
        }
    }
    for j in 0..c {
        add(r + j, sink, i64::from(o.cap[j]), 0.0, &mut adj);
    }
    let (mut flow, mut cost) = (0usize, 0.0f64);
    loop {
        let mut dist = vec![f64::INFINITY; nodes];
        let mut via = vec![usize::MAX; nodes];
        let mut queued = vec![false; nodes];
        let mut queue = std::collections::VecDeque::from([source]);
        dist[source] = 0.0;
        while let Some(a) = queue.pop_front() {
            queued[a] = false;
            for &e in &adj[a] {
                let Edge { to, cap, cost } = edges[e];
                if cap > 0 && dist[a] + cost < dist[to] - 1e-12 {
                    dist[to] = dist[a] + cost;
                    via[to] = e;
                    if !queued[to] {
                        queued[to] = true;
                        queue.push_back(to);
                    }
                }
            }
        }
        if dist[sink] == f64::INFINITY {
            return (flow, -cost);
        }
        let mut b = sink;
        while b != source {
            let e = via[b];
            edges[e].cap -= 1;
            edges[e ^ 1].cap += 1;
            cost += edges[e].cost;
            b = edges[e ^ 1].to;
        }
        flow += 1;
    }
}

/// A random problem up to `max × max` of one of several flavours (ties, signs, density, shape).
fn random_problem(rng: &mut ChaCha8Rng, max: usize) -> Owned {
    let rows = rng.random_range(1..=max);
    let cols = rng.random_range(1..=max);
    let forbid = [0.0, 0.1, 0.5, 0.9][rng.random_range(0..4)];
    let flavour = rng.random_range(0..4);
    let cap_max = rng.random_range(0..=3);
    let cap = (0..cols)
        .map(|_| rng.random_range(0..=cap_max.max(1)))
        .collect();
    let score = (0..rows * cols)
        .map(|_| {
            if rng.random_bool(forbid) {
                return X;
            }
            match flavour {
                0 => rng.random_range(0.0..100.0),
                1 => f64::from(rng.random_range(0..4)),
                2 => f64::from(rng.random_range(-8..=8)) * 0.25,
                _ => (0..10)
                    .map(|_| f64::from(rng.random_range(0..3)) * 0.5)
                    .sum(),
            }
        })
        .collect();
    Owned {
        rows,
        cols,
        score,
        cap,
    }
}

#[test]
fn equals_min_cost_flow_up_to_30() {
    let mut rng = ChaCha8Rng::seed_from_u64(20231);
    for case in 0..400 {
        let o = random_problem(&mut rng, 30);
        let p = o.problem();
        let s = solve(&p);
        check_optimal(&p, &s).unwrap_or_else(|e| panic!("case {case}: {e}"));
        let (flow, total) = min_cost_flow(&o);
        assert_eq!(s.matched, flow, "case {case}");
        assert!(
            (s.total - total).abs() < 1e-7,
            "case {case}: {} vs {total}",
            s.total
        );
    }
}

#[test]
fn min_cost_flow_agrees_with_brute_force() {
    // The second method is itself checked against brute force on tiny problems.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for _ in 0..300 {
        let o = random_problem(&mut rng, 5);
        let b = brute_force(&o.problem());
        let (flow, total) = min_cost_flow(&o);
        assert_eq!(b.matched, flow);
        assert!((b.total - total).abs() < 1e-9);
    }
}

/// A tiny problem and a sequence of score edits (cell index, new score) to apply one by one.
fn tiny_with_edits() -> impl Strategy<Value = (Owned, Vec<Vec<(usize, f64)>>)> {
    tiny().prop_flat_map(|o| {
        let cells = o.score.len().max(1);
        let edit = (0..cells, cell());
        let step = proptest::collection::vec(edit, 1..4);
        (Just(o), proptest::collection::vec(step, 1..6))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn warm_resolve_equals_brute_force((mut o, steps) in tiny_with_edits()) {
        let mut solver = Solver::new();
        let _ = solver.resolve(&o.problem());
        for step in steps {
            for (k, s) in step {
                if k < o.score.len() {
                    o.score[k] = s;
                }
            }
            let p = o.problem();
            let warm = solver.resolve(&p);
            prop_assert!(check_optimal(&p, &warm).is_ok(), "{:?}", check_optimal(&p, &warm));
            let b = brute_force(&p);
            prop_assert!(same_value(&warm, &b), "warm {:?} brute {:?}", warm, b);
        }
    }
}

/// A pool shaped like dyad's: ten criterion matrices with few distinct values, a fixed set of
/// banned pairs, capacities 1–3; pair score = 100 · Σ w·s / Σ w, and pairs scoring below
/// `min_score` are forbidden too (so the forbidden pattern moves with the weights).
struct WeightedPool {
    rows: usize,
    cols: usize,
    criteria: Vec<Vec<f64>>,
    banned: Vec<bool>,
    cap: Vec<u32>,
    min_score: f64,
}

impl WeightedPool {
    fn random(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> Self {
        let criteria = (0..10)
            .map(|_| {
                (0..rows * cols)
                    .map(|_| f64::from(rng.random_range(0..=4)) * 0.25)
                    .collect()
            })
            .collect();
        WeightedPool {
            rows,
            cols,
            criteria,
            banned: (0..rows * cols).map(|_| rng.random_bool(0.1)).collect(),
            cap: (0..cols).map(|_| rng.random_range(1..=3)).collect(),
            min_score: [0.0, 0.0, 30.0, 45.0][rng.random_range(0..4)],
        }
    }

    fn scores(&self, w: &[f64; 10]) -> Vec<f64> {
        let sum: f64 = w.iter().sum();
        (0..self.rows * self.cols)
            .map(|k| {
                let dot: f64 = w.iter().zip(&self.criteria).map(|(w, c)| w * c[k]).sum();
                let s = if sum > 0.0 { 100.0 * dot / sum } else { 0.0 };
                if self.banned[k] || s < self.min_score {
                    X
                } else {
                    s
                }
            })
            .collect()
    }
}

#[test]
fn warm_steps_equal_cold_solves() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let mut steps = 0;
    for pool in 0..40 {
        let rows = rng.random_range(1..=40);
        let cols = rng.random_range(1..=40);
        let pool_data = WeightedPool::random(&mut rng, rows, cols);
        let mut w = [0.5; 10];
        let mut solver = Solver::new();
        for step in 0..60 {
            let k = rng.random_range(0..10);
            let delta: f64 = [0.01, 0.05, 0.25][rng.random_range(0..3)];
            w[k] = (w[k] + if rng.random_bool(0.5) { delta } else { -delta }).clamp(0.0, 1.0);
            let score = pool_data.scores(&w);
            let p = Problem::new(rows, cols, &score, &pool_data.cap);
            let warm = solver.resolve(&p);
            let cold = solve(&p);
            check_optimal(&p, &warm).unwrap_or_else(|e| panic!("pool {pool} step {step}: {e}"));
            assert_eq!(warm.matched, cold.matched, "pool {pool} step {step}");
            assert!(
                (warm.total - cold.total).abs() < 1e-8,
                "pool {pool} step {step}: {} vs {}",
                warm.total,
                cold.total
            );
            steps += 1;
        }
    }
    assert_eq!(steps, 2400);
}

/// Whole-number scores shaped like dyad's numerators: ten criteria with a few levels each,
/// whole-number weights, 10 % of pairs banned, capacities 1–3.
struct WholePool {
    rows: usize,
    cols: usize,
    criteria: Vec<Vec<u16>>,
    banned: Vec<bool>,
    cap: Vec<u32>,
}

impl WholePool {
    fn random(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> Self {
        WholePool {
            rows,
            cols,
            criteria: (0..10)
                .map(|_| (0..rows * cols).map(|_| rng.random_range(0..=4)).collect())
                .collect(),
            banned: (0..rows * cols).map(|_| rng.random_bool(0.1)).collect(),
            cap: (0..cols).map(|_| rng.random_range(1..=3)).collect(),
        }
    }

    fn scores(&self, w: &[u32; 10]) -> Vec<f64> {
        (0..self.rows * self.cols)
            .map(|k| {
                if self.banned[k] {
                    return X;
                }
                w.iter()
                    .zip(&self.criteria)
                    .map(|(&w, c)| f64::from(w) * f64::from(c[k]))
                    .sum()
            })
            .collect()
    }
}

#[test]
fn warm_steps_return_the_cold_assignment_pair_for_pair() {
    let mut rng = ChaCha8Rng::seed_from_u64(44);
    let mut steps = 0;
    for pool in 0..60 {
        let rows = rng.random_range(1..=25);
        let cols = rng.random_range(1..=25);
        let data = WholePool::random(&mut rng, rows, cols);
        let mut w = [10u32; 10];
        let mut resolve = Solver::new();
        let mut same = Solver::new();
        let mut with = Solver::new();
        let mut score = data.scores(&w);
        let p = Problem::new(rows, cols, &score, &data.cap);
        let _ = (resolve.solve(&p), same.solve(&p), with.solve(&p));
        for step in 0..50 {
            let k = rng.random_range(0..10);
            let old = w[k];
            let delta = [1, 5, 25][rng.random_range(0..3)];
            w[k] = if rng.random_bool(0.5) {
                (old + delta).min(100)
            } else {
                old.saturating_sub(delta)
            };
            let new = data.scores(&w);
            let p = Problem::new(rows, cols, &new, &data.cap);
            let cold = solve(&p);
            check_optimal(&p, &cold).unwrap_or_else(|e| panic!("pool {pool} step {step}: {e}"));
            let ctx = format!("pool {pool} step {step}");
            let a = resolve.resolve(&p);
            assert_eq!(a.assignment, cold.assignment, "{ctx}: resolve");
            assert!(resolve.is_canonical(), "{ctx}");
            let b = same.resolve_same_pairs(&p);
            assert_eq!(b.assignment, cold.assignment, "{ctx}: resolve_same_pairs");
            let change = f64::from(w[k]) - f64::from(old);
            let c = with.resolve_same_pairs_with(rows, cols, &mut score, &data.cap, |i, row| {
                for (j, s) in row.iter_mut().enumerate() {
                    *s += change * f64::from(data.criteria[k][i * cols + j]);
                }
            });
            assert_eq!(
                c.assignment, cold.assignment,
                "{ctx}: resolve_same_pairs_with"
            );
            assert_eq!(score, new, "{ctx}: the update was applied exactly");
            steps += 1;
        }
    }
    assert_eq!(steps, 3000);
}
