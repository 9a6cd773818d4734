//! Evaluating profiles on a pool: scoring, matching and summarising in one call, with the score
//! tables cached per set of criterion parameters. The CLI and the TUI both go through here.

use std::sync::Arc;

use crate::compare::Comparison;
use crate::criteria::Params;
use crate::error::InputError;
use crate::matching::{self, Matching};
use crate::pool::Pool;
use crate::profile::Profile;
use crate::scoring::ScoreTable;
use crate::specialty::SpecialtyFamilies;
use crate::summary::Summary;

/// A profile's matching on a pool, with its summary.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub profile: Profile,
    pub table: Arc<ScoreTable>,
    pub matching: Matching,
    pub summary: Summary,
}

/// A pool ready to be matched under any profile.
#[derive(Debug, Clone)]
pub struct Engine {
    pub pool: Arc<Pool>,
    pub families: Arc<SpecialtyFamilies>,
    tables: Vec<Arc<ScoreTable>>,
}

impl Engine {
    pub fn new(pool: Pool, families: SpecialtyFamilies) -> Engine {
        Engine {
            pool: Arc::new(pool),
            families: Arc::new(families),
            tables: Vec::new(),
        }
    }

    /// Replaces the pool's overrides (pins and bans); score tables stay valid.
    pub fn set_overrides(&mut self, overrides: crate::pool::Overrides) {
        Arc::make_mut(&mut self.pool).overrides = overrides;
    }

    /// The score table for some criterion parameters, built on first use.
    pub fn table(&mut self, params: &Params) -> Arc<ScoreTable> {
        if let Some(t) = self.tables.iter().find(|t| t.params == *params) {
            return t.clone();
        }
        let t = Arc::new(ScoreTable::build(&self.pool, params, &self.families));
        // Current and baseline use at most a few parameter sets; keep the latest four.
        if self.tables.len() >= 4 {
            self.tables.remove(0);
        }
        self.tables.push(t.clone());
        t
    }

    /// Matches the pool under a profile and summarises the result.
    pub fn evaluate(&mut self, profile: &Profile) -> Result<Evaluation, InputError> {
        let table = self.table(&profile.params);
        let matching = matching::solve(&self.pool, &table, profile)?;
        let summary = Summary::of(&self.pool, &table, &matching);
        Ok(Evaluation {
            profile: profile.clone(),
            table,
            matching,
            summary,
        })
    }

    /// What changes from evaluation A to evaluation B.
    pub fn compare(a: &Evaluation, b: &Evaluation) -> Comparison {
        Comparison::of(&a.matching, &a.summary, &b.matching, &b.summary)
    }
}
