//! The solver's persistent state: the previous problem's preparation, the assignment, the dual
//! variables and every scratch buffer, kept between solves so that repeated solves allocate
//! nothing in their inner loops and a warm start can build on the last optimum.

use super::canonical::{Canon, Optimum};
use super::cardinality::Matcher;
use super::prepare::Prepared;
use super::slots::Slots;

/// An assignment solver whose buffers and dual variables persist between solves.
///
/// [`Solver::solve`] always solves from scratch; [`Solver::resolve`] starts from the previous
/// solution when the problem has the same shape, and [`Solver::resolve_same_pairs`] (and
/// `_with`) when the caller knows that only allowed scores changed. All return the same
/// canonical optimum.
#[derive(Debug, Default, Clone)]
pub struct Solver {
    pub(super) prep: Prepared,
    pub(super) matcher: Matcher,
    /// Assignment over columns `0..=cols` (`cols` is the "unmatched" column).
    pub(super) slots: Slots,
    pub(super) u: Vec<f64>,
    pub(super) v: Vec<f64>,
    /// Maximum cardinality of the current problem.
    pub(super) k: usize,
    /// The "unmatched" column has capacity (some present row must stay unassigned).
    pub(super) dummy: bool,
    /// Every usable slot will be filled, so column duals are unconstrained in sign.
    pub(super) square: bool,
    pub(super) free: Vec<u32>,
    /// The state holds an optimal solution of `prep` that a warm start may build on.
    pub(super) warm_ready: bool,
    /// The previous problem's preparation, kept for comparison by a warm start.
    pub(super) prev: Prepared,
    // Scratch of the Dijkstra search.
    /// Tentative distances of unsettled columns (`+∞` once settled).
    pub(super) d: Vec<f64>,
    /// Working copy of `v` with `−∞` for settled columns.
    pub(super) w: Vec<f64>,
    /// For each settled column, how many rows were settled before it (its predecessor is
    /// among them), and its distance.
    pub(super) reached: Vec<(u32, f64)>,
    /// Settled rows and columns with their distances.
    pub(super) settled_rows: Vec<(u32, f64)>,
    pub(super) settled_cols: Vec<(u32, f64)>,
    pub(super) pending: Vec<u32>,
    /// Settled columns at the current distance whose rows are still to be expanded.
    pub(super) todo: Vec<u32>,
    /// Buffers of the canonical pass.
    pub(super) canon: Canon,
    /// The last solution is the canonical optimum (see `canonical.rs`).
    pub(super) canonical: bool,
}

impl Solver {
    /// A solver with nothing solved yet.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Solver {
    /// The canonical pass (`canonical.rs`) on the optimum the solver holds; false when it was
    /// skipped (duals too large for exact arithmetic).
    pub(super) fn canonicalise(&mut self, r: &Prepared, data: &[f64]) -> bool {
        let mut optimum = Optimum {
            slots: &mut self.slots,
            u: &self.u,
            v: &self.v,
            dummy: self.dummy,
            square: self.square,
        };
        optimum.canonicalise(&mut self.canon, r, data)
    }
}
