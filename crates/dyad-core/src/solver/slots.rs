//! Which rows occupy which column: the assignment with native column capacities.
//!
//! Each row has at most one column; each column keeps its rows in an intrusive doubly linked
//! list (three `u32` arrays), so assigning, unassigning and listing a column's rows need no
//! allocation and cost O(1) per row.

/// "No row" / "no column".
pub(super) const NONE: u32 = u32::MAX;

#[derive(Debug, Default, Clone)]
pub(super) struct Slots {
    /// Column of each row, or [`NONE`].
    pub col_of: Vec<u32>,
    /// Remaining capacity of each column.
    pub spare: Vec<u32>,
    head: Vec<u32>,
    next: Vec<u32>,
    prev: Vec<u32>,
}

impl Slots {
    /// `n` free rows and columns with the given capacities.
    pub fn reset(&mut self, n: usize, cap: &[u32]) {
        for v in [&mut self.col_of, &mut self.next, &mut self.prev] {
            v.clear();
            v.resize(n, NONE);
        }
        self.head.clear();
        self.head.resize(cap.len(), NONE);
        self.spare.clear();
        self.spare.extend_from_slice(cap);
    }

    /// Puts free row `i` into column `j` (which must have spare capacity).
    #[inline]
    pub fn assign(&mut self, i: usize, j: usize) {
        debug_assert!(self.col_of[i] == NONE && self.spare[j] > 0);
        let h = self.head[j];
        self.next[i] = h;
        self.prev[i] = NONE;
        if h != NONE {
            self.prev[h as usize] = i as u32;
        }
        self.head[j] = i as u32;
        self.col_of[i] = j as u32;
        self.spare[j] -= 1;
    }

    /// Takes row `i` out of its column, if it has one.
    #[inline]
    pub fn unassign(&mut self, i: usize) {
        let j = self.col_of[i];
        if j == NONE {
            return;
        }
        let j = j as usize;
        let (p, nx) = (self.prev[i], self.next[i]);
        if p == NONE {
            self.head[j] = nx;
        } else {
            self.next[p as usize] = nx;
        }
        if nx != NONE {
            self.prev[nx as usize] = p;
        }
        self.col_of[i] = NONE;
        self.spare[j] += 1;
    }

    /// Moves row `i` (free or not) into column `j`.
    #[inline]
    pub fn reassign(&mut self, i: usize, j: usize) {
        self.unassign(i);
        self.assign(i, j);
    }

    /// First row of column `j`, or [`NONE`].
    #[inline]
    pub fn first(&self, j: usize) -> u32 {
        self.head[j]
    }

    /// Row after `i` in its column, or [`NONE`].
    #[inline]
    pub fn after(&self, i: usize) -> u32 {
        self.next[i]
    }
}
