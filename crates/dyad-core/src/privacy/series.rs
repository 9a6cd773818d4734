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

/// Whether a row tells more than its whole gives anyway (an exact count, or scores).
fn tells(r: &RowShown) -> bool {
    r.scores() || exact(r)
}

fn exact(r: &RowShown) -> bool {
    matches!(r.counts, Some((_, Matched::Exact(_))))
}

/// Those matched in `b` only (who gained a pair), and how many of them are among `members`.
fn gained(a: &[Option<usize>], b: &[Option<usize>], members: &[usize]) -> (usize, usize) {
    let matched = |m: &[Option<usize>], i: usize| m.get(i).copied().flatten().is_some();
    let gains = |i: usize| !matched(a, i) && matched(b, i);
    let all = (0..a.len().max(b.len())).filter(|&i| gains(i)).count();
    (members.iter().filter(|&&i| gains(i)).count(), all)
}

impl SmallCells {
    /// Each step's group rows (`[step][group]`, `None` for `<k`) as a room that sees all of
    /// them, and the matchings `seen` with every figure, may see them: each as
    /// [`SmallCells::row`] shows it when its differences with every matching seen, and every
    /// earlier step whose figures of the group are shown, rest on k or more of the group's
    /// `members` and k or more others (rule 5 of [`super::room`]); otherwise only the bound
    /// the step's whole gives.
    pub fn series(
        &self,
        seen: &[&[Option<usize>]],
        steps: &[Step],
        members: &[Vec<usize>],
    ) -> Vec<Vec<Option<RowShown>>> {
        let mut rows: Vec<Vec<Option<RowShown>>> = vec![Vec::new(); steps.len()];
        for (k, members) in members.iter().enumerate() {
            let mut told: Vec<&[Option<usize>]> = seen.to_vec();
            for (row, s) in rows.iter_mut().zip(steps) {
                let g: Group = s.groups[k];
                let shown = match self.row(s.whole, g) {
                    Some(r) if !self.full && tells(&r) => {
                        let apart = told.iter().all(|t| self.apart(&r, t, s.mentor_of, members));
                        if apart {
                            told.push(s.mentor_of);
                            Some(r)
                        } else {
                            Some(self.bounded(s.whole, g))
                        }
                    }
                    other => other,
                };
                row.push(shown);
            }
        }
        rows
    }

    /// Whether a row of matching `b` may be shown beside the figures of matching `a`: its
    /// scores when rule 4 allows the changes; its exact count when those who gained a pair, and
    /// those who lost one, are each k or more of the group and k or more others, or no one.
    fn apart(
        &self,
        r: &RowShown,
        a: &[Option<usize>],
        b: &[Option<usize>],
        members: &[usize],
    ) -> bool {
        let scores = !r.scores() || self.changes(changed(a, b, members));
        // The counts differ by the group's members among those who gained a pair less those
        // among who lost one: each list must hold k of the group and k others, or no one.
        let split = |(part, all): (usize, usize)| all == 0 || self.splits(part, all);
        let count = !exact(r) || (split(gained(a, b, members)) && split(gained(b, a, members)));
        scores && count
    }
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod tests;
