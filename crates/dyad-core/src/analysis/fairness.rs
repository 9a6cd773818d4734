//! The price of fairness: the matching under each coverage floor from none up to the highest
//! one that can be met, with what it costs (matched count, total score) and what it gives each
//! identity group (matched share, mean pair score), and who loses or gains a pair against no
//! floor.
//!
//! The floors tried are the hundredths 0.01 … 1.00; a floor whose matching is the one of the
//! floor before is shown once (at the lowest floor that gives it): a proven optimum that already
//! meets a higher floor is the optimum under it too, so that floor is not searched again (and
//! floors that every group meets without one are left out). The curve ends at the first floor that cannot be met, with its reason.

use crate::error::InputError;
use crate::matching::engine::Engine;
use crate::matching::floors::{self, FloorGroup};
use crate::matching::{FLOOR_KEY, Matching, Reason};
use crate::privacy::room::{Group, Matched, RowShown, Whole};
use crate::privacy::{SmallCells, Step};
use crate::profile::{Objective, Profile};

/// One point of the curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// `None`: no floor.
    pub floor: Option<f64>,
    /// The matching, or why the floor cannot be met.
    pub outcome: Result<Outcome, String>,
}

/// A matching on the curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Mentees matched.
    pub matched: usize,
    /// Mentees eligible (matched or not): with `matched`, the whole a group is part of.
    pub eligible: usize,
    /// The total score (0–100 per pair).
    pub total: f64,
    /// No matching meeting the floor has a larger total (always so without a floor).
    pub proven_optimal: bool,
    /// The largest total a matching meeting the floor could have.
    pub bound: f64,
    /// Each constrained group, in the pool's order of identities.
    pub groups: Vec<GroupPoint>,
    /// Mentees matched without a floor and not under this one, in id order.
    pub lose: Vec<usize>,
    /// Mentees matched under this floor and not without one.
    pub gain: Vec<usize>,
    /// Mentees whose mentor (or having none) differs from the matching without a floor.
    pub moved: usize,
    /// Each mentee's mentor at this point (for telling two points apart, as a room may).
    pub mentor_of: Vec<Option<usize>>,
}

/// A group's figures at one point.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPoint {
    /// The identity, as the pool spells it.
    pub name: String,
    /// Its eligible mentees.
    pub eligible: usize,
    /// What the floor asks of it (0 without a floor).
    pub need: usize,
    /// Of them, how many are matched at this point.
    pub matched: usize,
    /// The mean score of its pairs; `None` when none of it is matched.
    pub mean_score: Option<f64>,
    /// The scores of its pairs, lowest first (for `privacy::room`, which decides what of them
    /// a room may see).
    pub scores: Vec<f64>,
    /// Its mentees whose mentor (or having none) differs from the matching without a floor.
    pub moved: usize,
    /// Its eligible mentees, in index order.
    pub members: Vec<usize>,
}

impl GroupPoint {
    /// The share of its eligible mentees matched (0 for an empty group).
    pub fn share(&self) -> f64 {
        if self.eligible == 0 {
            0.0
        } else {
            self.matched as f64 / self.eligible as f64
        }
    }
}

/// The curve of `profile` (its own floor ignored) on the engine's pool, with the engine's
/// small-cell k: groups smaller than it are neither constrained nor shown.
pub fn curve(engine: &mut Engine, profile: &Profile) -> Result<Vec<Point>, InputError> {
    let mut base_profile = profile.clone();
    base_profile.constraints.coverage_floor = None;
    let base = engine.evaluate(&base_profile)?.matching;
    let eligible: Vec<bool> = (0..base.mentor_of.len())
        .map(|i| base.mentor_of[i].is_some() || base.reason_of(i) != Some(Reason::Ineligible))
        .collect();
    let whole = eligible.iter().filter(|&&e| e).count();
    let pins: Vec<(usize, usize)> = base
        .pairs
        .iter()
        .filter(|p| p.pinned)
        .map(|p| (p.mentee, p.mentor))
        .collect();
    let pool = engine.pool.clone();
    let k = engine.small_cell_k;
    let groups_at = |f: f64| floors::floor_groups(&pool, &eligible, &pins, f, k);
    let none = groups_at(0.0);
    let mut points = vec![Point {
        floor: None,
        outcome: Ok(outcome(&none, &base, &base, true, base.total(), whole)),
    }];
    if none.is_empty() {
        return Ok(points);
    }
    // The last matching shown, what each group holds in it, and whether it is proven optimal:
    // then it stays the optimum under every higher floor it meets (a higher floor only removes
    // matchings), and that floor needs no search.
    let mut last_pairs = base.mentor_of.clone();
    let mut held: Vec<usize> = none.iter().map(|g| g.matched_in(&base.mentor_of)).collect();
    let mut last_proven = true;
    for step in 1..=100 {
        let f = f64::from(step) / 100.0;
        let groups = groups_at(f);
        // Under maximin no floor is kept: the first floor is evaluated and says so.
        if last_proven
            && profile.objective != Objective::Maximin
            && groups.iter().zip(&held).all(|(g, &m)| g.need <= m)
        {
            continue;
        }
        let mut p = profile.clone();
        p.constraints.coverage_floor = Some(f);
        match engine.evaluate(&p) {
            Ok(ev) => {
                let m = &ev.matching;
                let st = m.floor.as_ref();
                let proven = st.is_none_or(|s| s.proven_optimal);
                held = groups.iter().map(|g| g.matched_in(&m.mentor_of)).collect();
                last_proven = proven;
                if m.mentor_of == last_pairs {
                    continue;
                }
                last_pairs = m.mentor_of.clone();
                let bound = st.map_or(m.total(), |s| s.bound);
                points.push(Point {
                    floor: Some(f),
                    outcome: Ok(outcome(&groups, m, &base, proven, bound, whole)),
                });
            }
            Err(e) if e.field.as_deref() == Some(FLOOR_KEY) => {
                let why = e.problem.map_or(e.expected, |p| *p);
                points.push(Point {
                    floor: Some(f),
                    outcome: Err(why),
                });
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(points)
}

fn outcome(
    groups: &[FloorGroup],
    m: &Matching,
    base: &Matching,
    proven_optimal: bool,
    bound: f64,
    eligible: usize,
) -> Outcome {
    let groups = groups
        .iter()
        .map(|g| {
            let mut scores: Vec<f64> = m
                .pairs
                .iter()
                .filter(|p| g.members.binary_search(&p.mentee).is_ok())
                .map(|p| p.score)
                .collect();
            scores.sort_by(f64::total_cmp);
            GroupPoint {
                name: g.name.clone(),
                eligible: g.eligible,
                need: g.need,
                matched: g.matched_in(&m.mentor_of),
                mean_score: (!scores.is_empty())
                    .then(|| scores.iter().sum::<f64>() / scores.len() as f64),
                scores,
                moved: g
                    .members
                    .iter()
                    .filter(|&&i| m.mentor_of[i] != base.mentor_of[i])
                    .count(),
                members: g.members.clone(),
            }
        })
        .collect();
    let n = m.mentor_of.len();
    Outcome {
        matched: m.pairs.len(),
        eligible,
        total: m.total(),
        proven_optimal,
        bound,
        groups,
        lose: (0..n)
            .filter(|&i| base.mentor_of[i].is_some() && m.mentor_of[i].is_none())
            .collect(),
        gain: (0..n)
            .filter(|&i| base.mentor_of[i].is_none() && m.mentor_of[i].is_some())
            .collect(),
        moved: (0..n)
            .filter(|&i| m.mentor_of[i] != base.mentor_of[i])
            .count(),
        mentor_of: m.mentor_of.clone(),
    }
}

/// Each point's group rows (in the order of its groups, `None` for `<k`) as a room that steps
/// through the whole curve may see them, beside the matchings whose exact counts
/// (`counts_seen`) and scores (`scores_seen`) of every group it already sees, as each mentee's
/// mentor (rule 5 of [`crate::privacy::room`], [`SmallCells::series`]); no rows for a floor
/// that cannot be met.
pub fn room_rows(
    curve: &[Point],
    cells: SmallCells,
    counts_seen: &[&[Option<usize>]],
    scores_seen: &[&[Option<usize>]],
) -> Vec<Vec<Option<RowShown>>> {
    let met: Vec<&Outcome> = curve
        .iter()
        .filter_map(|p| p.outcome.as_ref().ok())
        .collect();
    let members: Vec<Vec<usize>> = met.first().map_or(Vec::new(), |o| {
        o.groups.iter().map(|g| g.members.clone()).collect()
    });
    let steps: Vec<Step> = met
        .iter()
        .map(|o| Step {
            whole: Whole {
                eligible: o.eligible,
                matched: o.matched,
            },
            groups: o
                .groups
                .iter()
                .map(|g| Group {
                    eligible: g.eligible,
                    matched: g.matched,
                    scores: &g.scores,
                })
                .collect(),
            mentor_of: &o.mentor_of,
        })
        .collect();
    let mut rows = cells
        .series(counts_seen, scores_seen, &steps, &members)
        .into_iter();
    curve
        .iter()
        .map(|p| match p.outcome {
            Ok(_) => rows.next().unwrap_or_default(),
            Err(_) => Vec::new(),
        })
        .collect()
}

/// What a room is told of where the curve ends when [`for_room`] withholds it.
pub const END_WITHHELD: &str = "higher floors are not shown: whether they can be met could \
tell who among the unmatched mentees is in a group";

/// Whether a room may see where the curve ends (the first floor that cannot be met and why, or
/// that every floor can be met), given each point's rows as [`room_rows`] shows them. A floor
/// that cannot be met proves that some of a group cannot be matched in any matching, so are
/// among the listed unmatched: that says no more than the group's exact matched count does,
/// so the end is shown when every group's exact count is shown at the point without a floor,
/// and withheld otherwise (with 44 of 45 matched, "URM: at most 14 of 15 can be matched"
/// names the one listed unmatched mentee as URM).
pub fn end_shown(rows: &[Vec<Option<RowShown>>]) -> bool {
    rows.first().is_some_and(|first| {
        first
            .iter()
            .all(|r| matches!(r.and_then(|r| r.counts), Some((_, Matched::Exact(_)))))
    })
}

/// The curve as a room may see it, with each point's rows as [`room_rows`] gives them to a
/// room that sees no other matching: as it is when [`end_shown`] allows its end, and otherwise
/// without the floor that cannot be met, ending in a point that says the higher floors are not
/// shown ([`Point::withheld`]) whether or not some of them could be met, so that its presence
/// tells nothing. Under `maximin`, which keeps no floor, the end says only that, and is shown.
pub fn for_room(
    curve: Vec<Point>,
    profile: &Profile,
    cells: SmallCells,
) -> (Vec<Point>, Vec<Vec<Option<RowShown>>>) {
    let rows = room_rows(&curve, cells, &[], &[]);
    if profile.objective == Objective::Maximin || end_shown(&rows) {
        return (curve, rows);
    }
    let (mut curve, mut rows): (Vec<Point>, Vec<_>) = curve
        .into_iter()
        .zip(rows)
        .filter(|(p, _)| p.outcome.is_ok())
        .unzip();
    curve.push(Point {
        floor: None,
        outcome: Err(END_WITHHELD.into()),
    });
    rows.push(Vec::new());
    (curve, rows)
}

impl Point {
    /// The point [`for_room`] ends a curve with when it withholds where the curve ends.
    pub fn withheld(&self) -> bool {
        matches!(&self.outcome, Err(e) if e == END_WITHHELD)
    }
}
