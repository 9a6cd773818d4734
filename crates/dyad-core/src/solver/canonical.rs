//! The canonical optimum: among all optimal assignments, the one that is lexicographically
//! smallest — row 0 gets the smallest column it can have in any optimal assignment, then row 1
//! the smallest it can have given row 0's, and so on, with "unassigned" counting as a column
//! after all real ones. In dyad rows are mentees and columns mentors, both sorted by id, so this
//! is "ties broken by id order".
//!
//! # Why this is well defined and found exactly
//!
//! With whole-number scores the solver's arithmetic is exact (see `prepare.rs`), so an optimal
//! dual solution `(u, v)` is known exactly. By complementary slackness, an assignment of the maximum
//! cardinality is optimal if and only if it uses only *tight* pairs (reduced cost exactly 0,
//! the "unmatched" column included) and leaves spare capacity only in columns whose dual is at
//! its bound (`v = 0`; in the problems where every slot is filled there is no such condition).
//! This holds for every optimal dual solution alike, so the set of optimal assignments — and
//! its lexicographically smallest member — depends on the problem only, not on how the solver
//! reached it. A cold solve and a warm re-solve therefore end with the same assignment.
//!
//! Spare capacity is modelled as *virtual rows*: one per free slot, tight with every column
//! whose `v` is 0. Then every optimal assignment fills every slot, and two optimal assignments
//! differ by alternating cycles of tight pairs. Row `i` can take column `j < col(i)` in an
//! optimal assignment that keeps rows `0..i` where they are exactly when there is such a cycle
//! through `i → j` that moves only rows after `i` and virtual rows: a path in the column graph
//! (column `c` → column `c'` when a movable row in `c` is tight with `c'`, or when `c` has a free
//! slot and `v[c'] = 0`) from `j` back to `col(i)`. Rows are fixed in order, each taking the
//! smallest reachable column, which is the classic greedy for the lexicographically smallest
//! perfect matching.
//!
//! # Cost
//!
//! One sweep over the scores collects each row's tight columns (usually one or two), then one
//! search per row that has a tight column smaller than its own, sharing the "visited" marks
//! between that row's candidates. On tie-free problems almost no row searches at all.
//!
//! With fractional scores the same pass runs in floating point, treating a reduced cost that
//! rounds to 0 or below as tight: it breaks the ties it sees and never leaves the optimum by
//! more than rounding.

use super::prepare::{LIMIT, Prepared};
use super::slots::{NONE, Slots};

/// A "row" standing for a free slot in the search's parent links.
const VIRTUAL: u32 = NONE - 1;

/// Duals beyond this magnitude would leave the range where the solver's sums of integers are
/// exact; canonicalisation is then skipped (the assignment stays optimal, not canonical). With
/// scores bounded by [`LIMIT`] this does not happen on any realistic problem.
const DUAL_LIMIT: f64 = LIMIT * 64.0;

/// Reusable buffers of the canonical pass.
#[derive(Debug, Default, Clone)]
pub(super) struct Canon {
    /// Each row's tight columns: `adj[at[i]..at[i] + len[i]]`, valid while `done[i] == call`
    /// (all present rows' are computed in one sweep before the searches).
    at: Vec<u32>,
    len: Vec<u32>,
    done: Vec<u32>,
    call: u32,
    adj: Vec<u32>,
    /// The rows tight with each column (`radj[rat[j]..rat[j + 1]]`, ascending): the same
    /// tight pairs, by column.
    rat: Vec<u32>,
    radj: Vec<u32>,
    /// Tight columns of the row being placed that come before its own.
    candidates: Vec<u32>,
    /// Real columns whose dual is 0 (targets of virtual rows).
    zero: Vec<u32>,
    /// Search marks (per column, equal to `stamp` when visited in the current search).
    seen: Vec<u32>,
    stamp: u32,
    /// Stamp of the last search that expanded the virtual rows.
    virtual_stamp: u32,
    /// Exits of the current row's search (per column, equal to `stamp`): columns holding a
    /// movable row `exit_mover[c]` tight with the row's own column, one step from closing the
    /// cycle.
    exit: Vec<u32>,
    exit_mover: Vec<u32>,
    /// Parent links of the search: column reached from `from[c]` by moving row `mover[c]`.
    from: Vec<u32>,
    mover: Vec<u32>,
    queue: Vec<u32>,
    moves: Vec<(u32, u32)>,
}

/// What the search reads: the scores and the optimal duals.
struct Tight<'a> {
    data: &'a [f64],
    cols: usize,
    u: &'a [f64],
    v: &'a [f64],
    /// The "unmatched" column takes part.
    dummy: bool,
    /// A reduced cost at most this counts as tight: 0 when the arithmetic is exact, otherwise a
    /// rounding margin (see [`rounding_margin`]).
    tol: f64,
}

impl Tight<'_> {
    /// Appends row `i`'s tight columns among `0..end` (ascending) to `out`.
    fn row(&self, i: usize, end: usize, out: &mut Vec<u32>) {
        let row = &self.data[i * self.cols..i * self.cols + end];
        tight_in_row(row, &self.v[..end], self.u[i] + self.tol, out);
    }

    /// Whether row `i` is tight with the "unmatched" column.
    fn with_dummy(&self, i: usize) -> bool {
        self.dummy && -self.u[i] - self.v[self.cols] <= self.tol
    }
}

impl Canon {
    /// Fills `rat` / `radj` from the present rows' adjacency (all computed by now).
    fn transpose(&mut self, r: &Prepared, cols: usize) {
        self.rat.clear();
        self.rat.resize(cols + 2, 0);
        for &j in &self.adj {
            self.rat[j as usize + 1] += 1;
        }
        for j in 0..=cols {
            self.rat[j + 1] += self.rat[j];
        }
        self.radj.clear();
        self.radj.resize(self.adj.len(), NONE);
        // `exit_mover` serves as the fill cursor of each column here; it is reset before use.
        self.exit_mover.clear();
        self.exit_mover.extend_from_slice(&self.rat[..=cols]);
        for &i in &r.present {
            let (at, len) = (self.at[i as usize] as usize, self.len[i as usize] as usize);
            for &j in &self.adj[at..at + len] {
                let slot = &mut self.exit_mover[j as usize];
                self.radj[*slot as usize] = i;
                *slot += 1;
            }
        }
    }

    /// Marks the exits of row `i`'s search: the columns of the rows after `i` that are tight
    /// with `own`. A search that reaches one has found its cycle without expanding further —
    /// the search runs from both ends, and on problems with many ties (where the cycle is short
    /// but every row has many tight columns) it stops after a handful of columns.
    fn mark_exits(&mut self, slots: &Slots, i: u32, own: u32) {
        let (lo, hi) = (
            self.rat[own as usize] as usize,
            self.rat[own as usize + 1] as usize,
        );
        let rows = &self.radj[lo..hi];
        let after = rows.partition_point(|&k| k <= i);
        for &k in &rows[after..] {
            let ck = slots.col_of[k as usize];
            if ck != own && ck != NONE && self.exit[ck as usize] != self.stamp {
                self.exit[ck as usize] = self.stamp;
                self.exit_mover[ck as usize] = k;
            }
        }
    }

    /// Whether column `c`, just reached, is an exit; if so, links `own` to it.
    #[inline]
    fn closes(&mut self, c: u32, own: u32) -> bool {
        if self.exit[c as usize] != self.stamp {
            return false;
        }
        self.from[own as usize] = c;
        self.mover[own as usize] = self.exit_mover[c as usize];
        true
    }

    /// Row `k`'s tight columns (the "unmatched" one last), computed on first use in this pass.
    fn adjacency(&mut self, t: &Tight, k: usize) -> std::ops::Range<usize> {
        if self.done[k] != self.call {
            self.done[k] = self.call;
            self.at[k] = self.adj.len() as u32;
            t.row(k, t.cols, &mut self.adj);
            if t.with_dummy(k) {
                self.adj.push(t.cols as u32);
            }
            self.len[k] = self.adj.len() as u32 - self.at[k];
        }
        let at = self.at[k] as usize;
        at..at + self.len[k] as usize
    }
}

/// What the canonical pass works on: a solver's optimal assignment and dual variables.
pub(super) struct Optimum<'a> {
    pub slots: &'a mut Slots,
    pub u: &'a [f64],
    pub v: &'a [f64],
    /// The "unmatched" column takes part.
    pub dummy: bool,
    /// Every usable slot will be filled (no column dual is bound to 0).
    pub square: bool,
}

impl Optimum<'_> {
    /// Turns the optimal assignment in `self.slots` into the canonical optimum. Returns false
    /// (and leaves the assignment as it is) when the duals are too large for exact arithmetic.
    pub(super) fn canonicalise(&mut self, c: &mut Canon, r: &Prepared, data: &[f64]) -> bool {
        if r.present.is_empty() || !self.duals_exact(r) {
            return false;
        }
        let cols = r.cols;
        let tol = if r.exact { 0.0 } else { rounding_margin(r) };
        let t = Tight {
            data,
            cols,
            u: self.u,
            v: self.v,
            dummy: self.dummy,
            tol,
        };
        c.zero.clear();
        if !self.square {
            c.zero.extend(
                r.usable
                    .iter()
                    .copied()
                    .filter(|&j| self.v[j as usize] >= -tol),
            );
        }
        c.call = c.call.wrapping_add(1);
        if c.call == 0 || c.done.len() != r.rows {
            c.done.clear();
            c.done.resize(r.rows, 0);
            c.at.resize(r.rows, 0);
            c.len.resize(r.rows, 0);
            c.call = 1;
        }
        c.adj.clear();
        for &i in &r.present {
            c.adjacency(&t, i as usize);
        }
        c.transpose(r, cols);
        c.seen.clear();
        c.seen.resize(cols + 1, 0);
        c.exit.clear();
        c.exit.resize(cols + 1, 0);
        c.exit_mover.resize(cols + 1, NONE);
        c.stamp = 0;
        c.virtual_stamp = 0;
        c.from.resize(cols + 1, NONE);
        c.mover.resize(cols + 1, NONE);
        for &i in &r.present {
            let iu = i as usize;
            let own = self.slots.col_of[iu];
            c.candidates.clear();
            let range = c.adjacency(&t, iu);
            let before = c.adj[range].iter().take_while(|&&j| j < own);
            c.candidates.extend(before);
            if c.candidates.is_empty() {
                continue;
            }
            c.stamp += 1;
            c.mark_exits(self.slots, i, own);
            for k in 0..c.candidates.len() {
                let j = c.candidates[k];
                if c.seen[j as usize] == c.stamp {
                    continue;
                }
                if search(c, &t, self.slots, i, j, own) {
                    apply(c, self.slots, i, j, own);
                    break;
                }
            }
        }
        true
    }

    /// Whether every dual is small enough for the exact-arithmetic argument.
    fn duals_exact(&self, r: &Prepared) -> bool {
        let row_ok = r
            .present
            .iter()
            .all(|&i| self.u[i as usize].abs() <= DUAL_LIMIT);
        let col_ok = r
            .usable
            .iter()
            .all(|&j| self.v[j as usize].abs() <= DUAL_LIMIT);
        row_ok && col_ok && self.v[r.cols].abs() <= DUAL_LIMIT
    }
}

/// How far above 0 a reduced cost may be and still count as tight when the scores are
/// fractional: rounding in the duals, which are sums along augmenting paths, can leave a real
/// tie a few units in the last place apart, and then a cold solve and a warm re-solve (which
/// reach different optimal duals) would break it differently. The margin is a million times the
/// rounding of the largest score over a path through every row and column, far inside the
/// certificate's own tolerance (see [`super::check_optimal`]).
///
/// It is measured on the scores, not on the duals: a warm re-solve keeps the duals of earlier
/// problems, which may be far larger than the current scores (after the scores shrink by many
/// orders of magnitude, as a search's bonuses do). A margin measured on such duals counted
/// pairs thousands of units from tight as tight, and the pass moved rows onto them: an
/// assignment that was not optimal. Measured on the scores, the margin depends on the problem
/// alone, cold or warm.
fn rounding_margin(r: &Prepared) -> f64 {
    let path = (r.present.len() + r.usable.len() + 4) as f64;
    r.largest.max(1.0) * path * f64::EPSILON * 1e6
}

/// Appends the columns `j` with `−row[j] − u − v[j] ≤ 0` — tight, since no reduced cost is
/// negative at an optimum (in floating point, a hair below 0 counts as tight too). Blocks of
/// sixteen are first checked with a vectorised minimum, so the common case costs one
/// subtraction pair and one minimum per column; a block holding a tight column is then read
/// four columns at a time into a bit mask (one vector comparison), and only its set bits are
/// visited. In a tie-heavy problem most blocks hold a tight column, at no predictable place,
/// so a branch per column would mispredict often.
#[inline(always)]
fn tight_in_row_lanes(row: &[f64], v: &[f64], u: f64, out: &mut Vec<u32>) {
    const BLOCK: usize = 16;
    const LANES: usize = 4;
    let n = row.len();
    let v = &v[..n];
    let mut start = 0;
    while start + BLOCK <= n {
        let mut lo = [f64::INFINITY; LANES];
        for (rc, vc) in row[start..start + BLOCK]
            .chunks_exact(LANES)
            .zip(v[start..start + BLOCK].chunks_exact(LANES))
        {
            for l in 0..LANES {
                let h = -rc[l] - u - vc[l];
                lo[l] = if h < lo[l] { h } else { lo[l] };
            }
        }
        if lo.iter().any(|&x| x <= 0.0) {
            for (k, (rc, vc)) in row[start..start + BLOCK]
                .chunks_exact(LANES)
                .zip(v[start..start + BLOCK].chunks_exact(LANES))
                .enumerate()
            {
                let mut mask = 0u32;
                for l in 0..LANES {
                    mask |= u32::from(-rc[l] - u - vc[l] <= 0.0) << l;
                }
                let at = (start + k * LANES) as u32;
                while mask != 0 {
                    out.push(at + mask.trailing_zeros());
                    mask &= mask - 1;
                }
            }
        }
        start += BLOCK;
    }
    for j in start..n {
        if -row[j] - u - v[j] <= 0.0 {
            out.push(j as u32);
        }
    }
}

super::simd::multiversion! {
    fn tight_in_row(row: &[f64], v: &[f64], u: f64, out: &mut Vec<u32>) = tight_in_row_lanes;
}

/// Breadth-first search from column `j` (about to receive row `i`) for a path back to `own`,
/// `i`'s current column, moving only rows after `i` and virtual rows; it ends as soon as it
/// reaches `own` or an exit (see [`Canon::mark_exits`]). Leaves parent links in `c.from` /
/// `c.mover`. Marks stay valid across the candidates of one row: a column from which a failed
/// search found no path has none for the next candidate either.
fn search(c: &mut Canon, t: &Tight, slots: &Slots, i: u32, j: u32, own: u32) -> bool {
    let cols = t.cols;
    let stamp = c.stamp;
    c.seen[j as usize] = stamp;
    if c.closes(j, own) {
        return true;
    }
    c.queue.clear();
    c.queue.push(j);
    let mut head = 0;
    while head < c.queue.len() {
        let col = c.queue[head];
        head += 1;
        let cu = col as usize;
        let mut k = slots.first(cu);
        while k != NONE {
            if k > i {
                for at in c.adjacency(t, k as usize) {
                    let next = c.adj[at];
                    if next != col && c.seen[next as usize] != stamp {
                        c.seen[next as usize] = stamp;
                        c.from[next as usize] = col;
                        c.mover[next as usize] = k;
                        if next == own || c.closes(next, own) {
                            return true;
                        }
                        c.queue.push(next);
                    }
                }
            }
            k = slots.after(k as usize);
        }
        // A free slot of `col` is a virtual row, tight with every column whose dual is 0. All
        // virtual rows lead to the same columns, so they are expanded once per row searched.
        if cu < cols && slots.spare[cu] > 0 && c.virtual_stamp != stamp {
            c.virtual_stamp = stamp;
            for z in 0..c.zero.len() {
                let next = c.zero[z];
                if next != col && c.seen[next as usize] != stamp {
                    c.seen[next as usize] = stamp;
                    c.from[next as usize] = col;
                    c.mover[next as usize] = VIRTUAL;
                    if next == own || c.closes(next, own) {
                        return true;
                    }
                    c.queue.push(next);
                }
            }
        }
    }
    false
}

/// Moves row `i` to `j` and every row on the found path one step on.
fn apply(c: &mut Canon, slots: &mut Slots, i: u32, j: u32, own: u32) {
    c.moves.clear();
    let mut col = own;
    while col != j {
        let row = c.mover[col as usize];
        if row != VIRTUAL {
            c.moves.push((row, col));
        }
        col = c.from[col as usize];
    }
    c.moves.push((i, j));
    for &(row, _) in &c.moves {
        slots.unassign(row as usize);
    }
    for &(row, col) in &c.moves {
        slots.assign(row as usize, col as usize);
    }
}
