//! The shortest-augmenting-path solver and its reusable state.
//!
//! Minimisation form: cost `c[i][j]`, row duals `u`, column duals `v`, reduced cost
//! `c[i][j] − u[i] − v[j]`. Invariants between augmentations, for every assigned row `i` and every
//! column `j`: the reduced cost is `≥ 0`, and `0` on `i`'s own column. When not every slot will be
//! filled ("rectangular"), every column with spare capacity also has `v = 0` and all others
//! `v ≤ 0`; this is what makes a partial use of the columns optimal.
//!
//! One augmentation (Crouse's formulation of Jonker–Volgenant, as in scipy) runs Dijkstra from
//! one free row over columns: the column with the smallest tentative distance is settled next
//! (preferring a column with spare capacity on ties); if it has spare capacity the search ends,
//! otherwise all rows in it are reached at that same distance (their assigned arc has reduced
//! cost 0) and relax every unsettled column. Duals are then shifted by the distances, which keeps
//! every reduced cost non-negative and makes the path tight, and the path is flipped. Settled
//! columns were full, so their `v` only decreases, and the end column keeps its `v`: the
//! rectangular invariant holds throughout.

use super::init;
use super::matching::Matcher;
use super::prepare::Reduced;
use super::problem::{Duals, Problem, Solution};
use super::slots::{NONE, Slots};

/// An assignment solver whose buffers and dual variables persist between solves.
///
/// [`Solver::solve`] always solves from scratch; [`Solver::resolve`] starts from the previous
/// solution when the problem has the same shape.
#[derive(Debug, Default, Clone)]
pub struct Solver {
    pub(super) red: Reduced,
    pub(super) matcher: Matcher,
    pub(super) slots: Slots,
    pub(super) u: Vec<f64>,
    pub(super) v: Vec<f64>,
    /// Columns in use: `m_real`, plus one when the "unmatched" column has capacity.
    pub(super) m: usize,
    /// Maximum cardinality of the current problem.
    pub(super) k: usize,
    /// Every slot in use will be filled, so column duals are unconstrained in sign.
    pub(super) square: bool,
    // Scratch of the Dijkstra search.
    d: Vec<f64>,
    pred: Vec<u32>,
    remaining: Vec<u32>,
    settled_rows: Vec<u32>,
    settled_cols: Vec<u32>,
    pending: Vec<u32>,
    pub(super) free: Vec<u32>,
}

impl Solver {
    pub fn new() -> Self {
        Self::default()
    }

    /// Solves `p` from scratch (see [`crate::solver::solve`]).
    pub fn solve(&mut self, p: &Problem) -> Solution {
        self.red.fill(p);
        self.set_cardinality();
        self.u.clear();
        self.u.resize(self.red.n, 0.0);
        self.v.clear();
        self.v.resize(self.m, 0.0);
        self.slots.reset(self.red.n, &self.red.cap[..self.m]);
        init::initialise(self);
        self.augment_free();
        self.solution(p)
    }

    /// Computes the maximum cardinality and sizes the "unmatched" column accordingly.
    pub(super) fn set_cardinality(&mut self) {
        let red = &mut self.red;
        self.k = self.matcher.max_cardinality(red);
        let dummy = red.n - self.k;
        red.cap[red.m_real] = dummy as u32;
        self.m = red.m_real + usize::from(dummy > 0);
        let real_slots: u64 = red.cap[..red.m_real].iter().map(|&c| u64::from(c)).sum();
        self.square = real_slots == self.k as u64;
    }

    /// Runs one augmentation for every row in `self.free`.
    pub(super) fn augment_free(&mut self) {
        let n = self.red.n;
        self.d.resize(self.m, f64::INFINITY);
        self.pred.resize(self.m, NONE);
        let free = std::mem::take(&mut self.free);
        for &i in &free {
            if self.slots.col_of[i as usize] == NONE {
                // Fails only on numerically broken input (e.g. costs overflowing to infinity);
                // the row then stays unassigned rather than looping or panicking.
                let _ = self.augment(i as usize);
            }
        }
        self.free = free;
        self.free.clear();
        debug_assert!(n == 0 || self.slots.col_of.iter().all(|&c| c != NONE));
    }

    /// Dijkstra from free row `start`, dual update and path flip. False if no path exists.
    fn augment(&mut self, start: usize) -> bool {
        let m = self.m;
        let stride = self.red.stride;
        let cost = &self.red.cost;
        let v = &mut self.v;
        let u = &mut self.u;
        let d = &mut self.d;
        let pred = &mut self.pred;
        let slots = &mut self.slots;
        d[..m].fill(f64::INFINITY);
        self.remaining.clear();
        self.remaining.extend(0..m as u32);
        self.settled_rows.clear();
        self.settled_cols.clear();
        self.pending.clear();
        self.pending.push(start as u32);
        let mut min_val = 0.0f64;
        let mut n_rem = m;
        let sink = loop {
            // Relax from every row reached at distance `min_val`; the last one also finds the
            // next column to settle in the same sweep.
            let mut best = usize::MAX;
            let mut lowest = f64::INFINITY;
            while let Some(i) = self.pending.pop() {
                let i = i as usize;
                self.settled_rows.push(i as u32);
                let base = min_val - u[i];
                let row = &cost[i * stride..i * stride + m];
                let rem = &self.remaining[..n_rem];
                if self.pending.is_empty() {
                    for (k, &j) in rem.iter().enumerate() {
                        let j = j as usize;
                        let r = base + row[j] - v[j];
                        let mut dj = d[j];
                        if r < dj {
                            dj = r;
                            d[j] = r;
                            pred[j] = i as u32;
                        }
                        if dj < lowest || (dj == lowest && slots.spare[j] > 0) {
                            lowest = dj;
                            best = k;
                        }
                    }
                } else {
                    for &j in rem {
                        let j = j as usize;
                        let r = base + row[j] - v[j];
                        if r < d[j] {
                            d[j] = r;
                            pred[j] = i as u32;
                        }
                    }
                }
            }
            if best == usize::MAX || !lowest.is_finite() {
                return false;
            }
            min_val = lowest;
            let j = self.remaining[best] as usize;
            n_rem -= 1;
            self.remaining.swap(best, n_rem);
            self.settled_cols.push(j as u32);
            if slots.spare[j] > 0 {
                break j;
            }
            let mut k = slots.first(j);
            while k != NONE {
                self.pending.push(k);
                k = slots.after(k as usize);
            }
        };
        // Dual update: settled rows and columns move by how much closer than `min_val` they were.
        u[start] += min_val;
        for &i in &self.settled_rows[1..] {
            let i = i as usize;
            u[i] += min_val - d[slots.col_of[i] as usize];
        }
        for &j in &self.settled_cols {
            let j = j as usize;
            v[j] -= min_val - d[j];
        }
        // Flip the path from the sink back to the start row.
        let mut j = sink;
        loop {
            let i = pred[j] as usize;
            let old = slots.col_of[i];
            slots.reassign(i, j);
            if i == start {
                break;
            }
            j = old as usize;
        }
        true
    }

    /// Maps the reduced assignment back to the original problem.
    fn solution(&self, p: &Problem) -> Solution {
        let red = &self.red;
        let mut assignment = vec![None; p.rows];
        for (i, &c) in self.slots.col_of.iter().enumerate() {
            if (c as usize) < red.m_real {
                assignment[red.row_map[i]] = Some(red.col_map[c as usize]);
            }
        }
        let mut s = Solution::from_assignment(p, assignment);
        s.duals = Some(self.duals(p));
        debug_assert!(
            super::check::check_optimal(p, &s).is_ok(),
            "{:?}",
            super::check::check_optimal(p, &s)
        );
        s
    }

    /// The dual solution in score units (maximisation form).
    fn duals(&self, p: &Problem) -> Duals {
        let red = &self.red;
        let back = -1.0 / red.scale;
        let mut row = vec![0.0; p.rows];
        let mut col = vec![0.0; p.cols];
        for (i, &r) in red.row_map.iter().enumerate() {
            row[r] = self.u[i] * back;
        }
        for (j, &c) in red.col_map.iter().enumerate() {
            col[c] = self.v[j] * back;
        }
        let unmatched = if self.m > red.m_real {
            self.v[red.m_real] * back
        } else {
            0.0
        };
        Duals {
            row,
            col,
            unmatched,
        }
    }
}
