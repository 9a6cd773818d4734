//! Summary figures of a matching: the distribution of pair scores, the mean of each criterion,
//! and the same per identity group of mentees.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use statrs::statistics::{Accumulate, Data, Distribution, Max, Min, OnlineMean, OrderStatistics};

use crate::criteria::{self, CRITERIA};
use crate::matching::Matching;
use crate::matching::pair_steps::PairSteps;
use crate::matching::scoring::{CRITERION_STEPS, ScoreTable};
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
        let steps = PairSteps::read(table, &matching.pairs);
        Summary::grouped(&Groups::of(pool), &steps, matching)
    }

    /// [`Summary::of`] with the pool's groups worked out already and the criteria of the
    /// matching's pairs read: a few passes over the pairs and one over the unmatched.
    pub fn grouped(groups: &Groups, steps: &PairSteps, matching: &Matching) -> Summary {
        let n = matching.pairs.len();
        let unit = f64::from(CRITERION_STEPS);
        let mut sums = [0f64; criteria::N];
        // Each criterion summed in pair order, as `ScoreTable::criteria` gives it (steps / unit).
        for p in &matching.pairs {
            for (s, &v) in sums.iter_mut().zip(steps.of(p)) {
                *s += f64::from(v) / unit;
            }
        }
        let criteria_mean = CRITERIA
            .iter()
            .zip(sums)
            .map(|(c, s)| (c.key, if n > 0 { s / n as f64 } else { f64::NAN }))
            .collect();

        let mut figures: Vec<GroupFigures> =
            groups.names.iter().map(|_| Default::default()).collect();
        for p in &matching.pairs {
            for &g in groups.of_mentee(p.mentee) {
                figures[g as usize].add(p.score);
            }
        }
        for &(i, why) in &matching.unmatched {
            if why != crate::matching::Reason::Ineligible {
                for &g in groups.of_mentee(i) {
                    figures[g as usize].left += 1;
                }
            }
        }
        // A name listed twice (an identity written `none`) is one key: the last one counts, as
        // when each group was inserted in turn.
        let groups = groups
            .names
            .iter()
            .zip(figures)
            .map(|(name, f)| (name.clone(), f.summary()))
            .collect();
        let scores: Vec<f64> = matching.pairs.iter().map(|p| p.score).collect();
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

/// One group's figures as the pairs are read: what [`Stats::of`] gives of the group's scores
/// (its mean as statrs computes it, in pair order, and its lowest), without a copy.
#[derive(Default)]
struct GroupFigures {
    left: usize,
    mean: OnlineMean,
    min: Option<f64>,
}

impl GroupFigures {
    fn add(&mut self, score: f64) {
        self.mean = std::mem::take(&mut self.mean).push(score);
        // statrs's `min`: a NaN sticks.
        self.min = Some(match self.min {
            Some(m) if !(score < m || score.is_nan()) => m,
            _ => score,
        });
    }

    fn summary(self) -> GroupSummary {
        let matched = self.mean.count as usize;
        GroupSummary {
            eligible: matched + self.left,
            matched,
            mean: self.mean.mean().unwrap_or(f64::NAN),
            min: self.min.unwrap_or(f64::NAN),
        }
    }
}

/// The identity groups of a pool's mentees ([`group_names`]) and who is in each
/// ([`in_group`]), worked out once per pool: every summary of its matchings reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// [`group_names`] of the pool.
    pub names: Vec<String>,
    /// Mentee `i`'s groups (indices into `names`, ascending) are `members[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    members: Vec<u32>,
}

impl Groups {
    /// The groups of `pool`'s mentees.
    pub fn of(pool: &Pool) -> Groups {
        let names = group_names(pool);
        let mut at: HashMap<&str, Vec<u32>> = HashMap::new();
        for (g, name) in names.iter().enumerate() {
            at.entry(name.as_str()).or_default().push(g as u32);
        }
        let mut starts = Vec::with_capacity(pool.mentees.len() + 1);
        let mut members = Vec::new();
        starts.push(0);
        for m in &pool.mentees {
            let mut mine: Vec<u32> = if m.identities.is_empty() {
                at.get(NO_IDENTITY).into_iter().flatten().copied().collect()
            } else {
                // `in_group`: the group `none` is the mentees without an identity only.
                let named = m.identities.iter().filter(|i| *i != NO_IDENTITY);
                named
                    .filter_map(|i| at.get(i.as_str()))
                    .flatten()
                    .copied()
                    .collect()
            };
            mine.sort_unstable();
            mine.dedup();
            members.extend(mine);
            starts.push(members.len() as u32);
        }
        Groups {
            names,
            starts,
            members,
        }
    }

    /// The groups mentee `i` is in (indices into `names`, ascending).
    pub fn of_mentee(&self, i: usize) -> &[u32] {
        &self.members[self.starts[i] as usize..self.starts[i + 1] as usize]
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
    use crate::embedded;

    /// The groups' figures as the summary first made them: each group's scores gathered by
    /// [`in_group`] and given to [`Stats::of`].
    fn groups_one_by_one(pool: &Pool, matching: &Matching) -> BTreeMap<String, GroupSummary> {
        let mut groups = BTreeMap::new();
        for name in group_names(pool) {
            let scores: Vec<f64> = (matching.pairs.iter())
                .filter(|p| in_group(pool, &name, p.mentee))
                .map(|p| p.score)
                .collect();
            let left = (matching.unmatched.iter())
                .filter(|(i, r)| {
                    *r != crate::matching::Reason::Ineligible && in_group(pool, &name, *i)
                })
                .count();
            let stats = Stats::of(&scores);
            let g = GroupSummary {
                eligible: scores.len() + left,
                matched: scores.len(),
                mean: stats.mean,
                min: stats.min,
            };
            groups.insert(name, g);
        }
        groups
    }

    #[test]
    fn groups_in_one_pass_are_the_groups_one_by_one() {
        let pool = embedded::sample_pool();
        let families = crate::criteria::specialty::builtin();
        for profile in [embedded::fall_profile(), embedded::pilot_profile()] {
            let table = ScoreTable::build(&pool, &profile.params, families);
            let m = crate::matching::solve(&pool, &table, &profile).unwrap();
            let summary = Summary::of(&pool, &table, &m);
            // Text compares NaN means (a group without pairs) and every bit of the others.
            let (got, want) = (summary.groups, groups_one_by_one(&pool, &m));
            assert_eq!(format!("{got:?}"), format!("{want:?}"));
            let groups = Groups::of(&pool);
            for (i, mentee) in pool.mentees.iter().enumerate() {
                let named: Vec<&str> = groups
                    .of_mentee(i)
                    .iter()
                    .map(|&g| groups.names[g as usize].as_str())
                    .collect();
                let want: Vec<&str> = (groups.names.iter())
                    .filter(|n| in_group(&pool, n, i))
                    .map(String::as_str)
                    .collect();
                assert_eq!(named, want, "{}", mentee.id);
            }
        }
    }

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
