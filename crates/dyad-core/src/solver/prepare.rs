//! What of a [`Problem`] takes part in the solve, and where its scores are read from.
//!
//! A row takes part ("present") when it has an allowed pair with a column of capacity > 0; a
//! column is "usable" when it has capacity > 0 and an allowed pair. Everything else is
//! necessarily unassigned and is skipped by every later phase.
//!
//! The solver reads scores straight from the caller's row-major slice: the cost of a pair is
//! `−score`, and NaN and `−inf` already behave as "never better" in every comparison it makes.
//! Only when that is not safe — a `+inf` score, a `score` slice shorter than `rows × cols`, or
//! magnitudes so large that sums could overflow — is a sanitised copy made, with non-finite
//! scores replaced by NaN and all scores multiplied by a power of two (an exact operation).
//!
//! The same sweep notes whether the problem is *exact*: every allowed score a whole number of
//! magnitude at most [`LIMIT`] (2⁴⁴). Then every dual variable, reduced cost and path length the
//! solver computes is a whole number far inside the range where `f64` arithmetic is exact, so
//! ties are real ties, and the final pass (`canonical.rs`) picks the same optimum whatever the
//! path to it — a cold solve or a warm re-solve from another optimum. dyad's own pair scores are
//! exact in this sense (see [`crate::matching::scoring`]). Other scores are solved in floating point, as
//! any solver does, and the final pass breaks the ties it can see.
//!
//! Column `cols` is the virtual "unmatched" column: cost 0 for every present row, capacity set
//! once the maximum cardinality is known (see [`crate::solver`]).

use super::problem::Problem;

/// Largest magnitude of the whole-number scores solved in exact arithmetic.
pub(super) const LIMIT: f64 = (1u64 << 44) as f64;

/// Largest magnitude (as a power of two) a score may have without being scaled.
const MAX_EXPONENT: i32 = 600;

/// Adding and subtracting this rounds an `f64` of magnitude below 2⁵¹ to the nearest integer
/// (ties to even), with nothing but SSE2 arithmetic.
const ROUNDER: f64 = 1.5 * (1u64 << 52) as f64;

#[derive(Debug, Default, Clone)]
pub(super) struct Prepared {
    /// Rows with stored scores (rows past the end of a short slice have no allowed pair).
    pub rows: usize,
    pub cols: usize,
    /// Present rows, ascending.
    pub present: Vec<u32>,
    /// Usable real columns, ascending.
    pub usable: Vec<u32>,
    /// Capacity of each column, at most the number of present rows; 0 for unusable columns.
    /// Entry `cols` is the "unmatched" column.
    pub cap: Vec<u32>,
    /// The problem's own capacity of each column.
    pub capacity: Vec<u32>,
    /// Scores are read from `copy` instead of the problem.
    pub copied: bool,
    pub copy: Vec<f64>,
    /// Scores were multiplied by this power of two.
    pub scale: f64,
    /// Every allowed score is a whole number of magnitude at most [`LIMIT`].
    pub exact: bool,
    /// The largest magnitude of a finite score as the solver reads it (after scaling).
    pub largest: f64,
    col_bar: Vec<f64>,
    col_min: Vec<f64>,
}

impl Prepared {
    pub fn fill(&mut self, p: &Problem) {
        let rows = p.stored_rows();
        let cols = p.cols;
        self.rows = rows;
        self.cols = cols;
        self.capacity.clear();
        self.capacity.extend((0..cols).map(|j| p.capacity_of(j)));
        self.col_bar.clear();
        self.col_bar.extend(
            self.capacity
                .iter()
                .map(|&c| if c > 0 { 0.0 } else { f64::INFINITY }),
        );
        let mut col_min = std::mem::take(&mut self.col_min);
        col_min.clear();
        col_min.resize(cols, f64::INFINITY);
        self.present.clear();
        let mut fractional = false;
        let mut pos_inf = false;
        let mut largest = 0.0f64;
        for i in 0..rows {
            let row = row_slice(p, i);
            let scan = scan_row(row, &self.col_bar, &mut col_min);
            fractional |= scan.fractional;
            pos_inf |= scan.pos_inf;
            largest = largest.max(scan.largest);
            if scan.any {
                self.present.push(i as u32);
            }
        }
        let col_has = |j: usize| col_min[j] < f64::INFINITY && self.capacity[j] > 0;
        self.usable.clear();
        self.usable
            .extend((0..cols).filter(|&j| col_has(j)).map(|j| j as u32));
        let n_cap = u32::try_from(self.present.len()).unwrap_or(u32::MAX);
        self.cap.clear();
        self.cap.extend((0..cols).map(|j| {
            if col_has(j) {
                self.capacity[j].min(n_cap)
            } else {
                0
            }
        }));
        self.cap.push(0);
        self.col_min = col_min;

        let huge = largest > 2f64.powi(MAX_EXPONENT);
        let short = rows * cols > p.score.len();
        self.exact = !fractional && largest <= LIMIT;
        self.copied = short || pos_inf || huge;
        self.scale = if huge { scale_for(largest) } else { 1.0 };
        self.largest = largest * self.scale;
        self.copy.clear();
        if self.copied {
            let scale = self.scale;
            self.copy.resize(rows * cols, f64::NAN);
            for (i, out) in self
                .copy
                .chunks_exact_mut(cols.max(1))
                .enumerate()
                .take(rows)
            {
                let row = row_slice(p, i);
                for (o, &s) in out.iter_mut().zip(row) {
                    *o = if s.abs() < f64::INFINITY {
                        s * scale
                    } else {
                        f64::NAN
                    };
                }
            }
        }
    }

    /// The `rows × cols` scores the solver reads.
    #[inline]
    pub fn data<'a>(&'a self, p: &Problem<'a>) -> &'a [f64] {
        if self.copied {
            &self.copy
        } else {
            &p.score[..self.rows * self.cols]
        }
    }
}

super::simd::multiversion! {
    fn scan_row(row: &[f64], col_bar: &[f64], col_min: &mut [f64]) -> RowScan = scan_row_lanes;
}

/// What a sweep over one row found.
struct RowScan {
    /// The row has an allowed pair.
    any: bool,
    /// It holds a finite score that is not a whole number (or too large to tell).
    fractional: bool,
    /// It holds a `+inf`.
    pos_inf: bool,
    /// Its largest finite magnitude.
    largest: f64,
}

/// Folds one row into the per-column smallest magnitudes `col_min` (finite there means the
/// column has an allowed pair; `+inf` and NaN never lower it), and checks its values.
/// `col_bar[j]` is 0 for a column with capacity and `+inf` for one without. One sweep of plain
/// `f64` comparisons and arithmetic over lanes of four, with one running value per lane and
/// nothing that depends on the lane's position, so that it vectorises: this is the solver's
/// first read of the scores, and on easy problems a large share of the whole solve.
#[inline(always)]
fn scan_row_lanes(row: &[f64], col_bar: &[f64], col_min: &mut [f64]) -> RowScan {
    const LANES: usize = 4;
    let n = row.len();
    let split = n - n % LANES;
    let (col_bar, col_min) = (&col_bar[..n], &mut col_min[..n]);
    let mut reach = [f64::INFINITY; LANES];
    let mut frac = [0.0f64; LANES];
    let mut big = [0.0f64; LANES];
    let mut top = [f64::NEG_INFINITY; LANES];
    // Written so that NaN (and the NaN that ±inf gives in `f`) never changes a running value.
    let fold = |s: f64,
                bar: f64,
                m: &mut f64,
                reach: &mut f64,
                frac: &mut f64,
                big: &mut f64,
                top: &mut f64| {
        let a = s.abs();
        // `min`, not a comparison and a choice, which compiles to a slow masked store.
        *m = m.min(a);
        let r = a + bar;
        *reach = if r < *reach { r } else { *reach };
        // 0 for a whole number below 2⁵¹, NaN for ±inf and NaN, else not 0.
        let f = (((a + ROUNDER) - ROUNDER) - a).abs();
        *frac = if f > *frac { f } else { *frac };
        let finite = if a < f64::INFINITY { a } else { 0.0 };
        *big = if finite > *big { finite } else { *big };
        *top = if s > *top { s } else { *top };
    };
    for ((sc, bc), mc) in row[..split]
        .chunks_exact(LANES)
        .zip(col_bar[..split].chunks_exact(LANES))
        .zip(col_min[..split].chunks_exact_mut(LANES))
    {
        for l in 0..LANES {
            fold(
                sc[l],
                bc[l],
                &mut mc[l],
                &mut reach[l],
                &mut frac[l],
                &mut big[l],
                &mut top[l],
            );
        }
    }
    for j in split..n {
        fold(
            row[j],
            col_bar[j],
            &mut col_min[j],
            &mut reach[0],
            &mut frac[0],
            &mut big[0],
            &mut top[0],
        );
    }
    RowScan {
        any: reach.iter().any(|&x| x < f64::INFINITY),
        fractional: frac.iter().any(|&x| x > 0.0),
        pos_inf: top.contains(&f64::INFINITY),
        largest: big.iter().fold(0.0, |m, &x| m.max(x)),
    }
}

/// The stored part of row `i` (shorter than `cols` if `score` is short).
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
