//! The fairness view (`F`): the price of fairness under the current profile, one point per
//! coverage floor from none up to the first that cannot be met, and the point selected. The
//! curve is worked out each time the view opens, off the UI thread.

use std::sync::Arc;

use dyad::analysis::fairness::Point;

use crate::tui::action::FairnessAnswer as Answer;

#[derive(Debug, Clone, Default)]
pub struct FairnessView {
    /// The newest request.
    pub asked: u64,
    /// The answer to the newest request, once it came.
    pub answer: Option<Answer>,
    /// The point selected, an index into the curve.
    pub selected: usize,
}

impl FairnessView {
    /// A new request: what was shown is dropped until its answer comes. Returns its id.
    pub fn ask(&mut self) -> u64 {
        self.asked += 1;
        self.answer = None;
        self.selected = 0;
        self.asked
    }

    /// Keeps the answer to the newest request (selecting its first point); drops older ones.
    pub fn accept(&mut self, a: Answer) {
        if a.id == self.asked {
            self.answer = Some(a);
            self.selected = 0;
        }
    }

    /// What to show: the answer to the newest request; `None` while it is being worked out.
    pub fn shown(&self) -> Option<&Result<Arc<Vec<Point>>, String>> {
        self.answer.as_ref().map(|a| &a.found)
    }

    /// The curve, when that is what is shown.
    pub fn curve(&self) -> Option<&[Point]> {
        match self.shown() {
            Some(Ok(c)) => Some(c),
            _ => None,
        }
    }

    /// The point selected, when there is a curve.
    pub fn point(&self) -> Option<&Point> {
        let c = self.curve()?;
        c.get(self.selected.min(c.len().saturating_sub(1)))
    }

    /// Moves the selection along the curve by `by` points, stopping at its ends.
    pub fn step(&mut self, by: isize) {
        let n = self.curve().map_or(0, <[Point]>::len);
        if n == 0 {
            return;
        }
        let at = self.selected.min(n - 1) as isize;
        self.selected = at.saturating_add(by).clamp(0, n as isize - 1) as usize;
    }
}
