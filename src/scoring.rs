//! Per-criterion score matrices for a pool, computed once and combined with any weights.
//!
//! Moving a slider only changes weights, so the ten criterion scores of every pair are stored
//! (as f32, which is plenty for scores in [0, 1]) and each pair score is a weighted sum of them.

use crate::criteria::{self, CRITERIA, PairCtx, Params, Weights};
use crate::geo::haversine_km;
use crate::pool::Pool;
use crate::specialty::SpecialtyFamilies;

/// Criterion scores and distances of every (mentee, mentor) pair of a pool, row-major by
/// mentee.
#[derive(Debug, Clone)]
pub struct ScoreTable {
    pub mentees: usize,
    pub mentors: usize,
    pub params: Params,
    /// `criteria[k][i * mentors + j]`: criterion k for mentee i and mentor j.
    criteria: Vec<Vec<f32>>,
    /// Distance in km, NaN when either location is unknown.
    distance: Vec<f32>,
}

impl ScoreTable {
    pub fn build(pool: &Pool, params: &Params, families: &SpecialtyFamilies) -> ScoreTable {
        let (n, m) = (pool.mentees.len(), pool.mentors.len());
        let mut crit = vec![vec![0f32; n * m]; criteria::N];
        let mut distance = vec![f32::NAN; n * m];
        for (i, mentee) in pool.mentees.iter().enumerate() {
            for (j, mentor) in pool.mentors.iter().enumerate() {
                let d = match (mentee.location, mentor.location) {
                    (Some(a), Some(b)) => Some(haversine_km(a, b)),
                    _ => None,
                };
                let ctx = PairCtx {
                    mentee,
                    mentor,
                    distance_km: d,
                    params,
                    families,
                };
                let s = criteria::score_all(&ctx);
                for (k, v) in s.iter().enumerate() {
                    crit[k][i * m + j] = *v as f32;
                }
                distance[i * m + j] = d.map_or(f32::NAN, |d| d as f32);
            }
        }
        ScoreTable {
            mentees: n,
            mentors: m,
            params: *params,
            criteria: crit,
            distance,
        }
    }

    /// The ten criterion scores of one pair.
    pub fn criteria(&self, mentee: usize, mentor: usize) -> [f64; criteria::N] {
        let at = mentee * self.mentors + mentor;
        std::array::from_fn(|k| f64::from(self.criteria[k][at]))
    }

    /// One criterion's scores over all pairs, row-major by mentee.
    pub fn criterion_matrix(&self, k: usize) -> &[f32] {
        &self.criteria[k]
    }

    /// Distance in km, `None` when a location is unknown.
    pub fn distance_km(&self, mentee: usize, mentor: usize) -> Option<f64> {
        let d = self.distance[mentee * self.mentors + mentor];
        (!d.is_nan()).then_some(f64::from(d))
    }

    /// The score (0–100) of one pair under some weights.
    pub fn pair_score(&self, mentee: usize, mentor: usize, weights: &Weights) -> f64 {
        criteria::pair_score(&self.criteria(mentee, mentor), weights)
    }

    /// Every pair score (0–100) under some weights, row-major by mentee.
    pub fn combined(&self, weights: &Weights) -> Vec<f64> {
        let total: f64 = weights.iter().sum();
        let mut out = vec![0f64; self.mentees * self.mentors];
        if total <= 0.0 {
            return out;
        }
        for (k, w) in weights.iter().enumerate() {
            if *w == 0.0 {
                continue;
            }
            let f = 100.0 * w / total;
            for (o, s) in out.iter_mut().zip(&self.criteria[k]) {
                *o += f * f64::from(*s);
            }
        }
        // Rounding can carry a perfect pair a hair past 100.
        for o in &mut out {
            *o = o.min(100.0);
        }
        out
    }
}

/// The criterion keys, for headers.
pub fn criterion_keys() -> impl Iterator<Item = &'static str> {
    CRITERIA.iter().map(|c| c.key)
}
