//! Coverage floors against brute force: on small problems with overlapping groups, the search
//! under floors finds the true optimum (most rows assigned, then largest total, among the
//! assignments meeting every floor), and says a floor cannot be met exactly when no assignment
//! meets it.

use dyad::matching::floors::FloorGroup;
use dyad::matching::floors::search::assign;
use dyad::solver::{Problem, Solver};
use proptest::prelude::*;

const X: f64 = f64::NEG_INFINITY;

#[derive(Debug, Clone)]
struct Case {
    rows: usize,
    cols: usize,
    score: Vec<f64>,
    cap: Vec<u32>,
    /// Each group's rows and need.
    groups: Vec<(Vec<usize>, usize)>,
}

impl Case {
    fn problem(&self) -> Problem<'_> {
        Problem::new(self.rows, self.cols, &self.score, &self.cap)
    }

    fn floor_groups(&self) -> Vec<FloorGroup> {
        self.groups
            .iter()
            .enumerate()
            .map(|(g, (rows, need))| FloorGroup {
                name: format!("g{g}"),
                eligible: rows.len(),
                need: *need,
                pinned: 0,
                rows: rows.clone(),
                members: rows.clone(),
            })
            .collect()
    }

    fn meets(&self, a: &[Option<usize>]) -> bool {
        self.groups
            .iter()
            .all(|(rows, need)| rows.iter().filter(|&&i| a[i].is_some()).count() >= *need)
    }

    /// The best (assigned, total) over every assignment meeting the floors, by brute force.
    fn brute(&self) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        let mut a = vec![None; self.rows];
        let mut left = self.cap.clone();
        self.walk(0, &mut a, &mut left, &mut best);
        best
    }

    fn walk(
        &self,
        i: usize,
        a: &mut Vec<Option<usize>>,
        left: &mut Vec<u32>,
        best: &mut Option<(usize, f64)>,
    ) {
        if i == self.rows {
            if self.meets(a) {
                let n = a.iter().flatten().count();
                let t = total(self, a);
                if best.is_none_or(|(bn, bt)| n > bn || (n == bn && t > bt)) {
                    *best = Some((n, t));
                }
            }
            return;
        }
        a[i] = None;
        self.walk(i + 1, a, left, best);
        for j in 0..self.cols {
            if left[j] > 0 && self.score[i * self.cols + j].is_finite() {
                left[j] -= 1;
                a[i] = Some(j);
                self.walk(i + 1, a, left, best);
                a[i] = None;
                left[j] += 1;
            }
        }
    }
}

fn total(c: &Case, a: &[Option<usize>]) -> f64 {
    a.iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| c.score[i * c.cols + j]))
        .sum()
}

/// Up to 7 rows × 4 columns, whole-number scores with forbidden pairs, 1–3 overlapping groups.
fn case() -> impl Strategy<Value = Case> {
    (1usize..=7, 1usize..=4)
        .prop_flat_map(|(rows, cols)| {
            (
                Just(rows),
                Just(cols),
                proptest::collection::vec(
                    prop_oneof![1 => Just(X), 3 => (0i32..=20).prop_map(f64::from)],
                    rows * cols,
                ),
                proptest::collection::vec(0u32..=2, cols),
                proptest::collection::vec(
                    (proptest::collection::vec(any::<bool>(), rows), 0usize..=7),
                    1..=3,
                ),
            )
        })
        .prop_map(|(rows, cols, score, cap, groups)| {
            let groups = groups
                .into_iter()
                .map(|(member, need)| {
                    let rows: Vec<usize> = (0..rows).filter(|&i| member[i]).collect();
                    let need = need.min(rows.len());
                    (rows, need)
                })
                .collect();
            Case {
                rows,
                cols,
                score,
                cap,
                groups,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn floors_find_the_brute_force_optimum_or_prove_none(c in case()) {
        let groups = c.floor_groups();
        let found = assign(&c.problem(), &groups, &mut Solver::new());
        match (c.brute(), found) {
            (None, Err(_)) => {}
            (None, Ok(f)) => prop_assert!(false, "found {:?} where none meets the floors", f),
            (Some(best), Err(why)) => prop_assert!(false, "said infeasible ({why}) but {best:?} exists"),
            (Some((n, t)), Ok(f)) => {
                prop_assert!(f.proven_optimal);
                prop_assert!(c.meets(&f.assignment), "floors not met: {:?}", f.assignment);
                let mut left = c.cap.clone();
                for (i, j) in f.assignment.iter().enumerate() {
                    if let Some(j) = *j {
                        prop_assert!(c.score[i * c.cols + j].is_finite());
                        prop_assert!(left[j] > 0);
                        left[j] -= 1;
                    }
                }
                prop_assert_eq!(f.assignment.iter().flatten().count(), n);
                prop_assert_eq!(total(&c, &f.assignment), t);
                prop_assert!((f.bound - t).abs() < 1e-6, "bound {} total {}", f.bound, t);
            }
        }
    }
}
