//! Mid-cycle re-matching off the UI thread: the pairs in place (read from `--current` before
//! the terminal was taken) re-matched under the current results' pool and profile
//! (`dyad::matching::rematch`, what `dyad rematch` prints): keep first, score first and the
//! curve between, each point proven or shown with its gap. A curve can take seconds on a large
//! pool, so it runs as a task on a lane of its own (`midcycle`), newest request only.

use std::sync::Arc;

use dyad::matching::engine::Evaluation;
use dyad::matching::rematch::{CurrentPair, LIMITS, Rematch, rematch};

/// The pairs in place to re-match under the current results.
#[derive(Clone)]
pub struct Ask {
    /// Tells the answer to this request from answers to older ones.
    pub id: u64,
    pub pairs: Arc<Vec<CurrentPair>>,
    /// The current results: their pool (with the council's pins and bans), profile and score
    /// table.
    pub ev: Arc<Evaluation>,
}

impl std::fmt::Debug for Ask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ask")
            .field("id", &self.id)
            .field("pairs", &self.pairs.len())
            .field("profile", &self.ev.profile.name)
            .finish_non_exhaustive()
    }
}

/// The answer to request `id`: the re-match, or why there is none.
#[derive(Debug, Clone)]
pub struct Answer {
    pub id: u64,
    pub found: Result<Arc<Rematch>, String>,
    /// The results it was computed under (the pool and profile a chosen point is written with).
    pub ev: Arc<Evaluation>,
}

pub fn answer(ask: Ask) -> Answer {
    let ev = &ask.ev;
    let found = rematch(&ev.pool, &ev.table, &ev.profile, &ask.pairs, LIMITS)
        .map(Arc::new)
        .map_err(|e| e.to_string());
    Answer {
        id: ask.id,
        found,
        ev: ask.ev,
    }
}
