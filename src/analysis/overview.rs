//! Figures the council's screens show beside the pairs: each mentor's load, the worst pair, the
//! identity groups with an overall row first, and both sides of a comparison on one yardstick
//! ([`Overview`]).

use serde::Serialize;

use crate::analysis::compare::rescored;
use crate::analysis::measures::{Coverage, Measures, PairFacts, eligible_in, loads};
use crate::analysis::summary::{group_names, in_group};
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::engine::Evaluation;
use crate::matching::{Matching, Pair, capacities};
use crate::pool::Pool;
use crate::privacy::{Shown, SmallCells};

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
    lowest(matching.pairs.iter())
}

/// The pair with the lowest score among some, the first mentee among equals.
fn lowest<'a>(pairs: impl Iterator<Item = &'a Pair>) -> Option<Pair> {
    pairs
        .min_by(|a, b| a.score.total_cmp(&b.score).then(a.mentee.cmp(&b.mentee)))
        .copied()
}

/// The name of the overall row of [`group_rows`].
pub const ALL: &str = "all";

/// How one identity group of mentees (or all of them) fares in one matching: a row of the
/// groups view.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The group's name as in [`group_names`]; [`ALL`] for the overall row.
    pub name: String,
    /// Eligible mentees: the matched ones and those unmatched for a reason other than
    /// eligibility.
    pub eligible: usize,
    pub matched: usize,
    /// Mean score of the group's pairs; NaN without pairs.
    pub mean: f64,
    /// The group's lowest-scoring pair (the first mentee among equals).
    pub worst: Option<Pair>,
    /// The identities the group's matched mentees asked their mentor to share, and how many of
    /// them their mentors have.
    pub identity_requests: Coverage,
}

impl GroupRow {
    /// The row as it may be shown: a group under k eligible mentees only as suppressed, its
    /// worst pair included. The overall row is never suppressed by itself: it counts the whole
    /// pool, whose every pair the matches table shows anyway.
    pub fn shown(&self, cells: SmallCells) -> Shown<&GroupRow> {
        if self.name == ALL {
            Shown::Shown(self)
        } else {
            cells.figure(self.eligible, self)
        }
    }
}

/// The overall row (named [`ALL`], over every eligible mentee) and then each identity group in
/// the order of [`group_names`], of a matching; the scores are those the matching's pairs carry
/// (rescore a baseline on the yardstick first: [`crate::analysis::compare::rescored`]).
pub fn group_rows(pool: &Pool, families: &SpecialtyFamilies, matching: &Matching) -> Vec<GroupRow> {
    let facts = PairFacts::of_matching(pool, families, matching);
    let pairs: Vec<(&Pair, &PairFacts)> = matching.pairs.iter().zip(&facts).collect();
    let all = row(ALL.to_string(), matching.eligible, pairs.clone());
    let groups = group_names(pool).into_iter().map(|name| {
        let eligible = eligible_in(pool, matching, &name);
        let mine = pairs
            .iter()
            .copied()
            .filter(|(p, _)| in_group(pool, &name, p.mentee))
            .collect();
        row(name, eligible, mine)
    });
    std::iter::once(all).chain(groups).collect()
}

fn row(name: String, eligible: usize, pairs: Vec<(&Pair, &PairFacts)>) -> GroupRow {
    let matched = pairs.len();
    let sum: f64 = pairs.iter().map(|(p, _)| p.score).sum();
    GroupRow {
        name,
        eligible,
        matched,
        mean: if matched > 0 {
            sum / matched as f64
        } else {
            f64::NAN
        },
        worst: lowest(pairs.iter().map(|(p, _)| *p)),
        identity_requests: pairs.iter().map(|(_, f)| f.identity_requests).sum(),
    }
}

/// One side of a comparison as the council's screens show it, every score on the yardstick:
/// the weight-free measures over the pool, the groups (the overall row first) and each
/// mentor's load.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Without per-group measures (see [`Measures::overall`]).
    pub measures: Measures,
    pub groups: Vec<GroupRow>,
    /// In mentor order.
    pub loads: Vec<MentorLoad>,
}

impl Side {
    /// `ev`'s matching as `yardstick` scores it (its weights and criterion parameters; its
    /// in-person limit for `within_in_person_km`); capacities are those of `ev`'s own profile.
    pub fn of(pool: &Pool, ev: &Evaluation, yardstick: &Evaluation) -> Side {
        let matching = rescored(&ev.matching, yardstick);
        let capacity = capacities(pool, &ev.profile);
        let limit = yardstick.profile.constraints.in_person_max_km;
        Side {
            measures: Measures::overall(pool, &ev.families, &matching, &capacity, limit),
            groups: group_rows(pool, &ev.families, &matching),
            loads: mentor_loads(&matching, &capacity),
        }
    }
}

/// A baseline and the current matching side by side, both on the current one's yardstick.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub now: Side,
    pub baseline: Side,
}

impl Overview {
    /// `baseline` and `now` (evaluations of the same pool), both measured with `now`'s profile:
    /// a pair that did not change scores the same on both sides.
    pub fn of(pool: &Pool, baseline: &Evaluation, now: &Evaluation) -> Overview {
        Overview {
            now: Side::of(pool, now, now),
            baseline: Side::of(pool, baseline, now),
        }
    }
}

#[cfg(test)]
#[path = "overview_tests.rs"]
mod tests;
