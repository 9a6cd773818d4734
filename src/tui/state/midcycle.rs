//! The mid-cycle view (`M`, or at once with `dyad tui --current PAIRS.csv`): the pairs in place
//! re-matched under the current results, the curve of the best total for each budget of
//! voluntary changes, the point selected and the pairs it moves. The curve is worked out when
//! the view opens (again only if the results changed since), off the UI thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dyad::matching::engine::Evaluation;
use dyad::matching::rematch::{CurrentPair, Point, Rematch};

use crate::tui::jobs::midcycle::{Answer, Ask};
use crate::tui::jobs::solve::Results;

/// The pairs in place, as read from their file before the terminal was taken.
#[derive(Debug, Clone)]
pub struct PairsInPlace {
    pub file: PathBuf,
    pub pairs: Arc<Vec<CurrentPair>>,
}

#[derive(Debug, Clone, Default)]
pub struct MidcycleView {
    /// `None`: dyad was started without `--current`.
    pub pairs: Option<PairsInPlace>,
    /// The newest request, and the results it asked about (`None` while the view waits for
    /// results to ask about).
    pub asked: u64,
    pub asked_for: Option<Arc<Evaluation>>,
    /// The answer to the newest request, once it came.
    pub answer: Option<Answer>,
    /// The point selected, an index into the curve.
    pub selected: usize,
}

impl MidcycleView {
    pub fn new(pairs: Option<PairsInPlace>) -> MidcycleView {
        MidcycleView {
            pairs,
            ..MidcycleView::default()
        }
    }

    /// The view opens: asks for the curve under `results` unless it was worked out under these
    /// very results already (or waits for the first results).
    pub fn open(&mut self, results: Option<&Results>) -> Option<Ask> {
        self.follow(results?)
    }

    /// New results while the view is open: asks again unless they are the ones asked about.
    pub fn follow(&mut self, now: &Results) -> Option<Ask> {
        let pairs = self.pairs.as_ref()?.pairs.clone();
        if self
            .asked_for
            .as_ref()
            .is_some_and(|e| Arc::ptr_eq(e, &now.current))
        {
            return None;
        }
        self.asked += 1;
        self.asked_for = Some(now.current.clone());
        Some(Ask {
            id: self.asked,
            pairs,
            ev: now.current.clone(),
        })
    }

    /// Keeps the answer to the newest request (selecting its first point); drops older ones.
    pub fn accept(&mut self, a: Answer) {
        if a.id == self.asked {
            self.answer = Some(a);
            self.selected = 0;
        }
    }

    /// What to show: the answer to the newest request; `None` while it is being worked out.
    pub fn shown(&self) -> Option<&Result<Arc<Rematch>, String>> {
        self.answer
            .as_ref()
            .filter(|a| a.id == self.asked)
            .map(|a| &a.found)
    }

    /// The re-match, when that is what is shown.
    pub fn rematch(&self) -> Option<&Rematch> {
        match self.shown() {
            Some(Ok(r)) => Some(r),
            _ => None,
        }
    }

    /// The point selected, when there is a curve.
    pub fn point(&self) -> Option<&Point> {
        let c = &self.rematch()?.curve;
        c.get(self.selected.min(c.len().saturating_sub(1)))
    }

    /// Moves the selection along the curve by `by` points, stopping at its ends.
    pub fn step(&mut self, by: isize) {
        let n = self.rematch().map_or(0, |r| r.curve.len());
        if n == 0 {
            return;
        }
        let at = self.selected.min(n - 1) as isize;
        self.selected = at.saturating_add(by).clamp(0, n as isize - 1) as usize;
    }

    /// Where the pairs of the point selected go: beside the pairs in place, named after them
    /// and the budget (`pairs.csv` → `pairs-rematch-3.csv` for at most 3 changes).
    pub fn out_path(&self) -> Option<PathBuf> {
        let file = &self.pairs.as_ref()?.file;
        let k = self.point()?.max_changes;
        Some(beside(file, k))
    }
}

/// `DIR/STEM-rematch-K.csv` for `DIR/STEM.EXT`.
fn beside(file: &Path, k: usize) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "pairs".into(), |s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{stem}-rematch-{k}.csv"))
}
