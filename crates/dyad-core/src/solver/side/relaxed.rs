//! The relaxed problem the search works on: the base scores with a *skip* column, the
//! constraints' sets as pair indices, and the evaluation of one choice of multipliers.

use super::super::prepare::LIMIT;
use super::super::problem::is_allowed;
use super::super::{Problem, Solver};
use super::types::AtLeast;

/// A branching decision: the pair (index into the relaxed matrix) forced or forbidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Branch {
    pub pair: u32,
    pub force: bool,
}

/// The base problem with a skip column (the last) of capacity `rows − least`, so that a
/// placement of every row assigns at least `least` of them to real columns.
#[derive(Debug, Clone)]
pub(super) struct Relaxed {
    pub rows: usize,
    /// Real columns plus the skip column.
    pub cols: usize,
    /// Scores, `−∞` for forbidden pairs; the skip column scores 0.
    pub score: Vec<f64>,
    pub capacity: Vec<u32>,
    /// Each constraint's pairs (indices into `score`), allowed ones only, without repeats.
    pub members: Vec<Vec<u32>>,
    /// `whole[c][i]`: every allowed pair of row `i` lies in constraint `c`'s set (and there is
    /// one), so whether the row counts for `c` is whether it is assigned at all.
    pub whole: Vec<Vec<bool>>,
    pub need: Vec<usize>,
    /// Every score a whole number: totals are whole and bounds can be rounded down.
    pub integral: bool,
    /// Every placement of all rows scores at least this (used to prove a node empty).
    pub lowest: f64,
    /// Bonus beyond which a maximiser holds as many pairs of a set as it can.
    pub span: f64,
    /// The largest magnitude of an allowed score.
    pub largest: f64,
}

impl Relaxed {
    /// The relaxation for solutions with at least `least` rows assigned. With `count_rows`, every
    /// allowed pair scores 1 instead of its score: the search then maximises rows assigned.
    pub fn new(p: &Problem, constraints: &[AtLeast], least: usize, count_rows: bool) -> Self {
        let (rows, real) = (p.rows, p.cols);
        let cols = real + 1;
        let mut score = vec![f64::NEG_INFINITY; rows * cols];
        let mut integral = true;
        let (mut lowest, mut span, mut largest) = (0.0, 0.0, 0.0f64);
        for i in 0..rows {
            let (mut lo, mut hi) = (0.0f64, 0.0f64);
            for j in 0..real {
                if let Some(s) = p.score_of(i, j) {
                    let s = if count_rows { 1.0 } else { s };
                    integral &= s.fract() == 0.0;
                    lo = lo.min(s);
                    hi = hi.max(s);
                    largest = largest.max(s.abs());
                    score[i * cols + j] = s;
                }
            }
            score[i * cols + real] = 0.0;
            lowest += lo;
            span += hi - lo;
        }
        let mut capacity: Vec<u32> = (0..real).map(|j| p.capacity_of(j)).collect();
        capacity.push(u32::try_from(rows.saturating_sub(least)).unwrap_or(u32::MAX));
        let members: Vec<Vec<u32>> = constraints
            .iter()
            .map(|c| {
                let mut m: Vec<u32> = c
                    .pairs
                    .iter()
                    .filter(|&&(i, j)| i < rows && j < real && p.score_of(i, j).is_some())
                    .map(|&(i, j)| (i * cols + j) as u32)
                    .collect();
                m.sort_unstable();
                m.dedup();
                m
            })
            .collect();
        let allowed_in_row: Vec<usize> = (0..rows)
            .map(|i| (0..real).filter(|&j| p.score_of(i, j).is_some()).count())
            .collect();
        let whole = members
            .iter()
            .map(|m| {
                let mut in_set = vec![0usize; rows];
                for &k in m {
                    in_set[k as usize / cols] += 1;
                }
                in_set
                    .iter()
                    .zip(&allowed_in_row)
                    .map(|(&s, &a)| s > 0 && s == a)
                    .collect()
            })
            .collect();
        Relaxed {
            rows,
            cols,
            score,
            capacity,
            members,
            whole,
            need: constraints.iter().map(|c| c.count).collect(),
            integral,
            lowest,
            span: span + 1.0,
            largest,
        }
    }

    /// The node's scores: the base with `branches` applied (a forced pair's row may take only
    /// that pair, a forbidden pair is `−∞`).
    pub fn node(&self, branches: &[Branch], out: &mut Vec<f64>) {
        out.clear();
        out.extend_from_slice(&self.score);
        for b in branches {
            let k = b.pair as usize;
            if b.force {
                let i = k / self.cols;
                let s = out[k];
                out[i * self.cols..(i + 1) * self.cols].fill(f64::NEG_INFINITY);
                out[k] = s;
            } else {
                out[k] = f64::NEG_INFINITY;
            }
        }
    }

    /// The skip column's index.
    pub fn skip(&self) -> usize {
        self.cols - 1
    }

    /// How many pairs of each set `assignment` (real columns, `None` unassigned) holds.
    pub fn counts(&self, assignment: &[Option<usize>]) -> Vec<usize> {
        self.members
            .iter()
            .map(|m| {
                m.iter()
                    .filter(|&&k| {
                        let (i, j) = (k as usize / self.cols, k as usize % self.cols);
                        assignment.get(i).copied().flatten() == Some(j)
                    })
                    .count()
            })
            .collect()
    }

    /// Whether `assignment` is a solution of the base problem with at least as many real pairs
    /// as the skip column demands that meets every constraint, and its total if so.
    pub fn check(&self, assignment: &[Option<usize>]) -> Option<f64> {
        if assignment.len() != self.rows {
            return None;
        }
        let mut used = vec![0u32; self.cols];
        let mut total = 0.0;
        let mut skipped = 0u64;
        for (i, a) in assignment.iter().enumerate() {
            match *a {
                Some(j) if j < self.skip() => {
                    let s = self.score[i * self.cols + j];
                    if !is_allowed(s) {
                        return None;
                    }
                    used[j] += 1;
                    if used[j] > self.capacity[j] {
                        return None;
                    }
                    total += s;
                }
                Some(_) => return None,
                None => skipped += 1,
            }
        }
        let meets = self
            .counts(assignment)
            .iter()
            .zip(&self.need)
            .all(|(c, n)| c >= n);
        (meets && skipped <= u64::from(self.capacity[self.skip()])).then_some(total)
    }

    /// Solves the node `node` with bonuses `lambda` on the sets' pairs, using `scratch`;
    /// `same_node` when `solver`'s last problem was this node's under other multipliers.
    pub fn evaluate(
        &self,
        node: &[f64],
        lambda: &[f64],
        same_node: bool,
        solver: &mut Solver,
        scratch: &mut Vec<f64>,
    ) -> Eval {
        scratch.clear();
        scratch.extend_from_slice(node);
        let skip = self.skip();
        for (c, (m, &l)) in self.members.iter().zip(lambda).enumerate() {
            if l == 0.0 {
                continue;
            }
            // A bonus on every pair of a row is a penalty on its skip pair: every row is placed
            // exactly once, so the two differ by the same constant for every placement. One
            // entry per row changes instead of the whole row, which keeps the warm start warm.
            for (i, _) in self.whole[c].iter().enumerate().filter(|(_, w)| **w) {
                let s = &mut scratch[i * self.cols + skip];
                if is_allowed(*s) {
                    *s -= l;
                }
            }
            for &k in m {
                if self.whole[c][k as usize / self.cols] {
                    continue;
                }
                let s = &mut scratch[k as usize];
                if is_allowed(*s) {
                    *s += l;
                }
            }
        }
        let p = Problem::new(self.rows, self.cols, scratch, &self.capacity);
        // Within one node only the multipliers change, so the same pairs are allowed as at the
        // last evaluation; on whole-number scores within the solver's exact range, the warm
        // start may then skip its preparation and its maximum-cardinality search.
        let largest = self.largest + lambda.iter().sum::<f64>();
        let sol = if same_node && self.integral && largest <= LIMIT {
            solver.resolve_same_pairs(&p)
        } else {
            solver.resolve(&p)
        };
        let placed = sol.matched == self.rows;
        let skip = self.skip();
        let assignment: Vec<Option<usize>> = sol
            .assignment
            .iter()
            .map(|a| a.filter(|&j| j != skip))
            .collect();
        let mut total = 0.0;
        for (i, a) in assignment.iter().enumerate() {
            if let Some(j) = *a {
                total += node[i * self.cols + j];
            }
        }
        let counts = self.counts(&assignment);
        let value = total
            + lambda
                .iter()
                .zip(counts.iter().zip(&self.need))
                .map(|(l, (&c, &n))| l * (c as f64 - n as f64))
                .sum::<f64>();
        Eval {
            assignment,
            total,
            counts,
            value,
            placed,
        }
    }

    /// Whether a node bound cannot beat `best` (totals are whole on integral scores).
    pub fn cannot_beat(&self, bound: f64, best: Option<f64>) -> bool {
        match best {
            None => false,
            Some(b) if self.integral => bound.floor() <= b,
            Some(b) => bound <= b + 1e-9 * b.abs().max(1.0),
        }
    }
}

/// One Lagrangian evaluation.
#[derive(Debug, Clone)]
pub(super) struct Eval {
    pub assignment: Vec<Option<usize>>,
    /// Total of the real scores.
    pub total: f64,
    pub counts: Vec<usize>,
    /// The Lagrangian bound `total + Σ λ_c (counts_c − need_c)`.
    pub value: f64,
    /// Whether every row could be placed (otherwise the node holds no solution).
    pub placed: bool,
}

impl Eval {
    /// Whether it meets every constraint.
    pub fn meets(&self, need: &[usize]) -> bool {
        self.counts.iter().zip(need).all(|(c, n)| c >= n)
    }
}

/// The most pairs of `pairs` one assignment of `p` can hold: a maximum matching on them.
pub(super) fn reachable(p: &Problem, pairs: &[(usize, usize)]) -> usize {
    let mut only = vec![f64::NEG_INFINITY; p.rows * p.cols];
    for &(i, j) in pairs {
        if i < p.rows && j < p.cols && p.score_of(i, j).is_some() {
            only[i * p.cols + j] = 0.0;
        }
    }
    let caps: Vec<u32> = (0..p.cols).map(|j| p.capacity_of(j)).collect();
    super::super::solve(&Problem::new(p.rows, p.cols, &only, &caps)).matched
}
