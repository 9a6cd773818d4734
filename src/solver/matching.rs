//! Maximum cardinality: how many rows can be assigned at all (Hopcroft–Karp with capacities).
//!
//! A greedy pass assigns each row to its first allowed column with spare capacity. Then each
//! phase runs a breadth-first search from all free rows through the alternating graph (row →
//! allowed column → the rows occupying a full column) to layer the rows, stopping at the first
//! layer that reaches a column with spare capacity, and a depth-first search along those layers
//! augments a maximal set of paths. O(√n) phases of O(n·m) each on a dense matrix.

use super::prepare::Reduced;
use super::slots::{NONE, Slots};

const UNSEEN: u32 = u32::MAX;

/// Reusable buffers of the Hopcroft–Karp search.
#[derive(Debug, Default, Clone)]
pub(super) struct Matcher {
    slots: Slots,
    dist: Vec<u32>,
    queue: Vec<u32>,
    it: Vec<u32>,
    stack: Vec<u32>,
}

impl Matcher {
    /// The largest number of rows of `r` that can be assigned to real columns.
    pub fn max_cardinality(&mut self, r: &Reduced) -> usize {
        let (n, m) = (r.n, r.m_real);
        self.slots.reset(n, &r.cap[..m]);
        let mut matched = 0;
        for i in 0..n {
            let row = &r.row(i)[..m];
            if let Some(j) = (0..m).find(|&j| row[j] < f64::INFINITY && self.slots.spare[j] > 0) {
                self.slots.assign(i, j);
                matched += 1;
            }
        }
        while matched < n && self.layer(r) {
            self.it.clear();
            self.it.resize(n, 0);
            for root in 0..n {
                if self.slots.col_of[root] == NONE && self.dist[root] == 0 && self.augment(r, root)
                {
                    matched += 1;
                }
            }
        }
        matched
    }

    /// Breadth-first layering from the free rows; true when some column with spare capacity is
    /// reachable.
    fn layer(&mut self, r: &Reduced) -> bool {
        let (n, m) = (r.n, r.m_real);
        self.dist.clear();
        self.dist.resize(n, UNSEEN);
        self.queue.clear();
        for i in 0..n {
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
            let row = &r.row(i)[..m];
            for (j, &c) in row.iter().enumerate() {
                if c == f64::INFINITY {
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
    fn augment(&mut self, r: &Reduced, root: usize) -> bool {
        let m = r.m_real;
        self.stack.clear();
        self.stack.push(root as u32);
        while let Some(&top) = self.stack.last() {
            let i = top as usize;
            let row = &r.row(i)[..m];
            let want = self.dist[i].wrapping_add(1);
            let mut child = NONE;
            while (self.it[i] as usize) < m {
                let j = self.it[i] as usize;
                if row[j] < f64::INFINITY {
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
