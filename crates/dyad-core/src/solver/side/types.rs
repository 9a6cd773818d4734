//! The engine's input and output types (see the module notes of `side`).

use std::time::Duration;

/// "At least `count` of the assigned pairs lie in `pairs`": pairs as (row, column).
///
/// Pairs the base problem forbids and repeated pairs are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtLeast {
    /// The set `S`, as (row, column) pairs.
    pub pairs: Vec<(usize, usize)>,
    /// How many of the assigned pairs must lie in `S`.
    pub count: usize,
}

/// How long the branch and bound may run before it returns its best solution with a gap.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most nodes solved (each a few warm re-solves), over all phases.
    pub nodes: usize,
    /// Wall-clock limit, if any.
    pub time: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            nodes: 20_000,
            time: None,
        }
    }
}

/// The best assignment found, with its proof or its gap.
#[derive(Debug, Clone, PartialEq)]
pub struct SideSolution {
    /// `assignment[row]` is the column of `row`, or `None`.
    pub assignment: Vec<Option<usize>>,
    /// Rows assigned: the most any solution meeting the constraints can assign, when
    /// `proven_optimal`.
    pub matched: usize,
    /// Total score of the assigned pairs, added in row order.
    pub total: f64,
    /// A proven upper bound on the total of any solution meeting the constraints with
    /// `matched` rows assigned; equal to `total` when `proven_optimal`.
    pub bound: f64,
    /// Whether `total` is proven to be the optimum (gap 0).
    pub proven_optimal: bool,
    /// How many pairs of each constraint's set the assignment holds.
    pub counts: Vec<usize>,
    /// Branch-and-bound nodes solved.
    pub nodes: usize,
}

/// Why no solution was returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideError {
    /// Proven: no assignment meets the constraints. `constraint` is one that cannot be met even
    /// alone (it needs `needed` pairs of its set; no assignment holds more than `reachable`), or
    /// `None` when each can be met alone but not all together.
    Infeasible {
        /// The constraint that cannot be met alone, if one cannot.
        constraint: Option<usize>,
        /// The pairs of its set that constraint asks for.
        needed: usize,
        /// The most pairs of its set any assignment holds.
        reachable: usize,
    },
    /// The limits were reached before any solution meeting the constraints was found, and
    /// before the search could prove there is none.
    Undecided {
        /// The nodes solved before the limits stopped the search.
        nodes: usize,
    },
}

impl std::fmt::Display for SideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SideError::Infeasible {
                constraint: Some(c),
                needed,
                reachable,
            } => write!(
                f,
                "constraint {c} cannot be met: it needs {needed} pairs of its set, no assignment holds more than {reachable}"
            ),
            SideError::Infeasible {
                constraint: None, ..
            } => write!(f, "the constraints cannot all be met together"),
            SideError::Undecided { nodes } => write!(
                f,
                "no solution found within the search limits ({nodes} nodes)"
            ),
        }
    }
}

impl std::error::Error for SideError {}

/// Options of `side::solve`: limits and a known solution to start from.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// When the search stops with its best solution and a proven gap.
    pub limits: Limits,
    /// An assignment known to meet the constraints (say, the optimum for a tighter budget):
    /// the search starts with it as its best solution. Ignored if it is not valid or does not
    /// meet them.
    pub start: Option<&'a [Option<usize>]>,
    /// The most rows any assignment of the base problem assigns (its plain solve's `matched`),
    /// when the caller has it already: the search then does not solve the base problem again.
    pub unconstrained: Option<usize>,
}
