//! Reduction of a [`Problem`] to the dense minimisation form the solver works on.
//!
//! Rows without any allowed pair and columns with capacity 0 or without any allowed pair take no
//! part and are dropped. The remaining `n × m_real` scores become costs `−score · scale` in one
//! contiguous row-major buffer with a stride of `m_real + 1`: the last column of every row is the
//! "unmatched" column (cost 0), whose capacity is set once the maximum cardinality is known.
//! Forbidden pairs cost `+inf`. `scale` is 1 unless scores are so large that sums of a few
//! thousand of them could overflow; then it is a power of two, so scaling is exact.

use super::problem::Problem;

/// Largest magnitude (as a power of two) a scaled cost may have.
const MAX_EXPONENT: i32 = 600;

/// The reduced minimisation problem. Buffers are reused across solves.
#[derive(Debug, Default, Clone)]
pub(super) struct Reduced {
    /// Rows taking part.
    pub n: usize,
    /// Real columns taking part.
    pub m_real: usize,
    /// Row stride of `cost` (`m_real + 1`; the last column is "unmatched").
    pub stride: usize,
    /// Reduced row → original row.
    pub row_map: Vec<usize>,
    /// Reduced column → original column.
    pub col_map: Vec<usize>,
    /// `n × stride` costs, row-major.
    pub cost: Vec<f64>,
    /// Capacity of each of the `stride` columns, at most `n`.
    pub cap: Vec<u32>,
    /// Scores were multiplied by this (a power of two) before negation.
    pub scale: f64,
    /// Scratch: whether an original row / column has an allowed pair.
    row_has: Vec<bool>,
    col_has: Vec<bool>,
}

impl Reduced {
    /// Fills `self` from `p`, reusing the buffers.
    pub fn fill(&mut self, p: &Problem) {
        let rows = p.stored_rows();
        let cols = p.cols;
        self.row_has.clear();
        self.row_has.resize(rows, false);
        self.col_has.clear();
        self.col_has.resize(cols, false);
        let mut max_abs = 0.0f64;
        for i in 0..rows {
            let row = row_slice(p, i);
            let mut any = false;
            for (j, &s) in row.iter().enumerate() {
                if s.is_finite() && p.capacity_of(j) > 0 {
                    any = true;
                    self.col_has[j] = true;
                    max_abs = max_abs.max(s.abs());
                }
            }
            self.row_has[i] = any;
        }
        self.row_map.clear();
        self.row_map.extend((0..rows).filter(|&i| self.row_has[i]));
        self.col_map.clear();
        self.col_map.extend((0..cols).filter(|&j| self.col_has[j]));
        self.n = self.row_map.len();
        self.m_real = self.col_map.len();
        self.stride = self.m_real + 1;
        self.scale = scale_for(max_abs);

        let n_cap = u32::try_from(self.n).unwrap_or(u32::MAX);
        self.cap.clear();
        self.cap
            .extend(self.col_map.iter().map(|&j| p.capacity_of(j).min(n_cap)));
        self.cap.push(0);

        self.cost.clear();
        self.cost.reserve(self.n * self.stride);
        let scale = self.scale;
        for &i in &self.row_map {
            let row = row_slice(p, i);
            self.cost.extend(self.col_map.iter().map(|&j| {
                let s = row.get(j).copied().unwrap_or(f64::NAN);
                if s.is_finite() {
                    -(s * scale)
                } else {
                    f64::INFINITY
                }
            }));
            self.cost.push(0.0);
        }
    }

    /// Cost row `i` including the "unmatched" column.
    #[inline]
    pub fn row(&self, i: usize) -> &[f64] {
        &self.cost[i * self.stride..(i + 1) * self.stride]
    }
}

/// The stored part of original row `i` (shorter than `cols` if `score` is short).
fn row_slice<'a>(p: &Problem<'a>, i: usize) -> &'a [f64] {
    let start = (i * p.cols).min(p.score.len());
    let end = (start + p.cols).min(p.score.len());
    &p.score[start..end]
}

/// A power of two that brings `max_abs` below `2^MAX_EXPONENT` (1 when it already is).
fn scale_for(max_abs: f64) -> f64 {
    if max_abs <= 2f64.powi(MAX_EXPONENT) {
        return 1.0;
    }
    let e = max_abs.log2().ceil() as i32;
    2f64.powi(MAX_EXPONENT - e)
}
