//! What evaluating a profile on a pool gives: its matching and summary, with the pool, the
//! specialty families and the score table they came from.

use std::sync::Arc;

use super::summary::{Groups, Summary};
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::Matching;
use crate::matching::scoring::ScoreTable;
use crate::pool::Pool;
use crate::profile::Profile;

/// A profile's matching on a pool, with its summary.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The pool matched (shared with the engine).
    pub pool: Arc<Pool>,
    /// The specialty families the table was scored with.
    pub families: Arc<SpecialtyFamilies>,
    /// The profile evaluated.
    pub profile: Profile,
    /// The pool's criterion scores under the profile's parameters.
    pub table: Arc<ScoreTable>,
    /// The optimal matching.
    pub matching: Matching,
    /// Its figures: counts, score distribution, criterion means, groups.
    pub summary: Summary,
    /// The pool's identity groups and who is in each (shared with the engine).
    pub groups: Arc<Groups>,
}
