//! The input and output types of the solver.

/// Scores of a `rows × cols` problem, row-major; `f64::NEG_INFINITY` marks a forbidden pair.
///
/// Finite scores may be any sign. Any non-finite score (NaN, `+inf`, `-inf`) is forbidden.
/// `capacity[j]` is how many rows column `j` can take (0 allowed). A `score` slice shorter than
/// `rows * cols` makes the missing pairs forbidden; a short `capacity` gives the missing columns
/// capacity 0.
/// Whether a score marks an allowed pair: the solver's one definition of "forbidden". NaN,
/// `+inf` and `-inf` are all forbidden, wherever the solver reads a score (cold or warm). The
/// solver's costs are negated scores, so the same test applies to them.
#[inline(always)]
pub fn is_allowed(score: f64) -> bool {
    score.is_finite()
}

/// An assignment problem: rows to columns, each row to at most one column, each column to at
/// most its capacity, maximising the total score of the pairs made.
#[derive(Debug, Clone, Copy)]
pub struct Problem<'a> {
    /// How many rows (mentees).
    pub rows: usize,
    /// How many columns (mentors).
    pub cols: usize,
    /// Row-major scores, `rows × cols`; a pair that is not finite may not be made.
    pub score: &'a [f64],
    /// Each column's capacity.
    pub capacity: &'a [u32],
}

impl<'a> Problem<'a> {
    /// A problem of `rows × cols` scores (row-major) and the columns' capacities.
    pub fn new(rows: usize, cols: usize, score: &'a [f64], capacity: &'a [u32]) -> Self {
        Problem {
            rows,
            cols,
            score,
            capacity,
        }
    }

    /// The score of pair `(i, j)` when it is allowed, `None` when it is forbidden.
    pub fn score_of(&self, i: usize, j: usize) -> Option<f64> {
        if j >= self.cols {
            return None;
        }
        let k = i.checked_mul(self.cols)?.checked_add(j)?;
        self.score.get(k).copied().filter(|&s| is_allowed(s))
    }

    /// Capacity of column `j` (0 when out of range).
    pub fn capacity_of(&self, j: usize) -> u32 {
        if j < self.cols {
            self.capacity.get(j).copied().unwrap_or(0)
        } else {
            0
        }
    }

    /// Rows that can have any allowed entry at all (the rest are necessarily unassigned).
    pub(crate) fn stored_rows(&self) -> usize {
        if self.cols == 0 {
            0
        } else {
            self.rows.min(self.score.len().div_ceil(self.cols))
        }
    }
}

/// An assignment and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// `assignment[row]` is the column of `row`, or `None` when the row is unassigned.
    pub assignment: Vec<Option<usize>>,
    /// Number of assigned rows.
    pub matched: usize,
    /// Sum of the scores of the assigned pairs, added in row order.
    pub total: f64,
    /// Optimality certificate from the exact solver (`None` from [`crate::solver::brute_force`]).
    pub duals: Option<Duals>,
}

/// Dual variables proving a [`Solution`] optimal, in score units (see [`crate::solver`]).
///
/// Rows and columns that take no part in the problem (no allowed pair, or capacity 0) have 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Duals {
    /// One per row.
    pub row: Vec<f64>,
    /// One per column.
    pub col: Vec<f64>,
    /// Dual of the implicit "unmatched" column (0 when every row that can be assigned is).
    pub unmatched: f64,
}

impl Solution {
    /// The solution that assigns nothing.
    pub(crate) fn empty(rows: usize) -> Self {
        Solution {
            assignment: vec![None; rows],
            matched: 0,
            total: 0.0,
            duals: None,
        }
    }

    /// Builds a solution from an assignment, summing the scores in row order.
    pub(crate) fn from_assignment(p: &Problem, assignment: Vec<Option<usize>>) -> Self {
        let mut matched = 0;
        let mut total = 0.0;
        for (i, a) in assignment.iter().enumerate() {
            if let Some(s) = a.and_then(|j| p.score_of(i, j)) {
                matched += 1;
                total += s;
            }
        }
        Solution {
            assignment,
            matched,
            total,
            duals: None,
        }
    }
}
