//! The ends of the curve without a search: keep first by freezing the pairs in place and
//! matching the rest, the from-scratch optimum by a plain solve, each proven by the solver's
//! own optimality certificate (checked here, not trusted).

use super::points::Rematcher;
use crate::profile::Objective;
use crate::solver::side::{Options, SideSolution};
use crate::solver::{Problem, Solution, Solver, check_optimal};

impl Rematcher<'_> {
    /// The fewest voluntary changes any matching makes: a mentor whose capacity shrank below
    /// their continuing pairs must lose the excess, and nothing else forces a change. Each
    /// continuing mentee has one pair in place, so the continuing pairs form stars around the
    /// mentors and a matching keeps at most `min(pairs, capacity)` of each star — and can keep
    /// that many of every star at once.
    pub(super) fn fewest(&self) -> usize {
        if self.keep.windows(2).any(|w| w[0].0 == w[1].0) {
            // A mentee listed twice (not from a checked pairs file): the general way.
            let p = Problem::new(
                self.frame.mentees,
                self.frame.mentors,
                &self.score,
                &self.frame.capacity,
            );
            return self.keep.len() - super::points::side_reachable(&p, &self.keep);
        }
        let mut on = vec![0usize; self.frame.mentors];
        for &(_, j) in &self.keep {
            on[j] += 1;
        }
        on.iter()
            .zip(&self.frame.capacity)
            .map(|(&n, &c)| n.saturating_sub(c as usize))
            .sum()
    }

    /// Keep first when every continuing pair can stay (`fewest() == 0`): freeze and fill.
    ///
    /// Why this is exact: with a budget of no change every continuing pair is in every
    /// admissible matching, so an admissible matching is the continuing pairs plus any matching
    /// of the *residual* problem — the other mentees, the mentors' capacities less their
    /// continuing pairs — and each of those residual matchings gives an admissible one. Rows
    /// matched and total both add up (continuing part fixed, residual part free), so the
    /// lexicographic optimum (most matched, then largest total) of the residual problem plus the
    /// frozen pairs is the constrained optimum; the solver's certificate on the residual problem
    /// proves it. Under `maximin` the worst pair is the worse of the frozen pairs' worst `f` and
    /// the residual's: if the residual can match its most mentees with no pair below `f`, the
    /// worst is `f` whatever the residual does and its best total among those pairs wins;
    /// otherwise every residual matching of that size has a pair below `f` and the residual's
    /// own maximin optimum is the answer.
    ///
    /// `None` when a continuing pair must break, or when the residual solution is not proven
    /// (the caller then runs the side-constrained search).
    pub(super) fn freeze_and_fill(&self) -> Option<SideSolution> {
        if self.fewest() > 0 {
            return None;
        }
        let (n, m) = (self.frame.mentees, self.frame.mentors);
        let mut frozen = vec![false; n];
        let mut capacity = self.frame.capacity.clone();
        let mut worst = f64::INFINITY;
        for &(i, j) in &self.keep {
            frozen[i] = true;
            capacity[j] -= 1;
            worst = worst.min(self.score[i * m + j]);
        }
        let free: Vec<usize> = (0..n).filter(|&i| !frozen[i]).collect();
        let mut score = Vec::with_capacity(free.len() * m);
        for &i in &free {
            score.extend_from_slice(&self.score[i * m..(i + 1) * m]);
        }
        let residual = Problem::new(free.len(), m, &score, &capacity);
        let solved = solve_proven(&residual)?;
        let (assignment, proven) = match self.objective {
            Objective::Total => (solved.assignment, true),
            Objective::Maximin => {
                let above: Vec<f64> = score
                    .iter()
                    .map(|&s| if s >= worst { s } else { f64::NEG_INFINITY })
                    .collect();
                let high = Problem::new(free.len(), m, &above, &capacity);
                match solve_proven(&high) {
                    Some(h) if h.matched == solved.matched => (h.assignment, true),
                    _ => {
                        let options = Options {
                            limits: self.limits,
                            ..Options::default()
                        };
                        let s = super::points::maximin(&residual, &[], &options).ok()?;
                        (s.assignment, s.proven_optimal)
                    }
                }
            }
        };
        let mut full = vec![None; n];
        for &(i, j) in &self.keep {
            full[i] = Some(j);
        }
        for (r, a) in assignment.into_iter().enumerate() {
            full[free[r]] = a;
        }
        Some(self.solution(full, proven))
    }

    /// The from-scratch optimum under `total` by a plain solve, and the solver holding it (its
    /// duals and assignment, for a warm re-solve). `None` under `maximin`, or when the
    /// certificate does not check.
    pub(super) fn scratch(&self, p: &Problem) -> Option<(SideSolution, Solver)> {
        if self.objective != Objective::Total {
            return None;
        }
        let mut solver = Solver::new();
        let s = solver.solve(p);
        check_optimal(p, &s).ok()?;
        Some((self.solution(s.assignment, true), solver))
    }

    /// Among the optimal matchings under `total`, one that keeps the most continuing pairs, if
    /// the bonus test proves it: the optimum of the scores plus one numerator unit on every
    /// continuing pair (warm from the from-scratch optimum in `solver`). If that optimum still
    /// has the optimal total, no optimal matching keeps more pairs (it would score higher with
    /// the bonus). `None` otherwise (a matching within a few units of the optimum kept more),
    /// or when the certificate does not check.
    pub(super) fn bonused(
        &self,
        p: &Problem,
        scratch: &SideSolution,
        solver: &mut Solver,
    ) -> Option<SideSolution> {
        let mut bonused = self.score.clone();
        for &(i, j) in &self.keep {
            bonused[i * p.cols + j] += 1.0;
        }
        let q = Problem::new(p.rows, p.cols, &bonused, p.capacity);
        let b = solver.resolve(&q);
        check_optimal(&q, &b).ok()?;
        let s = self.solution(b.assignment, true);
        (s.matched == scratch.matched && s.total == scratch.total).then_some(s)
    }

    /// A solution of the optimizer's problem from an assignment: matched and total counted on
    /// the optimizer's scores, the continuing pairs it keeps as its one constraint count.
    fn solution(&self, assignment: Vec<Option<usize>>, proven: bool) -> SideSolution {
        let m = self.frame.mentors;
        let total = (0..assignment.len())
            .filter_map(|i| assignment[i].map(|j| self.score[i * m + j]))
            .sum();
        let kept = self
            .keep
            .iter()
            .filter(|&&(i, j)| assignment[i] == Some(j))
            .count();
        SideSolution {
            matched: assignment.iter().flatten().count(),
            assignment,
            total,
            bound: total,
            proven_optimal: proven,
            counts: vec![kept],
            nodes: 0,
        }
    }
}

/// The solver's optimum of `p`, if its certificate checks.
fn solve_proven(p: &Problem) -> Option<Solution> {
    let s = crate::solver::solve(p);
    check_optimal(p, &s).ok()?;
    Some(s)
}
