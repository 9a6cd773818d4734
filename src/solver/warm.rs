//! Warm re-solve: reuse the previous optimum's duals and assignment after the scores change.
//!
//! When the new problem has the same shape as the previous one (same rows and columns taking
//! part, same capacities, same maximum cardinality), the column duals `v` and the assignment are
//! kept and:
//!
//! 1. every row's dual becomes its smallest reduced cost, `u[i] = min_j (c[i][j] − v[j])`, which
//!    makes all reduced costs non-negative again. A row whose own column no longer attains the
//!    minimum, by `δ`, keeps it if that column's `v` can rise by `δ` without making any other
//!    assigned row's reduced cost on it negative (and, when not every slot will be filled,
//!    without making `v` positive); otherwise the row is freed;
//! 2. when not every slot will be filled, a column left with spare capacity must have `v = 0`
//!    (see [`super::lap`]): such a column's `v` is raised to 0, its rows' `u` lowered by the same
//!    amount (they stay tight), and any other assigned row for which the column's reduced cost
//!    turns negative is freed, which may in turn leave its column with spare capacity;
//! 3. the freed rows are assigned as in a cold solve: augmenting row reduction, then shortest
//!    augmenting paths for the few it leaves.
//!
//! After a small score change this costs about two sweeps over the scores (preparation and
//! step 1) plus the reassignment of the freed rows. When the shape differs it falls back to a
//! cold solve. The result is exactly optimal either way (checked in debug builds).

use super::init;
use super::lap::Solver;
use super::prepare::Prepared;
use super::problem::{Problem, Solution};
use super::slots::NONE;

impl Solver {
    /// Solves `p`, starting from the previous solution when the problem has the same shape
    /// (same dimensions, capacities, and rows and columns with allowed pairs, same maximum
    /// cardinality); otherwise solves from scratch. Returns exactly what [`Solver::solve`] returns:
    /// the same canonical optimum, pair for pair.
    pub fn resolve(&mut self, p: &Problem) -> Solution {
        let trace = std::env::var_os("DYAD_TRACE").is_some();
        let t0 = std::time::Instant::now();
        let mut prep = std::mem::take(&mut self.prev);
        prep.fill(p);
        let t_fill = t0.elapsed();
        let old = std::mem::take(&mut self.prep);
        let same_shape = self.warm_ready && same_shape(&old, &prep);
        self.prev = old;
        let (k, dummy, square) = (self.k, self.dummy, self.square);
        self.set_cardinality(&mut prep, p);
        if !same_shape || (k, dummy, square) != (self.k, self.dummy, self.square) {
            return self.cold(prep, p);
        }
        let data = prep.data(p);
        let t1 = t0.elapsed();
        self.retighten(&prep, data);
        let t2 = t0.elapsed();
        let freed1 = self.free.len();
        if !self.square {
            self.restore_spare_columns(&prep, data);
        }
        let freed2 = self.free.len();
        let t3 = t0.elapsed();
        init::reduce_rows(self, &prep, data);
        let left = self.free.len();
        let t4 = t0.elapsed();
        self.settled_total = 0;
        self.augment_free(&prep, data);
        let t5 = t0.elapsed();
        self.canonical = self.canonicalise(&prep, data);
        let t6 = t0.elapsed();
        let s = self.solution(&prep, p);
        let t7 = t0.elapsed();
        if trace {
            eprintln!("fill {:?} hk {:?} retighten {:?} (freed {freed1}) restore {:?} (freed {freed2}) rowred {:?} (left {left}) augment {:?} (settled rows {}) canon {:?} sol {:?} square {}", t_fill, t1-t_fill, t2-t1, t3-t2, t4-t3, t5-t4, self.settled_total, t6-t5, t7-t6, self.square);
        }
        self.prep = prep;
        s
    }

    /// Step 1: new row duals `u[i] = min_j (c[i][j] − v[j])`. A row whose own column is no
    /// longer among its cheapest, by `δ`, keeps it anyway when raising that column's `v` by `δ`
    /// leaves every other assigned row's reduced cost on it non-negative (and, when not every
    /// slot is filled, `v ≤ 0`); otherwise the row is freed. The smallest and second-smallest
    /// reduced cost of every column over the assigned rows are gathered in the same sweep.
    fn retighten(&mut self, r: &Prepared, data: &[f64]) {
        let cols = r.cols;
        self.free.clear();
        let (m1, m2, r1) = (&mut self.d, &mut self.w, &mut self.pred);
        for buf in [&mut *m1, &mut *m2] {
            buf.clear();
            buf.resize(cols + 1, f64::INFINITY);
        }
        r1.clear();
        r1.resize(cols + 1, NONE);
        let loose = &mut self.settled_rows;
        loose.clear();
        let v = &self.v;
        for &i in &r.present {
            let iu = i as usize;
            let a = self.slots.col_of[iu] as usize;
            let row = &data[iu * cols..(iu + 1) * cols];
            let mut min = row_min(row, &v[..cols]);
            if self.dummy {
                min = min.min(-v[cols]);
            }
            let own = match a {
                a if a == NONE as usize => f64::NAN,
                a if a == cols => -v[cols],
                a => -row[a] - v[a],
            };
            // `own` is NaN when the row's pair became forbidden.
            let keeps = own >= min && min.is_finite();
            if !keeps {
                self.slots.unassign(iu);
                self.free.push(i);
                continue;
            }
            self.u[iu] = min;
            if own > min {
                loose.push((i, own - min));
            }
            slack_minima(row, &v[..cols], min, i, m1, m2, r1);
            if self.dummy {
                let s = -v[cols] - min;
                push_min(s, i, &mut m1[cols], &mut m2[cols], &mut r1[cols]);
            }
        }
        for &(i, delta) in loose.iter() {
            let a = self.slots.col_of[i as usize] as usize;
            let other = if r1[a] == i { m2[a] } else { m1[a] };
            if other >= delta && (self.square || self.v[a] + delta <= 0.0) {
                self.v[a] += delta;
                m2[a] = other - delta;
                m1[a] = 0.0;
                r1[a] = i;
            } else {
                self.slots.unassign(i as usize);
                self.free.push(i);
            }
        }
    }

    /// Step 2: gives every real column with spare capacity `v = 0` again.
    fn restore_spare_columns(&mut self, r: &Prepared, data: &[f64]) {
        let cols = r.cols;
        let mut work: Vec<u32> = r
            .usable
            .iter()
            .copied()
            .filter(|&j| self.slots.spare[j as usize] > 0 && self.v[j as usize] < 0.0)
            .collect();
        while let Some(j) = work.pop() {
            let j = j as usize;
            let delta = -self.v[j];
            if delta <= 0.0 {
                continue;
            }
            self.v[j] = 0.0;
            let mut k = self.slots.first(j);
            while k != NONE {
                self.u[k as usize] -= delta;
                k = self.slots.after(k as usize);
            }
            for &k in &r.present {
                let ku = k as usize;
                let old = self.slots.col_of[ku];
                if old == NONE || old as usize == j {
                    continue;
                }
                if -data[ku * cols + j] - self.u[ku] < 0.0 {
                    self.slots.unassign(ku);
                    self.free.push(k);
                    let old = old as usize;
                    if old < cols && self.v[old] < 0.0 {
                        work.push(old as u32);
                    }
                }
            }
        }
    }
}

/// Whether two preparations describe problems of the same shape.
fn same_shape(a: &Prepared, b: &Prepared) -> bool {
    a.rows == b.rows
        && a.cols == b.cols
        && a.scale == b.scale
        && a.present == b.present
        && a.usable == b.usable
        && a.cap[..a.cols] == b.cap[..b.cols]
}

/// Smallest `−score[j] − v[j]` of a row, vectorised like the solver's other sweeps.
#[inline]
fn row_min(row: &[f64], v: &[f64]) -> f64 {
    const LANES: usize = 4;
    let v = &v[..row.len()];
    let mut lo = [f64::INFINITY; LANES];
    let split = row.len() - row.len() % LANES;
    for (rc, vc) in row[..split]
        .chunks_exact(LANES)
        .zip(v[..split].chunks_exact(LANES))
    {
        for l in 0..LANES {
            let h = -rc[l] - vc[l];
            lo[l] = if h < lo[l] { h } else { lo[l] };
        }
    }
    for (&s, &vj) in row[split..].iter().zip(&v[split..]) {
        let h = -s - vj;
        lo[0] = if h < lo[0] { h } else { lo[0] };
    }
    lo.iter()
        .fold(f64::INFINITY, |m, &x| if x < m { x } else { m })
}

/// Folds one row's reduced costs minus its dual (its slacks) into the per-column smallest
/// (`m1`, attained by row `r1`) and second-smallest (`m2`) slacks.
#[inline]
fn slack_minima(
    row: &[f64],
    v: &[f64],
    u: f64,
    i: u32,
    m1: &mut [f64],
    m2: &mut [f64],
    r1: &mut [u32],
) {
    let n = row.len();
    for ((((&s, &vj), a), b), c) in row
        .iter()
        .zip(&v[..n])
        .zip(&mut m1[..n])
        .zip(&mut m2[..n])
        .zip(&mut r1[..n])
    {
        push_min(-s - vj - u, i, a, b, c);
    }
}

/// Adds slack `s` of row `i` to a column's two smallest slacks (NaN is ignored).
#[inline]
fn push_min(s: f64, i: u32, m1: &mut f64, m2: &mut f64, r1: &mut u32) {
    let lt1 = s < *m1;
    let hi = if lt1 { *m1 } else { s };
    *m2 = if hi < *m2 { hi } else { *m2 };
    *r1 = if lt1 { i } else { *r1 };
    *m1 = if lt1 { s } else { *m1 };
}
