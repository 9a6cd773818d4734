//! A solve result arriving: shown unless a newer one already is. New results ask for the kept
//! shares of their pairs, and (while the evidence view is open) for the evidence under their
//! criterion parameters when those changed, and (while the mid-cycle view is open) for the pairs
//! in place re-matched under them.

use crate::tui::action::Effect;
use crate::tui::jobs::analyses::Order;
use crate::tui::jobs::solve::Outcome;
use crate::tui::state::{Analyses, Model, Top};

/// Takes in a rematch result unless a newer one is already shown; returns the work it asks for.
pub fn computed(m: &mut Model, o: Outcome) -> Vec<Effect> {
    if o.generation <= m.solve.shown {
        return Vec::new();
    }
    m.solve.shown = o.generation;
    match o.results {
        Ok(r) => {
            m.solve.analyses = Analyses::new(r.generation);
            let before = m.solve.results.replace(r);
            m.solve.elapsed = Some(o.elapsed);
            m.solve.match_error = None;
            m.rebuild_rows();
            m.refresh_mentors();
            m.refresh_detail(|full| full);
            let Some(now) = &m.solve.results else {
                return Vec::new();
            };
            let mut effects = Vec::new();
            if let Some(job) = m.analysis_job() {
                effects.push(Effect::Analyse(Box::new(Order::Job(job))));
            }
            if let Some(ask) = m.kept.follow(before.as_ref(), now) {
                effects.push(Effect::Keep(Box::new(ask)));
            }
            if matches!(m.top, Top::Evidence { .. })
                && let Some(ask) = m.evidence.follow(now)
            {
                effects.push(Effect::Examine(Box::new(ask)));
            }
            if matches!(m.top, Top::Midcycle)
                && let Some(ask) = m.midcycle.follow(now)
            {
                effects.push(super::midcycle::run(ask));
            }
            effects
        }
        Err(e) => {
            // Say so at once: a message from the key that led here would hide it.
            m.status = None;
            m.solve.match_error = Some(e);
            Vec::new()
        }
    }
}
