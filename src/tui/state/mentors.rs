//! The mentors view of the matches panel (`m`): one row per mentor with their load and capacity,
//! the mean score of their pairs and their mentees; idle mentors first, then by load.

use crate::tui::jobs::solve::Results;
use crate::tui::scroll::{Scroll, Viewport};

/// One mentor as the mentors view shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct MentorRow {
    pub mentor: usize,
    /// Mentees matched to the mentor now.
    pub load: usize,
    pub capacity: u32,
    /// Mean score of the mentor's pairs now; `None` for an idle mentor.
    pub mean_score: Option<f64>,
    /// The mentor's mentees now, by id.
    pub mentees: Vec<usize>,
    /// How many mentees the mentor had in the baseline.
    pub base_load: usize,
    /// The mentor's mentees differ from the baseline's.
    pub changed: bool,
}

impl MentorRow {
    pub fn idle(&self) -> bool {
        self.load == 0
    }
}

/// One row per mentor, idle mentors first, then by load (fewest first), then by id.
pub fn build(results: &Results) -> Vec<MentorRow> {
    let (now, base) = (&results.overview.now, &results.overview.baseline);
    let (cur, was) = (&results.current.matching, &results.baseline.matching);
    let mut mentees = vec![Vec::new(); now.loads.len()];
    for p in &cur.pairs {
        mentees[p.mentor].push(p.mentee);
    }
    let mut before = vec![Vec::new(); now.loads.len()];
    for p in &was.pairs {
        before[p.mentor].push(p.mentee);
    }
    let mut rows: Vec<MentorRow> = now
        .loads
        .iter()
        .zip(&base.loads)
        .zip(mentees.into_iter().zip(before))
        .map(|((l, b), (mentees, before))| MentorRow {
            mentor: l.mentor,
            load: l.load,
            capacity: l.capacity,
            mean_score: l.mean_score,
            changed: mentees != before,
            mentees,
            base_load: b.load,
        })
        .collect();
    rows.sort_by_key(|r| (r.load, r.mentor));
    rows
}

/// The mentors view: whether it is shown instead of the mentees, its rows, the selected mentor
/// and the first row shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mentors {
    pub shown: bool,
    pub rows: Vec<MentorRow>,
    pub selected: Option<usize>,
    /// Its `selected` follows the selected mentor's row.
    pub scroll: Scroll,
}

impl Mentors {
    /// The position of the selected mentor among the rows.
    pub fn selected_row(&self) -> Option<usize> {
        let j = self.selected?;
        self.rows.iter().position(|r| r.mentor == j)
    }

    pub fn selected(&self) -> Option<&MentorRow> {
        self.rows.get(self.selected_row()?)
    }

    /// Mentors without a mentee now.
    pub fn idle(&self) -> usize {
        self.rows.iter().filter(|r| r.idle()).count()
    }

    /// New rows after a rematch, keeping the selected mentor (the first row when there was
    /// none).
    pub fn rebuild(&mut self, results: &Results) {
        self.rows = build(results);
        if self.selected_row().is_none() {
            self.selected = self.rows.first().map(|r| r.mentor);
            self.scroll.offset = 0;
        }
        self.fit();
    }

    /// Moves the selection by `by` rows, within the table.
    pub fn move_by(&mut self, by: isize) {
        if self.rows.is_empty() {
            return;
        }
        let at = self.selected_row().unwrap_or(0) as isize;
        let to = at.saturating_add(by).clamp(0, self.rows.len() as isize - 1) as usize;
        self.selected = Some(self.rows[to].mentor);
        self.fit();
    }

    /// Keeps the selected mentor on screen.
    pub fn fit(&mut self) {
        self.scroll.selected = self.selected_row().unwrap_or(0);
        self.scroll.len = self.rows.len();
        self.scroll.fit();
    }

    /// Takes in the height of the table's body as drawn (the mentees' and the mentors' tables
    /// share the panel).
    pub fn drawn(&mut self, height: usize) {
        self.scroll.drawn(Viewport {
            height,
            len: self.rows.len(),
        });
        self.fit();
    }
}
