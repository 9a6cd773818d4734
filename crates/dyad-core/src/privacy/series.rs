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
    r.scores() || matches!(r.counts, Some((_, Matched::Exact(_))))
}

impl SmallCells {
    /// Each step's group rows (`[step][group]`, `None` for `<k`) as a room that sees all of
    /// them, and the matchings `seen` with every figure, may see them: each as
    /// [`SmallCells::row`] shows it when the changes between the step and every matching seen,
    /// and every earlier step whose figures of the group are shown, may be shown (rule 4, over
    /// the group's `members`); otherwise only the bound the step's whole gives.
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
                        let apart = told
                            .iter()
                            .all(|t| self.changes(changed(t, s.mentor_of, members)));
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
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod tests;
