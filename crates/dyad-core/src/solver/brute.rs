//! Exhaustive reference solver for tiny problems.

use super::problem::{Problem, Solution};

/// Tries every assignment (each row: unassigned or any allowed column with capacity left) and
/// keeps the first best one by (rows assigned, total score). Exponential: for tests and
/// cross-checks on a handful of rows only. Iterative, so it never overflows the stack.
pub fn brute_force(p: &Problem) -> Solution {
    let rows = p.rows;
    let cols = p.cols;
    let mut left: Vec<u32> = (0..cols).map(|j| p.capacity_of(j)).collect();
    let mut cur: Vec<Option<usize>> = vec![None; rows];
    let mut next_option = vec![0usize; rows];
    let mut count = vec![0usize; rows + 1];
    let mut sum = vec![0.0f64; rows + 1];
    let mut best: Option<(usize, f64, Vec<Option<usize>>)> = None;
    let mut depth = 0;
    loop {
        if depth == rows {
            let better = match &best {
                None => true,
                Some((c, t, _)) => count[rows] > *c || (count[rows] == *c && sum[rows] > *t),
            };
            if better {
                best = Some((count[rows], sum[rows], cur.clone()));
            }
            if depth == 0 {
                break;
            }
            depth -= 1;
            continue;
        }
        if let Some(j) = cur[depth].take() {
            left[j] += 1;
        }
        let option = next_option[depth];
        // Prune branches that cannot reach the best cardinality found so far.
        let reachable = count[depth] + (rows - depth);
        if option > cols || best.as_ref().is_some_and(|b| reachable < b.0) {
            next_option[depth] = 0;
            if depth == 0 {
                break;
            }
            depth -= 1;
            continue;
        }
        next_option[depth] = option + 1;
        if option == 0 {
            count[depth + 1] = count[depth];
            sum[depth + 1] = sum[depth];
            depth += 1;
        } else if let Some(s) = p
            .score_of(depth, option - 1)
            .filter(|_| left[option - 1] > 0)
        {
            left[option - 1] -= 1;
            cur[depth] = Some(option - 1);
            count[depth + 1] = count[depth] + 1;
            sum[depth + 1] = sum[depth] + s;
            depth += 1;
        }
    }
    match best {
        Some((_, _, assignment)) => Solution::from_assignment(p, assignment),
        None => Solution::empty(rows),
    }
}
