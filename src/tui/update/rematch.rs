//! A rematch result arriving: shown unless a newer one already is.

use crate::tui::jobs::rematch::Outcome;
use crate::tui::state::{Analyses, Model};

/// Takes in a rematch result unless a newer one is already shown.
pub fn computed(m: &mut Model, o: Outcome) {
    if o.generation <= m.rematch.shown {
        return;
    }
    m.rematch.shown = o.generation;
    match o.results {
        Ok(r) => {
            m.rematch.analyses = Analyses::new(r.generation);
            m.rematch.results = Some(r);
            m.rematch.elapsed = Some(o.elapsed);
            m.rematch.match_error = None;
            m.rebuild_rows();
            m.refresh_mentors();
            m.refresh_detail(|full| full);
        }
        Err(e) => {
            // Say so at once: a message from the key that led here would hide it.
            m.status = None;
            m.rematch.match_error = Some(e);
        }
    }
}
