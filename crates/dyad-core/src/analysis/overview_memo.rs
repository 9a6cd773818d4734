//! The overview of each slider step, proportional to what changed: [`OverviewMemo`] keeps the
//! pool's identity groups and the weight-free facts of every pair it has seen, so a step
//! recomputes the facts of the pairs that moved only. Everything that depends on the weights
//! (each pair's score on the yardstick, and the figures summed from them) is recomputed, since
//! a weight moves every score. The result is [`Overview::of`]'s, exactly.

use std::sync::Arc;

use crate::analysis::measures::PairFacts;
use crate::analysis::overview::{Membership, Overview};
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::Matching;
use crate::matching::engine::Evaluation;
use crate::pool::Pool;

/// The groups of one pool and the facts of the last pairs of each side, reused while the pool
/// and the specialty families stay the same.
#[derive(Default)]
pub struct OverviewMemo {
    seen: Option<Seen>,
}

struct Seen {
    pool: Arc<Pool>,
    families: Arc<SpecialtyFamilies>,
    groups: Membership,
    baseline: Facts,
    now: Facts,
}

/// The facts of the last pair of each mentee on one side (`None`: none yet).
#[derive(Default)]
struct Facts {
    of: Vec<Option<PairFacts>>,
}

impl Facts {
    /// The facts of `matching`'s pairs, in pair order; those of a pair seen last time are
    /// reused, the others computed and kept.
    fn of(&mut self, pool: &Pool, families: &SpecialtyFamilies, m: &Matching) -> Vec<PairFacts> {
        self.of.resize(pool.mentees.len(), None);
        m.pairs
            .iter()
            .map(|p| match self.of[p.mentee] {
                Some(f) if f.mentor == p.mentor => f,
                _ => {
                    let f = PairFacts::of(pool, families, p.mentee, p.mentor);
                    self.of[p.mentee] = Some(f);
                    f
                }
            })
            .collect()
    }
}

impl std::fmt::Debug for OverviewMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OverviewMemo")
            .field("pool", &self.seen.is_some())
            .finish_non_exhaustive()
    }
}

impl OverviewMemo {
    /// A memo that has seen nothing yet: its first overview is computed in full.
    pub fn new() -> OverviewMemo {
        OverviewMemo::default()
    }

    /// [`Overview::of`] `baseline` and `now` (evaluations of the same pool, `now.pool`),
    /// recomputing the facts of the pairs that changed since the last call only.
    pub fn overview(&mut self, baseline: &Evaluation, now: &Evaluation) -> Overview {
        let fresh = |s: &Seen| {
            Arc::ptr_eq(&s.pool, &now.pool)
                && Arc::ptr_eq(&s.families, &now.families)
                && Arc::ptr_eq(&s.families, &baseline.families)
        };
        if !self.seen.as_ref().is_some_and(fresh) {
            self.seen = None;
            self.seen = Some(Seen {
                pool: now.pool.clone(),
                families: now.families.clone(),
                groups: Membership::of(&now.pool),
                baseline: Facts::default(),
                now: Facts::default(),
            });
        }
        let s = self.seen.as_mut().expect("just set");
        let pool = &*s.pool;
        let baseline_facts = s.baseline.of(pool, &s.families, &baseline.matching);
        let now_facts = s.now.of(pool, &s.families, &now.matching);
        Overview::with_facts(pool, &s.groups, baseline, now, &baseline_facts, &now_facts)
    }
}

#[cfg(test)]
#[path = "overview_memo_tests.rs"]
mod tests;
