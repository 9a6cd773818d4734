//! Which mentees can be matched together, ignoring scores: the sets of rows of a problem that
//! some assignment matches all at once are the independent sets of a matroid (a transversal
//! matroid, columns counted with their capacities). For non-negative whole weights on the rows,
//! the heaviest independent set therefore weighs `Σ_t rank(rows of weight ≥ t)` (the greedy
//! takes a largest independent subset of each of these nested sets in turn), and each rank is a
//! maximum matching ([`solver::max_matched`]), far cheaper than an assignment solve.

use crate::solver::{self, Problem};

/// The allowed pairs of a problem, read once and reused for many weightings.
pub struct Transversal<'p> {
    p: &'p Problem<'p>,
    allowed: Vec<bool>,
    buf: std::cell::RefCell<Vec<f64>>,
}

impl<'p> Transversal<'p> {
    /// Reads the allowed pairs of `p`.
    pub fn new(p: &'p Problem<'p>) -> Self {
        let allowed = (0..p.rows * p.cols)
            .map(|k| p.score_of(k / p.cols, k % p.cols).is_some())
            .collect();
        Transversal {
            p,
            allowed,
            buf: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The largest total weight of a set of rows that can be matched together.
    pub fn most_weight(&self, weight: &[usize]) -> usize {
        let heaviest = weight.iter().copied().max().unwrap_or(0);
        (1..=heaviest)
            .map(|t| {
                let rows: Vec<usize> = (0..self.p.rows.min(weight.len()))
                    .filter(|&i| weight[i] >= t)
                    .collect();
                self.most_of(&rows)
            })
            .sum()
    }

    /// How many of `rows` can be matched together.
    pub fn most_of(&self, rows: &[usize]) -> usize {
        let cols = self.p.cols;
        let mut buf = self.buf.borrow_mut();
        buf.clear();
        for &i in rows.iter().filter(|&&i| i < self.p.rows) {
            buf.extend(
                self.allowed[i * cols..(i + 1) * cols]
                    .iter()
                    .map(|&a| if a { 0.0 } else { f64::NEG_INFINITY }),
            );
        }
        let n = buf.len() / cols.max(1);
        solver::max_matched(&Problem::new(n, cols, &buf, self.p.capacity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solver::Solver;
    use proptest::prelude::*;

    /// A random problem: `rows` × `cols`, some pairs forbidden, capacities 0–2.
    fn problem() -> impl Strategy<Value = (usize, usize, Vec<f64>, Vec<u32>, Vec<usize>)> {
        (1usize..9, 1usize..6).prop_flat_map(|(rows, cols)| {
            (
                Just(rows),
                Just(cols),
                proptest::collection::vec(
                    prop_oneof![Just(f64::NEG_INFINITY), Just(0.0)],
                    rows * cols,
                ),
                proptest::collection::vec(0u32..3, cols),
                proptest::collection::vec(0usize..4, rows),
            )
        })
    }

    proptest! {
        /// The greedy's weight is what the assignment solver finds when each row's pairs score
        /// its weight (most rows matched, then the largest total, is the largest weight on
        /// positive weights); and it never exceeds a brute force over all sets of rows.
        #[test]
        fn the_greedy_finds_the_heaviest_set_the_solver_finds((rows, cols, score, cap, weight) in problem()) {
            let p = Problem::new(rows, cols, &score, &cap);
            let t = Transversal::new(&p);
            let got = t.most_weight(&weight);
            let heavy: Vec<usize> = (0..rows).filter(|&i| weight[i] > 0).collect();
            let mut buf = Vec::new();
            for &i in &heavy {
                buf.extend((0..cols).map(|j| p.score_of(i, j).map_or(f64::NEG_INFINITY, |_| weight[i] as f64)));
            }
            let want = Solver::new().solve(&Problem::new(heavy.len(), cols, &buf, &cap)).total;
            prop_assert_eq!(got as f64, want);
            prop_assert_eq!(t.most_of(&heavy), Solver::new().solve(&Problem::new(heavy.len(), cols, &buf, &cap)).matched);
        }
    }
}
