//! The curve of a re-match: for each budget of voluntary changes, the best matching.

use serde::Serialize;

use super::current::CurrentPair;
use crate::matching::scoring::{ScoreTable, Weighting};
use crate::matching::{Frame, Matching};
use crate::pool::Pool;
use crate::profile::{Objective, Profile};
use crate::solver::Problem;
use crate::solver::side::{self, AtLeast, Limits, Options, SideError, SideSolution};

/// Why a continuing mentee must change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForcedWhy {
    /// The mentor is no longer in the pool.
    MentorLeft,
    /// The profile now rules the pair out (a hard rule or the minimum score).
    NowRuledOut,
    /// The mentee is no longer eligible under the profile.
    Ineligible,
    /// The pool's overrides pin the mentee to another mentor.
    PinnedElsewhere,
}

impl ForcedWhy {
    /// The cause as written in CSV and JSON output (`mentor-left` …).
    pub fn as_str(self) -> &'static str {
        match self {
            ForcedWhy::MentorLeft => "mentor-left",
            ForcedWhy::NowRuledOut => "now-ruled-out",
            ForcedWhy::Ineligible => "ineligible",
            ForcedWhy::PinnedElsewhere => "pinned-elsewhere",
        }
    }
}

/// A pair in place that cannot continue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forced {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// The mentor's id as the pairs file gives it (they may have left the pool).
    pub mentor_id: String,
    /// Why the pair cannot continue.
    pub why: ForcedWhy,
}

/// A continuing pair a point breaks: the mentee's mentor before and after (`None`: unmatched).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// The mentor in place (index in the pool).
    pub from: usize,
    /// The mentor this point gives instead, `None` if it leaves the mentee unmatched.
    pub to: Option<usize>,
}

/// The best matching with at most `max_changes` voluntary changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The budget: voluntary changes allowed.
    pub max_changes: usize,
    /// Voluntary changes it makes (at most `max_changes`).
    pub changes: usize,
    /// The matching, pins included, as `match` gives it.
    pub matching: Matching,
    /// Mentees matched and total score (0–100 per pair), as `match` counts them.
    pub matched: usize,
    /// The total score (0–100 per pair).
    pub total: f64,
    /// Whether the total is proven the best for the budget (gap 0).
    pub proven_optimal: bool,
    /// A proven upper bound on the total for the budget; equal to `total` when proven.
    pub bound: f64,
    /// The continuing pairs this point breaks.
    pub moved: Vec<Move>,
}

/// A re-match: the forced changes, and the points of the curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Rematch {
    /// Pairs in place that must change whatever the budget.
    pub forced: Vec<Forced>,
    /// Pairs in place that may continue.
    pub continuing: usize,
    /// Pairs in place kept because the pool's overrides pin them as they are.
    pub pinned: usize,
    /// Changes a from-scratch re-solve makes (its canonical optimum).
    pub scratch_changes: usize,
    /// The best matching with the fewest changes possible (none, unless capacities shrank).
    pub keep_first: Point,
    /// Among the optimal matchings, one that breaks the fewest pairs.
    pub score_first: Point,
    /// One point per budget, from `keep_first`'s changes to `score_first`'s.
    pub curve: Vec<Point>,
}

impl Rematch {
    /// The point for a budget of `k` changes: past `score_first`'s changes, `score_first`.
    /// `None` below the fewest changes possible.
    pub fn point(&self, k: usize) -> Option<&Point> {
        if k >= self.score_first.changes {
            return Some(&self.score_first);
        }
        self.curve.iter().find(|p| p.max_changes == k)
    }
}

/// Why no re-match could be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum RematchError {
    /// The search hit its limits before finding any matching for a budget.
    Undecided {
        /// The budget the search gave up on.
        max_changes: usize,
    },
}

impl std::fmt::Display for RematchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RematchError::Undecided { max_changes } => write!(
                f,
                "the search found no matching with at most {max_changes} changes within its limits"
            ),
        }
    }
}

/// A re-match ready to solve: the problem the optimizer sees, the pairs in place sorted into
/// continuing and forced, and what turns assignments into matchings. [`rematch`] computes
/// everything; [`Rematcher::keep_first`] and [`Rematcher::score_first`] one point each.
pub struct Rematcher<'a> {
    table: &'a ScoreTable,
    pub(super) frame: Frame,
    weighting: Weighting,
    numerators: Vec<f64>,
    /// Numerators with the pairs below `min_score` ruled out too: the optimizer's scores.
    pub(super) score: Vec<f64>,
    floor: f64,
    pub(super) objective: Objective,
    /// The continuing pairs (mentee, mentor).
    pub(super) keep: Vec<(usize, usize)>,
    forced: Vec<Forced>,
    pinned: usize,
    pub(super) limits: Limits,
}

/// Re-matches `pool` under `profile`, given the pairs in place. `limits` bound the search of
/// each point (a point that reaches them carries its gap).
pub fn rematch(
    pool: &Pool,
    table: &ScoreTable,
    profile: &Profile,
    current: &[CurrentPair],
    limits: Limits,
) -> Result<Rematch, crate::error::Error> {
    Rematcher::new(pool, table, profile, current, limits)?.all()
}

impl<'a> Rematcher<'a> {
    /// Sorts the pairs in place and builds the problem (see [`rematch`]).
    pub fn new(
        pool: &Pool,
        table: &'a ScoreTable,
        profile: &Profile,
        current: &[CurrentPair],
        limits: Limits,
    ) -> Result<Self, crate::error::Error> {
        let frame = Frame::new(pool, table, profile)?;
        if let Some(floor) = profile.constraints.coverage_floor {
            // The curve's budget is the only side constraint it keeps: refused rather than
            // pairs that may break the profile's floor.
            return Err(crate::matching::floor_error(
                profile,
                "no coverage floor in a mid-cycle rematch, which keeps no floor (remove the line for the rematch, or re-match with dyad match)",
            )
            .value(floor.to_string())
            .into());
        }
        let weighting = Weighting::new(&profile.weights);
        let (numerators, floor, score) = optimizer_scores(&frame, table, profile, &weighting);
        let m = frame.mentors;
        let mut forced = Vec::new();
        let mut keep = Vec::new();
        let mut pinned = 0;
        for c in current {
            let pin = frame.pins.iter().find(|p| p.0 == c.mentee).map(|p| p.1);
            let why = match (c.mentor, pin) {
                (None, _) => Some(ForcedWhy::MentorLeft),
                (Some(j), Some(p)) if p == j => {
                    pinned += 1;
                    continue;
                }
                (Some(_), Some(_)) => Some(ForcedWhy::PinnedElsewhere),
                (Some(_), None) if !frame.eligible[c.mentee] => Some(ForcedWhy::Ineligible),
                (Some(j), None) if !score[c.mentee * m + j].is_finite() => {
                    Some(ForcedWhy::NowRuledOut)
                }
                (Some(j), None) => {
                    keep.push((c.mentee, j));
                    None
                }
            };
            if let Some(why) = why {
                forced.push(Forced {
                    mentee: c.mentee,
                    mentor_id: c.mentor_id.clone(),
                    why,
                });
            }
        }
        forced.sort_by_key(|f| f.mentee);
        keep.sort_unstable();
        Ok(Rematcher {
            table,
            frame,
            weighting,
            numerators,
            score,
            floor,
            objective: profile.objective,
            keep,
            forced,
            pinned,
            limits,
        })
    }
}

/// The pair numerators, the numerator floor of `min_score`, and the optimizer's scores: the
/// numerators with the pairs below the floor ruled out too.
pub(super) fn optimizer_scores(
    frame: &Frame,
    table: &ScoreTable,
    profile: &Profile,
    weighting: &Weighting,
) -> (Vec<f64>, f64, Vec<f64>) {
    let mut numerators = Vec::new();
    table.numerators_into(weighting, Some(&frame.allowed), &mut numerators);
    let floor = weighting.min_numerator(profile.constraints.min_score);
    let score = numerators
        .iter()
        .map(|&x| if x < floor { f64::NEG_INFINITY } else { x })
        .collect();
    (numerators, floor, score)
}

impl Rematcher<'_> {
    fn problem(&self) -> Problem<'_> {
        Problem::new(
            self.frame.mentees,
            self.frame.mentors,
            &self.score,
            &self.frame.capacity,
        )
    }

    /// Continuing pairs an assignment keeps.
    fn kept(&self, a: &[Option<usize>]) -> usize {
        self.keep.iter().filter(|&&(i, j)| a[i] == Some(j)).count()
    }

    /// The best matching with the fewest voluntary changes possible (none, unless a capacity
    /// shrank): freeze and fill when every continuing pair can stay, the side-constrained
    /// search otherwise.
    pub fn keep_first(&self) -> Result<Point, crate::error::Error> {
        let fewest = self.fewest();
        let s = match self.freeze_and_fill() {
            Some(s) => s,
            None => self.best(&self.problem(), Some(self.keep.len() - fewest), None)?,
        };
        Ok(self.point(fewest, &s))
    }

    /// Among the optimal matchings, one that breaks the fewest pairs in place.
    pub fn score_first(&self) -> Result<Point, crate::error::Error> {
        let n = self.keep.len();
        let p = self.problem();
        let s = match self.scratch(&p) {
            Some((scratch, mut solver)) => match self.bonused(&p, &scratch, &mut solver) {
                Some(s) => s,
                None => self.fewest_breaks(&p, &scratch)?,
            },
            None => {
                let scratch = self.best(&p, None, None)?;
                self.fewest_breaks(&p, &scratch)?
            }
        };
        Ok(self.point(n - self.kept(&s.assignment), &s))
    }

    /// The whole re-match: forced changes, keep first, score first and the curve between, each
    /// point of the curve warm-started from the one before it.
    pub fn all(&self) -> Result<Rematch, crate::error::Error> {
        let (forced, pinned) = (self.forced.clone(), self.pinned);
        let n = self.keep.len();
        let p = self.problem();
        let (scratch, bonused) = match self.scratch(&p) {
            Some((scratch, mut solver)) => {
                let b = self.bonused(&p, &scratch, &mut solver);
                (scratch, b)
            }
            None => (self.best(&p, None, None)?, None),
        };
        let scratch_changes = n - self.kept(&scratch.assignment);
        let fewest = self.fewest();
        let score_first = match bonused {
            Some(b) => b,
            None => self.fewest_breaks(&p, &scratch)?,
        };
        let last = n - self.kept(&score_first.assignment);
        let mut curve: Vec<Point> = Vec::new();
        let mut start: Option<Vec<Option<usize>>> = None;
        for k in fewest..=last {
            let s = if k == last {
                score_first.clone()
            } else if let Some(s) = (k == fewest).then(|| self.freeze_and_fill()).flatten() {
                s
            } else {
                self.best(&p, Some(n - k), start.as_deref())?
            };
            start = Some(s.assignment.clone());
            curve.push(self.point(k, &s));
        }
        Ok(Rematch {
            forced,
            continuing: n,
            pinned,
            scratch_changes,
            keep_first: curve[0].clone(),
            score_first: self.point(last, &score_first),
            curve,
        })
    }

    /// Among the optimal matchings, one that keeps the most continuing pairs, by bisection over
    /// budgets: the fewest changes whose best matching reaches the from-scratch optimum.
    fn fewest_breaks(
        &self,
        p: &Problem,
        scratch: &SideSolution,
    ) -> Result<SideSolution, crate::error::Error> {
        let n = self.keep.len();
        let (mut lo, mut hi) = (self.fewest(), n - self.kept(&scratch.assignment));
        let mut best = scratch.clone();
        while lo < hi {
            let mid = (lo + hi) / 2;
            let s = self.best(p, Some(n - mid), None)?;
            if self.value(&s) == self.value(scratch) {
                hi = n - self.kept(&s.assignment);
                best = s;
            } else {
                lo = mid + 1;
            }
        }
        Ok(best)
    }

    /// What the objective ranks a solution by: rows matched, then (maximin only) the worst
    /// pair's numerator, then the total. Two solutions are equally good when these are equal;
    /// under maximin an equal total alone is not enough.
    fn value(&self, s: &SideSolution) -> (usize, f64, f64) {
        let m = self.frame.mentors;
        let worst = match self.objective {
            Objective::Maximin => (0..s.assignment.len())
                .filter_map(|i| s.assignment[i].map(|j| self.score[i * m + j]))
                .fold(f64::INFINITY, f64::min),
            Objective::Total => 0.0,
        };
        (s.matched, worst, s.total)
    }

    /// The best assignment keeping at least `keep` continuing pairs (`None`: no constraint).
    fn best(
        &self,
        p: &Problem,
        keep: Option<usize>,
        start: Option<&[Option<usize>]>,
    ) -> Result<SideSolution, crate::error::Error> {
        let cons: Vec<AtLeast> = keep
            .map(|count| AtLeast {
                pairs: self.keep.clone(),
                count,
            })
            .into_iter()
            .collect();
        let budget = keep.map_or(0, |c| self.keep.len() - c);
        let undecided = || RematchError::Undecided {
            max_changes: budget,
        };
        let options = Options {
            limits: self.limits,
            start,
            unconstrained: None,
        };
        let solved = match self.objective {
            Objective::Total => side::solve(p, &cons, &options),
            Objective::Maximin => maximin(p, &cons, &options),
        };
        solved.map_err(|e| match e {
            SideError::Undecided { .. } | SideError::Infeasible { .. } => {
                crate::error::Error::Other(undecided().to_string())
            }
        })
    }

    fn point(&self, k: usize, s: &SideSolution) -> Point {
        let matching = self.frame.assemble(
            self.table,
            &self.weighting,
            &self.numerators,
            self.floor,
            s.assignment.clone(),
        );
        let total = matching.total();
        let bound = if s.proven_optimal {
            total
        } else {
            // The gap in numerators, in pair-score points (not capped at 100 as one pair is).
            let d = self.weighting.denominator;
            total
                + if d > 0.0 {
                    100.0 * (s.bound - s.total).max(0.0) / d
                } else {
                    0.0
                }
        };
        let moved: Vec<Move> = self
            .keep
            .iter()
            .filter(|&&(i, j)| s.assignment[i] != Some(j))
            .map(|&(i, j)| Move {
                mentee: i,
                from: j,
                to: s.assignment[i],
            })
            .collect();
        Point {
            max_changes: k,
            changes: moved.len(),
            matched: matching.pairs.len(),
            total,
            proven_optimal: s.proven_optimal,
            bound,
            moved,
            matching,
        }
    }
}

/// The most continuing pairs one matching can keep.
pub(super) fn side_reachable(p: &Problem, keep: &[(usize, usize)]) -> usize {
    let only: Vec<f64> = (0..p.rows * p.cols).map(|_| f64::NEG_INFINITY).collect();
    let mut only = only;
    for &(i, j) in keep {
        only[i * p.cols + j] = 0.0;
    }
    crate::solver::solve(&Problem::new(p.rows, p.cols, &only, p.capacity)).matched
}

/// `maximin` under side constraints: the most rows, then the highest worst pair, then the
/// largest total — the highest score threshold at which the constrained maximum of rows is
/// still reached (bisection over the distinct scores), then the total above it.
pub(super) fn maximin(
    p: &Problem,
    cons: &[AtLeast],
    options: &Options,
) -> Result<SideSolution, SideError> {
    let above = |t: f64| -> Vec<f64> {
        p.score
            .iter()
            .map(|&s| if s >= t { s } else { f64::NEG_INFINITY })
            .collect()
    };
    let rows_at = |t: f64| -> Result<Option<(usize, bool)>, SideError> {
        let zeros: Vec<f64> = above(t)
            .iter()
            .map(|s| if s.is_finite() { 0.0 } else { *s })
            .collect();
        let q = Problem::new(p.rows, p.cols, &zeros, p.capacity);
        match side::solve(&q, cons, options) {
            Ok(s) => Ok(Some((s.matched, s.proven_optimal))),
            Err(SideError::Infeasible { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let mut values: Vec<f64> = p.score.iter().copied().filter(|s| s.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let Some(&lowest) = values.first() else {
        return side::solve(p, cons, options);
    };
    let Some((most, mut proven)) = rows_at(lowest)? else {
        return side::solve(p, cons, options);
    };
    let (mut lo, mut hi) = (0usize, values.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        match rows_at(values[mid])? {
            Some((k, sure)) if k == most => {
                proven &= sure;
                lo = mid;
            }
            Some((_, sure)) => {
                proven &= sure;
                hi = mid - 1;
            }
            None => hi = mid - 1,
        }
    }
    let kept = above(values[lo]);
    let mut s = side::solve(
        &Problem::new(p.rows, p.cols, &kept, p.capacity),
        cons,
        options,
    )?;
    s.proven_optimal &= proven;
    Ok(s)
}
