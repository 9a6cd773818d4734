//! Figures the council's screens show beside the pairs: each mentor's load, the worst pair, and
//! the identity groups with an overall row first.

use serde::Serialize;

use crate::analysis::measures::loads;
use crate::analysis::summary::{GroupSummary, Summary};
use crate::matching::{Matching, Pair};

/// One mentor's use in a matching.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MentorLoad {
    pub mentor: usize,
    /// Mentees matched to the mentor.
    pub load: usize,
    /// The mentor's capacity under the matching's profile.
    pub capacity: u32,
    /// Mean score of the mentor's pairs; `None` for an idle mentor.
    pub mean_score: Option<f64>,
}

/// Every mentor's load, capacity and mean pair score, in mentor order.
pub fn mentor_loads(matching: &Matching, capacity: &[u32]) -> Vec<MentorLoad> {
    let load = loads(matching, capacity.len());
    let mut sums = vec![0.0; capacity.len()];
    for p in &matching.pairs {
        sums[p.mentor] += p.score;
    }
    (0..capacity.len())
        .map(|j| MentorLoad {
            mentor: j,
            load: load[j],
            capacity: capacity[j],
            mean_score: (load[j] > 0).then(|| sums[j] / load[j] as f64),
        })
        .collect()
}

/// The pair with the lowest score (the first mentee among equals); `None` without pairs.
pub fn worst_pair(matching: &Matching) -> Option<Pair> {
    matching
        .pairs
        .iter()
        .min_by(|a, b| a.score.total_cmp(&b.score).then(a.mentee.cmp(&b.mentee)))
        .copied()
}

/// The name of the overall row of [`group_rows`].
pub const ALL: &str = "all";

/// The identity groups' figures with an overall row first (named [`ALL`], over every eligible
/// mentee), then each group in name order. The overall row is never small-cell suppressed by
/// itself: it counts the whole pool.
pub fn group_rows(summary: &Summary) -> Vec<(String, GroupSummary)> {
    let all = GroupSummary {
        eligible: summary.eligible,
        matched: summary.matched,
        mean: summary.stats.mean,
        min: summary.stats.min,
    };
    std::iter::once((ALL.to_string(), all))
        .chain(summary.groups.iter().map(|(k, g)| (k.clone(), *g)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::matching::{self, scoring::ScoreTable};

    #[test]
    fn loads_worst_pair_and_overall_row_on_the_sample() {
        let pool = embedded::sample_pool();
        let families = crate::criteria::specialty::builtin();
        let profile = embedded::fall_profile();
        let table = ScoreTable::build(&pool, &profile.params, families);
        let m = matching::solve(&pool, &table, &profile).unwrap();
        let capacity = matching::capacities(&pool, &profile);
        let all = mentor_loads(&m, &capacity);
        assert_eq!(all.iter().map(|l| l.load).sum::<usize>(), m.pairs.len());
        for l in &all {
            let mine = m.mentees_of(l.mentor);
            assert_eq!(l.load, mine.len());
            assert!(l.load as u32 <= l.capacity);
            match l.mean_score {
                None => assert!(mine.is_empty()),
                Some(s) => {
                    let sum: f64 = mine.iter().map(|&i| m.pair_of(i).unwrap().score).sum();
                    assert!((s - sum / mine.len() as f64).abs() < 1e-9);
                }
            }
        }
        let w = worst_pair(&m).unwrap();
        assert!(m.pairs.iter().all(|p| p.score >= w.score));
        let summary = crate::analysis::summary::Summary::of(&pool, &table, &m);
        assert_eq!(w.score, summary.stats.min);
        let rows = group_rows(&summary);
        assert_eq!(rows[0].0, ALL);
        assert_eq!(
            (rows[0].1.matched, rows[0].1.eligible),
            (m.pairs.len(), m.eligible)
        );
        assert_eq!(rows.len(), summary.groups.len() + 1);
        assert!(worst_pair(&Matching { pairs: vec![], ..m }).is_none());
    }
}
