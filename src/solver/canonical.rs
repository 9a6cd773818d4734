//! The canonical optimum: among all optimal assignments, the one that is lexicographically
//! smallest — row 0 gets the smallest column it can have in any optimal assignment, then row 1
//! the smallest it can have given row 0's, and so on, with "unassigned" counting as a column
//! after all real ones. In dyad rows are mentees and columns mentors, both sorted by id, so this
//! is "ties broken by id order".
//!
//! # Why this is well defined and found exactly
//!
//! The solver's arithmetic is exact (integer scores, see `prepare.rs`), so an optimal dual
//! solution `(u, v)` is known exactly. By complementary slackness, an assignment of the maximum
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

use super::lap::Solver;
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
    /// Tight columns of each row (CSR over rows: `start[i]..start[i + 1]` into `adj`).
    start: Vec<u32>,
    adj: Vec<u32>,
    /// Real columns whose dual is 0 (targets of virtual rows).
    zero: Vec<u32>,
    /// Search marks (per column, equal to `stamp` when visited in the current search).
    seen: Vec<u32>,
    stamp: u32,
    /// Stamp of the last search that expanded the virtual rows.
    virtual_stamp: u32,
    /// Parent links of the search: column reached from `from[c]` by moving row `mover[c]`.
    from: Vec<u32>,
    mover: Vec<u32>,
    queue: Vec<u32>,
    moves: Vec<(u32, u32)>,
}

impl Solver {
    /// Turns the optimal assignment in `self.slots` into the canonical optimum. Returns false
    /// (and leaves the assignment as it is) when the duals are too large for exact arithmetic.
    pub(super) fn canonicalise(&mut self, r: &Prepared, data: &[f64]) -> bool {
        if r.present.is_empty() || !self.duals_exact(r) {
            return false;
        }
        self.tight_pairs(r, data);
        let cols = r.cols;
        let c = &mut self.canon;
        c.zero.clear();
        if !self.square {
            c.zero.extend(
                r.usable
                    .iter()
                    .copied()
                    .filter(|&j| self.v[j as usize] == 0.0),
            );
        }
        c.seen.clear();
        c.seen.resize(cols + 1, 0);
        c.stamp = 0;
        c.virtual_stamp = 0;
        c.from.resize(cols + 1, NONE);
        c.mover.resize(cols + 1, NONE);
        for &i in &r.present {
            let iu = i as usize;
            let own = self.slots.col_of[iu];
            let (lo, hi) = (c.start[iu] as usize, c.start[iu + 1] as usize);
            if c.adj[lo..hi].first().is_none_or(|&j| j >= own) {
                continue;
            }
            c.stamp += 1;
            for k in lo..hi {
                let j = c.adj[k];
                if j >= own {
                    break;
                }
                if c.seen[j as usize] == c.stamp {
                    continue;
                }
                if search(c, &self.slots, cols, i, j, own) {
                    apply(c, &mut self.slots, i, j, own);
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

    /// Collects every present row's tight columns, ascending, the "unmatched" column (index
    /// `cols`) last when it is tight.
    fn tight_pairs(&mut self, r: &Prepared, data: &[f64]) {
        let cols = r.cols;
        let c = &mut self.canon;
        c.start.clear();
        c.start.resize(r.rows + 1, 0);
        c.adj.clear();
        let v = &self.v[..cols];
        let mut next = 0;
        for &i in &r.present {
            let iu = i as usize;
            for s in &mut c.start[next..=iu] {
                *s = c.adj.len() as u32;
            }
            next = iu + 1;
            let u = self.u[iu];
            let row = &data[iu * cols..(iu + 1) * cols];
            tight_in_row(row, v, u, &mut c.adj);
            if self.dummy && -u - self.v[cols] == 0.0 {
                c.adj.push(cols as u32);
            }
        }
        for s in &mut c.start[next..] {
            *s = c.adj.len() as u32;
        }
    }
}

/// Appends the columns `j` with `−row[j] − u − v[j] = 0`, scanning in blocks so that the common
/// case (no tight column in a block) costs one vectorised comparison per entry.
#[inline]
fn tight_in_row(row: &[f64], v: &[f64], u: f64, out: &mut Vec<u32>) {
    const BLOCK: usize = 16;
    let n = row.len();
    let v = &v[..n];
    let mut start = 0;
    while start < n {
        let end = (start + BLOCK).min(n);
        let any = row[start..end]
            .iter()
            .zip(&v[start..end])
            .fold(false, |a, (&s, &vj)| a | (-s - u - vj == 0.0));
        if any {
            for j in start..end {
                if -row[j] - u - v[j] == 0.0 {
                    out.push(j as u32);
                }
            }
        }
        start = end;
    }
}

/// Breadth-first search from column `j` (about to receive row `i`) for a path back to `own`,
/// `i`'s current column, moving only rows after `i` and virtual rows. Leaves parent links in
/// `c.from` / `c.mover`. Marks stay valid across the candidates of one row: a column from which
/// a failed search found no path has none for the next candidate either.
fn search(c: &mut Canon, slots: &Slots, cols: usize, i: u32, j: u32, own: u32) -> bool {
    let stamp = c.stamp;
    c.seen[j as usize] = stamp;
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
                let ku = k as usize;
                for t in c.start[ku] as usize..c.start[ku + 1] as usize {
                    let next = c.adj[t];
                    if next != col && c.seen[next as usize] != stamp {
                        c.seen[next as usize] = stamp;
                        c.from[next as usize] = col;
                        c.mover[next as usize] = k;
                        if next == own {
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
            for t in 0..c.zero.len() {
                let next = c.zero[t];
                if next != col && c.seen[next as usize] != stamp {
                    c.seen[next as usize] = stamp;
                    c.from[next as usize] = col;
                    c.mover[next as usize] = VIRTUAL;
                    if next == own {
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
