//! Explaining a matching to the council: for one mentee, the best alternative mentors and why
//! each was not chosen.

use crate::matching::engine::Evaluation;
use crate::matching::{self, Forbidden};
use crate::pool::Pool;

/// Why an alternative mentor did not get this mentee.
#[derive(Debug, Clone, PartialEq)]
pub enum WhyNot {
    /// A hard constraint or a ban rules the pair out.
    Forbidden(Forbidden),
    /// The mentor's places all went to these mentees (indices), whom the optimum placed there.
    Taken {
        /// The mentees who hold the mentor's places (indices in the pool).
        by: Vec<usize>,
    },
    /// The mentor had room, but the optimum as a whole is better with the current pair (the
    /// mentee's own score may even be higher with this mentor, at a larger cost elsewhere).
    LowerTotal,
    /// The mentee is not eligible under the profile.
    Ineligible,
}

/// One alternative mentor for a mentee.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// The pair's score under the profile (0–100).
    pub score: f64,
    /// Why the mentee did not get this mentor.
    pub why: WhyNot,
}

/// The `k` best-scoring mentors other than the mentee's own, best first (ties by id), each
/// with why it was not chosen.
pub fn alternatives(pool: &Pool, ev: &Evaluation, mentee: usize, k: usize) -> Vec<Alternative> {
    let profile = &ev.profile;
    let current = ev.matching.mentor_of.get(mentee).copied().flatten();
    let capacity = matching::capacities(pool, profile);
    let eligible = profile
        .eligibility
        .eligible(pool.mentees[mentee].training_completed);
    let mut candidates: Vec<(usize, f64)> = (0..pool.mentors.len())
        .filter(|&j| Some(j) != current)
        .map(|j| (j, ev.table.pair_score(mentee, j, &profile.weights)))
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates
        .into_iter()
        .take(k)
        .map(|(j, score)| {
            let why = if !eligible {
                WhyNot::Ineligible
            } else if let Some(f) = matching::forbidden(pool, &ev.table, profile, mentee, j, score)
            {
                WhyNot::Forbidden(f)
            } else {
                let by = ev.matching.mentees_of(j);
                if by.len() as u32 >= capacity[j] {
                    WhyNot::Taken { by }
                } else {
                    WhyNot::LowerTotal
                }
            };
            Alternative {
                mentor: j,
                score,
                why,
            }
        })
        .collect()
}

impl WhyNot {
    /// One line for a person, naming other participants by id only.
    pub fn describe(&self, pool: &Pool) -> String {
        match self {
            WhyNot::Forbidden(f) => format!("not allowed: {f}"),
            WhyNot::Taken { by } => {
                let ids: Vec<&str> = by.iter().map(|&i| pool.mentees[i].id.as_str()).collect();
                format!("full: taken by {}", ids.join(", "))
            }
            WhyNot::LowerTotal => "had room, but the overall optimum is better without it".into(),
            WhyNot::Ineligible => "mentee not eligible under this profile".into(),
        }
    }
}
