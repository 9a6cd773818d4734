//! The analyses of each slider step, proportional to what changed: [`OverviewMemo`] keeps the
//! pool's identity groups, the weight-free facts of every pair it has seen and the criteria of
//! the baseline's pairs, so a step recomputes the facts of the pairs that moved only and scores
//! the baseline on the new weights without reading the score table again. Everything that
//! depends on the weights (each pair's score on the yardstick, and the figures summed from
//! them) is recomputed, since a weight moves every score. The results are [`Overview::of`]'s
//! and [`Engine::compare`]'s, exactly.
//!
//! [`Engine::compare`]: crate::matching::engine::Engine::compare

use std::sync::Arc;

use crate::analysis::compare::Comparison;
use crate::analysis::measures::{Measures, PairFacts};
use crate::analysis::overview::{Membership, Overview, Sides};
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::engine::Evaluation;
use crate::matching::pair_steps::PairSteps;
use crate::matching::scoring::Weighting;
use crate::matching::{Matching, Pair, capacities};
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
    /// The criteria of the baseline's pairs in the current profile's score table.
    baseline_steps: PairSteps,
    /// The baseline's last measures: they depend on its pairs, its capacities and the
    /// yardstick's in-person limit, not on the weights.
    baseline_measures: Option<KeptMeasures>,
}

/// A side's measures with what they were made of.
struct KeptMeasures {
    pairs: Vec<(usize, usize)>,
    capacity: Vec<u32>,
    limit: Option<f64>,
    measures: Measures,
}

impl KeptMeasures {
    fn of(&self, pairs: &[Pair], capacity: &[u32], limit: Option<f64>) -> Option<&Measures> {
        let same = self.limit == limit
            && self.capacity == capacity
            && self.pairs.len() == pairs.len()
            && (self.pairs.iter().zip(pairs)).all(|(&(i, j), p)| i == p.mentee && j == p.mentor);
        same.then_some(&self.measures)
    }
}

/// The facts of the last pair of each mentee on one side (`None`: none yet), and of the last
/// matching's pairs in pair order.
#[derive(Default)]
struct Facts {
    of: Vec<Option<PairFacts>>,
    in_order: Vec<PairFacts>,
}

impl Facts {
    /// The facts of `matching`'s pairs, in pair order; those of a pair seen last time are
    /// reused, the others computed and kept.
    fn of(&mut self, pool: &Pool, families: &SpecialtyFamilies, m: &Matching) -> &[PairFacts] {
        self.of.resize(pool.mentees.len(), None);
        self.in_order.clear();
        for p in &m.pairs {
            let f = match self.of[p.mentee] {
                Some(f) if f.mentor == p.mentor => f,
                _ => {
                    let f = PairFacts::of(pool, families, p.mentee, p.mentor);
                    self.of[p.mentee] = Some(f);
                    f
                }
            };
            self.in_order.push(f);
        }
        &self.in_order
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

    /// What the memo keeps of `now`'s pool, afresh when the pool or the families changed.
    fn seen(&mut self, baseline: &Evaluation, now: &Evaluation) -> &mut Seen {
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
                baseline_steps: PairSteps::new(),
                baseline_measures: None,
            });
        }
        self.seen.as_mut().expect("just set")
    }

    /// [`Overview::of`] `baseline` and `now` (evaluations of the same pool, `now.pool`),
    /// recomputing the facts of the pairs that changed since the last call only.
    pub fn overview(&mut self, baseline: &Evaluation, now: &Evaluation) -> Overview {
        let s = self.seen(baseline, now);
        let baseline_on_now = s.rescored(baseline, now);
        let pool = &*s.pool;
        let baseline_facts = s.baseline.of(pool, &s.families, &baseline.matching);
        let now_facts = s.now.of(pool, &s.families, &now.matching);
        let capacity = capacities(pool, &baseline.profile);
        let limit = now.profile.constraints.in_person_max_km;
        let pairs = &baseline.matching.pairs;
        let kept = s.baseline_measures.as_ref();
        if kept.and_then(|k| k.of(pairs, &capacity, limit)).is_none() {
            let measures =
                Measures::from_facts(baseline_facts, &baseline.matching, &capacity, limit);
            s.baseline_measures = Some(KeptMeasures {
                pairs: pairs.iter().map(|p| (p.mentee, p.mentor)).collect(),
                capacity,
                limit,
                measures,
            });
        }
        let sides = Sides {
            baseline,
            now,
            baseline_on_now: &baseline_on_now,
            baseline_facts,
            now_facts,
            baseline_measures: s.baseline_measures.as_ref().map(|k| &k.measures),
        };
        Overview::with_facts(pool, &s.groups, &sides)
    }

    /// [`Engine::compare`] `baseline` with `now` (evaluations of the same pool, `now.pool`),
    /// the baseline's pairs scored on `now`'s weights from their criteria kept since the last
    /// call.
    ///
    /// [`Engine::compare`]: crate::matching::engine::Engine::compare
    pub fn comparison(&mut self, baseline: &Evaluation, now: &Evaluation) -> Comparison {
        let s = self.seen(baseline, now);
        let baseline_on_now = s.rescored(baseline, now);
        Comparison::on_b_with(&baseline_on_now, &s.baseline_steps, now)
    }

    /// The measures of `now`'s matching as its overview computes them: [`Measures::overall`]
    /// on `now`'s own profile, from the facts of its pairs kept since the last call.
    pub fn measures(&mut self, now: &Evaluation) -> Measures {
        let s = self.seen(now, now);
        let facts = s.now.of(&s.pool, &s.families, &now.matching);
        let capacity = capacities(&s.pool, &now.profile);
        let limit = now.profile.constraints.in_person_max_km;
        Measures::from_facts(facts, &now.matching, &capacity, limit)
    }
}

impl Seen {
    /// `baseline`'s matching scored on `now`'s yardstick, as
    /// [`crate::analysis::compare::rescored`] gives it.
    fn rescored(&mut self, baseline: &Evaluation, now: &Evaluation) -> Matching {
        self.baseline_steps
            .update(&now.table, &baseline.matching.pairs);
        let w = Weighting::new(&now.profile.weights);
        let mut m = baseline.matching.clone();
        for p in &mut m.pairs {
            p.score = self.baseline_steps.score(p, &w);
        }
        m
    }
}

#[cfg(test)]
#[path = "overview_memo_tests.rs"]
mod tests;
