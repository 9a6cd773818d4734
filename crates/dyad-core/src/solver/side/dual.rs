//! The Lagrangian dual of one node: multipliers on the constraints that give the lowest bound,
//! with the solutions met on the way (the best one meeting the constraints is a candidate, an
//! infeasible one guides the branching).

use super::super::Solver;
use super::relaxed::{Eval, Relaxed};

/// Most evaluations of the dual at one node.
const MAX_STEPS: usize = 60;

/// What the dual of one node proved.
#[derive(Debug, Clone)]
pub(super) struct NodeDual {
    /// No solution in the node (no placement of every row, or none meeting the constraints).
    pub empty: bool,
    /// Upper bound on the total of every solution in the node.
    pub bound: f64,
    /// The best solution met that meets the constraints, with its total.
    pub feasible: Option<(Vec<Option<usize>>, f64)>,
    /// A solution that breaks a constraint, evaluated last before the bound (for branching).
    pub hint: Option<Eval>,
    /// The multipliers of the lowest bound (a warm start for the children).
    pub lambda: Vec<f64>,
}

/// Evaluations of one node.
struct Probe<'a> {
    rel: &'a Relaxed,
    node: &'a [f64],
    solver: &'a mut Solver,
    scratch: &'a mut Vec<f64>,
    out: NodeDual,
    evaluations: usize,
}

impl Probe<'_> {
    /// Evaluates at `lambda`, keeping the bound, the best feasible solution and the hint.
    fn eval(&mut self, lambda: &[f64]) -> Eval {
        self.evaluations += 1;
        let e = self
            .rel
            .evaluate(self.node, lambda, self.solver, self.scratch);
        if !e.placed {
            self.out.empty = true;
            return e;
        }
        if e.value < self.out.bound {
            self.out.bound = e.value;
            self.out.lambda = lambda.to_vec();
        }
        if e.meets(&self.rel.need) {
            if self.out.feasible.as_ref().is_none_or(|f| e.total > f.1) {
                self.out.feasible = Some((e.assignment.clone(), e.total));
            }
        } else {
            self.out.hint = Some(e.clone());
        }
        e
    }

    /// Whether the node is settled: empty, or its best solution meets its bound, or its bound
    /// cannot beat `best`.
    fn settled(&self, best: Option<f64>) -> bool {
        let found = self.out.feasible.as_ref().map(|f| f.1);
        let beat = match (best, found) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.out.empty || self.rel.cannot_beat(self.out.bound, beat)
    }
}

/// Minimises the dual of the node whose scores are `node`, starting from `start`; `best` is
/// the best total known anywhere (for stopping early).
pub(super) fn node_dual(
    rel: &Relaxed,
    node: &[f64],
    start: &[f64],
    best: Option<f64>,
    solver: &mut Solver,
    scratch: &mut Vec<f64>,
) -> NodeDual {
    let mut probe = Probe {
        rel,
        node,
        solver,
        scratch,
        out: NodeDual {
            empty: false,
            bound: f64::INFINITY,
            feasible: None,
            hint: None,
            lambda: start.to_vec(),
        },
        evaluations: 0,
    };
    if rel.need.len() == 1 {
        single(&mut probe, start[0], best);
    } else {
        several(&mut probe, start, best);
    }
    if probe.out.hint.is_none() && !probe.settled(best) {
        // Every multiplier tried gave a solution that meets the constraints, yet the bound stayed
        // above them (a multiplier on a constraint with slack). At zero multipliers the
        // relaxation's optimum either meets the constraints, and then settles the node, or
        // breaks one, and then gives the search a pair to branch on.
        let zero = vec![0.0; rel.need.len()];
        probe.eval(&zero);
    }
    let mut out = probe.out;
    if out.bound < rel.lowest {
        out.empty = true;
    }
    out
}

/// One constraint: the dual is convex and piecewise linear in `λ`. Brackets its minimum between
/// a multiplier whose solution breaks the constraint (`lo`) and one whose solution meets it
/// (`hi`), then narrows the bracket at the intersection of their lines.
fn single(probe: &mut Probe, start: f64, best: Option<f64>) {
    let need = probe.rel.need[0] as f64;
    let slope = |e: &Eval| e.counts[0] as f64 - need;
    let first = probe.eval(&[start]);
    if probe.out.empty {
        return;
    }
    let (mut lo, mut hi);
    if slope(&first) >= 0.0 {
        // Meets the constraint: complementary slackness proves the node when λ·slope = 0.
        if start == 0.0 || slope(&first) == 0.0 {
            return;
        }
        hi = (start, first);
        let zero = probe.eval(&[0.0]);
        if slope(&zero) >= 0.0 {
            return;
        }
        lo = (0.0, zero);
    } else {
        lo = (start, first);
        let mut l = (2.0 * start).max(1.0);
        loop {
            let e = probe.eval(&[l]);
            if probe.out.empty || probe.settled(best) {
                return;
            }
            if slope(&e) >= 0.0 {
                hi = (l, e);
                break;
            }
            if l > probe.rel.span {
                // Past the span a maximiser holds the most pairs of the set it can: none meets.
                probe.out.empty = true;
                return;
            }
            lo = (l, e);
            l *= 2.0;
        }
    }
    while hi.0 - lo.0 > 1.0 && probe.evaluations < MAX_STEPS {
        if slope(&hi.1) == 0.0 || probe.settled(best) {
            return;
        }
        let cross = (hi.1.total - lo.1.total) / (slope(&lo.1) - slope(&hi.1));
        let t = cross.floor().clamp(lo.0 + 1.0, hi.0 - 1.0);
        let e = probe.eval(&[t]);
        if slope(&e) >= 0.0 {
            hi = (t, e);
        } else {
            lo = (t, e);
        }
    }
}

/// Several constraints: projected subgradient steps on whole-number multipliers, step sizes
/// after Polyak towards the best known total.
fn several(probe: &mut Probe, start: &[f64], best: Option<f64>) {
    let need: Vec<f64> = probe.rel.need.iter().map(|&n| n as f64).collect();
    let mut lambda = start.to_vec();
    let mut theta = 1.0;
    let mut stale = 0;
    let mut last_bound = f64::INFINITY;
    while probe.evaluations < MAX_STEPS {
        let e = probe.eval(&lambda);
        if probe.settled(best) {
            return;
        }
        let g: Vec<f64> = e
            .counts
            .iter()
            .zip(&need)
            .map(|(&c, n)| c as f64 - n)
            .collect();
        let slack = lambda.iter().zip(&g).all(|(l, s)| *l == 0.0 || *s == 0.0);
        if e.meets(&probe.rel.need) && slack {
            return;
        }
        if probe.out.bound < last_bound {
            last_bound = probe.out.bound;
            stale = 0;
        } else {
            stale += 1;
            if stale >= 4 {
                theta /= 2.0;
                stale = 0;
            }
        }
        let target = best
            .into_iter()
            .chain(probe.out.feasible.as_ref().map(|f| f.1))
            .fold(f64::NEG_INFINITY, f64::max);
        let target = if target.is_finite() {
            target
        } else {
            e.value - e.value.abs() * 0.05 - 1.0
        };
        let norm: f64 = g
            .iter()
            .zip(&lambda)
            .filter(|(s, l)| **s < 0.0 || **l > 0.0)
            .map(|(s, _)| s * s)
            .sum();
        if norm == 0.0 {
            return;
        }
        let step = theta * (e.value - target).max(1.0) / norm;
        let mut moved = false;
        for (l, s) in lambda.iter_mut().zip(&g) {
            let next = (*l - step * s).round().max(0.0);
            let next = if next == *l && *s < 0.0 {
                *l + 1.0
            } else {
                next
            };
            // Every multiplier gives a valid bound, so a cap never costs exactness (the branch and
            // bound closes what a weaker bound leaves); capped at the span, a bonus already
            // outweighs any trade of scores, and the relaxed scores stay whole numbers well
            // inside the range where the solver's arithmetic is exact.
            let next = next.min(probe.rel.span);
            moved |= next != *l;
            *l = next;
        }
        if !moved || theta < 1e-6 {
            return;
        }
    }
}
