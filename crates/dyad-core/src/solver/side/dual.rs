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
        let same_node = self.evaluations > 0;
        self.evaluations += 1;
        let e = self
            .rel
            .evaluate(self.node, lambda, same_node, self.solver, self.scratch);
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

/// Several constraints: a proximal cutting-plane ("box-step") method. Every evaluation at `λ_k`
/// gives a cut, a linear function below the dual: `total_k + Σ_c λ_c (count_kc − need_c)`.
/// The next multipliers minimise the largest cut (the model) over a box around the best
/// multipliers so far, a small linear programme solved by `microlp`; a step that lowers the
/// bound by at least a tenth of what the model promised moves the centre there, and doubles the
/// box when it reached the box's edge, while a step that does not only adds its cut. The method
/// stops when the model promises no more than one score unit below the centre: the centre is
/// then the minimum of the dual (it is convex, and the model lies below it), to that unit.
/// Every multiplier tried gives a valid bound, so the method's precision is never a question of
/// exactness, only of how soon the search closes.
fn several(probe: &mut Probe, start: &[f64], best: Option<f64>) {
    let need: Vec<f64> = probe.rel.need.iter().map(|&n| n as f64).collect();
    let span = probe.rel.span;
    let slope = |e: &Eval| -> Vec<f64> {
        e.counts
            .iter()
            .zip(&need)
            .map(|(&c, n)| c as f64 - n)
            .collect()
    };
    let mut centre = start.to_vec();
    let first = probe.eval(&centre);
    if probe.settled(best) || proven(&centre, &first, &probe.rel.need) {
        return;
    }
    // The linear programme works in units of a typical pair's score, so that its numbers stay
    // within a few orders of magnitude of each other.
    let unit = (span / probe.rel.rows.max(1) as f64).max(1.0);
    let origin = first.value;
    let mut cuts = vec![(first.total, slope(&first))];
    let mut value = first.value;
    // A child starts at its parent's best multipliers, which are near its own: a small box
    // first, doubled while steps reach its edge.
    let mut radius = (unit / 16.0).min(span);
    while probe.evaluations < MAX_STEPS {
        let Some((model, next)) = master(&cuts, &centre, radius, span, unit, origin) else {
            return;
        };
        let promised = value - model;
        if promised <= 1.0 {
            return;
        }
        if next == centre {
            return;
        }
        let e = probe.eval(&next);
        if probe.settled(best) || proven(&next, &e, &probe.rel.need) {
            return;
        }
        cuts.push((e.total, slope(&e)));
        if e.value <= value - 0.1 * promised {
            let edge = next
                .iter()
                .zip(&centre)
                .any(|(n, c)| (n - c).abs() >= radius - 1.0 && *n > 0.0 && *n < span);
            centre = next;
            value = e.value;
            if edge {
                radius = (radius * 2.0).min(span);
            }
        }
    }
}

/// Whether `e`, evaluated at `lambda`, meets the constraints with complementary slackness (each
/// multiplier zero or its constraint tight): then its total equals its bound, the node's optimum.
fn proven(lambda: &[f64], e: &Eval, need: &[usize]) -> bool {
    e.meets(need)
        && lambda
            .iter()
            .zip(e.counts.iter().zip(need))
            .all(|(l, (c, n))| *l == 0.0 || c == n)
}

/// The model's minimum over the box of half-width `radius` around `centre` (within `[0, span]`),
/// and the whole-number multipliers where it is reached; `None` if the programme fails.
fn master(
    cuts: &[(f64, Vec<f64>)],
    centre: &[f64],
    radius: f64,
    span: f64,
    unit: f64,
    origin: f64,
) -> Option<(f64, Vec<f64>)> {
    use microlp::{ComparisonOp, OptimizationDirection, Problem};
    let mut lp = Problem::new(OptimizationDirection::Minimize);
    let z = lp.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
    let vars: Vec<_> = centre
        .iter()
        .map(|&c| {
            let lo = (c - radius).max(0.0) / unit;
            let hi = (c + radius).min(span) / unit;
            lp.add_var(0.0, (lo, hi))
        })
        .collect();
    for (total, g) in cuts {
        // z ≥ (total − origin)/unit + Σ g_c λ_c, with λ in units.
        let mut row = vec![(z, 1.0)];
        row.extend(vars.iter().zip(g).map(|(&v, &gc)| (v, -gc)));
        lp.add_constraint(row.as_slice(), ComparisonOp::Ge, (total - origin) / unit);
    }
    let solution = lp.solve().ok()?.into_solution().ok()?;
    let lambda: Vec<f64> = vars
        .iter()
        .map(|&v| (solution.var_value(v) * unit).round().clamp(0.0, span))
        .collect();
    // The model at the rounded multipliers (rounding moves it a little).
    let model = cuts
        .iter()
        .map(|(t, g)| t + g.iter().zip(&lambda).map(|(a, b)| a * b).sum::<f64>())
        .fold(f64::NEG_INFINITY, f64::max);
    Some((model.min(origin + solution.objective() * unit), lambda))
}
