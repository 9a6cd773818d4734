//! The solve on screen: the newest recompute asked for, the one whose results are shown, how
//! long it took or why it failed, and what the analyst found about it.

use std::time::Duration;

use dyad::analysis::stability::Stability;
use dyad::criteria::N;

use crate::tui::jobs::analyses::Wants;
use crate::tui::jobs::solve::Results;
use crate::tui::state::Analyses;

pub struct Solve {
    /// The newest recompute requested, and the one whose results are shown.
    pub generation: u64,
    pub shown: u64,
    pub results: Option<Results>,
    pub elapsed: Option<Duration>,
    /// Why the newest settings could not be matched (the results shown are older).
    pub match_error: Option<String>,
    /// What the analyst found about the results shown.
    pub analyses: Analyses,
    /// What the analyst was last told the screen wants.
    pub told: Wants,
}

impl Default for Solve {
    fn default() -> Solve {
        Solve {
            generation: 0,
            shown: 0,
            results: None,
            elapsed: None,
            match_error: None,
            analyses: Analyses::new(0),
            told: Wants::default(),
        }
    }
}

impl Solve {
    /// Whether the newest settings are still being matched.
    pub fn busy(&self) -> bool {
        self.shown < self.generation && self.match_error.is_none()
    }

    /// The stable range of a weight, while it belongs to the settings shown (not when the
    /// newest settings could not be matched and older pairs are on the screen).
    pub fn stability(&self, k: usize) -> Option<&Result<Stability, String>> {
        if self.match_error.is_some() {
            return None;
        }
        self.analyses.stability[k].as_ref()
    }

    /// The criteria in the influence popup's order: the largest swing first, those not yet
    /// computed last.
    pub fn influence_order(&self) -> Vec<usize> {
        let swing = |k: usize| match &self.analyses.influence[k] {
            Some(Ok(i)) => Some(i.swing()),
            _ => None,
        };
        let mut order: Vec<usize> = (0..N).collect();
        order.sort_by_key(|&k| (swing(k).is_none(), std::cmp::Reverse(swing(k)), k));
        order
    }
}
