//! Summary figures of a matching: the distribution of pair scores, the mean of each criterion,
//! and the same per identity group of mentees.

use std::collections::BTreeMap;

use serde::Serialize;
use statrs::statistics::{Data, Distribution, Max, Min, OrderStatistics};

use crate::criteria::{self, CRITERIA};
use crate::matching::Matching;
use crate::matching::scoring::ScoreTable;
use crate::pool::Pool;

/// The group of mentees who list no identity.
pub const NO_IDENTITY: &str = "none";

/// Distribution of a set of pair scores. Figures of an empty set are NaN (`null` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stats {
    /// Sum of the scores.
    pub total: f64,
    /// Mean score.
    pub mean: f64,
    /// Median score.
    pub median: f64,
    /// Lowest score.
    pub min: f64,
    /// Highest score.
    pub max: f64,
    /// 10th percentile: a tenth of the pairs score lower.
    pub p10: f64,
    /// 90th percentile: a tenth of the pairs score higher.
    pub p90: f64,
    /// Sample standard deviation (0 for a single pair).
    pub std: f64,
}

impl Stats {
    /// The distribution of `scores` (each 0–100).
    pub fn of(scores: &[f64]) -> Stats {
        if scores.is_empty() {
            return Stats {
                total: 0.0,
                mean: f64::NAN,
                median: f64::NAN,
                min: f64::NAN,
                max: f64::NAN,
                p10: f64::NAN,
                p90: f64::NAN,
                std: f64::NAN,
            };
        }
        let mut data = Data::new(scores.to_vec());
        Stats {
            total: scores.iter().sum(),
            mean: data.mean().unwrap_or(f64::NAN),
            median: data.median(),
            min: data.min(),
            max: data.max(),
            p10: data.percentile(10),
            p90: data.percentile(90),
            std: if scores.len() > 1 {
                data.std_dev().unwrap_or(f64::NAN)
            } else {
                0.0
            },
        }
    }
}

/// How one identity group of mentees fares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupSummary {
    /// Eligible mentees in the group.
    pub eligible: usize,
    /// Of them, how many have a mentor.
    pub matched: usize,
    /// Mean pair score of the group's matched mentees.
    pub mean: f64,
    /// Lowest pair score in the group.
    pub min: f64,
}

impl crate::privacy::GroupSize for GroupSummary {
    fn eligible(&self) -> usize {
        self.eligible
    }
}

/// What a council reads of a matching: counts, the score distribution, each criterion's
/// mean and each identity group's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Mentees eligible under the profile.
    pub eligible: usize,
    /// Mentees matched, pinned ones included.
    pub matched: usize,
    /// Eligible mentees left without a mentor.
    pub unmatched: usize,
    /// The distribution of the pair scores (0–100).
    #[serde(flatten)]
    pub stats: Stats,
    /// Mean score (0–1) of each criterion over the matched pairs, by key.
    pub criteria_mean: BTreeMap<&'static str, f64>,
    /// Per identity value present among the mentees, plus `none`.
    pub groups: BTreeMap<String, GroupSummary>,
}

impl Summary {
    /// The summary of `matching`, with criterion means read from `table`.
    pub fn of(pool: &Pool, table: &ScoreTable, matching: &Matching) -> Summary {
        let scores: Vec<f64> = matching.pairs.iter().map(|p| p.score).collect();
        let mut sums = [0f64; criteria::N];
        for p in &matching.pairs {
            for (s, v) in sums.iter_mut().zip(table.criteria(p.mentee, p.mentor)) {
                *s += v;
            }
        }
        let n = matching.pairs.len();
        let criteria_mean = CRITERIA
            .iter()
            .zip(sums)
            .map(|(c, s)| (c.key, if n > 0 { s / n as f64 } else { f64::NAN }))
            .collect();

        let names = group_names(pool);
        let eligible_unmatched = matching
            .unmatched
            .iter()
            .filter(|(_, r)| *r != crate::matching::Reason::Ineligible)
            .map(|(i, _)| *i);
        let mut groups = BTreeMap::new();
        for name in names {
            let in_group = |i: usize| in_group(pool, &name, i);
            let group_scores: Vec<f64> = matching
                .pairs
                .iter()
                .filter(|p| in_group(p.mentee))
                .map(|p| p.score)
                .collect();
            let left = eligible_unmatched.clone().filter(|&i| in_group(i)).count();
            let stats = Stats::of(&group_scores);
            groups.insert(
                name.clone(),
                GroupSummary {
                    eligible: group_scores.len() + left,
                    matched: group_scores.len(),
                    mean: stats.mean,
                    min: stats.min,
                },
            );
        }

        Summary {
            eligible: matching.eligible,
            matched: n,
            unmatched: matching.eligible - n,
            stats: Stats::of(&scores),
            criteria_mean,
            groups,
        }
    }
}

/// The identity groups a summary reports on: every identity present among the mentees, then
/// [`NO_IDENTITY`].
pub fn group_names(pool: &Pool) -> Vec<String> {
    let mut names = pool.identity_groups();
    names.push(NO_IDENTITY.to_string());
    names
}

/// Whether a mentee belongs to a group named by [`group_names`].
pub fn in_group(pool: &Pool, group: &str, mentee: usize) -> bool {
    let ids = &pool.mentees[mentee].identities;
    if group == NO_IDENTITY {
        ids.is_empty()
    } else {
        ids.iter().any(|i| i == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_known_values() {
        let s = Stats::of(&[10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(s.total, 150.0);
        assert_eq!(s.mean, 30.0);
        assert_eq!(s.median, 30.0);
        assert_eq!(s.min, 10.0);
        assert_eq!(s.max, 50.0);
        assert!(s.p10 >= 10.0 && s.p10 < 20.0, "{}", s.p10);
        assert!(s.p90 > 40.0 && s.p90 <= 50.0, "{}", s.p90);
        assert!((s.std - 250f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn stats_of_nothing_and_of_one() {
        let s = Stats::of(&[]);
        assert!(s.mean.is_nan() && s.median.is_nan());
        assert_eq!(s.total, 0.0);
        let s = Stats::of(&[42.0]);
        assert_eq!((s.mean, s.min, s.std), (42.0, 42.0, 0.0));
    }
}
