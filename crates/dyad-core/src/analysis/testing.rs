//! What the library's tests of figures start from: the sample pool matched under a profile.

use crate::criteria::specialty;
use crate::embedded;
use crate::matching::{self, Matching, scoring::ScoreTable};
use crate::pool::Pool;
use crate::profile::Profile;

/// The sample pool matched under a profile, with its score table and the mentors' capacities.
pub(crate) struct Solved {
    pub pool: Pool,
    pub table: ScoreTable,
    pub matching: Matching,
    pub capacity: Vec<u32>,
}

pub(crate) fn sample_solved(profile: &Profile) -> Solved {
    let pool = embedded::sample_pool();
    let table = ScoreTable::build(&pool, &profile.params, specialty::builtin());
    let matching = matching::solve(&pool, &table, profile).expect("the sample matches");
    let capacity = matching::capacities(&pool, profile);
    Solved {
        pool,
        table,
        matching,
        capacity,
    }
}
