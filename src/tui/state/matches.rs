//! The rows of the matches table: one per mentee, the current pair beside the baseline pair,
//! sorted and filtered as the council asks.

use dyad::matching::Reason;
use dyad::pool::{Action, Overrides};

use crate::tui::jobs::solve::Results;
use crate::tui::scroll::Scroll;

/// How a mentee's situation differs from the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Another mentor than in the baseline.
    NewMentor,
    /// Matched now, unmatched in the baseline.
    NewlyMatched,
    /// Unmatched now, matched in the baseline.
    NewlyUnmatched,
    /// The same mentor as in the baseline.
    Same,
    /// Unmatched in both.
    Unmatched,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub mentee: usize,
    pub mentor: Option<usize>,
    pub score: Option<f64>,
    pub base_mentor: Option<usize>,
    pub base_score: Option<f64>,
    pub change: Change,
    /// Why the mentee has no mentor now.
    pub reason: Option<Reason>,
    /// Why the mentee had no mentor in the baseline.
    pub base_reason: Option<Reason>,
    pub pinned: bool,
    /// Pairs of this mentee the council banned.
    pub bans: usize,
}

impl Row {
    pub fn changed(&self) -> bool {
        matches!(
            self.change,
            Change::NewMentor | Change::NewlyMatched | Change::NewlyUnmatched
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Changed,
    Score,
    Id,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Changed => Sort::Score,
            Sort::Score => Sort::Id,
            Sort::Id => Sort::Changed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Changed => "changes first",
            Sort::Score => "score",
            Sort::Id => "mentee id",
        }
    }
}

/// The matches table: its rows, how they are sorted and filtered, the selected mentee and the
/// first row shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Matches {
    pub rows: Vec<Row>,
    pub sort: Sort,
    pub changed_only: bool,
    pub selected_mentee: Option<usize>,
    /// The first row shown; its `selected` follows the selected mentee's row.
    pub scroll: Scroll,
}

impl Default for Matches {
    fn default() -> Matches {
        Matches {
            rows: Vec::new(),
            sort: Sort::Changed,
            changed_only: false,
            selected_mentee: None,
            scroll: Scroll::default(),
        }
    }
}

impl Matches {
    /// The position of the selected mentee among the rows shown.
    pub fn selected_row(&self) -> Option<usize> {
        let m = self.selected_mentee?;
        self.rows.iter().position(|r| r.mentee == m)
    }

    pub fn selected(&self) -> Option<&Row> {
        self.rows.get(self.selected_row()?)
    }
}

/// One row per mentee, in id order.
pub fn build(results: &Results, overrides: &Overrides) -> Vec<Row> {
    let (cur, base) = (&results.current.matching, &results.baseline.matching);
    // Each moved mentee's baseline pair as the comparison scored it, looked up by mentee (the
    // rows are rebuilt after every rematch, so no search per row).
    let mut old_score = vec![None; cur.mentor_of.len()];
    for c in &results.comparison.changed {
        if let Some(slot) = old_score.get_mut(c.mentee) {
            *slot = Some(c.old_score);
        }
    }
    (0..cur.mentor_of.len())
        .map(|mentee| {
            let now = cur.pair_of(mentee);
            let was = base.pair_of(mentee);
            let change = match (now, was) {
                (Some(a), Some(b)) if a.mentor == b.mentor => Change::Same,
                (Some(_), Some(_)) => Change::NewMentor,
                (Some(_), None) => Change::NewlyMatched,
                (None, Some(_)) => Change::NewlyUnmatched,
                (None, None) => Change::Unmatched,
            };
            // The baseline pair scored on the current profile's yardstick, as the comparison
            // has it; an unchanged pair has no baseline score of its own to differ from.
            let base_score = match change {
                Change::Same => None,
                Change::NewMentor => old_score[mentee],
                _ => was.map(|p| p.score),
            };
            Row {
                mentee,
                mentor: now.map(|p| p.mentor),
                score: now.map(|p| p.score),
                base_mentor: was.map(|p| p.mentor),
                base_score,
                change,
                reason: now.is_none().then(|| cur.reason_of(mentee)).flatten(),
                base_reason: was.is_none().then(|| base.reason_of(mentee)).flatten(),
                pinned: now.is_some_and(|p| p.pinned),
                bans: overrides
                    .iter()
                    .filter(|o| o.mentee == mentee && o.action == Action::Ban)
                    .count(),
            }
        })
        .collect()
}

/// The rows to show: sorted, and only the changed ones when asked.
pub fn arrange(mut rows: Vec<Row>, sort: Sort, changed_only: bool) -> Vec<Row> {
    if changed_only {
        rows.retain(Row::changed);
    }
    match sort {
        Sort::Id => {}
        Sort::Changed => rows.sort_by_key(|r| (r.change, r.mentee)),
        Sort::Score => rows.sort_by(|a, b| {
            let key = |r: &Row| r.score.unwrap_or(f64::NEG_INFINITY);
            key(b).total_cmp(&key(a)).then(a.mentee.cmp(&b.mentee))
        }),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(mentee: usize, score: Option<f64>, change: Change) -> Row {
        Row {
            mentee,
            mentor: score.map(|_| 0),
            score,
            base_mentor: None,
            base_score: None,
            change,
            reason: None,
            base_reason: None,
            pinned: false,
            bans: 0,
        }
    }

    fn order(rows: &[Row]) -> Vec<usize> {
        rows.iter().map(|r| r.mentee).collect()
    }

    #[test]
    fn sorting_and_filtering() {
        let rows = vec![
            row(0, Some(50.0), Change::Same),
            row(1, Some(70.0), Change::NewMentor),
            row(2, None, Change::Unmatched),
            row(3, Some(90.0), Change::NewlyMatched),
        ];
        assert_eq!(order(&arrange(rows.clone(), Sort::Id, false)), [0, 1, 2, 3]);
        assert_eq!(
            order(&arrange(rows.clone(), Sort::Changed, false)),
            [1, 3, 0, 2]
        );
        assert_eq!(
            order(&arrange(rows.clone(), Sort::Score, false)),
            [3, 1, 0, 2]
        );
        assert_eq!(order(&arrange(rows, Sort::Score, true)), [3, 1]);
    }

    #[test]
    fn sort_cycles_through_all_three() {
        let s = Sort::Changed;
        assert_eq!(s.next().next().next(), s);
        assert_ne!(s.next(), s);
    }
}
