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
//!   full multi-capacity column are left to the shortest-path phase. On a tie (the two smallest
//!   equal), the row takes the first equally good column with room, if any. A step budget per pass and
//!   a limit on each chain of displacements bound it.
//!
//! Rows still free afterwards go to `solver.free` for the shortest-augmenting-path phase.

use super::prepare::Prepared;
use super::slots::NONE;
use super::state::Solver;

/// Steps of augmenting row reduction allowed per present row, in the first and second pass.
const BUDGET_PER_ROW: [usize; 2] = [16, 4];
/// Longest chain of displacements followed before the displaced row is left to the
/// shortest-path phase: long chains are price wars with tiny increments, where one Dijkstra
/// search is cheaper.
const CHAIN_LIMIT: usize = 50;

pub(super) fn initialise(s: &mut Solver, r: &Prepared, data: &[f64]) {
    s.free.clear();
    if r.present.is_empty() {
        return;
    }
    if s.square {
        column_reduction(s, r, data);
    } else {
        s.free.extend_from_slice(&r.present);
    }
    reduce_rows(s, r, data);
}

/// Two passes of augmenting row reduction over the rows in `s.free`. Needs only the invariants
/// of [`super::lap`], so a warm start uses it too.
pub(super) fn reduce_rows(s: &mut Solver, r: &Prepared, data: &[f64]) {
    for pass in 0..2 {
        if s.free.is_empty() {
            break;
        }
        row_reduction(s, r, data, pass);
    }
}

/// Column reduction and reduction transfer; leaves the unassigned rows in `s.free`.
fn column_reduction(s: &mut Solver, r: &Prepared, data: &[f64]) {
    let cols = r.cols;
    let dum = cols;
    // Column minima of the cost (maxima of the score) in one row-major sweep; first row wins.
    let mut argmin = vec![NONE; cols + 1];
    let v = &mut s.v;
    v[..cols].fill(f64::INFINITY);
    for &i in &r.present {
        let row = &data[i as usize * cols..(i as usize + 1) * cols];
        for ((&sc, vj), a) in row.iter().zip(v.iter_mut()).zip(argmin.iter_mut()) {
            let c = -sc;
            if c < *vj {
                *vj = c;
                *a = i;
            }
        }
    }
    for j in 0..cols {
        if r.cap[j] == 0 {
            v[j] = f64::NEG_INFINITY;
            argmin[j] = NONE;
        }
    }
    v[dum] = 0.0;
    argmin[dum] = if s.dummy { r.present[0] } else { NONE };
    let mut matches = vec![0u32; r.rows];
    for j in (0..=cols).rev() {
        let i = argmin[j];
        if i == NONE {
            continue;
        }
        let i = i as usize;
        matches[i] += 1;
        let cur = s.slots.col_of[i];
        if cur == NONE || v[j] < v[cur as usize] {
            s.slots.reassign(i, j);
        }
    }
    for &i in &r.present {
        let i = i as usize;
        let j1 = s.slots.col_of[i];
        if j1 == NONE {
            s.free.push(i as u32);
            continue;
        }
        if matches[i] != 1 {
            continue;
        }
        let j1 = j1 as usize;
        let row = &data[i * cols..(i + 1) * cols];
        let mut min = f64::INFINITY;
        for (j, (&sc, &vj)) in row.iter().zip(&v[..cols]).enumerate() {
            let h = -sc - vj;
            if h < min && j != j1 {
                min = h;
            }
        }
        if s.dummy && j1 != dum && -v[dum] < min {
            min = -v[dum];
        }
        if min.is_finite() {
            v[j1] -= min;
            s.u[i] = min;
        }
    }
}

/// Lanes of the vectorised minimum search.
const LANES: usize = 4;

super::simd::multiversion! {
    fn two_smallest(row: &[f64], v: &[f64], dummy: bool) -> (f64, usize, f64) = two_smallest_lanes;
}

/// Smallest and second-smallest reduced cost `−score[j] − v[j]` of a row, the "unmatched"
/// column (index `row.len()`) included when `dummy`, and the first column attaining the smallest.
///
/// The values come from a branch-free sweep with one running pair per lane (which the compiler
/// vectorises); the column is then found by a second, early-exiting sweep for the same value.
#[inline(always)]
fn two_smallest_lanes(row: &[f64], v: &[f64], dummy: bool) -> (f64, usize, f64) {
    let cols = row.len();
    let v = &v[..cols + 1];
    let mut m1 = [f64::INFINITY; LANES];
    let mut m2 = [f64::INFINITY; LANES];
    // `lo`/`hi` are written so that a NaN `h` leaves both minima unchanged.
    let step = |m1: &mut f64, m2: &mut f64, h: f64| {
        let lo = if h < *m1 { h } else { *m1 };
        let hi = if h < *m1 { *m1 } else { h };
        *m2 = if hi < *m2 { hi } else { *m2 };
        *m1 = lo;
    };
    let split = cols - cols % LANES;
    for (rc, vc) in row[..split]
        .chunks_exact(LANES)
        .zip(v[..split].chunks_exact(LANES))
    {
        for l in 0..LANES {
            step(&mut m1[l], &mut m2[l], -rc[l] - vc[l]);
        }
    }
    for j in split..cols {
        step(&mut m1[0], &mut m2[0], -row[j] - v[j]);
    }
    if dummy {
        step(&mut m1[0], &mut m2[0], -v[cols]);
    }
    let (mut u1, mut u2) = (f64::INFINITY, f64::INFINITY);
    for &x in m1.iter().chain(&m2) {
        if x < u2 {
            if x < u1 {
                u2 = u1;
                u1 = x;
            } else {
                u2 = x;
            }
        }
    }
    (u1, first_equal(row, v, dummy, u1, usize::MAX), u2)
}

/// First column other than `skip` whose reduced cost is exactly `value` (`NONE` if none).
#[inline]
fn first_equal(row: &[f64], v: &[f64], dummy: bool, value: f64, skip: usize) -> usize {
    let cols = row.len();
    if value == f64::INFINITY {
        return NONE as usize;
    }
    row.iter()
        .zip(v)
        .enumerate()
        .position(|(j, (&sc, &vj))| -sc - vj == value && j != skip)
        .or_else(|| (dummy && -v[cols] == value && skip != cols).then_some(cols))
        .unwrap_or(NONE as usize)
}

/// First column (the "unmatched" one last, when `dummy`) whose reduced cost is exactly `value`
/// and which has spare capacity.
fn first_spare_equal(
    row: &[f64],
    v: &[f64],
    spare: &[u32],
    dummy: bool,
    value: f64,
) -> Option<usize> {
    let cols = row.len();
    row.iter()
        .zip(&v[..cols])
        .zip(&spare[..cols])
        .position(|((&sc, &vj), &room)| room > 0 && -sc - vj == value)
        .or_else(|| (dummy && spare[cols] > 0 && -v[cols] == value).then_some(cols))
}

/// One pass of augmenting row reduction over `s.free`.
fn row_reduction(s: &mut Solver, r: &Prepared, data: &[f64], pass: usize) {
    let cols = r.cols;
    let list = std::mem::take(&mut s.free);
    let mut next_free = Vec::with_capacity(list.len());
    let mut chain = 0;
    let mut budget = BUDGET_PER_ROW[pass] * r.present.len() + 64;
    let mut k = 0;
    let mut carry = NONE;
    loop {
        let i = if carry != NONE && chain >= CHAIN_LIMIT {
            next_free.push(std::mem::replace(&mut carry, NONE));
            chain = 0;
            continue;
        } else if carry != NONE {
            chain += 1;
            std::mem::replace(&mut carry, NONE)
        } else if k < list.len() {
            chain = 0;
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
        let row = &data[iu * cols..(iu + 1) * cols];
        let (u1, j1, u2) = two_smallest(row, &s.v, s.dummy);
        if j1 == NONE as usize {
            next_free.push(i);
            continue;
        }
        let gap = if u2.is_finite() { u2 - u1 } else { 0.0 };
        if s.slots.spare[j1] > 0 {
            // Spare capacity: take it; lower `v` only if the column is single-slot.
            if r.cap[j1] == 1 && gap > 0.0 {
                s.v[j1] -= gap;
                s.u[iu] = u2;
            } else {
                s.u[iu] = u1;
            }
            s.slots.assign(iu, j1);
        } else if r.cap[j1] != 1 {
            next_free.push(i);
        } else if gap > 0.0 {
            // Outbid the holder of `j1`; it is retried at once.
            let i0 = s.slots.first(j1);
            s.v[j1] -= gap;
            s.u[iu] = u2;
            s.slots.unassign(i0 as usize);
            s.slots.assign(iu, j1);
            carry = i0;
        } else if let Some(j) = first_spare_equal(row, &s.v, &s.slots.spare, s.dummy, u1) {
            // Tie, and an equally good column has room: take it, no dual moves. When scores tie
            // a lot, every row's first best column is one of the same few low-index columns,
            // where rows would otherwise only displace one another.
            s.u[iu] = u1;
            s.slots.assign(iu, j);
        } else if let Some(j2) =
            Some(first_equal(row, &s.v, s.dummy, u2, j1)).filter(|&j2| j2 != NONE as usize)
        {
            // Tie between `j1` and `j2`: take `j2`, displacing its holder to the next pass.
            if s.slots.spare[j2] > 0 {
                s.u[iu] = u1;
                s.slots.assign(iu, j2);
            } else if r.cap[j2] == 1 {
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
