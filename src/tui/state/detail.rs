//! What the pair-detail popup shows, gathered from the core when it opens or the results change:
//! per-criterion score × weight = points for the current and the baseline pair, and the
//! mentee's best alternative mentors with why each was not chosen.

use dyad::analysis::breakdown::contributions;
use dyad::analysis::explain::alternatives;
use dyad::criteria::N;
use dyad::matching::Reason;
use dyad::matching::engine::Evaluation;
use dyad::pool::{Mentee, Mentor};

use crate::tui::jobs::rematch::Results;

/// How many alternative mentors the popup lists.
pub const ALTERNATIVES: usize = 5;

/// One side of the comparison: a pair and its breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub mentor: usize,
    pub score: f64,
    pub pinned: bool,
    /// Per criterion: (criterion score 0–1, weight, points added to the pair score).
    pub lines: [(f64, f64, f64); N],
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alt {
    pub mentor: usize,
    pub score: f64,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub mentee: usize,
    pub current: Option<Side>,
    pub baseline: Option<Side>,
    /// Why the mentee has no mentor now, if so.
    pub reason: Option<Reason>,
    pub alternatives: Vec<Alt>,
}

fn side(ev: &Evaluation, mentee: usize) -> Option<Side> {
    let pair = ev.matching.pair_of(mentee)?;
    let scores = ev.table.criteria(mentee, pair.mentor);
    let w = &ev.profile.weights;
    let points = contributions(&scores, w);
    Some(Side {
        mentor: pair.mentor,
        score: pair.score,
        pinned: pair.pinned,
        lines: std::array::from_fn(|i| (scores[i], w[i], points[i])),
    })
}

/// The detail of a mentee, from the results (and the pool as matched, with its pins and bans).
pub fn build(results: &Results, mentee: usize) -> Detail {
    let pool = &*results.pool;
    let cur = &results.current;
    Detail {
        mentee,
        current: side(cur, mentee),
        baseline: side(&results.baseline, mentee),
        reason: cur.matching.reason_of(mentee),
        alternatives: alternatives(pool, cur, mentee, ALTERNATIVES)
            .into_iter()
            .map(|a| Alt {
                mentor: a.mentor,
                score: a.score,
                why: a.why.describe(pool),
            })
            .collect(),
    }
}

/// A mentee in one line of schema fields (never anything but the pseudonymous id).
pub fn about_mentee(m: &Mentee) -> String {
    let list = |v: &[String]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.join(", ")
        }
    };
    format!(
        "{} · {} · ZIP3 {} · {} · trained {} · {} · {} h/month · goals: {} · challenges: {} · wants shared: {}",
        m.id,
        m.specialty,
        m.zip3,
        m.health_system,
        m.training_completed,
        m.meeting_format.as_str(),
        m.hours_per_month,
        list(&m.goals),
        list(&m.challenges),
        list(&m.wants_shared),
    )
}

/// A mentor in one line of schema fields.
pub fn about_mentor(m: &Mentor) -> String {
    format!(
        "{} · {} · ZIP3 {} · {} · trained {} · {} · {} h/month · takes {} · expertise: {}",
        m.id,
        m.specialty,
        m.zip3,
        m.health_system,
        m.training_completed,
        m.meeting_format.as_str(),
        m.hours_per_month,
        m.capacity,
        m.expertise.join(", "),
    )
}

/// Why a mentee is unmatched, for a person.
pub fn reason_text(r: Reason) -> &'static str {
    match r {
        Reason::Ineligible => "not eligible (trained too long ago)",
        Reason::NoFeasibleMentor => "no mentor allowed by the rules",
        Reason::BelowMinScore => "every allowed mentor below the minimum score",
        Reason::Capacity => "the mentors it could have are full",
    }
}
