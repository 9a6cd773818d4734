//! The criterion scores of a matching's pairs, kept between slider steps: a pair's criteria do
//! not depend on the weights, so a step reads the score table for the pairs that moved only,
//! and everything summed from the criteria (the summary's criterion means, a side's scores on
//! another yardstick) reads them from one short array per mentee.

use std::sync::Arc;

use crate::criteria;
use crate::matching::Pair;
use crate::matching::scoring::{ScoreTable, Weighting};

/// A mentee without a pair in the last matching seen.
const NONE: u32 = u32::MAX;

/// Each mentee's last pair (its mentor) with the pair's criteria in steps of
/// `1 /`[`crate::matching::scoring::CRITERION_STEPS`], as one score table holds them.
#[derive(Debug, Clone, Default)]
pub struct PairSteps {
    table: Option<Arc<ScoreTable>>,
    of: Vec<(u32, [u16; criteria::N])>,
}

impl PairSteps {
    /// A memo that has seen nothing yet.
    pub fn new() -> PairSteps {
        PairSteps::default()
    }

    /// The criteria of `pairs`, read from `table`, kept for no later update.
    pub fn read(table: &ScoreTable, pairs: &[Pair]) -> PairSteps {
        let mut of = vec![(NONE, [0; criteria::N]); table.mentees];
        for p in pairs {
            of[p.mentee] = (
                p.mentor as u32,
                std::array::from_fn(|k| table.steps(k, p.mentee, p.mentor)),
            );
        }
        PairSteps { table: None, of }
    }

    /// The criteria of `pairs` (all of one matching of the pool `table` scores): the pairs seen
    /// last time on the same table are kept, the others read from it. Whether any was read.
    pub fn update(&mut self, table: &Arc<ScoreTable>, pairs: &[Pair]) -> bool {
        if !self.table.as_ref().is_some_and(|t| Arc::ptr_eq(t, table)) {
            self.table = Some(table.clone());
            self.of.clear();
        }
        self.of.resize(table.mentees, (NONE, [0; criteria::N]));
        let mut read = false;
        for p in pairs {
            let (mentor, steps) = &mut self.of[p.mentee];
            if *mentor != p.mentor as u32 {
                *mentor = p.mentor as u32;
                *steps = std::array::from_fn(|k| table.steps(k, p.mentee, p.mentor));
                read = true;
            }
        }
        read
    }

    /// The criteria of a pair given to the last [`PairSteps::update`].
    #[inline]
    pub fn of(&self, pair: &Pair) -> &[u16; criteria::N] {
        let (mentor, steps) = &self.of[pair.mentee];
        debug_assert_eq!(*mentor, pair.mentor as u32, "a pair not seen by update");
        steps
    }

    /// The pair's score under `w`: [`ScoreTable::numerator`] and [`Weighting::score`] of the
    /// same criteria, bit for bit.
    #[inline]
    pub fn score(&self, pair: &Pair, w: &Weighting) -> f64 {
        w.score(w.numerator_of_steps(self.of(pair)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::matching::{self, Matching};

    #[test]
    fn kept_criteria_give_the_table_s_scores() {
        let pool = embedded::sample_pool();
        let families = crate::criteria::specialty::builtin();
        let fall = embedded::fall_profile();
        let table = Arc::new(ScoreTable::build(&pool, &fall.params, families));
        let mut memo = PairSteps::new();
        let mut seen: Vec<Matching> = Vec::new();
        for profile in [fall.clone(), embedded::pilot_profile(), fall] {
            let m = matching::solve(&pool, &table, &profile).unwrap();
            memo.update(&table, &m.pairs);
            let w = Weighting::new(&profile.weights);
            for p in &m.pairs {
                let unit = f64::from(crate::matching::scoring::CRITERION_STEPS);
                let read = memo.of(p).map(|s| f64::from(s) / unit);
                assert_eq!(read, table.criteria(p.mentee, p.mentor));
                let fresh = w.score(table.numerator(p.mentee, p.mentor, &w));
                assert_eq!(memo.score(p, &w).to_bits(), fresh.to_bits());
            }
            seen.push(m);
        }
        // The same matching again: nothing to read.
        assert!(!memo.update(&table, &seen[2].pairs));
        assert!(memo.update(&table, &seen[1].pairs) || seen[1].pairs == seen[2].pairs);
    }
}
