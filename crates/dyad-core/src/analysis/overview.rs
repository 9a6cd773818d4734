//! Figures the council's screens show beside the pairs: each mentor's load, the worst pair, the
//! identity groups with an overall row first, and both sides of a comparison on one yardstick
//! ([`Overview`]).

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::compare::rescored;

use crate::analysis::measures::{Coverage, Measures, PairFacts, loads};
use crate::analysis::summary::{NO_IDENTITY, group_names};
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::engine::Evaluation;
use crate::matching::{Matching, Pair, Reason, capacities};
use crate::pool::Pool;
use crate::privacy::{Changed, Group, RowShown, SmallCells, Whole};

/// One mentor's use in a matching.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MentorLoad {
    /// Index of the mentor in the pool.
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
    /// Of them, how many are matched.
    pub matched: usize,
    /// Mean score of the group's pairs; NaN without pairs.
    pub mean: f64,
    /// The group's lowest-scoring pair (the first mentee among equals).
    pub worst: Option<Pair>,
    /// The identities the group's matched mentees asked their mentor to share, and how many of
    /// them their mentors have.
    pub identity_requests: Coverage,
    /// The scores of the group's pairs, lowest first.
    pub scores: Vec<f64>,
}

impl GroupRow {
    /// The figures the room rule weighs ([`crate::privacy::room`]).
    pub fn figures(&self) -> Group<'_> {
        Group {
            eligible: self.eligible,
            matched: self.matched,
            scores: &self.scores,
        }
    }

    /// What the room sees in full when this is the overall row.
    fn whole(&self) -> Whole {
        Whole {
            eligible: self.eligible,
            matched: self.matched,
        }
    }
}

/// The overall row (named [`ALL`], over every eligible mentee) and then each identity group in
/// the order of [`group_names`], of a matching; the scores are those the matching's pairs carry
/// (rescore a baseline on the yardstick first: [`crate::analysis::compare::rescored`]).
pub fn group_rows(pool: &Pool, families: &SpecialtyFamilies, matching: &Matching) -> Vec<GroupRow> {
    let facts = PairFacts::of_matching(pool, families, matching);
    rows_of(&Membership::of(pool), matching, &facts)
}

/// Which rows of [`group_rows`] each mentee counts in: the overall row (0) and each of their
/// groups once (`i + 1` for the group `names[i]`).
pub(super) struct Membership {
    names: Vec<String>,
    rows: Vec<Vec<usize>>,
}

impl Membership {
    pub(super) fn of(pool: &Pool) -> Membership {
        let names = group_names(pool);
        let at: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i + 1))
            .collect();
        let none = at.get(NO_IDENTITY).copied();
        let rows = pool
            .mentees
            .iter()
            .map(|m| {
                let mut rows = vec![0];
                if m.identities.is_empty() {
                    rows.extend(none);
                }
                rows.extend(m.identities.iter().filter_map(|n| at.get(n.as_str())));
                rows.sort_unstable();
                rows.dedup();
                rows
            })
            .collect();
        Membership { names, rows }
    }
}

/// A group's figures as they are summed, pair by pair.
#[derive(Clone, Default)]
struct Sums {
    left: usize,
    matched: usize,
    total: f64,
    worst: Option<Pair>,
    asked: Coverage,
    scores: Vec<f64>,
}

/// [`group_rows`] from the facts of the matching's pairs (in pair order), in one pass over the
/// pairs and the unmatched.
fn rows_of(groups: &Membership, matching: &Matching, facts: &[PairFacts]) -> Vec<GroupRow> {
    let mut sums = vec![Sums::default(); groups.names.len() + 1];
    for (p, f) in matching.pairs.iter().zip(facts) {
        for &r in &groups.rows[p.mentee] {
            let s = &mut sums[r];
            s.matched += 1;
            s.total += p.score;
            s.worst = lowest(s.worst.iter().chain([p]));
            s.asked = [s.asked, f.identity_requests].into_iter().sum();
        }
    }
    // Each row's scores, lowest first: the pairs sorted once, then dealt to their rows in that
    // order (equal scores are equal bits, so the rows are what sorting each gives).
    let mut order: Vec<(f64, usize)> = matching.pairs.iter().map(|p| (p.score, p.mentee)).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    for s in &mut sums {
        s.scores.reserve_exact(s.matched);
    }
    for (score, mentee) in order {
        for &r in &groups.rows[mentee] {
            sums[r].scores.push(score);
        }
    }
    for &(mentee, why) in &matching.unmatched {
        if why != Reason::Ineligible {
            for &r in &groups.rows[mentee] {
                sums[r].left += 1;
            }
        }
    }
    std::iter::once(ALL)
        .chain(groups.names.iter().map(String::as_str))
        .zip(sums)
        .enumerate()
        .map(|(i, (name, s))| GroupRow {
            scores: s.scores,
            name: name.to_string(),
            // The overall row counts the matching's eligible mentees, as its summary does.
            eligible: if i == 0 {
                matching.eligible
            } else {
                s.matched + s.left
            },
            matched: s.matched,
            mean: if s.matched > 0 {
                s.total / s.matched as f64
            } else {
                f64::NAN
            },
            worst: s.worst,
            identity_requests: s.asked,
        })
        .collect()
}

/// One side of a comparison as the council's screens show it, every score on the yardstick:
/// the weight-free measures over the pool, the groups (the overall row first) and each
/// mentor's load.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Without per-group measures (see [`Measures::overall`]).
    pub measures: Measures,
    /// The overall row first, then each identity group.
    pub groups: Vec<GroupRow>,
    /// In mentor order.
    pub loads: Vec<MentorLoad>,
}

impl Side {
    /// `ev`'s matching as `yardstick` scores it (its weights and criterion parameters; its
    /// in-person limit for `within_in_person_km`); capacities are those of `ev`'s own profile.
    pub fn of(pool: &Pool, ev: &Evaluation, yardstick: &Evaluation) -> Side {
        let facts = PairFacts::of_matching(pool, &ev.families, &ev.matching);
        let on_yardstick = on_yardstick(ev, yardstick);
        let groups = Membership::of(pool);
        Side::with_facts(pool, &groups, ev, yardstick, &on_yardstick, &facts, None)
    }

    /// [`Side::of`] with the groups, `ev`'s matching scored on the yardstick and the facts of
    /// its pairs (in pair order) given.
    pub(super) fn with_facts(
        pool: &Pool,
        groups: &Membership,
        ev: &Evaluation,
        yardstick: &Evaluation,
        matching: &Matching,
        facts: &[PairFacts],
        measures: Option<&Measures>,
    ) -> Side {
        let capacity = capacities(pool, &ev.profile);
        let limit = yardstick.profile.constraints.in_person_max_km;
        Side {
            measures: match measures {
                Some(m) => m.clone(),
                None => Measures::from_facts(facts, matching, &capacity, limit),
            },
            groups: rows_of(groups, matching, facts),
            loads: mentor_loads(matching, &capacity),
        }
    }
}

/// `ev`'s matching as `yardstick` scores it: its own when it is the yardstick.
fn on_yardstick<'a>(ev: &'a Evaluation, yardstick: &Evaluation) -> Cow<'a, Matching> {
    if std::ptr::eq(ev, yardstick) {
        Cow::Borrowed(&ev.matching)
    } else {
        Cow::Owned(rescored(&ev.matching, yardstick))
    }
}

impl Side {
    /// Group row `i` of this side (0: the overall row) as a room may see it
    /// ([`SmallCells::row`]); the overall row is the table the room sees anyway, shown whole.
    pub fn shown(&self, cells: SmallCells, i: usize) -> Option<RowShown> {
        let g = self.groups.get(i)?;
        if i == 0 {
            return SmallCells::full_detail().row(g.whole(), g.figures());
        }
        cells.row(self.groups[0].whole(), g.figures())
    }
}

/// What an overview is made of: both evaluations, the baseline's matching on the current
/// yardstick, and the facts of each side's pairs (in pair order).
#[derive(Clone, Copy)]
pub(super) struct Sides<'a> {
    pub(super) baseline: &'a Evaluation,
    pub(super) now: &'a Evaluation,
    pub(super) baseline_on_now: &'a Matching,
    pub(super) baseline_facts: &'a [PairFacts],
    pub(super) now_facts: &'a [PairFacts],
    /// The baseline's measures, when they are known already (they do not depend on the
    /// weights).
    pub(super) baseline_measures: Option<&'a Measures>,
}

/// A baseline and the current matching side by side, both on the current one's yardstick.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// The current matching.
    pub now: Side,
    /// The baseline's matching, scored on the current profile's yardstick.
    pub baseline: Side,
    /// For each group row (0: all), the eligible mentees whose mentor differs between the two
    /// sides (matched or not included).
    pub changed: Vec<usize>,
    /// The mentees eligible on one side only or matched on one side only.
    pub status_changed: usize,
}

impl Overview {
    /// `baseline` and `now` (evaluations of the same pool), both measured with `now`'s profile:
    /// a pair that did not change scores the same on both sides.
    pub fn of(pool: &Pool, baseline: &Evaluation, now: &Evaluation) -> Overview {
        let groups = Membership::of(pool);
        let facts = |ev: &Evaluation| PairFacts::of_matching(pool, &ev.families, &ev.matching);
        let sides = Sides {
            baseline,
            now,
            baseline_on_now: &on_yardstick(baseline, now),
            baseline_facts: &facts(baseline),
            now_facts: &facts(now),
            baseline_measures: None,
        };
        Overview::with_facts(pool, &groups, &sides)
    }

    /// [`Overview::of`] with the groups, the baseline scored on `now`'s yardstick and the
    /// facts of each side's pairs given.
    pub(super) fn with_facts(pool: &Pool, groups: &Membership, sides: &Sides) -> Overview {
        let Sides {
            baseline,
            now,
            baseline_on_now,
            baseline_facts,
            now_facts,
            baseline_measures,
        } = *sides;
        let mut changed = vec![0; groups.names.len() + 1];
        let (a, b) = (
            mentors_of(pool, &baseline.matching),
            mentors_of(pool, &now.matching),
        );
        let status = |m: Option<Option<usize>>| (m.is_some(), m.flatten().is_some());
        let status_changed = (0..a.len())
            .filter(|&i| status(a[i]) != status(b[i]))
            .count();
        for (i, rows) in groups.rows.iter().enumerate() {
            if a[i] != b[i] {
                for &r in rows {
                    changed[r] += 1;
                }
            }
        }
        Overview {
            now: Side::with_facts(pool, groups, now, now, &now.matching, now_facts, None),
            baseline: Side::with_facts(
                pool,
                groups,
                baseline,
                now,
                baseline_on_now,
                baseline_facts,
                baseline_measures,
            ),
            changed,
            status_changed,
        }
    }

    /// Who changed pair, for group row `i`.
    pub fn changed(&self, i: usize) -> Changed {
        Changed {
            in_group: self.changed.get(i).copied().unwrap_or(0),
            total: self.changed.first().copied().unwrap_or(0),
            status: self.status_changed,
        }
    }

    /// The baseline's group row `i` as a room may see it beside the current one
    /// ([`SmallCells::baseline_row`]); the overall row whole.
    pub fn baseline_shown(&self, cells: SmallCells, i: usize) -> Option<RowShown> {
        let g = self.baseline.groups.get(i)?;
        if i == 0 {
            return self.baseline.shown(cells, 0);
        }
        cells.baseline_row(
            self.baseline.groups[0].whole(),
            g.figures(),
            self.changed(i),
        )
    }

    /// Whether the changes of group row `i` may be shown (always for the overall row).
    pub fn changes_shown(&self, cells: SmallCells, i: usize) -> bool {
        i == 0 || cells.changes(self.changed(i))
    }
}

/// Each mentee's mentor in a matching: `Some(None)` unmatched but eligible, `None` ineligible.
fn mentors_of(pool: &Pool, matching: &Matching) -> Vec<Option<Option<usize>>> {
    let mut of = vec![None; pool.mentees.len()];
    for p in &matching.pairs {
        of[p.mentee] = Some(Some(p.mentor));
    }
    for &(i, why) in &matching.unmatched {
        if why != Reason::Ineligible {
            of[i] = Some(None);
        }
    }
    of
}

#[cfg(test)]
#[path = "overview_tests.rs"]
mod tests;
