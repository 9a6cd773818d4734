//! What of a [`Problem`] takes part in the solve, and where its scores are read from.
//!
//! A row takes part ("present") when it has an allowed pair with a column of capacity > 0; a
//! column is "usable" when it has capacity > 0 and an allowed pair. Everything else is
//! necessarily unassigned and is skipped by every later phase.
//!
//! The solver works in exact arithmetic: every score it reads is an integer of magnitude at most
//! [`LIMIT`] (2⁴⁴), so every dual variable, reduced cost and path length it computes is an
//! integer well inside the range where `f64` arithmetic is exact. That is what makes ties real
//! ties, and so lets the final pass (`canonical.rs`) pick the same optimum whatever the path to
//! it (a cold solve, or a warm re-solve from another optimum).
//!
//! When the caller's scores already are such integers (dyad's own pair scores are: see
//! [`crate::scoring`]), the solver reads them straight from the caller's row-major slice: the
//! cost of a pair is `−score`, and NaN and `−inf` already behave as "never better" in every
//! comparison it makes. Otherwise — fractional scores, a `+inf`, magnitudes above [`LIMIT`], or a
//! `score` slice shorter than `rows × cols` — a copy is made in which every finite score is
//! multiplied by the power of two `2^e` that brings the largest magnitude just under [`LIMIT`]
//! and rounded to the nearest integer (non-finite scores become NaN). That rounding is at most
//! `2^−45` of the largest magnitude per pair, far below anything the input can mean; the
//! solution's `total` is summed from the caller's own scores.
//!
//! Column `cols` is the virtual "unmatched" column: cost 0 for every present row, capacity set
//! once the maximum cardinality is known (see [`crate::solver`]).

use super::problem::Problem;

/// Largest magnitude of the integer scores the solver works on.
pub(super) const LIMIT: f64 = (1u64 << 44) as f64;

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
    /// Scores are read from `copy` instead of the problem.
    pub copied: bool,
    pub copy: Vec<f64>,
    /// Scores were multiplied by this power of two (and rounded) in `copy`.
    pub scale: f64,
    col_ok: Vec<bool>,
    col_has: Vec<bool>,
}

impl Prepared {
    pub fn fill(&mut self, p: &Problem) {
        let rows = p.stored_rows();
        let cols = p.cols;
        self.rows = rows;
        self.cols = cols;
        self.col_ok.clear();
        self.col_ok.extend((0..cols).map(|j| p.capacity_of(j) > 0));
        let mut col_has = std::mem::take(&mut self.col_has);
        col_has.clear();
        col_has.resize(cols, false);
        self.present.clear();
        let mut unsafe_values = false;
        for i in 0..rows {
            let row = row_slice(p, i);
            let (any, odd) = scan_row(row, &self.col_ok, &mut col_has);
            unsafe_values |= odd;
            if any {
                self.present.push(i as u32);
            }
        }
        self.usable.clear();
        self.usable
            .extend((0..cols).filter(|&j| col_has[j]).map(|j| j as u32));
        let n_cap = u32::try_from(self.present.len()).unwrap_or(u32::MAX);
        self.cap.clear();
        self.cap.extend((0..cols).map(|j| {
            if col_has[j] {
                p.capacity_of(j).min(n_cap)
            } else {
                0
            }
        }));
        self.cap.push(0);
        self.col_has = col_has;

        let short = rows * cols > p.score.len();
        self.copied = short || unsafe_values;
        self.scale = if unsafe_values {
            scale_for(max_abs(p))
        } else {
            1.0
        };
        self.copy.clear();
        if self.copied {
            let scale = self.scale;
            for i in 0..rows {
                let row = row_slice(p, i);
                self.copy.extend(row.iter().map(|&s| {
                    if s.is_finite() {
                        (s * scale + ROUNDER) - ROUNDER
                    } else {
                        f64::NAN
                    }
                }));
                self.copy.resize((i + 1) * cols, f64::NAN);
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

/// Marks the columns that row has an allowed pair with; returns whether it has any, and whether
/// it holds a `+inf`, or a finite score that is not an integer of magnitude at most [`LIMIT`].
#[inline]
fn scan_row(row: &[f64], col_ok: &[bool], col_has: &mut [bool]) -> (bool, bool) {
    let mut any = 0u8;
    let mut odd = 0u8;
    for ((&s, &ok), has) in row.iter().zip(col_ok).zip(col_has.iter_mut()) {
        let a = s.abs();
        let finite = u8::from(a < f64::INFINITY);
        let allowed = finite & u8::from(ok);
        any |= allowed;
        *has |= allowed != 0;
        // For |s| ≤ LIMIT the rounding trick is exact, so this tests integrality.
        let integral = u8::from(a <= LIMIT) & u8::from((a + ROUNDER) - ROUNDER == a);
        odd |= u8::from(s == f64::INFINITY) | (finite & (integral ^ 1));
    }
    (any != 0, odd != 0)
}

/// Largest finite score magnitude.
fn max_abs(p: &Problem) -> f64 {
    p.score
        .iter()
        .filter(|s| s.is_finite())
        .fold(0.0, |m, s| m.max(s.abs()))
}

/// The stored part of row `i` (shorter than `cols` if `score` is short).
fn row_slice<'a>(p: &Problem<'a>, i: usize) -> &'a [f64] {
    let start = (i * p.cols).min(p.score.len());
    let end = (start + p.cols).min(p.score.len());
    &p.score[start..end]
}

/// The largest power of two `2^e` with `max_abs · 2^e ≤ LIMIT` (1 when nothing is finite).
fn scale_for(max_abs: f64) -> f64 {
    if max_abs == 0.0 || !max_abs.is_finite() {
        return 1.0;
    }
    let mut e = (LIMIT / max_abs).log2().floor() as i32;
    // `log2` may be off by one ulp near powers of two; settle it exactly.
    while e > -1074 && max_abs * pow2(e) > LIMIT {
        e -= 1;
    }
    while e < 1023 && max_abs * pow2(e + 1) <= LIMIT {
        e += 1;
    }
    pow2(e)
}

/// `2^e` for `−1074 ≤ e ≤ 1023`, exactly.
fn pow2(e: i32) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}
