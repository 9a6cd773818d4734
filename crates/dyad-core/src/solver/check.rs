//! Verification of a solution: validity, maximum cardinality and, given duals, optimality.

use super::cardinality::Matcher;
use super::prepare::Prepared;
use super::problem::{Duals, Problem, Solution};

/// Checks that `s` is a valid solution of `p` and, as far as it can prove, an optimal one.
///
/// Always: one entry per row, each column used at most `capacity` times, no forbidden pair,
/// `matched` and `total` agreeing with the assignment, and `matched` equal to the maximum
/// cardinality. When `s.duals` is present, also the optimality certificate described in
/// [`crate::solver`] (up to a rounding tolerance relative to the score magnitudes).
pub fn check_optimal(p: &Problem, s: &Solution) -> Result<(), String> {
    if s.assignment.len() != p.rows {
        return Err(format!(
            "assignment has {} rows, problem {}",
            s.assignment.len(),
            p.rows
        ));
    }
    let mut used = vec![0u64; p.cols];
    let mut total = 0.0;
    let mut matched = 0;
    for (i, a) in s.assignment.iter().enumerate() {
        let Some(j) = *a else { continue };
        if j >= p.cols {
            return Err(format!("row {i} assigned to column {j} of {}", p.cols));
        }
        let Some(score) = p.score_of(i, j) else {
            return Err(format!("row {i} assigned to forbidden column {j}"));
        };
        used[j] += 1;
        if used[j] > u64::from(p.capacity_of(j)) {
            return Err(format!("column {j} over capacity {}", p.capacity_of(j)));
        }
        total += score;
        matched += 1;
    }
    if matched != s.matched {
        return Err(format!(
            "matched is {} but {matched} rows are assigned",
            s.matched
        ));
    }
    let scale = magnitude(p);
    if (total - s.total).abs() > 1e-9 * scale * (1 + matched) as f64 {
        return Err(format!("total is {} but the pairs sum to {total}", s.total));
    }
    let mut prep = Prepared::default();
    prep.fill(p);
    let k = Matcher::default().max_cardinality(&prep, prep.data(p));
    if matched != k {
        return Err(format!("{matched} rows assigned, but {k} can be"));
    }
    match &s.duals {
        Some(d) => check_duals(p, s, d, &prep, k, &used),
        None => Ok(()),
    }
}

/// Largest score magnitude (at least 1), for tolerances.
fn magnitude(p: &Problem) -> f64 {
    p.score
        .iter()
        .filter(|&&x| super::problem::is_allowed(x))
        .fold(1.0f64, |a, x| a.max(x.abs()))
}

/// Dual feasibility and complementary slackness, in maximisation form.
fn check_duals(
    p: &Problem,
    s: &Solution,
    d: &Duals,
    prep: &Prepared,
    k: usize,
    used: &[u64],
) -> Result<(), String> {
    if d.row.len() != p.rows || d.col.len() != p.cols {
        return Err("duals have the wrong length".into());
    }
    let n = prep.present.len();
    let tol = 1e-9 * magnitude(p) * (4 + n + prep.usable.len()) as f64;
    let has_dummy = n > k;
    for &i in &prep.present {
        let i = i as usize;
        let y = d.row[i];
        for &j in &prep.usable {
            let j = j as usize;
            let Some(score) = p.score_of(i, j) else {
                continue;
            };
            let slack = y + d.col[j] - score;
            if slack < -tol {
                return Err(format!(
                    "pair ({i}, {j}) violates dual feasibility by {slack}"
                ));
            }
            if s.assignment[i] == Some(j) && slack > tol {
                return Err(format!("assigned pair ({i}, {j}) has slack {slack}"));
            }
        }
        if has_dummy {
            let slack = y + d.unmatched;
            if slack < -tol || (s.assignment[i].is_none() && slack > tol) {
                return Err(format!(
                    "row {i} has slack {slack} against the unmatched column"
                ));
            }
        }
    }
    // Columns with spare capacity must carry the smallest column dual.
    let mut min = if has_dummy {
        d.unmatched
    } else {
        f64::INFINITY
    };
    for &j in &prep.usable {
        min = min.min(d.col[j as usize]);
    }
    for &j in &prep.usable {
        let j = j as usize;
        let cap = u64::from(p.capacity_of(j)).min(n as u64);
        if used[j] < cap && d.col[j] > min + tol {
            return Err(format!(
                "column {j} has spare capacity but dual {} > {min}",
                d.col[j]
            ));
        }
    }
    Ok(())
}
