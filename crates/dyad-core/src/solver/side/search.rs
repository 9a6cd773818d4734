//! Branch and bound over the warm-started solver, best bound first.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::Instant;

use super::super::Solver;
use super::dual::node_dual;
use super::relaxed::{Branch, Relaxed};

/// What one search found.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The best solution meeting the constraints, with its total.
    pub best: Option<(Vec<Option<usize>>, f64)>,
    /// Upper bound on the total of every solution of the relaxation's size that meets them.
    pub bound: f64,
    /// Whether every node was settled (the best is proven optimal, or there is none).
    pub exhausted: bool,
}

/// An open node: its branching decisions, the bound of its parent and the parent's multipliers.
struct Open {
    bound: f64,
    branches: Vec<Branch>,
    lambda: Vec<f64>,
}

impl PartialEq for Open {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Open {}
impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Open {
    /// Highest bound first; among equal bounds, the deeper node (it is nearer a solution).
    fn cmp(&self, other: &Self) -> Ordering {
        self.bound
            .total_cmp(&other.bound)
            .then(self.branches.len().cmp(&other.branches.len()))
    }
}

/// The search's budget, shared by every run of one solve.
pub(super) struct Search {
    pub nodes: usize,
    limit: usize,
    deadline: Option<Instant>,
    solver: Solver,
    node: Vec<f64>,
    scratch: Vec<f64>,
}

impl Search {
    pub fn new(limit: usize, deadline: Option<Instant>) -> Self {
        Search {
            nodes: 0,
            limit,
            deadline,
            solver: Solver::new(),
            node: Vec::new(),
            scratch: Vec::new(),
        }
    }

    fn out_of_budget(&self) -> bool {
        self.nodes >= self.limit || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// Searches `rel` from `start` (used when it is a solution of `rel`).
    pub fn run(&mut self, rel: &Relaxed, start: Option<&[Option<usize>]>) -> Found {
        let mut best: Option<(Vec<Option<usize>>, f64)> =
            start.and_then(|a| rel.check(a).map(|t| (a.to_vec(), t)));
        // Bound of nodes left unsettled without a pair to branch on (none in practice).
        let mut unsettled = f64::NEG_INFINITY;
        let mut open = BinaryHeap::new();
        open.push(Open {
            bound: f64::INFINITY,
            branches: Vec::new(),
            lambda: vec![0.0; rel.need.len()],
        });
        while let Some(top) = open.pop() {
            let known = best.as_ref().map(|b| b.1);
            if rel.cannot_beat(top.bound, known) {
                continue;
            }
            if self.out_of_budget() {
                open.push(top);
                let bound = open
                    .iter()
                    .map(|o| o.bound)
                    .fold(f64::NEG_INFINITY, f64::max);
                let bound = known.map_or(bound, |k| bound.max(k)).max(unsettled);
                return Found {
                    best,
                    bound,
                    exhausted: false,
                };
            }
            self.nodes += 1;
            rel.node(&top.branches, &mut self.node);
            let dual = node_dual(
                rel,
                &self.node,
                &top.lambda,
                known,
                &mut self.solver,
                &mut self.scratch,
            );
            let met = dual.feasible.as_ref().map(|f| f.0.clone());
            if let Some((a, t)) = dual.feasible
                && best.as_ref().is_none_or(|b| t > b.1)
            {
                best = Some((a, t));
            }
            let known = best.as_ref().map(|b| b.1);
            let bound = dual.bound.min(top.bound);
            if dual.empty || rel.cannot_beat(bound, known) {
                continue;
            }
            let Some(hint) = &dual.hint else {
                unsettled = unsettled.max(bound);
                continue;
            };
            // No pair to branch on: every pair of the short set outside the hint is forbidden
            // here, so no solution of the node meets that constraint.
            let Some(pair) = branch_pair(rel, &self.node, hint, met.as_deref()) else {
                continue;
            };
            for force in [true, false] {
                let mut branches = top.branches.clone();
                branches.push(Branch { pair, force });
                open.push(Open {
                    bound,
                    branches,
                    lambda: dual.lambda.clone(),
                });
            }
        }
        let bound = best.as_ref().map_or(f64::NEG_INFINITY, |b| b.1);
        Found {
            best,
            bound: bound.max(unsettled),
            exhausted: unsettled == f64::NEG_INFINITY,
        }
    }
}

/// The pair to branch on: of the constraint `hint` falls furthest short of, the pair of its
/// set not in `hint` whose row loses least by taking it, among the pairs still open in the node;
/// `met` is the node's solution that meets the constraints, if the dual found one.
fn branch_pair(
    rel: &Relaxed,
    node: &[f64],
    hint: &super::relaxed::Eval,
    met: Option<&[Option<usize>]>,
) -> Option<u32> {
    let (c, _) = hint
        .counts
        .iter()
        .zip(&rel.need)
        .enumerate()
        .filter(|(_, (c, n))| c < n)
        .max_by_key(|(_, (c, n))| **n - **c)?;
    let cols = rel.cols;
    if let Some(k) = branch_row(rel, node, hint, met, c) {
        return Some(k);
    }
    let mut choice: Option<(f64, u32)> = None;
    for &k in &rel.members[c] {
        let (i, j) = (k as usize / cols, k as usize % cols);
        let s = node[k as usize];
        if !s.is_finite() || hint.assignment[i] == Some(j) {
            continue;
        }
        // A row whose other pairs are all forbidden is already forced.
        let row = &node[i * cols..(i + 1) * cols];
        if row.iter().filter(|x| x.is_finite()).count() == 1 {
            continue;
        }
        let now = hint.assignment[i].map_or(0.0, |a| node[i * cols + a]);
        let loss = now - s;
        if choice.is_none_or(|(l, _)| loss < l) {
            choice = Some((loss, k));
        }
    }
    choice.map(|(_, k)| k)
}

/// A row to branch on when constraint `c`'s set holds every pair of some rows (a set of rows,
/// like "a mentee of the group"): of those `hint` leaves unassigned and the node still lets
/// choose, one that `met` (the solution on the other side of the dual's kink) assigns if there
/// is one, since the relaxation mixes the two there; then the one with the best pair open. The
/// branch is on its skip pair: forced, the row stays unassigned; forbidden, it is assigned and
/// counts for `c` whichever column it takes. Branching on one of its pairs instead would barely
/// cut: forbidden, the row would count for `c` through another column of the same set.
fn branch_row(
    rel: &Relaxed,
    node: &[f64],
    hint: &super::relaxed::Eval,
    met: Option<&[Option<usize>]>,
    c: usize,
) -> Option<u32> {
    let cols = rel.cols;
    let skip = rel.skip();
    let mut choice: Option<((bool, f64), u32)> = None;
    for (i, _) in rel.whole[c].iter().enumerate().filter(|(_, w)| **w) {
        let row = &node[i * cols..(i + 1) * cols];
        if hint.assignment[i].is_some() || !row[skip].is_finite() {
            continue;
        }
        let best = row[..skip]
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .fold(f64::NEG_INFINITY, f64::max);
        let mixed = met.is_some_and(|m| m.get(i).copied().flatten().is_some());
        let key = (mixed, best);
        if best.is_finite()
            && choice.is_none_or(|(b, _)| (key.0 && !b.0) || (key.0 == b.0 && key.1 > b.1))
        {
            choice = Some((key, (i * cols + skip) as u32));
        }
    }
    choice.map(|(_, k)| k)
}
