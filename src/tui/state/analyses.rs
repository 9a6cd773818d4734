//! What the analyses thread found about the results shown (it is told what to analyse through
//! `update`'s effects: a job for each new result, and what the screen wants when that changes).

use dyad::analysis::stability::{Influence, Stability};
use dyad::analysis::unmatched::Diagnosis;
use dyad::criteria::N;

use crate::tui::jobs::analyses::{Analysis, Found};

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
