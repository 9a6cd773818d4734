//! Every point of the curve against brute force on small generated pools, and the properties
//! the council relies on.

use std::path::Path;

use super::*;
use crate::criteria::specialty::SpecialtyFamilies;
use crate::generate::generate;
use crate::matching::Frame;
use crate::matching::engine::Engine;
use crate::matching::scoring::Weighting;
use crate::pool::{LoadOptions, Pool, files, pool_from_csv};
use crate::solver::side::Limits;

fn pool(mentees: usize, mentors: usize, seed: u64) -> Pool {
    let g = generate(mentees, mentors, seed);
    pool_from_csv(
        (Path::new(files::MENTEES), g.mentees_csv.as_bytes()),
        (Path::new(files::MENTORS), g.mentors_csv.as_bytes()),
        &LoadOptions::default(),
    )
    .unwrap()
}

/// An assignment's value under the objective: rows matched, then (maximin only) the worst
/// pair's numerator, then the total of numerators.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Value(usize, f64, f64);

impl Value {
    fn better(&self, o: &Value) -> bool {
        (self.0, self.1, self.2) > (o.0, o.1, o.2)
    }
}

fn value(rows: usize, cols: usize, score: &[f64], a: &[Option<usize>], maximin: bool) -> Value {
    let s: Vec<f64> = (0..rows)
        .filter_map(|r| a[r].map(|j| score[r * cols + j]))
        .collect();
    let worst = if maximin {
        s.iter().copied().fold(f64::INFINITY, f64::min)
    } else {
        0.0
    };
    Value(s.len(), worst, s.iter().sum())
}

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Rows, columns, maximin, scores and the continuing pairs of a brute-force search.
type Shape<'a> = (usize, usize, bool, &'a [f64], &'a [(usize, usize)]);

/// For every number of changes `c`, the best (matched, total of numerators) of the assignments
/// that make exactly `c` voluntary changes, over all assignments.
fn brute_by_changes(
    rows: usize,
    cols: usize,
    score: &[f64],
    cap: &[u32],
    keep: &[(usize, usize)],
    maximin: bool,
) -> Vec<Option<Value>> {
    let mut best = vec![None; keep.len() + 1];
    let mut left = cap.to_vec();
    let mut cur = vec![None; rows];
    fn go(
        i: usize,
        s: Shape,
        left: &mut Vec<u32>,
        cur: &mut Vec<Option<usize>>,
        best: &mut Vec<Option<Value>>,
    ) {
        let (rows, cols, maximin, score, keep) = s;
        if i == rows {
            let changes = keep.iter().filter(|&&(r, j)| cur[r] != Some(j)).count();
            let v = value(rows, cols, score, cur, maximin);
            let b = &mut best[changes];
            if b.is_none_or(|b| v.better(&b)) {
                *b = Some(v);
            }
            return;
        }
        cur[i] = None;
        go(i + 1, s, left, cur, best);
        for j in 0..cols {
            if score[i * cols + j].is_finite() && left[j] > 0 {
                left[j] -= 1;
                cur[i] = Some(j);
                go(i + 1, s, left, cur, best);
                left[j] += 1;
            }
        }
        cur[i] = None;
    }
    go(
        0,
        (rows, cols, maximin, score, keep),
        &mut left,
        &mut cur,
        &mut best,
    );
    best
}

/// One random instance against brute force. With `within_capacity`, the pairs in place fit
/// the capacities, so every continuing pair can stay and keep first is freeze and fill.
fn check_instance(rng: &mut Rng, within_capacity: bool) {
    let n = 2 + rng.below(7) as usize;
    let m = 2 + rng.below(4) as usize;
    let seed = rng.below(1 << 40);
    let pool = pool(n, m, seed);
    let mut profile = crate::embedded::fall_profile();
    let maximin = rng.below(3) == 0;
    if maximin {
        profile.objective = crate::profile::Objective::Maximin;
    }
    let mut engine = Engine::new(pool.clone(), SpecialtyFamilies::builtin().clone());
    let table = engine.table(&profile.params);
    let frame = Frame::new(&pool, &table, &profile).unwrap();
    // Pairs in place: most mentees with a mentor, some of whom left (`None`), capacities not
    // necessarily respected (a capacity may have shrunk) unless `within_capacity`.
    let mut current: Vec<CurrentPair> = Vec::new();
    let mut room = frame.capacity.clone();
    for i in 0..n {
        if rng.below(5) == 0 {
            continue;
        }
        let j = rng.below(m as u64 + 1) as usize;
        if within_capacity && j < m {
            if room[j] == 0 {
                continue;
            }
            room[j] -= 1;
        }
        current.push(CurrentPair {
            mentee: i,
            mentor: (j < m).then_some(j),
            mentor_id: if j < m {
                pool.mentors[j].id.clone()
            } else {
                "MR-999".into()
            },
            line: i + 2,
        });
    }
    let r = rematch(&pool, &table, &profile, &current, Limits::default()).unwrap();

    let w = Weighting::new(&profile.weights);
    let (_, _, score) = super::points::optimizer_scores(&frame, &table, &profile, &w);
    let keep: Vec<(usize, usize)> = current
        .iter()
        .filter_map(|c| c.mentor.map(|j| (c.mentee, j)))
        .filter(|&(i, j)| score[i * m + j].is_finite())
        .collect();
    assert_eq!(r.continuing, keep.len());
    assert_eq!(r.forced.len(), current.len() - keep.len());
    let exact = brute_by_changes(n, m, &score, &frame.capacity, &keep, maximin);
    let upto = |k: usize| {
        exact[..=k.min(keep.len())]
            .iter()
            .flatten()
            .copied()
            .reduce(|a, b| if b.better(&a) { b } else { a })
    };
    let what = format!("{n}x{m} seed {seed} maximin {maximin} current {current:?}");
    let fewest = (0..=keep.len()).find(|&k| exact[k].is_some()).unwrap();
    if within_capacity {
        assert_eq!(fewest, 0, "{what}");
    }
    assert_eq!(r.keep_first.max_changes, fewest, "{what}");
    let optimum = upto(keep.len()).unwrap();
    let least = (0..=keep.len())
        .find(|&k| exact[k] == Some(optimum))
        .unwrap();
    assert_eq!(r.score_first.changes, least, "{what}");
    assert!(r.score_first.changes <= r.scratch_changes, "{what}");
    let mut last = None;
    for p in &r.curve {
        let got = value(n, m, &score, &p.matching.mentor_of, maximin);
        assert_eq!(
            Some(got),
            upto(p.max_changes),
            "{what}: k = {}",
            p.max_changes
        );
        assert!(p.proven_optimal && p.bound == p.total, "{what}");
        assert!(p.changes <= p.max_changes, "{what}");
        assert_eq!(p.changes, p.moved.len());
        // Feasible and within capacity.
        let mut used = vec![0u32; m];
        for q in &p.matching.pairs {
            assert!(score[q.mentee * m + q.mentor].is_finite(), "{what}");
            used[q.mentor] += 1;
        }
        assert!(used.iter().zip(&frame.capacity).all(|(u, c)| u <= c));
        // A forced mentee is left out only when every mentor allowed to them is full.
        for f in &r.forced {
            if p.matching.mentor_of[f.mentee].is_none() {
                assert!(
                    (0..m)
                        .all(|j| !score[f.mentee * m + j].is_finite()
                            || used[j] == frame.capacity[j]),
                    "{what}: forced {f:?} left out with room"
                );
            }
        }
        if let Some(before) = last {
            assert!(!Value::better(&before, &got), "{what}: the curve fell");
        }
        last = Some(got);
    }
    assert_eq!(r.curve[0], r.keep_first);
    assert_eq!(r.curve.last(), Some(&r.score_first));
    // The last point is the from-scratch optimum (the solver's, under `total`).
    let last_value = value(n, m, &score, &r.score_first.matching.mentor_of, maximin);
    assert_eq!(last_value, optimum, "{what}");
    if !maximin {
        let p = crate::solver::Problem::new(n, m, &score, &frame.capacity);
        let scratch = crate::solver::solve(&p);
        assert_eq!(
            (optimum.0, optimum.2),
            (scratch.matched, scratch.total),
            "{what}"
        );
    }
}

#[test]
fn every_point_of_the_curve_is_the_true_optimum_for_its_budget() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut rng = Rng(seed);
    for round in 0..90 {
        let state = rng.0;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check_instance(&mut rng, round % 3 == 0)
        }));
        assert!(r.is_ok(), "seed {seed}, state {state}");
    }
}

/// A 4 × 3 pool under maximin where the optimum with the fewest changes (3) and a matching with
/// 2 changes have the same total but not the same worst pair: score first compared totals only
/// and stopped at 2 (found by the random test above).
#[test]
fn under_maximin_score_first_reaches_the_optimum_s_worst_pair_not_only_its_total() {
    let (n, m) = (4, 3);
    let pool = pool(n, m, 994_496_139_416);
    let mut profile = crate::embedded::fall_profile();
    profile.objective = crate::profile::Objective::Maximin;
    let mut engine = Engine::new(pool.clone(), SpecialtyFamilies::builtin().clone());
    let table = engine.table(&profile.params);
    let frame = Frame::new(&pool, &table, &profile).unwrap();
    let pair = |i: usize, j: Option<usize>| CurrentPair {
        mentee: i,
        mentor: j,
        mentor_id: j.map_or_else(|| "MR-999".into(), |j| pool.mentors[j].id.clone()),
        line: i + 2,
    };
    let current = vec![
        pair(0, Some(2)),
        pair(1, Some(0)),
        pair(2, None),
        pair(3, Some(1)),
    ];
    let r = rematch(&pool, &table, &profile, &current, Limits::default()).unwrap();
    let w = Weighting::new(&profile.weights);
    let (_, _, score) = super::points::optimizer_scores(&frame, &table, &profile, &w);
    let keep = [(0, 2), (1, 0), (3, 1)];
    let exact = brute_by_changes(n, m, &score, &frame.capacity, &keep, true);
    let optimum = exact
        .iter()
        .flatten()
        .copied()
        .reduce(|a, b| if b.better(&a) { b } else { a })
        .unwrap();
    let least = exact.iter().position(|v| *v == Some(optimum)).unwrap();
    let got = value(n, m, &score, &r.score_first.matching.mentor_of, true);
    assert_eq!(got, optimum);
    assert_eq!(r.score_first.changes, least);
    assert_eq!(r.curve.last().map(|p| p.changes), Some(least));
}
