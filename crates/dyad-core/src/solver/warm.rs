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
//!    (see [`super::lap`]). Such a column is *auctioned* (`auction.rs`): the assigned row that
//!    would gain most by moving in does, which may leave its own column to auction, a short
//!    chain that keeps every other row assigned; freeing every row that prefers the column at
//!    `v = 0` instead (the simple way) cascades through columns and frees a third of the rows
//!    or more. The best bids on the columns step 1 finds to need them are recorded as it reads
//!    the rows, which spares most auctions a pass down their column;
//! 3. the freed rows are assigned as in a cold solve: augmenting row reduction, then shortest
//!    augmenting paths for the few it leaves;
//! 4. the canonical pass (`canonical.rs`), as after a cold solve, so that the result is the
//!    very assignment a cold solve returns.
//!
//! After a small score change this costs two sweeps over the scores (step 1 and the canonical
//! pass; [`Solver::resolve`] adds the preparation sweep, which [`Solver::resolve_same_pairs`]
//! skips) plus the reassignment of the few freed rows. When the shape differs it falls back to
//! a cold solve. The result is exactly optimal either way (checked in debug builds).

use super::auction::{Bid, Recorder};
use super::init;
use super::prepare::Prepared;
use super::problem::{Problem, Solution, is_allowed};
use super::slots::NONE;
use super::state::Solver;

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
        let mut bids = self.retighten(&prep, &mut view);
        let score = &*view.score;
        self.finish(prep, &Problem::new(rows, cols, score, capacity), &mut bids)
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
        let mut bids = self.retighten(&prep, &mut view);
        self.finish(prep, p, &mut bids)
    }

    /// Steps 2 and 3 of the warm start, then the canonical pass.
    fn finish(&mut self, prep: Prepared, p: &Problem, bids: &mut [Bid]) -> Solution {
        let data = prep.data(p);
        if !self.square {
            self.restore_spare_columns(&prep, data, bids);
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
    /// reduced cost on it (the smallest bid recorded on the column tells) and, when not every
    /// slot is filled, without `v` rising above 0. Otherwise the row is freed. The best bids on
    /// the columns that need them (the loose rows', and those left with a free place) are
    /// recorded on the way (see `auction.rs`), and returned for step 2.
    fn retighten(&mut self, r: &Prepared, view: &mut impl Rows) -> Vec<Bid> {
        let cols = r.cols;
        self.free.clear();
        let mut loose = std::mem::take(&mut self.settled_rows);
        loose.clear();
        // The columns whose bids are recorded: the loose rows' (for their slack) and those left
        // with a free place and `v < 0` (to be auctioned in step 2). Each row offers its bids
        // on the columns found so far while the sweep has it in cache; the rows before a
        // column was found catch up after the sweep.
        let mut rec = Recorder::new(cols);
        let mut dummy = false;
        for (n, &i) in r.present.iter().enumerate() {
            let iu = i as usize;
            let a = self.slots.col_of[iu] as usize;
            let row = view.row(iu);
            let v = &self.v;
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
            // A row whose column could not rise by `δ` without `v` going above 0 (when not
            // every slot will be filled) is freed at once, as is one whose pair is gone.
            let delta = match own {
                Some(own) if is_allowed(min) && own >= min => Some(own - min),
                _ => None,
            }
            .filter(|&delta| self.square || delta == 0.0 || v[a] + delta <= 0.0);
            let Some(delta) = delta else {
                if a != NONE as usize {
                    self.slots.unassign(iu);
                    if a < cols && !self.square && self.v[a] < 0.0 {
                        rec.target(a, n);
                    }
                }
                self.free.push(i);
                continue;
            };
            self.u[iu] = min;
            if delta > 0.0 {
                loose.push((i, delta));
                if a < cols {
                    rec.target(a, n);
                } else {
                    dummy = true;
                }
            }
            let ends = a == cols || self.v[a] == 0.0;
            rec.offer_row(row, i, a as u32, min, ends);
        }
        let data = view.all();
        rec.catch_up(self, r, data);
        let mut slack_dummy = f64::INFINITY;
        if dummy {
            for &k in &r.present {
                let at = self.slots.col_of[k as usize];
                if at != NONE && at as usize != cols {
                    slack_dummy = slack_dummy.min(-self.u[k as usize] - self.v[cols]);
                }
            }
        }
        let bids = rec.bids;
        for &(i, _) in &loose {
            let iu = i as usize;
            let a = self.slots.col_of[iu] as usize;
            let (own, slack) = if a == cols {
                (-self.v[cols], slack_dummy)
            } else {
                (-data[iu * cols + a] - self.v[a], bids[a].key1 - self.v[a])
            };
            let delta = own - self.u[iu];
            if delta <= 0.0 {
                continue;
            }
            // `slack` may only be too small (rows rescued meanwhile had their duals lowered,
            // rows freed meanwhile still count), so this check errs on the side of freeing.
            let bounded = !self.square && self.v[a] + delta > 0.0;
            if bounded || slack < delta {
                self.slots.unassign(iu);
                self.free.push(i);
                continue;
            }
            self.v[a] += delta;
            if a == cols {
                slack_dummy -= delta;
            }
            let mut k = self.slots.first(a);
            while k != NONE {
                if k != i {
                    self.u[k as usize] -= delta;
                }
                k = self.slots.after(k as usize);
            }
        }
        self.settled_rows = loose;
        bids
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
