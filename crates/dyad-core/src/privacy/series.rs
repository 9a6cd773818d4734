//! The group rows of a series of matchings of one pool that a room steps through, such as the
//! points of the fairness curve (rule 5 of [`super::room`]): a group's figures at a step only
//! when its changes against every other matching whose figures of the group the room sees may
//! be shown (rule 4), the bound its whole gives otherwise.

use super::SmallCells;
use super::room::{Changed, Group, Matched, RowShown, Whole};

/// One matching of a series: its whole, each group's figures (in the order of the groups'
/// members given to [`SmallCells::series`]), and each mentee's mentor.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The eligible mentees and how many are matched.
    pub whole: Whole,
    /// Each group's figures.
    pub groups: Vec<Group<'a>>,
    /// Each mentee's mentor, `None` for none.
    pub mentor_of: &'a [Option<usize>],
}

/// Who differs between two matchings of one pool (each mentee's mentor, `None` for none), with
/// `members` the group's mentees.
pub fn changed(a: &[Option<usize>], b: &[Option<usize>], members: &[usize]) -> Changed {
    let at = |m: &[Option<usize>], i: usize| m.get(i).copied().flatten();
    let n = a.len().max(b.len());
    Changed {
        in_group: members.iter().filter(|&&i| at(a, i) != at(b, i)).count(),
        total: (0..n).filter(|&i| at(a, i) != at(b, i)).count(),
        status: (0..n)
            .filter(|&i| at(a, i).is_some() != at(b, i).is_some())
            .count(),
    }
}

/// Those matched in `b` only (who gained a pair), and how many of them are among `members`.
fn gained(a: &[Option<usize>], b: &[Option<usize>], members: &[usize]) -> (usize, usize) {
    let matched = |m: &[Option<usize>], i: usize| m.get(i).copied().flatten().is_some();
    let gains = |i: usize| !matched(a, i) && matched(b, i);
    let all = (0..a.len().max(b.len())).filter(|&i| gains(i)).count();
    (members.iter().filter(|&&i| gains(i)).count(), all)
}

/// The matchings whose figures of one group the room sees, by figure.
struct Told<'a> {
    counts: Vec<&'a [Option<usize>]>,
    scores: Vec<&'a [Option<usize>]>,
}

impl SmallCells {
    /// Each step's group rows (`[step][group]`, `None` for `<k`) as a room that sees all of
    /// them may see them, beside the matchings whose exact counts (`counts_seen`) and scores
    /// (`scores_seen`) of every group it already sees (rule 5 of [`super::room`]): each step's
    /// exact count only when its differences with every matching whose exact count of the group
    /// is seen, or shown at an earlier step, rest on k or more of the group's `members` and k
    /// or more others (among those who gained a pair, and among those who lost one), the bound
    /// its whole gives otherwise; its scores only when [`SmallCells::row`] allows them beside
    /// the count shown and rule 4 allows the changes against every matching whose scores of the
    /// group are seen or shown.
    pub fn series(
        &self,
        counts_seen: &[&[Option<usize>]],
        scores_seen: &[&[Option<usize>]],
        steps: &[Step],
        members: &[Vec<usize>],
    ) -> Vec<Vec<Option<RowShown>>> {
        let mut rows: Vec<Vec<Option<RowShown>>> = vec![Vec::new(); steps.len()];
        for (k, members) in members.iter().enumerate() {
            let mut told = Told {
                counts: counts_seen.to_vec(),
                scores: scores_seen.to_vec(),
            };
            for (row, s) in rows.iter_mut().zip(steps) {
                let shown = self.row(s.whole, s.groups[k]);
                let shown = match shown {
                    Some(r) if !self.full => Some(self.told_apart(r, s, k, members, &mut told)),
                    other => other,
                };
                row.push(shown);
            }
        }
        rows
    }

    /// The row `r` of group `k` at step `s` as rule 5 lets it be shown beside what is `told`,
    /// and what is told then.
    fn told_apart<'a>(
        &self,
        r: RowShown,
        s: &Step<'a>,
        k: usize,
        members: &[usize],
        told: &mut Told<'a>,
    ) -> RowShown {
        let split = |(part, all): (usize, usize)| all == 0 || self.splits(part, all);
        let g = s.groups[k];
        let exact = matches!(r.counts, Some((_, Matched::Exact(_))))
            && told.counts.iter().all(|t| {
                split(gained(t, s.mentor_of, members)) && split(gained(s.mentor_of, t, members))
            });
        let r = if exact {
            told.counts.push(s.mentor_of);
            r
        } else {
            self.counted(s.whole, g, self.bound(s.whole, g))
        };
        let scores = r.scores()
            && told
                .scores
                .iter()
                .all(|t| self.changes(changed(t, s.mentor_of, members)));
        if !scores {
            return RowShown {
                mean: None,
                lowest: None,
                ..r
            };
        }
        told.scores.push(s.mentor_of);
        r
    }
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod tests;
