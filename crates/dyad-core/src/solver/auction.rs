//! Auctions of spare columns after a warm start's first sweep (step 2 of `warm.rs`).
//!
//! When not every slot will be filled, a column with spare capacity must have `v = 0`. A column
//! left with a free place and `v < 0` is auctioned: the assigned row with the smallest slack on
//! it moves in. Finding that row takes a pass down the column, one cache miss per row of the
//! row-major scores. But the columns a step leaves to auction are mostly known during the first
//! sweep (a row freed from its column, or loose in it and freed later), and the sweep has each
//! row in cache: so each row offers its bids on the columns found so far as the sweep reads it,
//! the rows before a column was found catch up in one row-major pass afterwards (the same pass
//! that gives the loose rows' columns their slack), and the first auction of such a column
//! takes its recorded bid ([`Bid`]) instead of a pass down the column.
//!
//! # Why a recorded bid stays valid
//!
//! Bids are kept as `c[k][j] − u[k]`, without the column's own dual, so raising `v[j]` does not
//! stale them. A row offers once its `u` is set by the sweep; from then to the auctions, row
//! duals only decrease: a rescued column lowers its rows' `u`, an auction lowers the `u` of the
//! auctioned column's rows and of its bidder (by what it overbid, `t − s₁ ≥ 0`), and a release
//! lowers its column's rows' `u` and frees rows; no row is assigned anew. So every row's key only
//! rises, and the third-smallest key recorded is a lower bound on the key of every row that
//! was outside the column when it offered, other than the two recorded. Rows that were inside
//! the column then and have left it since (bidders moving out) are tracked apart
//! ([`Bid::left`]). An auction takes the recorded row with the smaller exact slack, read again,
//! among the two still assigned outside the column, when that slack is at most the lower bound
//! on all the others: it is then the smallest slack on the column, and that bound (or the other
//! recorded row's slack, if smaller) is a valid runner-up: the column rises by at most it, which
//! keeps every other row dual feasible. Otherwise the column is scanned as before. The result
//! is checked against the optimality certificate in debug builds like every solve.

use super::prepare::Prepared;
use super::slots::NONE;
use super::state::Solver;

/// Longest chain of auctions in step 2 before the column at its end falls back to freeing.
const CHAIN_LIMIT: usize = 64;

/// How many rows ahead the row-major pass asks for the targets' scores.
const ROWS_AHEAD: usize = 2;

/// How many rows ahead a pass down a column asks for its score.
const COLUMN_AHEAD: usize = 16;

/// Asks the processor to bring `x` into the cache: the passes here read one score per row
/// and column, each in a different cache line, so without it each waits on memory in turn.
#[inline(always)]
fn prefetch(x: &f64) {
    // SAFETY: SSE, all the instruction needs, is in every x86-64 processor (the baseline of
    // any x86-64 build); a prefetch is only a hint: it never faults, and it changes nothing
    // the program can observe.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (x as *const f64).cast(),
        );
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = x;
}

/// The best bids on one column, recorded during the first sweep: keys `c[k][j] − u[k]` over the
/// rows assigned outside the column when they offered. The two best rows are kept, so
/// that the bid still decides the auction when the best one has been freed or moved since.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bid {
    /// The smallest key, or `+∞`.
    pub key1: f64,
    /// The rows with the smallest and second-smallest keys (among ties, one whose move would
    /// end a chain first), or [`NONE`].
    rows: [u32; 2],
    /// The first row's move would end a chain (its column has `v = 0`, or it is unmatched).
    ends: bool,
    /// The second-smallest and third-smallest keys (equal on ties), or `+∞`.
    key2: f64,
    key3: f64,
    /// The smallest key of the rows that have left the column since the pass, or `+∞`.
    left: f64,
    /// The column was a target of the pass and its bid not used yet.
    fresh: bool,
}

impl Default for Bid {
    fn default() -> Self {
        Bid {
            key1: f64::INFINITY,
            rows: [NONE; 2],
            ends: false,
            key2: f64::INFINITY,
            key3: f64::INFINITY,
            left: f64::INFINITY,
            fresh: false,
        }
    }
}

impl Bid {
    /// Row `k`'s key `key`; `ends` as in [`Bid::ends`]. Among rows tied for the smallest key, the
    /// first whose move would end a chain comes first, else the first offered, as
    /// [`Solver::bidders`] chooses.
    #[inline]
    fn offer(&mut self, key: f64, k: u32, ends: bool) {
        if key < self.key1 || (key == self.key1 && ends && !self.ends) {
            self.key3 = self.key2;
            self.key2 = self.key1;
            self.rows[1] = self.rows[0];
            self.key1 = key;
            self.rows[0] = k;
            self.ends = ends;
        } else if key < self.key2 {
            self.key3 = self.key2;
            self.key2 = key;
            self.rows[1] = k;
        } else if key < self.key3 {
            self.key3 = key;
        }
    }
}

/// The bids recorded during a warm start's first sweep, for the columns it finds to need them.
pub(super) struct Recorder {
    /// One per column (and the "unmatched" one), fresh for the targets.
    pub bids: Vec<Bid>,
    /// The targets, with the position in the sweep of the row that made each one.
    pub order: Vec<(u32, u32)>,
}

impl Recorder {
    /// No targets yet, over `cols` columns.
    pub fn new(cols: usize) -> Recorder {
        Recorder {
            bids: vec![Bid::default(); cols + 1],
            order: Vec::new(),
        }
    }

    /// Makes column `a` a target, found by the row at position `n` of the sweep (the rows from
    /// there on offer their bids on it as the sweep reaches them).
    pub fn target(&mut self, a: usize, n: usize) {
        if !self.bids[a].fresh {
            self.bids[a].fresh = true;
            self.order.push((a as u32, n as u32));
        }
    }

    /// Row `k`, assigned to column `at` with dual `uk`, offers its bids on every target found
    /// so far but its own column.
    #[inline]
    pub fn offer_row(&mut self, row: &[f64], k: u32, at: u32, uk: f64, ends: bool) {
        for &(a, _) in &self.order {
            if a != at {
                self.bids[a as usize].offer(-row[a as usize] - uk, k, ends);
            }
        }
    }

    /// After the sweep: the assigned rows before the one that found a target offer their bids
    /// on it, in one row-major pass that reads just those columns of each row.
    pub fn catch_up(&mut self, s: &Solver, r: &Prepared, data: &[f64]) {
        let cols = r.cols;
        let mut from = 0;
        for (n, &k) in r.present.iter().enumerate() {
            while self.order.get(from).is_some_and(|&(_, p)| p as usize <= n) {
                from += 1;
            }
            let targets = &self.order[from..];
            if targets.is_empty() {
                break;
            }
            if let Some(&ahead) = r.present.get(n + ROWS_AHEAD) {
                let row = &data[ahead as usize * cols..];
                for &(a, _) in targets {
                    prefetch(&row[a as usize]);
                }
            }
            let ku = k as usize;
            let at = s.slots.col_of[ku];
            if at == NONE {
                continue;
            }
            let uk = s.u[ku];
            let ends = at as usize == cols || s.v[at as usize] == 0.0;
            let row = &data[ku * cols..(ku + 1) * cols];
            for &(a, _) in targets {
                if a != at {
                    self.bids[a as usize].offer(-row[a as usize] - uk, k, ends);
                }
            }
        }
    }
}

impl Solver {
    /// The auction of column `j` as its recorded bid decides it: the smallest slack on the
    /// column, its row and a lower bound on every other row's slack (see the module notes); or
    /// `None` when no bid was recorded for it, it was used already, or it no longer decides the
    /// auction (both recorded rows gone from outside the column, or no longer surely ahead of
    /// the rest).
    fn recorded_bid(
        &self,
        data: &[f64],
        cols: usize,
        j: usize,
        bids: &mut [Bid],
    ) -> Option<(f64, u32, f64)> {
        // Used once: after its best row moved in, what is left of a bid is a lower bound that
        // makes the column rise too little, and chains that stall fall back to freeing rows.
        let b = std::mem::replace(&mut bids[j].fresh, false).then_some(bids[j])?;
        let vj = self.v[j];
        // Every other row outside the column has at least this slack.
        let others = b.key3.min(b.left) - vj;
        // The recorded rows still outside the column, with their exact slacks now.
        let slack = |k: u32| {
            let at = self.slots.col_of.get(k as usize).copied().unwrap_or(NONE);
            (at != NONE && at as usize != j)
                .then(|| -data[k as usize * cols + j] - self.u[k as usize] - vj)
        };
        let (best, runner_up) = match (slack(b.rows[0]), slack(b.rows[1])) {
            (Some(s0), Some(s1)) if s1 < s0 => ((s1, b.rows[1]), s0.min(others)),
            (Some(s0), Some(s1)) => ((s0, b.rows[0]), s1.min(others)),
            (Some(s0), None) => ((s0, b.rows[0]), others),
            (None, Some(s1)) => ((s1, b.rows[1]), others),
            (None, None) => {
                return (others == f64::INFINITY).then_some((f64::INFINITY, NONE, f64::INFINITY));
            }
        };
        (best.0 <= runner_up).then_some((best.0, best.1, runner_up))
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
    /// Each step costs one pass down a column, unless the column's bids recorded in the first
    /// sweep's pass (see [`Bid`]) still decide it. A chain that comes back to a column with no rise
    /// of duals since (a tie handed to and fro), that grows past [`CHAIN_LIMIT`], or that exceeds
    /// the overall budget falls back, for its last column, to raising `v` to 0 and freeing every
    /// row that then prefers it.
    pub(super) fn restore_spare_columns(&mut self, r: &Prepared, data: &[f64], bids: &mut [Bid]) {
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
                let (s1, r1, s2) = match self.recorded_bid(data, cols, j, bids) {
                    Some(bid) => bid,
                    None => self.bidders(r, data, j),
                };
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
                if from < cols {
                    // It now bids on the column it left, which its recorded bids did not see.
                    let key = -data[r1 * cols + from] - self.u[r1];
                    let left = &mut bids[from].left;
                    *left = left.min(key);
                }
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
    pub(super) fn raise(&mut self, j: usize, t: f64) {
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
        for (n, &k) in r.present.iter().enumerate() {
            if let Some(&ahead) = r.present.get(n + COLUMN_AHEAD) {
                prefetch(&data[ahead as usize * cols + j]);
            }
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
        for (n, &k) in r.present.iter().enumerate() {
            if let Some(&ahead) = r.present.get(n + COLUMN_AHEAD) {
                prefetch(&data[ahead as usize * cols + j]);
            }
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
