//! Comparing many profiles at once: for every two profiles, how many mentees their matchings
//! place differently, and how alike their pair scores rank the possible pairs.
//!
//! - **Placed differently**: mentees with another mentor, or matched under one profile and not
//!   the other (what [`crate::analysis::compare::Comparison::differing`] counts).
//! - **Rank correlation**: Kendall's tau-b ([`crate::analysis::kendall::tau_b`]) between the scores the
//!   two profiles give to the same (mentee, mentor) pairs, over every pair allowed under both:
//!   the mentee eligible under both profiles, and the pair forbidden by neither (ban, in-person
//!   distance, same system, minimum score). 1 means the two profiles order all those pairs the
//!   same way; 0 means their orders are unrelated. Ties (equal scores) count as in
//!   `scipy.stats.kendalltau`. It compares the *preferences* of two profiles, whatever the
//!   matching then does with them.

use crate::analysis::kendall;
use crate::analysis::stability::changes;
use crate::error::InputError;
use crate::matching;
use crate::matching::engine::{Engine, Evaluation};
use crate::pool::Pool;
use crate::profile::Profile;

/// The pair scores of two evaluations over the pairs allowed under both, as (A's, B's).
pub fn shared_scores(pool: &Pool, a: &Evaluation, b: &Evaluation) -> (Vec<f64>, Vec<f64>) {
    let m = pool.mentors.len();
    let sa = a.table.combined(&a.profile.weights);
    let sb = b.table.combined(&b.profile.weights);
    let (mut xa, mut xb) = (Vec::new(), Vec::new());
    for (i, me) in pool.mentees.iter().enumerate() {
        if !(a.profile.eligibility.eligible(me.training_completed)
            && b.profile.eligibility.eligible(me.training_completed))
        {
            continue;
        }
        for j in 0..m {
            let (x, y) = (sa[i * m + j], sb[i * m + j]);
            if matching::forbidden(pool, &a.table, &a.profile, i, j, x).is_none()
                && matching::forbidden(pool, &b.table, &b.profile, i, j, y).is_none()
            {
                xa.push(x);
                xb.push(y);
            }
        }
    }
    (xa, xb)
}

/// Kendall's tau-b of two profiles' pair scores (see the module notes), and the number of
/// pairs it was computed over.
pub fn score_tau(pool: &Pool, a: &Evaluation, b: &Evaluation) -> (Option<f64>, usize) {
    let (xa, xb) = shared_scores(pool, a, b);
    (kendall::tau_b(&xa, &xb), xa.len())
}

/// Every two profiles compared. Matrices are symmetric, indexed like `evaluations`.
#[derive(Debug, Clone)]
pub struct ProfileMatrix {
    /// Each profile's evaluation, in the order given.
    pub evaluations: Vec<Evaluation>,
    /// Mentees placed differently; 0 on the diagonal.
    pub changed: Vec<Vec<usize>>,
    /// Kendall's tau-b of pair scores; 1 on the diagonal, `None` when undefined.
    pub tau: Vec<Vec<Option<f64>>>,
    /// Pairs allowed under both profiles (what tau was computed over).
    pub pairs: Vec<Vec<usize>>,
}

impl ProfileMatrix {
    /// The two most different profiles by mentees placed differently (first pair on ties).
    pub fn most_different(&self) -> Option<(usize, usize)> {
        let n = self.evaluations.len();
        let mut best: Option<(usize, usize)> = None;
        for a in 0..n {
            for b in a + 1..n {
                if best.is_none_or(|(x, y)| self.changed[a][b] > self.changed[x][y]) {
                    best = Some((a, b));
                }
            }
        }
        best
    }
}

/// Matches the pool under every profile and compares every two.
pub fn build(engine: &mut Engine, profiles: &[Profile]) -> Result<ProfileMatrix, InputError> {
    let evaluations = profiles
        .iter()
        .map(|p| engine.evaluate(p))
        .collect::<Result<Vec<_>, _>>()?;
    let pool = engine.pool.clone();
    let n = evaluations.len();
    let mut changed = vec![vec![0; n]; n];
    let mut tau = vec![vec![Some(1.0); n]; n];
    let mut pairs = vec![vec![0; n]; n];
    for a in 0..n {
        let (_, own) = score_tau(&pool, &evaluations[a], &evaluations[a]);
        pairs[a][a] = own;
        for b in a + 1..n {
            let (ea, eb) = (&evaluations[a], &evaluations[b]);
            let c = changes(&ea.matching, &eb.matching).len();
            let (t, k) = score_tau(&pool, ea, eb);
            changed[a][b] = c;
            changed[b][a] = c;
            tau[a][b] = t;
            tau[b][a] = t;
            pairs[a][b] = k;
            pairs[b][a] = k;
        }
        if pairs[a][a] < 2 {
            tau[a][a] = None;
        }
    }
    Ok(ProfileMatrix {
        evaluations,
        changed,
        tau,
        pairs,
    })
}
