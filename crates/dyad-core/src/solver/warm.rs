//! Warm re-solve: reuse the previous optimum's duals and assignment after the scores change.
//!
//! When the new problem has the same shape as the previous one (same rows and columns taking
//! part, same capacities, same maximum cardinality), the column duals `v` and the assignment are
//! kept and:
//!
//! 1. every row's dual becomes its smallest reduced cost, `u[i] = min_j (c[i][j] − v[j])`, in
//!    one sweep, which makes all reduced costs non-negative again. A row whose own column no
//!    longer attains the minimum, by `δ`, keeps it if that column's `v` can rise by `δ` (the
//!    column's other rows have their `u` lowered by `δ`, so they stay tight) without making any
//!    assigned row outside the column negative on it (and, when not every slot will be filled,
//!    without making `v` positive); otherwise the row is freed;
//! 2. when not every slot will be filled, a column left with spare capacity must have `v = 0`
//!    (see [`super::lap`]). Such a column is *auctioned* (see
//!    `Solver::restore_spare_columns`): the assigned row that would gain most by moving in
//!    does, which may leave its own column to auction, a short chain that keeps every other
//!    row assigned; freeing every row that prefers the column at `v = 0` instead (the simple
//!    way) cascades through columns and frees a third of the rows or more;
//! 3. the freed rows are assigned as in a cold solve: augmenting row reduction, then shortest
//!    augmenting paths for the few it leaves;
//! 4. the canonical pass (`canonical.rs`), as after a cold solve, so that the result is the
//!    very assignment a cold solve returns.
//!
//! After a small score change this costs two sweeps over the scores (step 1 and the canonical
//! pass; [`Solver::resolve`] adds the preparation sweep, which [`Solver::resolve_same_pairs`]
//! skips) plus the reassignment of the few freed rows. When the shape differs it falls back to
//! a cold solve. The result is exactly optimal either way (checked in debug builds).

use super::init;
use super::prepare::Prepared;
use super::problem::{Problem, Solution, is_allowed};
use super::slots::NONE;
use super::state::Solver;

/// Longest chain of auctions in step 2 before the column at its end falls back to freeing.
const CHAIN_LIMIT: usize = 64;

impl Solver {
    /// Solves `p`, starting from the previous solution when the problem has the same shape
    /// (same dimensions, capacities, and rows and columns with allowed pairs, same maximum
    /// cardinality); otherwise solves from scratch. Returns exactly what [`Solver::solve`] returns:
    /// the same canonical optimum, pair for pair.
    pub fn resolve(&mut self, p: &Problem) -> Solution {
        let mut prep = std::mem::take(&mut self.prev);
        prep.fill(p);
        let old = std::mem::take(&mut self.prep);
        let same_shape = self.warm_ready && same_shape(&old, &prep);
        self.prev = old;
        let (k, dummy, square) = (self.k, self.dummy, self.square);
        self.set_cardinality(&mut prep, p);
        if !same_shape || (k, dummy, square) != (self.k, self.dummy, self.square) {
            return self.cold(prep, p);
        }
        self.warm(prep, p)
    }

    /// As [`Solver::resolve`], for a caller that knows that only the scores of allowed pairs
    /// changed since the last solve: the same dimensions and capacities, exactly the same pairs
    /// allowed (finite), and scores that are whole numbers of magnitude at most 2⁴⁴, as dyad's
    /// pair numerators are. The sweep that prepares a problem and the maximum-cardinality
    /// search are then skipped, since neither can change. Falls back to
    /// [`Solver::resolve`] when the last problem does not qualify. If the promise is broken
    /// the result may not be optimal (debug builds check every solution).
    pub fn resolve_same_pairs(&mut self, p: &Problem) -> Solution {
        if !self.fits_same_pairs(p) {
            return self.resolve(p);
        }
        let prep = std::mem::take(&mut self.prep);
        self.warm(prep, p)
    }

    /// As [`Solver::resolve_same_pairs`], applying the change of scores itself: `update(i,
    /// row)` turns row `i` of `score` into the new one just before the solver first reads it,
    /// changing only allowed (finite) scores and keeping them whole numbers of magnitude at most
    /// 2⁴⁴. Rows without an allowed pair may be skipped, so their scores must stay forbidden.
    /// This saves the caller its own pass over the scores, which is much of what a slider step
    /// costs on a large pool.
    pub fn resolve_same_pairs_with(
        &mut self,
        rows: usize,
        cols: usize,
        score: &mut [f64],
        capacity: &[u32],
        mut update: impl FnMut(usize, &mut [f64]),
    ) -> Solution {
        let fits = self.fits_same_pairs(&Problem::new(rows, cols, score, capacity));
        if !fits {
            for (i, row) in score.chunks_exact_mut(cols.max(1)).take(rows).enumerate() {
                update(i, row);
            }
            return self.resolve(&Problem::new(rows, cols, score, capacity));
        }
        let prep = std::mem::take(&mut self.prep);
        let mut view = Updating {
            score,
            cols,
            update,
        };
        self.retighten(&prep, &mut view);
        let score = &*view.score;
        self.finish(prep, &Problem::new(rows, cols, score, capacity))
    }

    /// Whether the last problem qualifies for [`Solver::resolve_same_pairs`] against `p`.
    fn fits_same_pairs(&self, p: &Problem) -> bool {
        let r = &self.prep;
        self.warm_ready
            && !r.copied
            && r.exact
            && r.cols == p.cols
            && r.rows == p.stored_rows()
            && p.score.len() >= r.rows * r.cols
            && (0..r.cols).all(|j| r.capacity[j] == p.capacity_of(j))
    }

    /// The warm start proper, on a prepared problem of the same shape as the previous one.
    fn warm(&mut self, prep: Prepared, p: &Problem) -> Solution {
        let mut view = Fixed {
            score: prep.data(p),
            cols: prep.cols,
        };
        self.retighten(&prep, &mut view);
        self.finish(prep, p)
    }

    /// Steps 2 and 3 of the warm start, then the canonical pass.
    fn finish(&mut self, prep: Prepared, p: &Problem) -> Solution {
        let data = prep.data(p);
        if !self.square {
            self.restore_spare_columns(&prep, data);
        }
        init::reduce_rows(self, &prep, data);
        self.augment_free(&prep, data);
        self.canonical = self.canonicalise(&prep, data) && prep.exact;
        let s = self.solution(&prep, p);
        self.prep = prep;
        s
    }

    /// Step 1: new row duals `u[i] = min_j (c[i][j] − v[j])`, in one vectorised sweep. A row
    /// whose own column is no longer among its cheapest, by `δ`, keeps it anyway when that
    /// column's `v` can rise by `δ` — the other rows in the column have their `u` lowered by
    /// `δ` so they stay tight — without any assigned row outside the column getting a negative
    /// reduced cost on it (one pass down the column checks that) and, when not every slot is
    /// filled, without `v` rising above 0. Otherwise the row is freed.
    fn retighten(&mut self, r: &Prepared, view: &mut impl Rows) {
        let cols = r.cols;
        self.free.clear();
        let mut loose = std::mem::take(&mut self.settled_rows);
        loose.clear();
        let v = &self.v;
        for &i in &r.present {
            let iu = i as usize;
            let a = self.slots.col_of[iu] as usize;
            let row = view.row(iu);
            let mut min = row_min(row, &v[..cols]);
            if self.dummy {
                min = min.min(-v[cols]);
            }
            // The row's own pair's reduced cost; `None` when the row is unassigned or its pair
            // has become forbidden (any non-finite score: NaN, `-inf` and `+inf` alike).
            let own = match a {
                a if a == NONE as usize => None,
                a if a == cols => Some(-v[cols]),
                a => is_allowed(row[a]).then(|| -row[a] - v[a]),
            };
            let own = match own {
                Some(own) if is_allowed(min) && own >= min => own,
                _ => {
                    self.slots.unassign(iu);
                    self.free.push(i);
                    continue;
                }
            };
            self.u[iu] = min;
            if own > min {
                loose.push((i, 0.0));
            }
        }
        let data = view.all();
        // Rows whose column cannot rise at all are freed at once; for the others, the smallest
        // slack on each of their columns over the assigned rows outside it, in one row-major
        // pass over just those columns (far cheaper than a pass down each column).
        let mut kept = 0;
        for t in 0..loose.len() {
            let i = loose[t].0 as usize;
            let a = self.slots.col_of[i] as usize;
            let own = if a == cols {
                -self.v[cols]
            } else {
                -data[i * cols + a] - self.v[a]
            };
            let delta = own - self.u[i];
            if !self.square && self.v[a] + delta > 0.0 {
                self.slots.unassign(i);
                self.free.push(i as u32);
            } else {
                loose[kept] = (i as u32, delta);
                kept += 1;
            }
        }
        loose.truncate(kept);
        let mut slack = self.slack_outside(r, data, &loose);
        for &(i, _) in &loose {
            let iu = i as usize;
            let a = self.slots.col_of[iu] as usize;
            let own = if a == cols {
                -self.v[cols]
            } else {
                -data[iu * cols + a] - self.v[a]
            };
            let delta = own - self.u[iu];
            if delta <= 0.0 {
                continue;
            }
            // `slack` may only be too small (rows rescued meanwhile had their duals lowered,
            // rows freed meanwhile still count), so this check errs on the side of freeing.
            let bounded = !self.square && self.v[a] + delta > 0.0;
            if bounded || slack[a] < delta {
                self.slots.unassign(iu);
                self.free.push(i);
                continue;
            }
            self.v[a] += delta;
            slack[a] -= delta;
            let mut k = self.slots.first(a);
            while k != NONE {
                if k != i {
                    self.u[k as usize] -= delta;
                }
                k = self.slots.after(k as usize);
            }
        }
        self.d = slack;
        self.settled_rows = loose;
    }

    /// For the column of each row in `loose` (`cols`: the "unmatched" column), the smallest
    /// reduced cost on it of the assigned rows outside it; indexed by column, `+∞` elsewhere.
    /// One row-major pass that reads just those columns of each row.
    fn slack_outside(&mut self, r: &Prepared, data: &[f64], loose: &[(u32, f64)]) -> Vec<f64> {
        let cols = r.cols;
        let mut slack = std::mem::take(&mut self.d);
        slack.clear();
        slack.resize(cols + 1, f64::INFINITY);
        let mut targets: Vec<u32> = loose
            .iter()
            .map(|&(i, _)| self.slots.col_of[i as usize])
            .collect();
        targets.sort_unstable();
        targets.dedup();
        let dummy = targets.last() == Some(&(cols as u32));
        if dummy {
            targets.pop();
        }
        if targets.is_empty() && !dummy {
            return slack;
        }
        for &k in &r.present {
            let ku = k as usize;
            let at = self.slots.col_of[ku];
            if at == NONE {
                continue;
            }
            let uk = self.u[ku];
            let row = &data[ku * cols..(ku + 1) * cols];
            for &a in &targets {
                let a = a as usize;
                let s = -row[a] - uk - self.v[a];
                if at as usize != a && s < slack[a] {
                    slack[a] = s;
                }
            }
            if dummy && at as usize != cols {
                let s = -uk - self.v[cols];
                if s < slack[cols] {
                    slack[cols] = s;
                }
            }
        }
        slack
    }

    /// Step 2: gives every real column with spare capacity `v = 0` again.
    ///
    /// A column left with a free place by a freed row usually has `v < 0` (it was in demand).
    /// Raising its `v` to 0 may make other assigned rows prefer it. Rather than freeing all of
    /// them (which frees their columns in turn, a cascade that can free half the rows), the
    /// column is *auctioned*: the assigned row with the smallest slack on it moves in, the
    /// column's `v` rising only to the second-smallest slack, so every other row stays dual
    /// feasible; the row's own column may then be left with a free place, and is auctioned in
    /// turn. A chain ends at a column that reaches `v = 0` without bidders, at a column that
    /// already had `v = 0`, or at the "unmatched" column (which the augmenting phase refills).
    /// Each step costs one pass down a column. A chain that comes back to a column with no rise
    /// of duals since (a tie handed to and fro), that grows past [`CHAIN_LIMIT`], or that exceeds
    /// the overall budget falls back, for its last column, to raising `v` to 0 and freeing every
    /// row that then prefers it.
    fn restore_spare_columns(&mut self, r: &Prepared, data: &[f64]) {
        let cols = r.cols;
        let mut work: Vec<u32> = r
            .usable
            .iter()
            .copied()
            .filter(|&j| self.slots.spare[j as usize] > 0 && self.v[j as usize] < 0.0)
            .collect();
        // When each column was last auctioned in the current chain, and the chain's total rise
        // of duals then: a chain that comes back to a column without any rise since (a tie
        // passed to and fro) falls back to freeing.
        let mut chain = vec![(0u32, 0.0f64); cols];
        let mut stamp = 0u32;
        let mut budget = 2 * r.present.len() + 16;
        while let Some(start) = work.pop() {
            stamp += 1;
            let mut j = start as usize;
            let mut length = 0;
            let mut risen = 0.0;
            loop {
                if self.slots.spare[j] == 0 || self.v[j] >= 0.0 {
                    break;
                }
                let stuck = chain[j].0 == stamp && chain[j].1 == risen;
                if budget == 0 || length == CHAIN_LIMIT || stuck {
                    self.release(r, data, j, &mut work);
                    break;
                }
                chain[j] = (stamp, risen);
                budget -= 1;
                length += 1;
                let need = -self.v[j];
                let (s1, r1, s2) = self.bidders(r, data, j);
                if s1 >= need {
                    self.raise(j, need);
                    break;
                }
                // The best bidder moves in, tight: the column's dual rises to the runner-up's
                // slack (at most to 0), and the bidder's dual drops by what it overbid.
                let t = s2.min(need);
                self.raise(j, t);
                risen += t;
                let r1 = r1 as usize;
                self.u[r1] += s1 - t;
                let from = self.slots.col_of[r1] as usize;
                self.slots.reassign(r1, j);
                if self.slots.spare[j] > 0 && self.v[j] < 0.0 {
                    // Still a free place: auction it again before following the chain.
                    work.push(j as u32);
                }
                if from >= cols {
                    break;
                }
                j = from;
            }
        }
    }

    /// Raises column `j`'s dual by `t`, lowering the duals of its rows so they stay tight.
    fn raise(&mut self, j: usize, t: f64) {
        if t == 0.0 {
            return;
        }
        self.v[j] += t;
        let mut k = self.slots.first(j);
        while k != NONE {
            self.u[k as usize] -= t;
            k = self.slots.after(k as usize);
        }
    }

    /// The smallest and second-smallest slack `c[k][j] − u[k] − v[j]` on column `j` over the
    /// assigned rows outside it, and the row with the smallest. Among rows tied for the
    /// smallest, one whose move would end the chain (its column has `v = 0`, or it is
    /// unmatched) is preferred, then the first.
    fn bidders(&self, r: &Prepared, data: &[f64], j: usize) -> (f64, u32, f64) {
        let cols = r.cols;
        let vj = self.v[j];
        let (mut s1, mut r1, mut s2) = (f64::INFINITY, NONE, f64::INFINITY);
        let mut ends1 = false;
        for &k in &r.present {
            let ku = k as usize;
            let at = self.slots.col_of[ku];
            if at == NONE || at as usize == j {
                continue;
            }
            let s = -data[ku * cols + j] - self.u[ku] - vj;
            if s < s1 {
                s2 = s1;
                s1 = s;
                r1 = k;
                ends1 = at as usize == cols || self.v[at as usize] == 0.0;
            } else if s < s2 {
                s2 = s;
                if s == s1 && !ends1 && (at as usize == cols || self.v[at as usize] == 0.0) {
                    r1 = k;
                    ends1 = true;
                }
            } else if s == s1 && !ends1 && (at as usize == cols || self.v[at as usize] == 0.0) {
                r1 = k;
                ends1 = true;
            }
        }
        (s1, r1, s2)
    }

    /// The fallback of step 2 for column `j`: `v[j]` rises to 0 and every assigned row that
    /// then prefers `j` is freed (its column, if left with `v < 0` and a free place, queued).
    fn release(&mut self, r: &Prepared, data: &[f64], j: usize, work: &mut Vec<u32>) {
        let cols = r.cols;
        let delta = -self.v[j];
        if delta <= 0.0 {
            return;
        }
        self.raise(j, delta);
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

/// Whether two preparations describe problems of the same shape.
fn same_shape(a: &Prepared, b: &Prepared) -> bool {
    a.rows == b.rows
        && a.cols == b.cols
        && a.scale == b.scale
        && a.present == b.present
        && a.usable == b.usable
        && a.cap[..a.cols] == b.cap[..b.cols]
}

super::simd::multiversion! {
    /// Smallest `−score[j] − v[j]` of a row, vectorised like the solver's other sweeps.
    fn row_min(row: &[f64], v: &[f64]) -> f64 = row_min_lanes;
}

#[inline(always)]
fn row_min_lanes(row: &[f64], v: &[f64]) -> f64 {
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

/// The rows of the scores as the first sweep of a warm start reads them.
trait Rows {
    /// Row `i`, read once in the sweep.
    fn row(&mut self, i: usize) -> &[f64];
    /// All rows, once the sweep is over.
    fn all(&self) -> &[f64];
}

/// Scores as they are.
struct Fixed<'a> {
    score: &'a [f64],
    cols: usize,
}

impl Rows for Fixed<'_> {
    fn row(&mut self, i: usize) -> &[f64] {
        &self.score[i * self.cols..(i + 1) * self.cols]
    }

    fn all(&self) -> &[f64] {
        self.score
    }
}

/// Scores updated row by row as the sweep reaches them.
struct Updating<'a, F> {
    score: &'a mut [f64],
    cols: usize,
    update: F,
}

impl<F: FnMut(usize, &mut [f64])> Rows for Updating<'_, F> {
    fn row(&mut self, i: usize) -> &[f64] {
        let row = &mut self.score[i * self.cols..(i + 1) * self.cols];
        (self.update)(i, row);
        row
    }

    fn all(&self) -> &[f64] {
        self.score
    }
}
