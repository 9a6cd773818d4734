//! What changes between two matchings of the same pool: the one home of "which mentees moved"
//! ([`changes`], [`PairChange`] and its text) and of the comparison of two evaluations on one
//! yardstick ([`Comparison::on`]).
//!
//! Both matchings are scored with the same profile's weights and criterion parameters, the
//! yardstick (by default the current one, B): otherwise a pair that did not change would show a
//! delta, and a criterion dropped would look like an improvement. A mentee whose mentor did not
//! change has no delta at all.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::analysis::summary::Summary;
use crate::matching::engine::{Engine, Evaluation};
use crate::matching::pair_steps::PairSteps;
use crate::matching::scoring::Weighting;
use crate::matching::{Matching, Reason};
use crate::pool::Pool;

/// One mentee whose situation differs between two matchings. `None` is "unmatched".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairChange {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// The mentor in the first matching (index in the pool).
    pub old_mentor: Option<usize>,
    /// The mentor in the second matching (index in the pool).
    pub new_mentor: Option<usize>,
}

/// Every mentee whose mentor (or matched status) differs from `a` to `b`, by mentee: the moved
/// pairs.
pub fn changes(a: &Matching, b: &Matching) -> Vec<PairChange> {
    a.mentor_of
        .iter()
        .zip(&b.mentor_of)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(mentee, (x, y))| PairChange {
            mentee,
            old_mentor: *x,
            new_mentor: *y,
        })
        .collect()
}

/// What an unmatched side reads in a pair change.
pub const NO_MENTOR: &str = "none";

impl PairChange {
    /// The change as a person reads it, mentors by id: `MR-003 → MR-011`, `none → MR-011`.
    pub fn text<'a>(&self, pool: &'a Pool) -> PairChangeText<'a> {
        PairChangeText {
            pool,
            old: self.old_mentor,
            new: self.new_mentor,
        }
    }
}

impl PairChange {
    /// The change with its mentee, as every screen and output names a moved pair:
    /// `ME-014: MR-031 → MR-034`.
    pub fn line(&self, pool: &Pool) -> String {
        format!("{}: {}", pool.mentees[self.mentee].id, self.text(pool))
    }
}

/// Up to `max` moved pairs in one line, then how many more:
/// `ME-014: MR-031 → MR-034, ME-020: none → MR-005, and 2 more`; empty when none moved.
pub fn changes_line(pool: &Pool, changes: &[PairChange], max: usize) -> String {
    let mut parts: Vec<String> = changes.iter().take(max).map(|c| c.line(pool)).collect();
    if changes.len() > max {
        parts.push(format!("and {} more", changes.len() - max));
    }
    parts.join(", ")
}

/// [`PairChange::text`]: `old → new`, with [`NO_MENTOR`] for an unmatched side.
#[derive(Debug, Clone, Copy)]
pub struct PairChangeText<'a> {
    pool: &'a Pool,
    old: Option<usize>,
    new: Option<usize>,
}

impl fmt::Display for PairChangeText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = |j: Option<usize>| j.map_or(NO_MENTOR, |j| self.pool.mentors[j].id.as_str());
        write!(f, "{} → {}", id(self.old), id(self.new))
    }
}

/// Which profile measures both matchings of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Yardstick {
    /// Profile A's weights and criterion parameters (`--yardstick a`).
    A,
    /// Profile B's (the default: the current profile).
    B,
}

impl Yardstick {
    /// The yardstick as written on the command line and in JSON: `a` or `b`.
    pub fn as_str(self) -> &'static str {
        match self {
            Yardstick::A => "a",
            Yardstick::B => "b",
        }
    }
}

/// A matching's pair scores recomputed under another evaluation's weights and criterion
/// parameters (same pool).
pub fn rescored(matching: &Matching, yardstick: &Evaluation) -> Matching {
    let mut m = matching.clone();
    // What `ScoreTable::pair_score` computes, with the weights counted once.
    let (table, w) = (&yardstick.table, Weighting::new(&yardstick.profile.weights));
    for p in &mut m.pairs {
        p.score = w.score(table.numerator(p.mentee, p.mentor, &w));
    }
    m
}

/// A mentee whose mentor differs between A and B.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Changed {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// The mentor in A (index in the pool).
    pub old_mentor: usize,
    /// The mentor in B (index in the pool).
    pub new_mentor: usize,
    /// The pair's score in A, on the comparison's yardstick (0–100).
    pub old_score: f64,
    /// The pair's score in B, on the comparison's yardstick (0–100).
    pub new_score: f64,
}

/// A mentee matched in B but not in A.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewlyMatched {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// The mentor in B (index in the pool).
    pub mentor: usize,
    /// The pair's score, on the comparison's yardstick (0–100).
    pub score: f64,
    /// Why the mentee had no mentor in A.
    pub was: Reason,
}

/// A mentee matched in A but not in B.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewlyUnmatched {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// The mentor in A (index in the pool).
    pub old_mentor: usize,
    /// The pair's score in A, on the comparison's yardstick (0–100).
    pub old_score: f64,
    /// Why the mentee has no mentor in B.
    pub reason: Reason,
}

/// Two matchings side by side. Built by [`Comparison::on`], every score (the summaries, the
/// changed pairs) is on the yardstick; built by [`Comparison::of`], on whatever scores the
/// matchings carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The profile whose weights scored both sides.
    pub yardstick: Yardstick,
    /// A's figures.
    pub a: Summary,
    /// B's figures.
    pub b: Summary,
    /// Mentees matched in both but to different mentors, by mentee.
    pub changed: Vec<Changed>,
    /// Mentees only B matches, by mentee.
    pub newly_matched: Vec<NewlyMatched>,
    /// Mentees only A matches, by mentee.
    pub newly_unmatched: Vec<NewlyUnmatched>,
}

/// Comparing evaluations is an analysis: these live here, above the matching, so the engine
/// never reaches up for the comparison's type.
impl Engine {
    /// What changes from evaluation A to evaluation B, both scored on B's yardstick (its
    /// weights and criterion parameters), as every comparison shown to the council is.
    pub fn compare(a: &Evaluation, b: &Evaluation) -> Comparison {
        Self::compare_on(a, b, Yardstick::B)
    }

    /// As [`Engine::compare`], on the chosen yardstick.
    pub fn compare_on(a: &Evaluation, b: &Evaluation, yardstick: Yardstick) -> Comparison {
        Comparison::on(&b.pool, a, b, yardstick)
    }
}

impl Comparison {
    /// Compares evaluation A to evaluation B (same pool), both scored with the yardstick's
    /// weights and criterion parameters.
    pub fn on<'a>(
        pool: &Pool,
        a: &'a Evaluation,
        b: &'a Evaluation,
        yardstick: Yardstick,
    ) -> Comparison {
        let y = match yardstick {
            Yardstick::A => a,
            Yardstick::B => b,
        };
        // A side on its own yardstick already carries its scores (the session's numerators are
        // exact, so rescoring would give them bit for bit): only the other side is rescored,
        // a read of every criterion of each of its pairs.
        let on_yardstick = |ev: &'a Evaluation| {
            if std::ptr::eq(ev, y) {
                Cow::Borrowed(&ev.matching)
            } else {
                Cow::Owned(rescored(&ev.matching, y))
            }
        };
        let ma = on_yardstick(a);
        let mb = on_yardstick(b);
        // A side scored on its own yardstick carries its own scores, and its summary is the
        // one its evaluation made of the same pairs and table: no need to make it again.
        let summary = |ev: &Evaluation, m: &Matching| {
            if std::ptr::eq(ev, y) && std::ptr::eq(pool, &*ev.pool) {
                ev.summary.clone()
            } else if std::ptr::eq(pool, &*y.pool) {
                Summary::grouped(&y.groups, &PairSteps::read(&y.table, &m.pairs), m)
            } else {
                Summary::of(pool, &y.table, m)
            }
        };
        let sa = summary(a, &ma);
        let sb = summary(b, &mb);
        Comparison {
            yardstick,
            ..Comparison::owning(&ma, sa, &mb, sb)
        }
    }

    /// The score delta of a mentee's pair, B − A: `None` when the mentor did not change (or
    /// either side is unmatched), never a 0 standing for "same pair".
    pub fn delta_of(&self, mentee: usize) -> Option<f64> {
        self.changed
            .iter()
            .find(|c| c.mentee == mentee)
            .map(|c| c.new_score - c.old_score)
    }

    /// Compares matching A (with its summary) to matching B on the same pool.
    pub fn of(a: &Matching, sa: &Summary, b: &Matching, sb: &Summary) -> Comparison {
        Comparison::owning(a, sa.clone(), b, sb.clone())
    }

    /// [`Comparison::on`] B's yardstick, with A's matching already scored on it and the
    /// criteria of its pairs read from B's table (see [`crate::analysis::overview_memo`]).
    pub(crate) fn on_b_with(a_on_b: &Matching, a_steps: &PairSteps, b: &Evaluation) -> Comparison {
        let sa = Summary::grouped(&b.groups, a_steps, a_on_b);
        Comparison::owning(a_on_b, sa, &b.matching, b.summary.clone())
    }

    /// [`Comparison::of`], keeping the summaries given.
    fn owning(a: &Matching, sa: Summary, b: &Matching, sb: Summary) -> Comparison {
        let mut changed = Vec::new();
        let mut newly_matched = Vec::new();
        let mut newly_unmatched = Vec::new();
        for mentee in 0..a.mentor_of.len().min(b.mentor_of.len()) {
            // Same mentor, or unmatched on both sides: nothing to say.
            if a.mentor_of[mentee] == b.mentor_of[mentee] {
                continue;
            }
            match (a.pair_of(mentee), b.pair_of(mentee)) {
                (Some(pa), Some(pb)) if pa.mentor != pb.mentor => changed.push(Changed {
                    mentee,
                    old_mentor: pa.mentor,
                    new_mentor: pb.mentor,
                    old_score: pa.score,
                    new_score: pb.score,
                }),
                (None, Some(pb)) => newly_matched.push(NewlyMatched {
                    mentee,
                    mentor: pb.mentor,
                    score: pb.score,
                    was: a.reason_of(mentee).unwrap_or(Reason::Capacity),
                }),
                (Some(pa), None) => newly_unmatched.push(NewlyUnmatched {
                    mentee,
                    old_mentor: pa.mentor,
                    old_score: pa.score,
                    reason: b.reason_of(mentee).unwrap_or(Reason::Capacity),
                }),
                _ => {}
            }
        }
        Comparison {
            yardstick: Yardstick::B,
            a: sa,
            b: sb,
            changed,
            newly_matched,
            newly_unmatched,
        }
    }

    /// Mentees whose situation differs at all: changed mentor, newly matched or unmatched.
    pub fn differing(&self) -> usize {
        self.changed.len() + self.newly_matched.len() + self.newly_unmatched.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(pool: &Pool, mentee: &str, old: Option<&str>, new: Option<&str>) -> PairChange {
        let mentor =
            |id: Option<&str>| id.map(|id| pool.mentors.iter().position(|m| m.id == id).unwrap());
        PairChange {
            mentee: pool.mentees.iter().position(|m| m.id == mentee).unwrap(),
            old_mentor: mentor(old),
            new_mentor: mentor(new),
        }
    }

    #[test]
    fn moved_pairs_read_the_same_everywhere() {
        let pool = crate::embedded::sample_pool();
        let a = moved(&pool, "ME-014", Some("MR-031"), Some("MR-034"));
        let b = moved(&pool, "ME-017", Some("MR-025"), None);
        let c = moved(&pool, "ME-003", None, Some("MR-010"));
        assert_eq!(a.line(&pool), "ME-014: MR-031 → MR-034");
        assert_eq!(b.line(&pool), format!("ME-017: MR-025 → {NO_MENTOR}"));
        assert_eq!(
            changes_line(&pool, &[a, b, c], 1),
            "ME-014: MR-031 → MR-034, and 2 more"
        );
        assert_eq!(
            changes_line(&pool, &[a, c], 2),
            "ME-014: MR-031 → MR-034, ME-003: none → MR-010"
        );
        assert_eq!(changes_line(&pool, &[a, b, c], 0), "and 3 more");
        assert_eq!(changes_line(&pool, &[], 3), "");
    }
}
