//! Maximum cardinality: how many rows can be assigned at all (Hopcroft–Karp with capacities).
//!
//! A greedy pass assigns each row to an allowed column with spare capacity, starting the scan at
//! a different column for each row so that dense problems need O(1) probes per row; when it
//! assigns every row or fills every slot, that is the answer. Otherwise each
//! phase runs a breadth-first search from all free rows through the alternating graph (row →
//! allowed column → the rows occupying a full column) to layer the rows, stopping at the first
//! layer that reaches a column with spare capacity, and a depth-first search along those layers
//! augments a maximal set of paths. O(√n) phases of O(n·m) each on a dense matrix.
//!
//! When the greedy pass leaves only a few rows free (the usual case on a dense matrix), each is
//! given its own breadth-first search that stops at the first column with spare capacity: on a
//! dense matrix that is a row or two of work instead of a full phase. A row for which such a
//! search finds nothing can never be assigned (augmenting other rows does not create a path for
//! it), so the result is the same.

use super::prepare::Prepared;
use super::problem::is_allowed;
use super::slots::{NONE, Slots};

const UNSEEN: u32 = u32::MAX;

/// At most this many rows left free by the greedy pass get one search each instead of
/// Hopcroft–Karp phases.
const FEW_FREE: usize = 8;

/// Reusable buffers of the Hopcroft–Karp search.
#[derive(Debug, Default, Clone)]
pub(super) struct Matcher {
    slots: Slots,
    dist: Vec<u32>,
    queue: Vec<u32>,
    it: Vec<u32>,
    stack: Vec<u32>,
    /// Single searches: the row and column each row was reached through, and marks.
    parent: Vec<(u32, u32)>,
    row_seen: Vec<u32>,
    col_seen: Vec<u32>,
    stamp: u32,
}

impl Matcher {
    /// The largest number of rows of `r` that can be assigned to real columns.
    pub fn max_cardinality(&mut self, r: &Prepared, data: &[f64]) -> usize {
        let (rows, cols) = (r.rows, r.cols);
        let cap = &r.cap[..cols];
        self.slots.reset(rows, cap);
        let slots: u64 = cap.iter().map(|&c| u64::from(c)).sum();
        let usable = &r.usable;
        let mut matched = 0;
        for (k, &i) in r.present.iter().enumerate() {
            let i = i as usize;
            let row = &data[i * cols..(i + 1) * cols];
            let start = k % usable.len().max(1);
            let mut order = usable[start..].iter().chain(&usable[..start]);
            if let Some(&j) =
                order.find(|&&j| is_allowed(row[j as usize]) && self.slots.spare[j as usize] > 0)
            {
                self.slots.assign(i, j as usize);
                matched += 1;
            }
        }
        let free: Vec<u32> = r
            .present
            .iter()
            .copied()
            .filter(|&i| self.slots.col_of[i as usize] == NONE)
            .collect();
        if free.len() <= FEW_FREE {
            for &root in &free {
                if (matched as u64) < slots && self.search(r, data, root as usize) {
                    matched += 1;
                }
            }
            return matched;
        }
        while matched < r.present.len() && (matched as u64) < slots && self.layer(r, data) {
            self.it.clear();
            self.it.resize(rows, 0);
            for &root in &r.present {
                let root = root as usize;
                if self.slots.col_of[root] == NONE
                    && self.dist[root] == 0
                    && self.augment(r, data, root)
                {
                    matched += 1;
                }
            }
        }
        matched
    }

    /// Breadth-first search from free row `root` for a column with spare capacity, through
    /// full columns and their rows; augments along the first path found and returns true.
    fn search(&mut self, r: &Prepared, data: &[f64], root: usize) -> bool {
        let cols = r.cols;
        if self.row_seen.len() != r.rows || self.col_seen.len() != cols || self.stamp == u32::MAX {
            self.row_seen.clear();
            self.row_seen.resize(r.rows, 0);
            self.col_seen.clear();
            self.col_seen.resize(cols, 0);
            self.parent.resize(r.rows, (NONE, NONE));
            self.stamp = 0;
        }
        self.stamp += 1;
        let stamp = self.stamp;
        self.queue.clear();
        self.queue.push(root as u32);
        self.row_seen[root] = stamp;
        let mut head = 0;
        while head < self.queue.len() {
            let i = self.queue[head] as usize;
            head += 1;
            let row = &data[i * cols..(i + 1) * cols];
            for (j, &c) in row.iter().enumerate() {
                if !is_allowed(c) || r.cap[j] == 0 || self.col_seen[j] == stamp {
                    continue;
                }
                self.col_seen[j] = stamp;
                if self.slots.spare[j] > 0 {
                    // Row `i` takes `j`; each row on the way back takes the column the row after
                    // it left.
                    let (mut x, mut target) = (i, j);
                    loop {
                        let old = self.slots.col_of[x];
                        self.slots.reassign(x, target);
                        if x == root {
                            return true;
                        }
                        let (p, _) = self.parent[x];
                        x = p as usize;
                        target = old as usize;
                    }
                }
                let mut k = self.slots.first(j);
                while k != NONE {
                    if self.row_seen[k as usize] != stamp {
                        self.row_seen[k as usize] = stamp;
                        self.parent[k as usize] = (i as u32, j as u32);
                        self.queue.push(k);
                    }
                    k = self.slots.after(k as usize);
                }
            }
        }
        false
    }

    /// Breadth-first layering from the free rows; true when some column with spare capacity is
    /// reachable.
    fn layer(&mut self, r: &Prepared, data: &[f64]) -> bool {
        let cols = r.cols;
        self.dist.clear();
        self.dist.resize(r.rows, UNSEEN);
        self.queue.clear();
        for &i in &r.present {
            let i = i as usize;
            if self.slots.col_of[i] == NONE {
                self.dist[i] = 0;
                self.queue.push(i as u32);
            }
        }
        let mut limit = UNSEEN;
        let mut head = 0;
        while head < self.queue.len() {
            let i = self.queue[head] as usize;
            head += 1;
            let next = self.dist[i] + 1;
            if next > limit {
                continue;
            }
            let row = &data[i * cols..(i + 1) * cols];
            for (j, &c) in row.iter().enumerate() {
                if !is_allowed(c) || r.cap[j] == 0 {
                    continue;
                }
                if self.slots.spare[j] > 0 {
                    limit = next;
                    continue;
                }
                let mut k = self.slots.first(j);
                while k != NONE {
                    if self.dist[k as usize] == UNSEEN {
                        self.dist[k as usize] = next;
                        self.queue.push(k);
                    }
                    k = self.slots.after(k as usize);
                }
            }
        }
        limit != UNSEEN
    }

    /// Iterative depth-first search for an augmenting path from free row `root` along the
    /// layers; augments and returns true when one is found.
    fn augment(&mut self, r: &Prepared, data: &[f64], root: usize) -> bool {
        let cols = r.cols;
        self.stack.clear();
        self.stack.push(root as u32);
        while let Some(&top) = self.stack.last() {
            let i = top as usize;
            let row = &data[i * cols..(i + 1) * cols];
            let want = self.dist[i].wrapping_add(1);
            let mut child = NONE;
            while (self.it[i] as usize) < cols {
                let j = self.it[i] as usize;
                if is_allowed(row[j]) && r.cap[j] > 0 {
                    if self.slots.spare[j] > 0 {
                        self.flip();
                        return true;
                    }
                    let mut k = self.slots.first(j);
                    while k != NONE && self.dist[k as usize] != want {
                        k = self.slots.after(k as usize);
                    }
                    if k != NONE {
                        child = k;
                        break;
                    }
                }
                self.it[i] += 1;
            }
            if child == NONE {
                self.dist[i] = UNSEEN;
                self.stack.pop();
            } else {
                self.stack.push(child);
            }
        }
        false
    }

    /// Moves every row on the stack into the column its search is pointing at, deepest first.
    fn flip(&mut self) {
        for t in (0..self.stack.len()).rev() {
            let i = self.stack[t] as usize;
            let j = self.it[i] as usize;
            self.slots.reassign(i, j);
            // The row has moved: keep it out of the rest of this phase.
            self.dist[i] = UNSEEN;
        }
    }
}
