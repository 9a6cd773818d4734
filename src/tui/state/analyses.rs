//! What the analyses thread found about the results shown, and what to tell it next: the model
//! side of `jobs::analyses`, which never sees the model.

use dyad::analysis::stability::{Influence, Stability};
use dyad::analysis::unmatched::Diagnosis;
use dyad::criteria::N;

use crate::tui::jobs::analyses::{Analysis, Found, Job, Order, Wants};
use crate::tui::state::weights::Setting;
use crate::tui::state::{Model, Popup};

/// Stable ranges, influences and diagnoses of the results of one generation; each arrives on
/// its own, and `None` is "not (yet) computed".
#[derive(Debug, Clone)]
pub struct Analyses {
    pub generation: u64,
    pub stability: [Option<Result<Stability, String>>; N],
    pub influence: [Option<Result<Influence, String>>; N],
    /// Per unmatched mentee explained.
    pub diagnoses: Vec<(usize, Result<Option<Diagnosis>, String>)>,
}

impl Analyses {
    pub fn new(generation: u64) -> Analyses {
        Analyses {
            generation,
            stability: std::array::from_fn(|_| None),
            influence: std::array::from_fn(|_| None),
            diagnoses: Vec::new(),
        }
    }

    /// Keeps an analysis of the results shown; drops one of older results.
    pub fn accept(&mut self, a: Analysis) {
        if a.generation != self.generation {
            return;
        }
        match a.found {
            Found::Stability(k, r) => self.stability[k] = Some(r),
            Found::Influence(k, r) => self.influence[k] = Some(r),
            Found::Diagnosis(i, r) => {
                self.diagnoses.retain(|(j, _)| *j != i);
                self.diagnoses.push((i, r));
            }
        }
    }

    pub fn diagnosis(&self, mentee: usize) -> Option<&Result<Option<Diagnosis>, String>> {
        self.diagnoses
            .iter()
            .find(|(i, _)| *i == mentee)
            .map(|(_, r)| r)
    }
}

/// What the screen wants analysed, read from the model.
pub fn wants(m: &Model) -> Wants {
    let diagnose = match &m.popup {
        Some(Popup::Detail(d)) if d.current.is_none() => Some(d.mentee),
        _ => None,
    };
    Wants {
        criterion: Setting::at(m.setting).weight(),
        influence: matches!(m.popup, Some(Popup::Influence { .. })),
        diagnose,
    }
}

/// Keeps the analyst up to date with the model: a job for each new result, and what the screen
/// wants whenever that changes. Used by the event loop after each batch of messages (and by the
/// test harness after each message).
#[derive(Default)]
pub struct Sync {
    generation: u64,
    wants: Wants,
}

impl Sync {
    pub fn requests(&mut self, m: &Model) -> Vec<Order> {
        let mut out = Vec::new();
        if let Some(r) = m
            .results
            .as_ref()
            .filter(|r| r.generation != self.generation)
        {
            self.generation = r.generation;
            out.push(Order::Job(Job {
                generation: r.generation,
                pool: r.pool.clone(),
                ev: r.current.clone(),
            }));
        }
        let w = wants(m);
        if w != self.wants || !out.is_empty() {
            self.wants = w;
            out.push(Order::Wants(w));
        }
        out
    }
}
