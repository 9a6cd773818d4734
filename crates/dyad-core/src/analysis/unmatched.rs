//! Why a mentee is left unmatched, and the smallest single change that would match them.
//!
//! For an unmatched mentee, every mentor is listed with everything that stands between them:
//! the hard constraints that forbid the pair (a ban, the same health system, the in-person
//! distance limit, the minimum score) and, when the pair itself is allowed, the mentor's places
//! being taken (and by whom). Then each kind of single relaxation is tried, smallest first
//! within its kind, and kept only if re-solving the real profile with it actually matches the
//! mentee:
//!
//! | kind | smallest change tried first |
//! |---|---|
//! | eligibility | `max_years_since_training` raised to exactly the mentee's years since training |
//! | in-person distance | the limit raised to the distance (whole km, rounded up) of the nearest mentor it alone forbids |
//! | same system | `require_outside_system` turned off |
//! | minimum score | `min_score` lowered (to one decimal, rounded down) to the best score it alone forbids |
//! | one more place | one more mentee for a mentor whose places are all taken, best-scoring mentor first |
//! | lift a ban | the ban of this mentee with a mentor lifted, best-scoring mentor first |
//!
//! At most [`MAX_TRIES`] candidates of each kind are re-solved. The verified suggestions are
//! ordered by how many *other* mentees they move (fewest first, then the order of the table),
//! so the first one is the smallest disturbance that fixes this mentee.

use std::borrow::Cow;

use crate::analysis::stability::{PairChange, changes};
use crate::error::InputError;
use crate::matching::engine::Evaluation;
use crate::matching::{self, Reason};
use crate::pool::{MeetingFormat, Pool};
use crate::profile::{Capacity, Profile};

/// Candidates of one kind re-solved at most.
pub const MAX_TRIES: usize = 25;

/// Something that keeps a mentee from one mentor.
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// The council banned the pair.
    Banned,
    /// Both work in the same health system and the profile requires different ones.
    SameSystem,
    /// One side meets in person only and they are farther apart than the limit.
    InPersonDistance {
        /// How far apart they are (between ZIP3 centroids).
        km: f64,
        /// The profile's in-person distance limit.
        limit: f64,
    },
    /// One side meets in person only and a location is unknown (ZIP3 000).
    InPersonUnknownLocation,
    /// The pair scores below the profile's minimum.
    BelowMinScore {
        /// The pair's score, 0–100.
        score: f64,
        /// The profile's `min_score`.
        min: f64,
    },
    /// The pair is allowed, but every place of the mentor went to these mentees.
    Full {
        /// The mentees the mentor is matched to (indices in the pool).
        by: Vec<usize>,
    },
}

impl Blocker {
    /// The blocker as written in JSON (`same-system`, `capacity` …).
    pub fn kind(&self) -> &'static str {
        match self {
            Blocker::Banned => "banned",
            Blocker::SameSystem => "same-system",
            Blocker::InPersonDistance { .. } => "in-person-distance",
            Blocker::InPersonUnknownLocation => "in-person-unknown-location",
            Blocker::BelowMinScore { .. } => "below-min-score",
            Blocker::Full { .. } => "capacity",
        }
    }

    /// One line for a person, naming other participants by id only.
    pub fn describe(&self, pool: &Pool) -> String {
        match self {
            Blocker::Banned => "banned by the council".into(),
            Blocker::SameSystem => "same health system (outside system required)".into(),
            Blocker::InPersonDistance { km, limit } => {
                format!("in person only, {km:.1} km apart (limit {limit:.0} km)")
            }
            Blocker::InPersonUnknownLocation => "in person only, location unknown".into(),
            Blocker::BelowMinScore { score, min } => {
                format!("score {score:.1} below the minimum {min:.1}")
            }
            Blocker::Full { by } => {
                let ids: Vec<&str> = by.iter().map(|&i| pool.mentees[i].id.as_str()).collect();
                format!("full: taken by {}", ids.join(", "))
            }
        }
    }
}

/// The constraints that forbid a pair, all of them (not just the first).
pub fn rule_blockers(
    pool: &Pool,
    ev: &Evaluation,
    profile: &Profile,
    mentee: usize,
    mentor: usize,
    score: f64,
) -> Vec<Blocker> {
    let mut out = Vec::new();
    if pool.overrides.is_banned(mentee, mentor) {
        out.push(Blocker::Banned);
    }
    let (me, mr) = (&pool.mentees[mentee], &pool.mentors[mentor]);
    if profile.constraints.require_outside_system && me.health_system == mr.health_system {
        out.push(Blocker::SameSystem);
    }
    let in_person = me.meeting_format == MeetingFormat::InPerson
        || mr.meeting_format == MeetingFormat::InPerson;
    if let (true, Some(limit)) = (in_person, profile.constraints.in_person_max_km) {
        match ev.table.distance_km(mentee, mentor) {
            None => out.push(Blocker::InPersonUnknownLocation),
            Some(km) if km > limit => out.push(Blocker::InPersonDistance { km, limit }),
            _ => {}
        }
    }
    if score < profile.constraints.min_score {
        out.push(Blocker::BelowMinScore {
            score,
            min: profile.constraints.min_score,
        });
    }
    out
}

/// One mentor and what keeps the mentee from them.
#[derive(Debug, Clone, PartialEq)]
pub struct MentorBlockers {
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// The pair's score under the profile.
    pub score: f64,
    /// Empty only when nothing but the optimum as a whole keeps them apart (never for a mentee
    /// left unmatched).
    pub blockers: Vec<Blocker>,
}

/// A single change of the settings, the data's capacity or the overrides.
#[derive(Debug, Clone, PartialEq)]
pub enum Relaxation {
    /// Admit mentees trained longer ago: the profile's `max_years_since_training`.
    Eligibility {
        /// The years allowed now.
        from: u32,
        /// The years that would admit the mentee.
        to: u32,
    },
    /// `to: None` removes the limit.
    InPersonDistance {
        /// The limit now, km.
        from: f64,
        /// The limit that would allow the pair, km.
        to: Option<f64>,
    },
    /// Drop the rule that pairs must work in different health systems.
    AllowSameSystem,
    /// Lower the profile's minimum pair score.
    MinScore {
        /// The minimum now (0–100).
        from: f64,
        /// The minimum that would allow the pair.
        to: f64,
    },
    /// The mentor takes one more mentee than `from`.
    ExtraPlace {
        /// Index of the mentor in the pool.
        mentor: usize,
        /// Mentees the mentor takes now.
        from: u32,
    },
    /// Lift the council's ban of a pair.
    LiftBan {
        /// Index of the mentee in the pool.
        mentee: usize,
        /// Index of the mentor in the pool.
        mentor: usize,
    },
}

impl Relaxation {
    /// The relaxation as written in JSON (`min-score`, `extra-place` …).
    pub fn kind(&self) -> &'static str {
        match self {
            Relaxation::Eligibility { .. } => "eligibility",
            Relaxation::InPersonDistance { .. } => "in-person-distance",
            Relaxation::AllowSameSystem => "allow-same-system",
            Relaxation::MinScore { .. } => "min-score",
            Relaxation::ExtraPlace { .. } => "extra-place",
            Relaxation::LiftBan { .. } => "lift-ban",
        }
    }

    /// Order of the kinds when they move equally many other mentees: changes to one pair or
    /// one mentor before changes to the whole profile.
    fn rank(&self) -> u8 {
        match self {
            Relaxation::LiftBan { .. } => 0,
            Relaxation::ExtraPlace { .. } => 1,
            Relaxation::InPersonDistance { .. } => 2,
            Relaxation::MinScore { .. } => 3,
            Relaxation::AllowSameSystem => 4,
            Relaxation::Eligibility { .. } => 5,
        }
    }

    /// One line for a person.
    pub fn describe(&self, pool: &Pool) -> String {
        match self {
            Relaxation::Eligibility { from, to } => {
                format!("eligibility {from} -> {to} years since training")
            }
            Relaxation::InPersonDistance { from, to: Some(to) } => {
                format!("in-person distance {from:.0} -> {to:.0} km")
            }
            Relaxation::InPersonDistance { from, to: None } => {
                format!("no in-person distance limit (was {from:.0} km)")
            }
            Relaxation::AllowSameSystem => "allow pairs within one health system".into(),
            Relaxation::MinScore { from, to } => format!("minimum score {from:.1} -> {to:.1}"),
            Relaxation::ExtraPlace { mentor, from } => format!(
                "one more place for {} ({from} -> {} mentees)",
                pool.mentors[*mentor].id,
                from + 1
            ),
            Relaxation::LiftBan { mentee, mentor } => format!(
                "lift the ban on {} with {}",
                pool.mentees[*mentee].id, pool.mentors[*mentor].id
            ),
        }
    }

    /// The pool and profile with this change made. Only an extra place or a lifted ban
    /// changes the pool (its capacities or overrides); under a fixed `mentor_capacity` an extra
    /// place switches the profile to per-mentor capacities with the same numbers.
    pub fn apply<'a>(&self, pool: &'a Pool, profile: &Profile) -> (Cow<'a, Pool>, Profile) {
        let mut p = profile.clone();
        let mut pool = Cow::Borrowed(pool);
        match *self {
            Relaxation::Eligibility { to, .. } => p.eligibility.max_years_since_training = to,
            Relaxation::InPersonDistance { to, .. } => p.constraints.in_person_max_km = to,
            Relaxation::AllowSameSystem => p.constraints.require_outside_system = false,
            Relaxation::MinScore { to, .. } => p.constraints.min_score = to,
            Relaxation::ExtraPlace { mentor, .. } => {
                let caps = matching::capacities(&pool, profile);
                let owned = pool.to_mut();
                for (m, c) in owned.mentors.iter_mut().zip(caps) {
                    m.capacity = c;
                }
                owned.mentors[mentor].capacity += 1;
                p.constraints.mentor_capacity = Capacity::FromData;
            }
            Relaxation::LiftBan { mentee, mentor } => {
                pool.to_mut().overrides.set(mentee, mentor, None);
            }
        }
        (pool, p)
    }
}

/// A relaxation verified by re-solving: with it, the mentee is matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The change of settings, capacity or overrides.
    pub relaxation: Relaxation,
    /// The mentor the mentee then gets, and the pair's score.
    pub mentor: usize,
    /// The pair's score (0–100).
    pub score: f64,
    /// Other mentees whose situation then changes too.
    pub side_effects: Vec<PairChange>,
}

/// Why a mentee is unmatched and what would fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Why the matching leaves the mentee without a mentor.
    pub reason: Reason,
    /// For an ineligible mentee: years since training, and the profile's maximum.
    pub ineligible: Option<(i32, u32)>,
    /// Every mentor, best pair score first (ties by id).
    pub mentors: Vec<MentorBlockers>,
    /// Verified single relaxations, smallest disturbance first; empty when no single change
    /// is enough.
    pub suggestions: Vec<Suggestion>,
}

/// Matches with a relaxation applied; `Some` when the mentee is then matched.
pub fn verify(
    pool: &Pool,
    ev: &Evaluation,
    mentee: usize,
    relaxation: Relaxation,
) -> Result<Option<Suggestion>, InputError> {
    let (p, profile) = relaxation.apply(pool, &ev.profile);
    let m = matching::solve(&p, &ev.table, &profile)?;
    let Some(pair) = m.pair_of(mentee).copied() else {
        return Ok(None);
    };
    let side_effects = changes(&ev.matching, &m)
        .into_iter()
        .filter(|c| c.mentee != mentee)
        .collect();
    Ok(Some(Suggestion {
        relaxation,
        mentor: pair.mentor,
        score: pair.score,
        side_effects,
    }))
}

/// The first candidate that verifies.
fn first_verified(
    pool: &Pool,
    ev: &Evaluation,
    mentee: usize,
    candidates: impl IntoIterator<Item = Relaxation>,
) -> Result<Option<Suggestion>, InputError> {
    for r in candidates.into_iter().take(MAX_TRIES) {
        if let Some(s) = verify(pool, ev, mentee, r)? {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// Why `mentee` is unmatched under `ev` and what single change would match them; `None` when
/// the mentee has a mentor.
pub fn diagnose(
    pool: &Pool,
    ev: &Evaluation,
    mentee: usize,
) -> Result<Option<Diagnosis>, InputError> {
    let Some(reason) = ev.matching.reason_of(mentee) else {
        return Ok(None);
    };
    let profile = &ev.profile;
    let me = &pool.mentees[mentee];
    let years = profile.eligibility.reference_year - me.training_completed;
    let ineligible = (reason == Reason::Ineligible)
        .then_some((years, profile.eligibility.max_years_since_training));

    let capacity = matching::capacities(pool, profile);
    let mut mentors: Vec<MentorBlockers> = (0..pool.mentors.len())
        .map(|j| {
            let score = ev.table.pair_score(mentee, j, &profile.weights);
            let mut blockers = rule_blockers(pool, ev, profile, mentee, j, score);
            let by = ev.matching.mentees_of(j);
            if by.len() as u32 >= capacity[j] {
                blockers.push(Blocker::Full { by });
            }
            MentorBlockers {
                mentor: j,
                score,
                blockers,
            }
        })
        .collect();
    mentors.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.mentor.cmp(&b.mentor)));

    // Mentors kept away by exactly one rule (a full mentor may still be freed by the optimum
    // moving its mentee elsewhere, so being full does not count here).
    let only = |pred: fn(&Blocker) -> bool| {
        mentors
            .iter()
            .filter(move |mb| {
                let rules: Vec<&Blocker> = mb
                    .blockers
                    .iter()
                    .filter(|b| !matches!(b, Blocker::Full { .. }))
                    .collect();
                rules.len() == 1 && pred(rules[0])
            })
            .collect::<Vec<_>>()
    };

    let mut suggestions = Vec::new();
    if let Some((years, max)) = ineligible {
        let to = u32::try_from(years).unwrap_or(0).max(max + 1);
        suggestions.extend(verify(
            pool,
            ev,
            mentee,
            Relaxation::Eligibility { from: max, to },
        )?);
    } else {
        let bans = only(|b| matches!(b, Blocker::Banned))
            .into_iter()
            .map(|mb| Relaxation::LiftBan {
                mentee,
                mentor: mb.mentor,
            });
        suggestions.extend(first_verified(pool, ev, mentee, bans)?);

        let full = mentors
            .iter()
            .filter(|mb| mb.blockers.len() == 1 && matches!(mb.blockers[0], Blocker::Full { .. }))
            .map(|mb| Relaxation::ExtraPlace {
                mentor: mb.mentor,
                from: capacity[mb.mentor],
            });
        suggestions.extend(first_verified(pool, ev, mentee, full)?);

        if let Some(from) = profile.constraints.in_person_max_km {
            let mut limits: Vec<f64> = only(|b| matches!(b, Blocker::InPersonDistance { .. }))
                .iter()
                .filter_map(|mb| match mb.blockers[0] {
                    Blocker::InPersonDistance { km, .. } => Some(km.ceil()),
                    _ => None,
                })
                .collect();
            limits.sort_by(f64::total_cmp);
            limits.dedup();
            let mut candidates: Vec<Relaxation> = limits
                .into_iter()
                .map(|to| Relaxation::InPersonDistance { from, to: Some(to) })
                .collect();
            if !only(|b| matches!(b, Blocker::InPersonUnknownLocation)).is_empty() {
                candidates.push(Relaxation::InPersonDistance { from, to: None });
            }
            suggestions.extend(first_verified(pool, ev, mentee, candidates)?);
        }

        let from = profile.constraints.min_score;
        let mut mins: Vec<f64> = only(|b| matches!(b, Blocker::BelowMinScore { .. }))
            .iter()
            .map(|mb| (mb.score * 10.0).floor() / 10.0)
            .collect();
        mins.sort_by(|a, b| b.total_cmp(a));
        mins.dedup();
        let candidates = mins.into_iter().map(|to| Relaxation::MinScore { from, to });
        suggestions.extend(first_verified(pool, ev, mentee, candidates)?);

        if !only(|b| matches!(b, Blocker::SameSystem)).is_empty() {
            suggestions.extend(verify(pool, ev, mentee, Relaxation::AllowSameSystem)?);
        }
    }
    suggestions.sort_by_key(|s| (s.side_effects.len(), s.relaxation.rank()));

    Ok(Some(Diagnosis {
        mentee,
        reason,
        ineligible,
        mentors,
        suggestions,
    }))
}

/// Diagnoses of every mentee left unmatched, by mentee.
pub fn diagnose_all(pool: &Pool, ev: &Evaluation) -> Result<Vec<Diagnosis>, InputError> {
    let mut out = Vec::new();
    for &(i, _) in &ev.matching.unmatched {
        out.extend(diagnose(pool, ev, i)?);
    }
    Ok(out)
}
