//! Exporting the final match for the program: the pairs as a mail-merge CSV with the top
//! reasons each pair was made. (The Markdown report written beside it is the decision record,
//! [`crate::report::build`].)
//!
//! Only pseudonymous ids leave dyad: the coordinator maps ids to people outside it.

use crate::analysis::measures::PairFacts;
use crate::analysis::summary::Summary;
use crate::io::csvwrite::CsvOut;
use crate::matching::Matching;
use crate::matching::engine::Evaluation;
use crate::pool::Pool;
use crate::report::reasons;

/// Reasons given per pair.
pub const REASONS: usize = 3;

/// Each weight's share of their sum in whole percent, rounded by the largest-remainder method
/// so that the shares shown add up to exactly 100 (each is its exact share rounded down, and the
/// points left go to the largest remainders, ties in criterion order). All 0 when no weight is
/// above 0.
pub fn percent_shares(weights: &[f64]) -> Vec<u32> {
    let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if total <= 0.0 || !total.is_finite() {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| 100.0 * w.max(0.0) / total).collect();
    let mut shares: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let left = 100u32.saturating_sub(shares.iter().sum());
    let mut order: Vec<usize> = (0..weights.len()).filter(|&i| exact[i] > 0.0).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(left as usize) {
        shares[i] += 1;
    }
    shares
}

/// One exported pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// The pair's score, 0 to 100.
    pub score: f64,
    /// (criterion, points), largest first, only criteria that discriminate for the mentee
    /// ([`crate::report::reasons`]).
    pub reasons: Vec<(usize, f64)>,
    /// Each reason in words ("12 km apart", "covers 2 of 3 goals").
    pub texts: Vec<String>,
}

/// The pairs of a matching, by mentee, with their top reasons.
pub fn rows(ev: &Evaluation) -> Vec<ExportRow> {
    ev.matching
        .pairs
        .iter()
        .map(|p| {
            let reasons = reasons::top_reasons(ev, p.mentee, p.mentor, REASONS);
            let facts = PairFacts::of(&ev.pool, &ev.families, p.mentee, p.mentor);
            ExportRow {
                mentee: p.mentee,
                mentor: p.mentor,
                score: p.score,
                texts: reasons
                    .iter()
                    .map(|(k, _)| reasons::reason_text(*k, &facts))
                    .collect(),
                reasons,
            }
        })
        .collect()
}

/// The header of the pairs CSV.
pub const CSV_HEADER: [&str; 6] = [
    "mentee", "mentor", "score", "reason_1", "reason_2", "reason_3",
];

/// The pairs CSV: one row per pair, `mentee,mentor,score,reason_1,reason_2,reason_3`, the
/// score to one decimal and each reason in words (empty when fewer criteria tell the
/// mentee's mentors apart and add points). A mentor with several mentees has several rows, one letter each.
pub fn pairs_csv(pool: &Pool, ev: &Evaluation) -> String {
    let mut out = CsvOut::new();
    out.row(CSV_HEADER);
    for r in rows(ev) {
        let mut cells = vec![
            pool.mentees[r.mentee].id.clone(),
            pool.mentors[r.mentor].id.clone(),
            format!("{:.1}", r.score),
        ];
        for i in 0..REASONS {
            cells.push(r.texts.get(i).cloned().unwrap_or_default());
        }
        out.row(cells);
    }
    out.finish()
}

/// [`pairs_csv`] of another matching of the same pool and profile (a point of a re-match):
/// its summary and reasons worked out for those pairs.
pub fn matching_csv(pool: &Pool, ev: &Evaluation, matching: &Matching) -> String {
    let other = Evaluation {
        summary: Summary::of(pool, &ev.table, matching),
        matching: matching.clone(),
        ..ev.clone()
    };
    pairs_csv(pool, &other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::N;

    #[test]
    fn percent_shares_add_up_to_100() {
        // Three equal weights: 33.3% each; plain rounding shows 99%.
        assert_eq!(percent_shares(&[1.0, 1.0, 1.0]), [34, 33, 33]);
        // 12.5% × 8: plain rounding (half to even or up) does not give 100.
        let s = percent_shares(&[0.5; 8]);
        assert_eq!(s.iter().sum::<u32>(), 100);
        assert!(s.iter().all(|&x| x == 12 || x == 13), "{s:?}");
        // The largest remainder gets the point left: 66.67 → 67, 33.33 → 33.
        assert_eq!(percent_shares(&[0.6, 0.3]), [67, 33]);
        assert_eq!(percent_shares(&[0.0, 0.0]), [0, 0]);
        assert_eq!(percent_shares(&[0.0, 0.4]), [0, 100]);
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..500 {
            let w: Vec<f64> = (0..N)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if x.is_multiple_of(4) {
                        0.0
                    } else {
                        (x % 101) as f64 / 100.0
                    }
                })
                .collect();
            let s = percent_shares(&w);
            let total: f64 = w.iter().sum();
            if total > 0.0 {
                assert_eq!(s.iter().sum::<u32>(), 100, "{w:?}");
                for (share, wi) in s.iter().zip(&w) {
                    // Never more than one point from the exact share.
                    assert!(
                        (f64::from(*share) - 100.0 * wi / total).abs() < 1.0,
                        "{w:?}"
                    );
                }
            }
        }
    }
}
