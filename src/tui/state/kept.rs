//! The matches table's "Kept" column: for each pair shown, the share of random weightings
//! (each weight within ±0.1 of the current one) whose matching keeps it, worked out by the
//! keeper thread (`jobs::kept`) for the newest results only.

use std::sync::Arc;

pub use crate::tui::jobs::kept::SPREAD;
use crate::tui::jobs::kept::{Ask, Tally};
use crate::tui::jobs::solve::Results;

/// Pairs kept in fewer draws than this are fragile (marked in the warning colour).
pub const FRAGILE: f64 = 0.5;

#[derive(Debug, Clone)]
pub struct Kept {
    /// Draws per result on this pool (see `jobs::kept::samples_for`).
    pub samples: usize,
    /// The results whose reports are taken: the newest asked for, or older ones with the very
    /// same settings and pins (whose pairs and shares are the same).
    pub asked: u64,
    /// Draws solved so far.
    pub done: usize,
    /// Per mentee, once every draw is solved: the share that keeps the mentee's pair (`None`
    /// for an unmatched mentee); or why the draws could not be solved.
    pub shares: Option<Result<Vec<Option<f64>>, String>>,
}

impl Kept {
    pub fn new(samples: usize) -> Kept {
        Kept {
            samples,
            asked: 0,
            done: 0,
            shares: None,
        }
    }

    /// New results are shown (after `before`): what to ask the keeper, unless the results
    /// before had the same settings and pins (a change of baseline, say), whose shares hold.
    pub fn follow(&mut self, before: Option<&Results>, now: &Results) -> Option<Ask> {
        let same = before.is_some_and(|b| {
            b.current.profile == now.current.profile && b.pool.overrides == now.pool.overrides
        });
        if same && self.asked != 0 {
            return None;
        }
        Some(self.ask(now))
    }

    /// Asks for the shares of `now`, forgetting what came before.
    pub fn ask(&mut self, now: &Results) -> Ask {
        self.asked = now.generation;
        self.done = 0;
        self.shares = None;
        Ask {
            generation: now.generation,
            ev: Arc::clone(&now.current),
        }
    }

    /// Asks again for `now` with `samples` draws each (the test harness, whose keeper starts
    /// after the first results).
    #[cfg(test)]
    pub fn restart(&mut self, samples: usize, now: &Results) -> Ask {
        self.samples = samples;
        self.ask(now)
    }

    /// Takes a report of the keeper about the results asked for last; drops one about older
    /// results.
    pub fn accept(&mut self, t: Tally, mentees: usize) {
        if t.generation != self.asked {
            return;
        }
        self.done = t.done;
        self.samples = t.samples;
        self.shares = t.kept.map(|r| {
            r.map(|pairs| {
                let mut by_mentee = vec![None; mentees];
                for p in pairs.iter() {
                    if let Some(slot) = by_mentee.get_mut(p.mentee) {
                        *slot = Some(p.kept);
                    }
                }
                by_mentee
            })
        });
    }

    /// The share of draws that keep a mentee's pair, once known.
    pub fn share(&self, mentee: usize) -> Option<f64> {
        match &self.shares {
            Some(Ok(s)) => s.get(mentee).copied().flatten(),
            _ => None,
        }
    }
}

/// A share in whole percent, rounded, but 100 only when every draw keeps the pair and 0 only
/// when none does.
pub fn percent(share: f64) -> u32 {
    let pct = (100.0 * share).round().clamp(0.0, 100.0) as u32;
    match pct {
        100 if share < 1.0 => 99,
        0 if share > 0.0 => 1,
        p => p,
    }
}

/// A share as the column shows it: "87%", and "!37%" for a fragile pair (the mark reads without
/// colour too).
pub fn text(share: f64) -> String {
    let pct = percent(share);
    if share < FRAGILE {
        format!("!{pct}%")
    } else {
        format!("{pct}%")
    }
}

pub fn fragile(share: f64) -> bool {
    share < FRAGILE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragile_shares_are_marked_and_fit_four_columns() {
        assert_eq!(text(1.0), "100%");
        assert_eq!(text(0.5), "50%");
        assert_eq!(text(0.494), "!49%");
        assert_eq!(text(0.0), "!0%");
        // Only every draw is 100 %, only none is 0 %.
        assert_eq!(text(0.999), "99%");
        assert_eq!(text(0.001), "!1%");
        for s in [0.0, 0.37, 0.495, 0.5, 0.999, 1.0] {
            assert!(text(s).chars().count() <= 4, "{s}");
        }
        assert!(fragile(0.49) && !fragile(0.5));
    }

    #[test]
    fn reports_of_other_results_are_dropped() {
        let mut k = Kept::new(1000);
        k.asked = 5;
        let pairs: Arc<[dyad::analysis::robustness::KeptPair]> =
            vec![dyad::analysis::robustness::KeptPair {
                mentee: 1,
                mentor: 0,
                kept: 0.25,
            }]
            .into();
        k.accept(
            Tally {
                generation: 4,
                done: 1000,
                samples: 1000,
                kept: Some(Ok(pairs.clone())),
            },
            3,
        );
        assert!(k.shares.is_none());
        k.accept(
            Tally {
                generation: 5,
                done: 300,
                samples: 1000,
                kept: None,
            },
            3,
        );
        assert_eq!((k.done, k.shares.is_none()), (300, true));
        k.accept(
            Tally {
                generation: 5,
                done: 1000,
                samples: 1000,
                kept: Some(Ok(pairs)),
            },
            3,
        );
        assert_eq!(k.share(1), Some(0.25));
        assert_eq!(k.share(0), None);
        assert_eq!(k.share(7), None);
    }
}
