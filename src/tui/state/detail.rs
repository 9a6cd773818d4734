//! What the pair-detail popup shows, gathered from the core when it opens or the results change:
//! per-criterion score × weight = points for the current and the baseline pair, both on the
//! yardstick (the current profile's weights and parameters, as the matches table's Δ), how far
//! apart each pair is, the mentee's best alternative mentors with why each was not chosen, and
//! the two people's attributes as far as a shared screen may show them
//! ([`dyad::privacy::disclosure`]), or all of them when asked.

use dyad::analysis::breakdown::contributions;
use dyad::analysis::explain::alternatives;
use dyad::criteria::N;
use dyad::matching::Reason;
use dyad::matching::engine::Evaluation;
use dyad::pool::{Mentee, Mentor};
use dyad::privacy::Disclosure;
use dyad::privacy::disclosure::Shown;

use crate::tui::jobs::solve::Results;

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
    /// How far apart the two are (between their ZIP3s' centres); `None` when a place is
    /// unknown.
    pub km: Option<f64>,
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
    /// Every attribute shown, as asked for (not for a shared screen).
    pub full: bool,
    /// The mentee in one line of schema fields, as far as the screen may show them.
    pub about_mentee: String,
    /// The current mentor the same way.
    pub about_mentor: Option<String>,
    /// The attributes left out or coarsened for a shared screen (empty with `full`).
    pub withheld: Withheld,
}

/// What a shared screen does not show exactly of the two people explained.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Withheld {
    /// The k the screen keeps to.
    pub k: usize,
    /// Attributes shown coarsened ("specialty as its family"), then those hidden.
    pub coarsened: Vec<&'static str>,
    pub hidden: Vec<&'static str>,
}

impl Withheld {
    pub fn is_empty(&self) -> bool {
        self.coarsened.is_empty() && self.hidden.is_empty()
    }

    fn add(&mut self, shown: &Shown, full: &Shown) {
        let coarse = shown.coarsened(full);
        let hidden = shown.hidden();
        for (list, from) in [(&mut self.coarsened, coarse), (&mut self.hidden, hidden)] {
            for w in from {
                if !list.contains(&w) {
                    list.push(w);
                }
            }
        }
    }
}

/// The pair `ev` gives the mentee, scored on the yardstick's weights and parameters.
fn side(ev: &Evaluation, yardstick: &Evaluation, mentee: usize) -> Option<Side> {
    let pair = ev.matching.pair_of(mentee)?;
    let scores = yardstick.table.criteria(mentee, pair.mentor);
    let w = &yardstick.profile.weights;
    let points = contributions(&scores, w);
    Some(Side {
        mentor: pair.mentor,
        score: yardstick.table.pair_score(mentee, pair.mentor, w),
        pinned: pair.pinned,
        lines: std::array::from_fn(|i| (scores[i], w[i], points[i])),
        km: yardstick.table.distance_km(mentee, pair.mentor),
    })
}

/// The detail of a mentee, from the results (and the pool as matched, with its pins and bans);
/// attributes as `disclosure` allows, or all of them with `full`.
pub fn build(results: &Results, mentee: usize, disclosure: &Disclosure, full: bool) -> Detail {
    let pool = &*results.pool;
    let cur = &results.current;
    let current = side(cur, cur, mentee);
    let mut withheld = Withheld {
        k: disclosure.k(),
        ..Withheld::default()
    };
    let me = &pool.mentees[mentee];
    let shown = |limited: &Shown, all: Shown, withheld: &mut Withheld| {
        if full {
            all
        } else {
            withheld.add(limited, &all);
            limited.clone()
        }
    };
    let about_mentee = about_mentee(
        me,
        &shown(disclosure.mentee(mentee), Shown::full(me), &mut withheld),
    );
    let about_mentor = current.as_ref().map(|s| {
        let mr = &pool.mentors[s.mentor];
        about_mentor(
            mr,
            &shown(disclosure.mentor(s.mentor), Shown::full(mr), &mut withheld),
        )
    });
    Detail {
        mentee,
        baseline: side(&results.baseline, cur, mentee),
        current,
        reason: cur.matching.reason_of(mentee),
        alternatives: alternatives(pool, cur, mentee, ALTERNATIVES)
            .into_iter()
            .map(|a| Alt {
                mentor: a.mentor,
                score: a.score,
                why: a.why.describe(pool),
            })
            .collect(),
        full,
        about_mentee,
        about_mentor,
        withheld,
    }
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "—".to_string()
    } else {
        v.join(", ")
    }
}

/// The quasi-identifiers shown, each as far as allowed: `internal medicine · ZIP3 021 · hs-01 ·
/// trained 2021`, the hidden ones left out.
pub fn quasi(s: &Shown) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(s.specialty.clone());
    out.extend(s.zip3.as_ref().map(|z| format!("ZIP3 {z}")));
    out.extend(s.health_system.clone());
    out.extend(s.trained.as_ref().map(|t| format!("trained {t}")));
    out
}

/// A mentee in one line of schema fields (never anything but the pseudonymous id), with the
/// quasi-identifiers as `shown`; the identities asked to share tell an identity, so they come
/// only with the identities.
pub fn about_mentee(m: &Mentee, shown: &Shown) -> String {
    let mut parts = vec![m.id.clone()];
    parts.extend(quasi(shown));
    parts.push(m.meeting_format.as_str().to_string());
    parts.push(format!("{}\u{a0}h/month", m.hours_per_month));
    parts.push(format!("goals: {}", list(&m.goals)));
    parts.push(format!("challenges: {}", list(&m.challenges)));
    if let Some(ids) = &shown.identities {
        parts.push(format!("identities: {}", list(ids)));
        parts.push(format!("wants shared: {}", list(&m.wants_shared)));
    }
    parts.join(" · ")
}

/// A mentor in one line of schema fields, the quasi-identifiers as `shown`.
pub fn about_mentor(m: &Mentor, shown: &Shown) -> String {
    let mut parts = vec![m.id.clone()];
    parts.extend(quasi(shown));
    parts.push(m.meeting_format.as_str().to_string());
    parts.push(format!("{}\u{a0}h/month", m.hours_per_month));
    parts.push(format!("takes {}", m.capacity));
    parts.push(format!("expertise: {}", list(&m.expertise)));
    if let Some(ids) = &shown.identities {
        parts.push(format!("identities: {}", list(ids)));
    }
    parts.join(" · ")
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
