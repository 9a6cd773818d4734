//! Exact assignment under side constraints of the form "at least `b` of the assigned pairs lie in
//! the edge set `S`".
//!
//! # The problem
//!
//! The base problem is the solver's [`Problem`]: rows (mentees), columns (mentors) with
//! capacities, forbidden pairs, and the lexicographic objective "most rows assigned, then the
//! largest total score". On top of it, any number of [`AtLeast`] constraints, each a set of
//! allowed pairs `S_c` and a count `b_c`: a solution must assign at least `b_c` of its pairs
//! from `S_c`. The sets may overlap and a pair may lie in several of them. Examples: "keep at
//! least `b` of the pairs in place" (one constraint, `S` = the continuing pairs) or "match at
//! least `b_g` mentees of group `g`" (one constraint per group, `S_g` = every allowed pair of a
//! mentee of `g`, groups overlapping).
//!
//! The objective stays lexicographic *under* the constraints: first the most rows assigned by a
//! solution that meets every constraint — which may be fewer than without them (keeping a pair
//! can block the only place of another row) — then the largest total among those.
//!
//! # The method
//!
//! 1. **Reachability.** Each constraint is first checked alone: the most pairs of `S_c` any
//!    assignment can hold is a maximum-cardinality matching on `S_c` (König's theorem makes that
//!    a proof). A constraint that asks for more is reported as [`SideError::Infeasible`] with
//!    its index.
//! 2. **Relaxation.** A virtual *skip* column with capacity `n − K` turns "at least `K` rows
//!    assigned" into "every row placed" (a skipped row is unassigned). For any multipliers
//!    `λ_c ≥ 0`, the solver's optimum of the scores plus a bonus `λ_c` on every pair of `S_c`,
//!    minus `Σ λ_c·b_c`, is an upper bound on the total of every solution with at least `K`
//!    rows assigned that meets the constraints (Lagrangian relaxation). The multipliers are
//!    whole numbers, so on whole-number scores (dyad's pair numerators) the solver's arithmetic
//!    stays exact and so do the bounds. One constraint: the dual is a convex piecewise-linear
//!    function of `λ`, minimised by bracketing its breakpoint (doubling, then the intersection
//!    of the two bracketing lines). Several: a cutting-plane method in a box around the best
//!    multipliers (each evaluation's solution is a plane below the dual; the next multipliers
//!    minimise the highest plane, a linear programme of a few variables solved by `microlp`).
//!    When a constraint's set holds every pair of a row, its bonus on that row is applied as a
//!    penalty on the row's skip pair instead (the same optimum: every row is placed once), so
//!    that one entry per row changes and the warm start stays warm; within a node only the
//!    multipliers change, and each re-solve skips the preparation that cannot change.
//! 3. **Branch and bound.** Where the best bound stays above the best solution found (a duality
//!    gap), the search branches on a pair of a violated constraint's set: force it, or forbid it;
//!    when the set holds every pair of a row the relaxation leaves unassigned (a set of rows,
//!    like "a mentee of the group"), on that row's skip pair instead: the row left unassigned,
//!    or assigned to any column (forbidding one of its pairs would barely cut, the row would
//!    count through another). Each child is re-solved warm by
//!    [`crate::solver::Solver::resolve`]; best bound first, until the bound meets the best
//!    solution (gap 0: proven) or a node/time limit is reached (the result then carries its
//!    proven `bound` and the gap).
//! 4. **Cardinality.** The search first asks for the unconstrained maximum `K`; if it proves
//!    that no solution meeting the constraints assigns `K` rows, a search on the number of rows
//!    assigned (scores 1) finds the largest `K'` that can, and the search for the total runs
//!    with `K'`. If no assignment at all meets the constraints together, the error says so
//!    ([`SideError::Infeasible`] with no constraint index).
//!
//! # Exactness
//!
//! On whole-number scores of magnitude up to 2⁴⁴ every bound is exact and a point whose bound
//! equals its total is proven optimal. On fractional scores the bounds hold to rounding.

mod dual;
mod relaxed;
mod search;
#[cfg(test)]
mod tests;
mod types;

use std::time::Instant;

use super::Problem;
use relaxed::Relaxed;
use search::{Found, Search};
pub use types::{AtLeast, Limits, Options, SideError, SideSolution};

/// The best assignment of `p` under `constraints`: most rows assigned, then largest total,
/// among the assignments that meet every constraint. See the module notes for the method, the
/// proof it carries and the errors.
pub fn solve(
    p: &Problem,
    constraints: &[AtLeast],
    options: &Options,
) -> Result<SideSolution, SideError> {
    for (c, con) in constraints.iter().enumerate() {
        let reachable = relaxed::reachable(p, &con.pairs);
        if reachable < con.count {
            return Err(SideError::Infeasible {
                constraint: Some(c),
                needed: con.count,
                reachable,
            });
        }
    }
    let deadline = options.limits.time.map(|t| Instant::now() + t);
    let mut search = Search::new(options.limits.nodes, deadline);
    let unconstrained = options
        .unconstrained
        .unwrap_or_else(|| super::solve(p).matched);
    let rel = Relaxed::new(p, constraints, unconstrained, false);
    let found = search.run(&rel, options.start);
    if let Some(s) = finish(&rel, &found, &search) {
        return Ok(s);
    }
    if !found.exhausted {
        return Err(SideError::Undecided {
            nodes: search.nodes,
        });
    }
    // No solution assigns `unconstrained` rows: find the most rows a solution can assign.
    let rows = Relaxed::new(p, constraints, 0, true);
    let most = search.run(&rows, None);
    let Some((start, _)) = &most.best else {
        return Err(if most.exhausted {
            SideError::Infeasible {
                constraint: None,
                needed: 0,
                reachable: 0,
            }
        } else {
            SideError::Undecided {
                nodes: search.nodes,
            }
        });
    };
    let k = start.iter().flatten().count();
    let rel = Relaxed::new(p, constraints, k, false);
    let found = search.run(&rel, Some(start));
    let mut s = finish(&rel, &found, &search).ok_or(SideError::Undecided {
        nodes: search.nodes,
    })?;
    // The number of rows is only as proven as the search that found it.
    if !most.exhausted {
        s.proven_optimal = false;
    }
    Ok(s)
}

/// The solution of a finished search, if it found one.
fn finish(rel: &Relaxed, found: &Found, search: &Search) -> Option<SideSolution> {
    let (assignment, total) = found.best.clone()?;
    let counts = rel.counts(&assignment);
    let matched = assignment.iter().flatten().count();
    let bound = found.bound.max(total);
    Some(SideSolution {
        assignment,
        matched,
        total,
        bound,
        proven_optimal: found.exhausted && bound <= total,
        counts,
        nodes: search.nodes,
    })
}
