//! What a room may see of an identity group: the one rule every shared screen and every record
//! applies to a group row ([`SmallCells::row`], and [`SmallCells::baseline_row`] for the other
//! side of a comparison).
//!
//! # Why a rule beyond "at least k in the group"
//!
//! A room sees the pairs by pseudonym (mentee, mentor, score) and the list of unmatched mentees
//! beside the figures of each group. A figure that is fine alone gives people away together
//! with that list:
//!
//! - **Extremes.** A group's worst pair is one person's score; the one listed pair with that
//!   score tells the room that its mentee is in the group.
//! - **Differences.** A group's eligible minus matched is how many of the listed unmatched
//!   mentees are in it: 1 of 1 names that mentee's group, 0 of 1 says they are not in it. The
//!   row of all mentees minus a group's row is the rest of the pool, and a rest of one person
//!   (a mean over 24 of 25 matched) is again one listed score. A baseline beside the current
//!   matching differs only in the mentees whose pair changed, and the changed pairs are listed.
//!
//! # The scheme: thresholds on every figure and on every difference the room can take
//!
//! Statistical disclosure control, with k = `small_cell_k`:
//!
//! 1. **The group and the rest.** A row is shown only when the group has at least k eligible
//!    mentees and so does the rest of the pool; otherwise it reads `<k`.
//! 2. **No extremes.** No group figure is one person's: instead of the worst pair, the mean of
//!    the group's k lowest pairs ([`RowShown::lowest`]); every score figure rests on k or more
//!    matched mentees, and so does its difference with the row of all mentees (the rest of the
//!    matched pool is at least k; when the exact matched count is not shown, the rest must hold
//!    k even if the whole group were matched, and the bound must exceed k, so that showing the
//!    figures does not tell the count).
//! 3. **Unmatched counts only when the list cannot be split by them.** A group's matched count
//!    is exact when no one is unmatched, or when both the group's unmatched and the other
//!    listed unmatched number at least k; otherwise the row shows a bound the room could work
//!    out by itself from the group's size and the list ([`Matched::AtLeast`]: "≥ 22 of 25").
//! 4. **Changes only over k changed people on both sides.** The baseline's scores of a group
//!    and every change (Δ) are shown only when at least k of the group's eligible mentees
//!    changed mentor and at least k of the others did, or no one did. The baseline's counts
//!    (eligible, matched) are shown only when every mentee is eligible, and matched or not,
//!    alike on both sides: then they are the current ones' (two lists of the eligible or the
//!    unmatched that differ in a few people would tell those people's group).
//!
//! 5. **A series stepped through, figures told apart.** Where the room steps through several
//!    matchings of one pool (the points of the fairness curve) beside those it already sees (the
//!    main screen's current and baseline), it can take the difference of a group's figures at
//!    any two of them. So a step shows a group's exact count only when, against every other
//!    matching whose exact count of the group the room sees, those who gained a pair, and
//!    those who lost one, each hold k or more of the group and k or more others, or no one
//!    (the counts differ by the group's gains less its losses; rule 3 asks the same of the
//!    list of unmatched); otherwise the bound its whole gives. It shows the group's scores
//!    only when rule 2 allows them beside that count and, against every other matching whose
//!    scores of the group the room sees, rule 4 allows the changes ([`SmallCells::series`]).
//!
//! The row of all mentees is never suppressed: it is the table the room sees anyway.
//!
//! What is left: a figure over k or more people can still tell the room that those k share a
//! group (a group's k lowest may be the pool's k lowest). The rule keeps every inference about
//! a person among at least k people; it does not hide how groups fare, which is the point.
//!
//! The coordinator's full detail ([`SmallCells::full_detail`]) shows every figure exact, the
//! worst pair as "the 1 lowest"; no shared screen and no record uses it.

use super::SmallCells;

/// What the room sees of the whole pool anyway: the eligible mentees and how many are matched
/// (the listed unmatched are the difference).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whole {
    /// Eligible mentees in the pool.
    pub eligible: usize,
    /// Of them, how many the matching pairs.
    pub matched: usize,
}

/// One group's figures on one side, as computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group<'a> {
    /// Eligible mentees (or mentors) in the group; what suppression is decided on.
    pub eligible: usize,
    /// Of them, how many the matching pairs.
    pub matched: usize,
    /// The scores of the group's pairs, lowest first.
    pub scores: &'a [f64],
}

/// How a group's matched count may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// Exactly this many of the group's eligible mentees are matched.
    Exact(usize),
    /// At least this many (a bound that the group's size and the list of unmatched give anyway).
    AtLeast(usize),
}

/// A group row as it may be shown; `None` for a figure that is withheld.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowShown {
    /// The group's eligible and matched mentees (withheld together, on a baseline only).
    pub counts: Option<(usize, Matched)>,
    /// Mean score of the group's pairs; with it go the other figures over the group's pairs
    /// (identity requests met, distances).
    pub mean: Option<f64>,
    /// `(n, mean of the group's n lowest pair scores)`: n = k, or 1 in the full detail.
    pub lowest: Option<(usize, f64)>,
}

impl RowShown {
    /// Whether the figures over the group's pairs (mean, lowest, requests met, km) are shown.
    pub fn scores(&self) -> bool {
        self.mean.is_some()
    }
}

/// Who changed between the baseline and the current matching (among the mentees eligible on
/// either side).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    /// The group's mentees whose mentor differs (being eligible or matched included).
    pub in_group: usize,
    /// All mentees whose mentor differs.
    pub total: usize,
    /// All mentees eligible on one side only, or matched on one side only.
    pub status: usize,
}

impl SmallCells {
    /// Whether a count may be shown beside the whole it is part of: both it and the rest are
    /// 0-free thresholds (k or more), so neither singles out fewer than k people.
    pub(super) fn splits(&self, part: usize, whole: usize) -> bool {
        part >= self.k && whole.saturating_sub(part) >= self.k
    }

    /// A group row of one side as the room may see it; `None`: the row reads `<k`.
    pub fn row(&self, whole: Whole, g: Group) -> Option<RowShown> {
        if self.full {
            return Some(self.everything(g));
        }
        if !self.splits(g.eligible, whole.eligible) {
            return None;
        }
        let listed = whole.eligible.saturating_sub(whole.matched);
        let unmatched = g.eligible.saturating_sub(g.matched);
        let matched = if listed == 0 || self.splits(unmatched, listed) {
            Matched::Exact(g.matched)
        } else {
            self.bound(whole, g)
        };
        Some(self.counted(whole, g, matched))
    }

    /// A shown row with the matched count shown as `matched`, and the scores when that count
    /// allows them.
    pub(super) fn counted(&self, whole: Whole, g: Group, matched: Matched) -> RowShown {
        // The least and the most the room may take the group's matched to be: the figures over
        // the pairs are shown only when even the least is k or more (more than k under a bound,
        // or a mean equal to the mean of the k lowest would tell that exactly k are matched),
        // and even the most leaves k or more of the matched pool outside the group.
        let (least, most) = match matched {
            Matched::Exact(n) => (n, n),
            Matched::AtLeast(n) => (n.saturating_sub(1), g.eligible),
        };
        let rest = whole.matched.saturating_sub(most);
        let scores = least >= self.k && g.scores.len() >= self.k && rest >= self.k;
        self.with_scores(g, matched, scores)
    }

    /// The other side of a comparison (the baseline), given who changed: its counts only when
    /// no one's status changed, its scores only when rule 4 of the module allows; `None` when
    /// neither.
    pub fn baseline_row(&self, whole: Whole, g: Group, changed: Changed) -> Option<RowShown> {
        let shown = self.row(whole, g)?;
        if self.full || changed.total == 0 {
            return Some(shown);
        }
        let scores = shown.scores() && self.changes(changed);
        let counts = if changed.status == 0 {
            shown.counts
        } else {
            None
        };
        if counts.is_none() && !scores {
            return None;
        }
        let with = self.with_scores(g, Matched::Exact(0), scores);
        Some(RowShown { counts, ..with })
    }

    /// Whether the changes of a group between the two sides may be shown (rule 4).
    pub fn changes(&self, changed: Changed) -> bool {
        self.full || changed.total == 0 || self.splits(changed.in_group, changed.total)
    }

    /// The least the group's matched count can be, from its size and the list alone.
    pub(super) fn bound(&self, whole: Whole, g: Group) -> Matched {
        let listed = whole.eligible.saturating_sub(whole.matched);
        Matched::AtLeast(g.eligible.saturating_sub(listed))
    }

    fn with_scores(&self, g: Group, matched: Matched, scores: bool) -> RowShown {
        RowShown {
            counts: Some((g.eligible, matched)),
            mean: scores.then(|| mean(g.scores)),
            lowest: scores.then(|| (self.k, mean(&g.scores[..self.k]))),
        }
    }

    fn everything(&self, g: Group) -> RowShown {
        let any = !g.scores.is_empty();
        RowShown {
            counts: Some((g.eligible, Matched::Exact(g.matched))),
            mean: any.then(|| mean(g.scores)),
            lowest: any.then(|| (1, g.scores[0])),
        }
    }
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
