//! Jonker–Volgenant initialisation: assign most rows cheaply, keeping the duals feasible.
//!
//! * **Column reduction** (only when every slot will be filled, so `v` may take any sign):
//!   `v[j] = min_i c[i][j]`; the row attaining the minimum takes the column if it is still free,
//!   or moves to it if it is cheaper than the column it holds.
//! * **Reduction transfer**: a row that was the minimum of exactly one column keeps it, and that
//!   column's `v` drops by the row's second-smallest reduced cost, which becomes `u[i]`.
//! * **Augmenting row reduction**, two passes over the free rows: a free row finds its smallest
//!   and second-smallest `c[i][j] − v[j]`, takes the best column and lowers its `v` by the gap, so
//!   that both are equally good for it; a row it displaces is retried at once. This is an auction
//!   step with zero increment. It only lowers `v` of single-capacity columns that end up full, so
//!   the rectangular invariant (spare capacity ⇒ `v = 0`) is kept; rows whose best column is a
//!   full multi-capacity column are left to the shortest-path phase. A step budget bounds it.
//!
//! Rows still free afterwards go to `solver.free` for the shortest-augmenting-path phase.

use super::lap::Solver;
use super::slots::NONE;

/// Steps of augmenting row reduction per pass: `BUDGET_PER_ROW · n + 64`.
const BUDGET_PER_ROW: usize = 8;

pub(super) fn initialise(s: &mut Solver) {
    let n = s.red.n;
    s.free.clear();
    if n == 0 || s.m == 0 {
        return;
    }
    if s.square {
        column_reduction(s);
    } else {
        s.free.extend(0..n as u32);
    }
    for _ in 0..2 {
        if s.free.is_empty() {
            break;
        }
        row_reduction(s);
    }
}

/// Column reduction and reduction transfer; leaves the unassigned rows in `s.free`.
fn column_reduction(s: &mut Solver) {
    let (n, m) = (s.red.n, s.m);
    // Column minima in one row-major sweep (first row wins ties).
    let mut argmin = vec![NONE; m];
    s.v[..m].fill(f64::INFINITY);
    for i in 0..n {
        let row = &s.red.row(i)[..m];
        for j in 0..m {
            if row[j] < s.v[j] {
                s.v[j] = row[j];
                argmin[j] = i as u32;
            }
        }
    }
    let mut matches = vec![0u32; n];
    for j in (0..m).rev() {
        let i = argmin[j];
        if i == NONE {
            // A column without any allowed row cannot occur after reduction; keep `v` finite.
            s.v[j] = 0.0;
            continue;
        }
        let i = i as usize;
        matches[i] += 1;
        let cur = s.slots.col_of[i];
        if cur == NONE || s.v[j] < s.v[cur as usize] {
            s.slots.reassign(i, j);
        }
    }
    for i in 0..n {
        let j1 = s.slots.col_of[i];
        if j1 == NONE {
            s.free.push(i as u32);
            continue;
        }
        if matches[i] != 1 {
            continue;
        }
        let j1 = j1 as usize;
        let row = &s.red.row(i)[..m];
        let mut min = f64::INFINITY;
        for j in 0..m {
            if j != j1 {
                min = min.min(row[j] - s.v[j]);
            }
        }
        if min.is_finite() {
            s.v[j1] -= min;
            s.u[i] = min;
        }
    }
}

/// Smallest and second-smallest `c[i][j] − v[j]` of a row, with their columns.
#[inline]
fn two_smallest(row: &[f64], v: &[f64]) -> (f64, usize, f64, usize) {
    let (mut u1, mut j1, mut u2, mut j2) = (f64::INFINITY, usize::MAX, f64::INFINITY, usize::MAX);
    for (j, (&c, &vj)) in row.iter().zip(v).enumerate() {
        let h = c - vj;
        if h < u2 {
            if h >= u1 {
                u2 = h;
                j2 = j;
            } else {
                u2 = u1;
                j2 = j1;
                u1 = h;
                j1 = j;
            }
        }
    }
    (u1, j1, u2, j2)
}

/// One pass of augmenting row reduction over `s.free`.
fn row_reduction(s: &mut Solver) {
    let n = s.red.n;
    let m = s.m;
    let list = std::mem::take(&mut s.free);
    let mut next_free = Vec::with_capacity(list.len());
    let mut budget = BUDGET_PER_ROW * n + 64;
    let mut k = 0;
    let mut carry = NONE;
    loop {
        let i = if carry != NONE {
            std::mem::replace(&mut carry, NONE)
        } else if k < list.len() {
            k += 1;
            list[k - 1]
        } else {
            break;
        };
        if budget == 0 {
            next_free.push(i);
            continue;
        }
        budget -= 1;
        let iu = i as usize;
        let (u1, j1, u2, j2) = two_smallest(&s.red.row(iu)[..m], &s.v[..m]);
        if j1 == usize::MAX {
            next_free.push(i);
            continue;
        }
        let gap = if u2.is_finite() { u2 - u1 } else { 0.0 };
        if s.slots.spare[j1] > 0 {
            // Spare capacity: take it; lower `v` only if the column is single-slot.
            if s.red.cap[j1] == 1 && gap > 0.0 {
                s.v[j1] -= gap;
                s.u[iu] = u2;
            } else {
                s.u[iu] = u1;
            }
            s.slots.assign(iu, j1);
        } else if s.red.cap[j1] != 1 {
            next_free.push(i);
        } else if gap > 0.0 {
            // Outbid the holder of `j1`; it is retried at once.
            let i0 = s.slots.first(j1);
            s.v[j1] -= gap;
            s.u[iu] = u2;
            s.slots.unassign(i0 as usize);
            s.slots.assign(iu, j1);
            carry = i0;
        } else if u2.is_finite() && j2 != usize::MAX {
            // Tie between `j1` and `j2`: take `j2`, displacing its holder to the next pass.
            if s.slots.spare[j2] > 0 {
                s.u[iu] = u1;
                s.slots.assign(iu, j2);
            } else if s.red.cap[j2] == 1 {
                let i0 = s.slots.first(j2);
                s.slots.unassign(i0 as usize);
                s.u[iu] = u1;
                s.slots.assign(iu, j2);
                next_free.push(i0);
            } else {
                next_free.push(i);
            }
        } else {
            next_free.push(i);
        }
    }
    s.free = next_free;
}
