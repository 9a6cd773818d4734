//! Exact linear assignment for maximisation, with forbidden pairs and column capacities.
//!
//! # The problem
//!
//! A [`Problem`] is a dense `rows × cols` matrix of scores (row-major) and a capacity per column.
//! Each row is assigned to at most one column, each column takes at most `capacity` rows, and a
//! pair whose score is not finite (`-inf`, `+inf` or NaN) is forbidden. The objective is
//! lexicographic: first the largest number of assigned rows, then the largest total score among
//! assignments of that size. In dyad, rows are mentees and columns are mentors.
//!
//! # The method
//!
//! [`solve`] is exact and deterministic. It works in five steps:
//!
//! 1. **Reduction** (`prepare.rs`): rows with no allowed pair and columns with capacity 0 or no
//!    allowed pair take no part. Costs are `c = −score`, read straight from the caller's slice
//!    (no copy), unless `+inf`, a short slice or huge magnitudes call for a sanitised copy (scaled
//!    by a power of two, an exact operation). The same sweep notes whether every score is a whole
//!    number of magnitude at most 2⁴⁴, which makes all of the solver's arithmetic exact.
//! 2. **Cardinality** (`matching.rs`): Hopcroft–Karp computes the maximum number `K` of rows that
//!    can be assigned at all. A virtual *unmatched* column with cost 0 for every row and capacity
//!    `n − K` then turns "most rows assigned, then best total" into a plain assignment in which
//!    every row is assigned: any full assignment uses exactly `K` real slots, so minimising its
//!    cost maximises the total score among maximum-cardinality matchings. No big-M constant is
//!    involved, so no precision is lost on large score ranges.
//! 3. **Initialisation** (`init.rs`): Jonker–Volgenant column reduction and reduction transfer
//!    (only when every slot will be filled, where they are valid), then two passes of augmenting
//!    row reduction. These assign most rows cheaply while keeping the dual variables feasible.
//! 4. **Shortest augmenting paths** (`lap.rs`): every row still free is assigned by a Dijkstra
//!    search on reduced costs `c[i][j] − u[i] − v[j] ≥ 0`, as in scipy's
//!    `linear_sum_assignment` (Crouse's variant of Jonker–Volgenant), with capacities handled
//!    natively (`slots.rs`): a column is a sink while it has spare capacity; a full column passes
//!    the search on to all of its rows. Columns are settled a distance level at a time, and the
//!    sweeps over a row are branch-free so they vectorise (for AVX2 where the processor has it,
//!    `simd.rs`).
//! 5. **Canonical optimum** (`canonical.rs`): among all optimal assignments, the one that is
//!    lexicographically smallest — row 0 takes the smallest column it can have in any optimal
//!    assignment, then row 1, and so on, "unassigned" counting after every column. Found exactly
//!    from the optimal duals by moving rows along alternating cycles of tight pairs, it depends
//!    on the problem alone, not on the path the solver took to an optimum.
//!
//! The dual variables `u` (rows) and `v` (columns) and all buffers live in a reusable
//! [`Solver`]: repeated solves allocate nothing in their inner loops, and [`Solver::resolve`]
//! re-solves after a score change starting from the previous optimum (`warm.rs`).
//!
//! # Ties, and warm against cold
//!
//! With whole-number scores (dyad's pair numerators, see [`crate::matching::scoring`]) every value the
//! solver computes is a whole number well below 2⁵³, so the arithmetic is exact, ties are real
//! ties, and step 5 returns the same assignment whichever optimum steps 3 and 4 (or a warm
//! start) reached: a warm re-solve and a cold solve of the same problem return the same pairs,
//! and in dyad, where rows and columns are in id order, ties are broken by id.
//! [`Solver::is_canonical`] tells whether that guarantee held. Fractional scores are solved in
//! floating point like any other solver does; the result is optimal to rounding, and ties that
//! rounding hides may be broken differently on different paths.
//!
//! # Optimality certificate
//!
//! [`Solution::duals`] carries the dual solution in score units. [`check_optimal`] verifies it:
//! validity, maximum cardinality, `row[i] + col[j] ≥ score[i][j]` for every allowed pair with
//! equality on assigned pairs, `row[i] + unmatched ≥ 0` with equality for unmatched rows, and every
//! column with spare capacity having the smallest column dual. Together these prove that no
//! assignment of the same size has a larger total (linear programming duality).

mod auction;
#[cfg(test)]
mod auction_tests;
mod brute;
mod canonical;
mod cardinality;
mod check;
mod init;
mod lap;
mod prepare;
mod problem;
pub mod side;
pub(crate) mod simd;
mod slots;
mod state;
#[cfg(test)]
mod tests;
mod warm;

pub use brute::brute_force;
pub use check::check_optimal;
pub use problem::{Duals, Problem, Solution};
pub use state::Solver;

/// Solves `p` exactly: the most rows assigned, then the largest total score, then the
/// lexicographically smallest assignment (see the module notes).
///
/// Every row is used at most once, every column at most `capacity` times, and forbidden
/// (non-finite) pairs never. Deterministic for the same input. Never panics; entries missing
/// from a short `score` slice count as forbidden and missing capacities as 0.
pub fn solve(p: &Problem) -> Solution {
    Solver::new().solve(p)
}

/// How many rows of `p` can be assigned at all: a maximum matching (Hopcroft–Karp with
/// capacities), the scores deciding only which pairs are allowed. What [`solve`] returns as
/// `matched`, at a fraction of its cost.
pub fn max_matched(p: &Problem) -> usize {
    let mut prep = prepare::Prepared::default();
    prep.fill(p);
    cardinality::Matcher::default().max_cardinality(&prep, prep.data(p))
}
