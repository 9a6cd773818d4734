//! Weight-free measures of a matching: what the pairs are like in kilometres, goals covered,
//! identity requests met and so on, the same under any profile. They let the council compare
//! two matchings without taking either profile's weights on trust.
//!
//! [`PairFacts`] holds the quantities of one pair; [`Measures`] sums them over the matched pairs
//! of the pool and of each identity group (groups under the small-cell k are suppressed, as in
//! the summary). The JSON keys are those of the design's table: `matched`, `km_mean`,
//! `km_median`, `within_in_person_km`, `goals_covered`, `challenges_covered`,
//! `identity_requests_met`, `outside_system`, `same_specialty`, `same_family`, `hours_short`,
//! `mentors_idle`, `mentors_full`. A share of nothing (no pairs, no goals listed) is `None`
//! (`null`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::summary::{group_names, in_group};
use crate::criteria::geo::haversine_km;
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::engine::Evaluation;
use crate::matching::{Matching, Reason};
use crate::pool::Pool;
use crate::privacy::SmallCells;
use crate::profile::Profile;

/// How many of the items a mentee asked for the pair provides: `met` of `of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Coverage {
    /// Items the pair provides.
    pub met: usize,
    /// Items the mentee asked for.
    pub of: usize,
}

impl Coverage {
    /// Counts the items of `wanted` found in `offered` (sorted).
    pub fn of(wanted: &[String], offered: &[String]) -> Coverage {
        Coverage {
            met: wanted
                .iter()
                .filter(|w| offered.binary_search(w).is_ok())
                .count(),
            of: wanted.len(),
        }
    }

    /// `met / of`, `None` when nothing was asked for.
    pub fn share(self) -> Option<f64> {
        (self.of > 0).then(|| self.met as f64 / self.of as f64)
    }

    /// Whether anything was asked for: only then does the item say something about the pair.
    pub fn asked(self) -> bool {
        self.of > 0
    }
}

/// Coverages pooled: what was met of everything asked.
impl std::iter::Sum for Coverage {
    fn sum<I: Iterator<Item = Coverage>>(iter: I) -> Coverage {
        iter.fold(Coverage::default(), |a, c| Coverage {
            met: a.met + c.met,
            of: a.of + c.of,
        })
    }
}

impl std::fmt::Display for Coverage {
    /// `2 of 3`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} of {}", self.met, self.of)
    }
}

/// The weight-free quantities of one (mentee, mentor) pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairFacts {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// Distance between the ZIP3 centroids (haversine); `None` when a location is unknown.
    pub km: Option<f64>,
    /// The mentee's goals found in the mentor's expertise.
    pub goals: Coverage,
    /// The mentee's challenges found in the mentor's expertise.
    pub challenges: Coverage,
    /// The identities the mentee asked to share that the mentor has.
    pub identity_requests: Coverage,
    /// Both give the same specialty (a mentee without one shares it with nobody).
    pub same_specialty: bool,
    /// Same specialty or the same specialty family.
    pub same_family: bool,
    /// The health systems differ.
    pub outside_system: bool,
    /// The mentor offers fewer hours a month than the mentee wants.
    pub hours_short: bool,
}

impl PairFacts {
    /// The facts of one pair of `pool` (indices into its mentees and mentors).
    pub fn of(
        pool: &Pool,
        families: &SpecialtyFamilies,
        mentee: usize,
        mentor: usize,
    ) -> PairFacts {
        let (me, mr) = (&pool.mentees[mentee], &pool.mentors[mentor]);
        let km = match (me.location, mr.location) {
            (Some(a), Some(b)) => Some(haversine_km(a, b)),
            _ => None,
        };
        let same_specialty = !me.specialty.is_empty() && me.specialty == mr.specialty;
        PairFacts {
            mentee,
            mentor,
            km,
            goals: Coverage::of(&me.goals, &mr.expertise),
            challenges: Coverage::of(&me.challenges, &mr.expertise),
            identity_requests: Coverage::of(&me.wants_shared, &mr.identities),
            same_specialty,
            same_family: same_specialty || families.score(&me.specialty, &mr.specialty) > 0.0,
            outside_system: me.health_system != mr.health_system,
            hours_short: mr.hours_per_month < me.hours_per_month,
        }
    }

    /// The facts of every pair of a matching, in mentee order.
    pub fn of_matching(
        pool: &Pool,
        families: &SpecialtyFamilies,
        matching: &Matching,
    ) -> Vec<PairFacts> {
        matching
            .pairs
            .iter()
            .map(|p| PairFacts::of(pool, families, p.mentee, p.mentor))
            .collect()
    }
}

/// Measures over a set of matched pairs (the pool's, or one identity group's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairMeasures {
    /// Number of matched mentees.
    pub matched: usize,
    /// Mean distance in km over the pairs whose locations are known.
    pub km_mean: Option<f64>,
    /// Median distance in km over the pairs whose locations are known.
    pub km_median: Option<f64>,
    /// Share of pairs no farther apart than the yardstick's in-person limit; `None` when the
    /// yardstick has no limit (a pair with an unknown location is not within).
    pub within_in_person_km: Option<f64>,
    /// Σ goals found / Σ goals listed; `None` when no mentee listed a goal.
    pub goals_covered: Option<f64>,
    /// Σ challenges found / Σ challenges listed; `None` when no mentee listed one.
    pub challenges_covered: Option<f64>,
    /// Σ requested identities the mentor has / Σ requested; `None` when none was requested.
    pub identity_requests_met: Option<f64>,
    /// Share of pairs whose health systems differ.
    pub outside_system: Option<f64>,
    /// Share of pairs in the same specialty.
    pub same_specialty: Option<f64>,
    /// Share of pairs in the same specialty or specialty family.
    pub same_family: Option<f64>,
    /// Share of pairs whose mentor offers fewer hours than the mentee wants.
    pub hours_short: Option<f64>,
}

impl PairMeasures {
    /// Sums the facts of a set of pairs; `in_person_km` is the yardstick's in-person limit.
    pub fn of(facts: &[PairFacts], in_person_km: Option<f64>) -> PairMeasures {
        // One pass: every count is a whole number, so the order they are taken in changes
        // nothing; the distances are summed in sorted order.
        let n = facts.len();
        let mut km = Vec::with_capacity(n);
        let (mut within, mut outside, mut specialty, mut family, mut short) = (0, 0, 0, 0, 0);
        let mut asked = [Coverage::default(); 3];
        for p in facts {
            if let Some(d) = p.km {
                km.push(d);
                within += usize::from(in_person_km.is_some_and(|limit| d <= limit));
            }
            outside += usize::from(p.outside_system);
            specialty += usize::from(p.same_specialty);
            family += usize::from(p.same_family);
            short += usize::from(p.hours_short);
            for (a, c) in asked
                .iter_mut()
                .zip([p.goals, p.challenges, p.identity_requests])
            {
                *a = [*a, c].into_iter().sum();
            }
        }
        let share = |count: usize| (n > 0).then(|| count as f64 / n as f64);
        km.sort_by(f64::total_cmp);
        PairMeasures {
            matched: n,
            km_mean: (!km.is_empty()).then(|| km.iter().sum::<f64>() / km.len() as f64),
            km_median: median(&km),
            within_in_person_km: in_person_km.and_then(|_| share(within)),
            goals_covered: asked[0].share(),
            challenges_covered: asked[1].share(),
            identity_requests_met: asked[2].share(),
            outside_system: share(outside),
            same_specialty: share(specialty),
            same_family: share(family),
            hours_short: share(short),
        }
    }
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// One identity group's measures, or nothing when the group is under the small-cell k.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupMeasures {
    /// The group has fewer eligible mentees than the small-cell k: no figures.
    pub suppressed: bool,
    /// The figures, when the group is large enough to show them.
    #[serde(flatten)]
    pub figures: Option<PairMeasures>,
}

/// The weight-free measures of a matching: over the pool's matched pairs, the mentors' use,
/// and per identity group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measures {
    /// Over every matched pair of the pool.
    #[serde(flatten)]
    pub pool: PairMeasures,
    /// Mentors with no mentee.
    pub mentors_idle: usize,
    /// Mentors with as many mentees as their capacity under the matching's profile.
    pub mentors_full: usize,
    /// Per group of [`group_names`], suppressed under `small_cell_k` eligible mentees.
    pub groups: BTreeMap<String, GroupMeasures>,
}

impl Measures {
    /// Measures a matching. `capacity` is each mentor's capacity under the profile that made the
    /// matching; `in_person_km` the yardstick's in-person limit; groups with fewer than
    /// `small_cell_k` eligible mentees are suppressed.
    pub fn of(
        pool: &Pool,
        families: &SpecialtyFamilies,
        matching: &Matching,
        capacity: &[u32],
        in_person_km: Option<f64>,
        small_cell_k: usize,
    ) -> Measures {
        let facts = PairFacts::of_matching(pool, families, matching);
        let groups = group_names(pool)
            .into_iter()
            .map(|name| {
                let eligible = eligible_in(pool, matching, &name);
                let shown = SmallCells::new(small_cell_k).figure(eligible, ());
                let figures = (!shown.is_suppressed()).then(|| {
                    let mine: Vec<PairFacts> = facts
                        .iter()
                        .filter(|p| in_group(pool, &name, p.mentee))
                        .copied()
                        .collect();
                    PairMeasures::of(&mine, in_person_km)
                });
                let suppressed = figures.is_none();
                (
                    name,
                    GroupMeasures {
                        suppressed,
                        figures,
                    },
                )
            })
            .collect();
        Measures {
            groups,
            ..Measures::from_facts(&facts, matching, capacity, in_person_km)
        }
    }

    /// The measures over the pool's pairs and the mentors' use, without any group's (`groups`
    /// is empty): what a screen of the whole pool shows, with no small cell to suppress.
    pub fn overall(
        pool: &Pool,
        families: &SpecialtyFamilies,
        matching: &Matching,
        capacity: &[u32],
        in_person_km: Option<f64>,
    ) -> Measures {
        let facts = PairFacts::of_matching(pool, families, matching);
        Measures::from_facts(&facts, matching, capacity, in_person_km)
    }

    /// [`Measures::overall`] from the facts of the matching's pairs.
    pub fn from_facts(
        facts: &[PairFacts],
        matching: &Matching,
        capacity: &[u32],
        in_person_km: Option<f64>,
    ) -> Measures {
        let load = loads(matching, capacity.len());
        Measures {
            pool: PairMeasures::of(facts, in_person_km),
            mentors_idle: load.iter().filter(|&&l| l == 0).count(),
            mentors_full: load
                .iter()
                .zip(capacity)
                .filter(|&(&l, &c)| l >= c as usize)
                .count(),
            groups: BTreeMap::new(),
        }
    }
}

impl Measures {
    /// Measures an evaluated matching against a yardstick profile (whose in-person limit
    /// `within_in_person_km` uses); capacities are those of the evaluation's own profile.
    pub fn of_evaluation(
        pool: &Pool,
        families: &SpecialtyFamilies,
        ev: &Evaluation,
        yardstick: &Profile,
        small_cell_k: usize,
    ) -> Measures {
        let capacity = crate::matching::capacities(pool, &ev.profile);
        Measures::of(
            pool,
            families,
            &ev.matching,
            &capacity,
            yardstick.constraints.in_person_max_km,
            small_cell_k,
        )
    }
}

/// Eligible mentees of a group: the matched ones and those unmatched for a reason other than
/// eligibility (as in the summary's groups).
fn eligible_in(pool: &Pool, matching: &Matching, group: &str) -> usize {
    let matched = matching
        .pairs
        .iter()
        .filter(|p| in_group(pool, group, p.mentee))
        .count();
    let left = matching
        .unmatched
        .iter()
        .filter(|(i, r)| *r != Reason::Ineligible && in_group(pool, group, *i))
        .count();
    matched + left
}

/// How many mentees each mentor has.
pub fn loads(matching: &Matching, mentors: usize) -> Vec<usize> {
    let mut load = vec![0; mentors];
    for p in &matching.pairs {
        load[p.mentor] += 1;
    }
    load
}

/// A mentor without a mentee, with the capacity left unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IdleMentor {
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// Mentees the mentor could have taken.
    pub capacity: u32,
}

/// The mentors who get nobody, in id order, with their capacity under the matching's profile.
pub fn idle_mentors(matching: &Matching, capacity: &[u32]) -> Vec<IdleMentor> {
    loads(matching, capacity.len())
        .iter()
        .zip(capacity)
        .enumerate()
        .filter(|(_, (l, _))| **l == 0)
        .map(|(mentor, (_, &capacity))| IdleMentor { mentor, capacity })
        .collect()
}

#[cfg(test)]
#[path = "measures_tests.rs"]
mod tests;
