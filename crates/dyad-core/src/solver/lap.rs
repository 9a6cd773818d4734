//! The shortest-augmenting-path solver and its reusable state.
//!
//! Minimisation form: cost `c[i][j] = −score[i][j]`, row duals `u`, column duals `v`, reduced
//! cost `c[i][j] − u[i] − v[j]`. Invariants between augmentations, for every assigned row `i`
//! and every column `j`: the reduced cost is `≥ 0`, and `0` on `i`'s own column. When not every
//! slot will be filled ("rectangular"), every column with spare capacity also has `v = 0` and all
//! others `v ≤ 0`; this is what makes leaving slots empty optimal. Unusable columns have
//! `v = −∞`, so every comparison skips them.
//!
//! One augmentation (Crouse's formulation of Jonker–Volgenant, as in scipy) runs Dijkstra from
//! one free row over columns: the columns at the smallest tentative distance are settled next,
//! a whole level at a time (a column with spare capacity among them ends the search); all rows
//! in a settled column are reached at that same distance (their assigned arc has reduced cost 0)
//! and relax every unsettled column. Duals are then shifted by the distances, which keeps every
//! reduced cost non-negative and makes the path tight, and the path is flipped. Settled columns
//! were full, so their `v` only decreases, and the end column keeps its `v`: the rectangular
//! invariant holds throughout. Each search costs O(rows reached × columns), with no allocation;
//! the relaxation sweep is four arithmetic operations per column (predecessors are not
//! recorded in it but found again for the few columns on the path), compiled for AVX2 where the
//! processor has it (`simd.rs`).

use super::init;
use super::prepare::Prepared;
use super::problem::{Duals, Problem, Solution};
use super::slots::NONE;
use super::state::Solver;

impl Solver {
    /// Solves `p` from scratch (see [`crate::solver::solve`]).
    pub fn solve(&mut self, p: &Problem) -> Solution {
        let mut prep = std::mem::take(&mut self.prep);
        prep.fill(p);
        self.set_cardinality(&mut prep, p);
        self.cold(prep, p)
    }

    /// Cold solve of a prepared problem whose cardinality is set.
    pub(super) fn cold(&mut self, prep: Prepared, p: &Problem) -> Solution {
        let data = prep.data(p);
        self.u.clear();
        self.u.resize(prep.rows, 0.0);
        self.v.clear();
        self.v.resize(prep.cols + 1, f64::NEG_INFINITY);
        for &j in &prep.usable {
            self.v[j as usize] = 0.0;
        }
        self.v[prep.cols] = 0.0;
        self.slots.reset(prep.rows, &prep.cap);
        init::initialise(self, &prep, data);
        self.augment_free(&prep, data);
        self.canonical = self.canonicalise(&prep, data) && prep.exact;
        let s = self.solution(&prep, p);
        self.prep = prep;
        self.warm_ready = true;
        s
    }

    /// Whether the last solution is certainly the canonical optimum (the lexicographically
    /// smallest optimal assignment, see [`crate::solver`]): true when every allowed score is a
    /// whole number of magnitude at most 2⁴⁴ (so the arithmetic is exact) and the duals stayed
    /// within range. Otherwise the solution is optimal, and ties the solver could see exactly
    /// are broken the same way, but a tie hidden by rounding may not be.
    pub fn is_canonical(&self) -> bool {
        self.canonical
    }

    /// Computes the maximum cardinality and sizes the "unmatched" column accordingly.
    pub(super) fn set_cardinality(&mut self, prep: &mut Prepared, p: &Problem) {
        self.k = self.matcher.max_cardinality(prep, prep.data(p));
        let n = prep.present.len();
        let unmatched = n - self.k;
        prep.cap[prep.cols] = unmatched as u32;
        self.dummy = unmatched > 0;
        let real_slots: u64 = prep.cap[..prep.cols].iter().map(|&c| u64::from(c)).sum();
        self.square = real_slots == self.k as u64;
    }

    /// Runs one augmentation for every row in `self.free`.
    pub(super) fn augment_free(&mut self, r: &Prepared, data: &[f64]) {
        self.d.resize(r.cols + 1, f64::INFINITY);
        self.w.resize(r.cols + 1, f64::NEG_INFINITY);
        self.reached.resize(r.cols + 1, (0, 0.0));
        let free = std::mem::take(&mut self.free);
        for &i in &free {
            if self.slots.col_of[i as usize] == NONE {
                // Fails only on numerically broken input (e.g. duals overflowing); the row then
                // stays unassigned rather than looping or panicking.
                let _ = self.augment(r, data, i as usize);
            }
        }
        self.free = free;
        self.free.clear();
    }

    /// Dijkstra from free row `start`, dual update and path flip. False if no path exists.
    ///
    /// Sweeps run over all columns contiguously so that they vectorise: a settled column gets
    /// `w = −∞` (its reduced cost becomes `+∞`, never an improvement) and `d = +∞` (never the
    /// minimum), its final distance being kept in `settled_cols`.
    ///
    /// Columns are settled a whole distance level at a time, as in Jonker and Volgenant's
    /// method: one sweep collects every column at the smallest distance, and they are expanded
    /// one by one without sweeping again, unless expanding one reaches new columns at that same
    /// distance (a tie). Score matrices with many ties (dyad's) thus cost one sweep per level
    /// rather than one per column.
    fn augment(&mut self, r: &Prepared, data: &[f64], start: usize) -> bool {
        let cols = r.cols;
        let (w, d) = (&mut self.w, &mut self.d);
        let slots = &mut self.slots;
        w[..cols].copy_from_slice(&self.v[..cols]);
        d[..=cols].fill(f64::INFINITY);
        self.settled_rows.clear();
        self.settled_cols.clear();
        self.pending.clear();
        self.pending.push(start as u32);
        let todo = &mut self.todo;
        todo.clear();
        let mut dummy_open = self.dummy;
        let mut min_val = 0.0f64;
        let sink = 'search: loop {
            let mut lowest = f64::INFINITY;
            while let Some(i) = self.pending.pop() {
                self.settled_rows.push((i, min_val));
                let i = i as usize;
                let base = min_val - self.u[i];
                let row = &data[i * cols..(i + 1) * cols];
                lowest = relax(row, &w[..cols], &mut d[..cols], base);
                if dummy_open {
                    let r = base - self.v[cols];
                    if r < d[cols] {
                        d[cols] = r;
                    }
                }
            }
            let dummy_d = if dummy_open { d[cols] } else { f64::INFINITY };
            if todo.is_empty() {
                let level = lowest.min(dummy_d);
                if !level.is_finite() {
                    return false;
                }
                min_val = level;
            }
            // Settle every column newly at the current level; one with spare capacity ends the
            // search (a real one before the "unmatched" one).
            if lowest == min_val {
                let mut from = 0;
                while let Some(j) = next_at(&d[..cols], min_val, from) {
                    from = j + 1;
                    d[j] = f64::INFINITY;
                    w[j] = f64::NEG_INFINITY;
                    self.reached[j] = (self.settled_rows.len() as u32, min_val);
                    self.settled_cols.push((j as u32, min_val));
                    if slots.spare[j] > 0 {
                        break 'search j;
                    }
                    todo.push(j as u32);
                }
            }
            if dummy_d == min_val {
                dummy_open = false;
                d[cols] = f64::INFINITY;
                self.reached[cols] = (self.settled_rows.len() as u32, min_val);
                self.settled_cols.push((cols as u32, min_val));
                if slots.spare[cols] > 0 {
                    break 'search cols;
                }
                todo.push(cols as u32);
            }
            let Some(j) = todo.pop() else {
                return false;
            };
            let mut k = slots.first(j as usize);
            while k != NONE {
                self.pending.push(k);
                k = slots.after(k as usize);
            }
        };
        self.flip(r, data, start, sink);
        // Dual update: settled rows and columns move by how much closer than `min_val` they were.
        let (u, v) = (&mut self.u, &mut self.v);
        u[start] += min_val;
        for &(i, di) in &self.settled_rows[1..] {
            u[i as usize] += min_val - di;
        }
        for &(j, dj) in &self.settled_cols {
            v[j as usize] -= min_val - dj;
        }
        true
    }

    /// Flips the shortest path found by [`Solver::augment`], from `sink` back to the `start`
    /// row, before the duals change. A column's predecessor is the first row, among those
    /// settled before the column was, from which the column's distance is reached — computed
    /// exactly as the search computed it, so the equality is exact.
    fn flip(&mut self, r: &Prepared, data: &[f64], start: usize, sink: usize) {
        let cols = r.cols;
        let mut j = sink;
        loop {
            let (before, dj) = self.reached[j];
            let before = before as usize;
            let found = self.settled_rows[..before].iter().find(|&&(i, di)| {
                let i = i as usize;
                let base = di - self.u[i];
                let rj = if j == cols {
                    base - self.v[cols]
                } else {
                    base - data[i * cols + j] - self.v[j]
                };
                rj == dj
            });
            // The first settled row (the start) is always before any settled column, and the
            // column's distance was reached from one of them.
            debug_assert!(found.is_some(), "no predecessor of column {j}");
            let Some(&(i, _)) = found else {
                return;
            };
            let i = i as usize;
            let old = self.slots.col_of[i];
            self.slots.reassign(i, j);
            if i == start {
                return;
            }
            j = old as usize;
        }
    }

    /// Maps the assignment back to the problem, with the dual certificate.
    pub(super) fn solution(&self, r: &Prepared, p: &Problem) -> Solution {
        let mut assignment = vec![None; p.rows];
        for &i in &r.present {
            let c = self.slots.col_of[i as usize] as usize;
            if c < r.cols {
                assignment[i as usize] = Some(c);
            }
        }
        let mut s = Solution::from_assignment(p, assignment);
        s.duals = Some(self.duals(r, p));
        debug_assert!(
            super::check::check_optimal(p, &s).is_ok(),
            "{:?}",
            super::check::check_optimal(p, &s)
        );
        s
    }

    /// The dual solution in score units (maximisation form).
    fn duals(&self, r: &Prepared, p: &Problem) -> Duals {
        let back = -1.0 / r.scale;
        let mut row = vec![0.0; p.rows];
        let mut col = vec![0.0; p.cols];
        for &i in &r.present {
            row[i as usize] = self.u[i as usize] * back;
        }
        for &j in &r.usable {
            col[j as usize] = self.v[j as usize] * back;
        }
        let unmatched = if self.dummy {
            self.v[r.cols] * back
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

/// Lanes of the vectorised sweeps.
const LANES: usize = 4;

super::simd::multiversion! {
    fn relax(row: &[f64], w: &[f64], d: &mut [f64], base: f64) -> f64 = relax_lanes;
}

super::simd::multiversion! {
    /// The first index from `from` on where `d` equals `level`, checking blocks of eight with
    /// one vectorised comparison each (ties make this sweep as frequent as the relaxations).
    fn next_at(d: &[f64], level: f64, from: usize) -> Option<usize> = next_at_lanes;
}

#[inline(always)]
fn next_at_lanes(d: &[f64], level: f64, from: usize) -> Option<usize> {
    const BLOCK: usize = 8;
    let mut start = from.min(d.len());
    while start + BLOCK <= d.len() {
        let block = &d[start..start + BLOCK];
        if block.iter().fold(false, |any, &x| any | (x == level)) {
            return block.iter().position(|&x| x == level).map(|k| start + k);
        }
        start += BLOCK;
    }
    d[start..]
        .iter()
        .position(|&x| x == level)
        .map(|k| start + k)
}

/// Relaxes every column from a row at offset `base` (`d[j] ← min(d[j], base − score[j] − w[j])`)
/// and returns the smallest `d` afterwards. Predecessors are not recorded here: the path is
/// found again afterwards (see [`Solver::flip`]), which keeps this sweep to four arithmetic
/// operations per column. Branch-free, with one running minimum per lane, so that it compiles
/// to SIMD.
#[inline(always)]
fn relax_lanes(row: &[f64], w: &[f64], d: &mut [f64], base: f64) -> f64 {
    let n = row.len();
    let (w, d) = (&w[..n], &mut d[..n]);
    let mut lo = [f64::INFINITY; LANES];
    let split = n - n % LANES;
    let step = |r: f64, dj: &mut f64, lo: &mut f64| {
        // `min` (a NaN `r` leaves `d` as it is) rather than a comparison and a choice: the
        // compiler turns that choice into a masked store, which on some processors (AMD's)
        // costs several times a plain one and was most of this sweep's time.
        let nd = dj.min(r);
        *dj = nd;
        *lo = if nd < *lo { nd } else { *lo };
    };
    for ((rc, wc), dc) in row[..split]
        .chunks_exact(LANES)
        .zip(w[..split].chunks_exact(LANES))
        .zip(d[..split].chunks_exact_mut(LANES))
    {
        for l in 0..LANES {
            step(base - rc[l] - wc[l], &mut dc[l], &mut lo[l]);
        }
    }
    for j in split..n {
        step(base - row[j] - w[j], &mut d[j], &mut lo[0]);
    }
    lo.iter()
        .fold(f64::INFINITY, |m, &x| if x < m { x } else { m })
}
