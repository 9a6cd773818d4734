//! The exact search under coverage floors: each group's floor is a side constraint "at least
//! `need` of the assigned pairs have a mentee of the group" for the solver's side-constraint
//! search ([`crate::solver::side`]), which proves its result optimal (Lagrangian bound met by a
//! solution, or a branch and bound closed) or proves the floors cannot be met. Before it, two
//! short cuts: the matching without floors, when it already meets them, is the optimum (the
//! floors only remove matchings); and a group that cannot reach its floor even alone is named
//! with the reasons ([`super::proof`]); and a set of groups whose floors a counting argument
//! shows cannot be met together ([`proof::clash_by_counting`]: the search would need thousands
//! of nodes to prove what one matching per set of groups proves). When the search itself proves
//! the floors cannot be met together, the smallest set of groups that clash is found by asking
//! it about sets of groups.

use crate::solver::side::{self, AtLeast, Options, SideError};
use crate::solver::{Problem, Solver};

use super::FloorGroup;
use super::proof::{self, Infeasible};

/// An assignment meeting the floors, with its proof.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Each row's column (a mentee's mentor), `None` for a row left unassigned.
    pub assignment: Vec<Option<usize>>,
    /// Whether no assignment meeting the floors has a larger total (gap 0).
    pub proven_optimal: bool,
    /// The largest total (in the problem's score units) any assignment meeting the floors and
    /// assigning as many rows can have; the total itself when proven optimal.
    pub bound: f64,
}

/// Sets of more groups than this are not searched for the smallest clashing set: all of them
/// are named instead.
const MAX_CLASH_SEARCH: usize = 6;

/// The best assignment of `p` (most rows assigned, then largest total) that gives every group
/// of `groups` at least [`FloorGroup::need_free`] of its rows; or why there is none.
pub fn assign(
    p: &Problem,
    groups: &[FloorGroup],
    solver: &mut Solver,
) -> Result<Found, Infeasible> {
    let plain = solver.resolve(p);
    let meets = |a: &[Option<usize>]| {
        groups
            .iter()
            .all(|g| g.rows.iter().filter(|&&i| a[i].is_some()).count() >= g.need_free())
    };
    if meets(&plain.assignment) {
        return Ok(Found {
            bound: plain.total,
            assignment: plain.assignment,
            proven_optimal: true,
        });
    }
    if let Some(short) = proof::group_short(p, groups) {
        return Err(Infeasible::Group(short));
    }
    let all: Vec<usize> = (0..groups.len()).collect();
    if let Some(set) = proof::clash_by_counting(p, groups, MAX_CLASH_SEARCH) {
        return Err(Infeasible::Together {
            groups: set.iter().map(|&g| groups[g].name.clone()).collect(),
        });
    }
    let options = Options {
        unconstrained: Some(plain.matched),
        ..Options::default()
    };
    match side::solve(p, &constraints(p, groups, &all), &options) {
        Ok(s) => Ok(Found {
            assignment: s.assignment,
            proven_optimal: s.proven_optimal,
            bound: s.bound,
        }),
        Err(SideError::Infeasible { .. }) => Err(together(p, groups)),
        Err(SideError::Undecided { nodes }) => Err(Infeasible::Undecided { nodes }),
    }
}

/// The floors cannot be met together: the smallest set of groups found to clash.
fn together(p: &Problem, groups: &[FloorGroup]) -> Infeasible {
    Infeasible::Together {
        groups: clash(p, groups)
            .iter()
            .map(|&g| groups[g].name.clone())
            .collect(),
    }
}

/// The scores of `p` with every allowed pair scoring 0: only what can be matched matters.
fn zeroed(p: &Problem) -> Vec<f64> {
    (0..p.rows * p.cols)
        .map(|k| {
            if p.score_of(k / p.cols.max(1), k % p.cols.max(1)).is_some() {
                0.0
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect()
}

/// The side constraints of some of the groups: every allowed pair of a row of the group.
fn constraints(p: &Problem, groups: &[FloorGroup], which: &[usize]) -> Vec<AtLeast> {
    which
        .iter()
        .map(|&g| {
            let g = &groups[g];
            let pairs = g
                .rows
                .iter()
                .flat_map(|&i| {
                    (0..p.cols)
                        .filter(move |&j| p.score_of(i, j).is_some())
                        .map(move |j| (i, j))
                })
                .collect();
            AtLeast {
                pairs,
                count: g.need_free(),
            }
        })
        .collect()
}

/// The smallest set of groups whose floors cannot be met together (the first in order among
/// the smallest), searched when there are few groups; all of them otherwise.
fn clash(p: &Problem, groups: &[FloorGroup]) -> Vec<usize> {
    let n = groups.len();
    if n > MAX_CLASH_SEARCH {
        return (0..n).collect();
    }
    // Only the feasibility matters here: every allowed pair scores 0.
    let zero = zeroed(p);
    let q = Problem::new(p.rows, p.cols, &zero, p.capacity);
    let mut sets: Vec<Vec<usize>> = (1u32..(1 << n))
        .map(|mask| (0..n).filter(|&g| mask & (1 << g) != 0).collect())
        .filter(|s: &Vec<usize>| s.len() >= 2 && s.len() < n)
        .collect();
    sets.sort_by_key(Vec::len);
    sets.into_iter()
        .find(|s| {
            matches!(
                side::solve(&q, &constraints(&q, groups, s), &Options::default()),
                Err(SideError::Infeasible { .. })
            )
        })
        .unwrap_or_else(|| (0..n).collect())
}
