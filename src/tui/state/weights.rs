//! The settings the weights panel edits (not to be confused with `dyad::profile::settings`, the
//! settings that belong to no profile): one slider per criterion, then the rules (eligibility,
//! hard constraints, objective) and the criterion parameters. Every setting knows its label, its
//! help line, how it reads, and how a step changes it, within the bounds a profile file allows.

use dyad::criteria::{CRITERIA, N};
use dyad::profile::{Capacity, Objective, Profile, limits};

use crate::tui::action::Step;
use crate::tui::layout::weights::RULE_ROWS;
use crate::tui::scroll::Scroll;

/// The weights panel: the selected setting (`scroll.selected`) and the first item shown, and
/// the weight being dragged with the mouse.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weights {
    pub scroll: Scroll,
    pub dragging: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Weight(usize),
    EligibleYears,
    InPersonKm,
    OutsideSystem,
    Capacity,
    MinScore,
    CoverageFloor,
    Objective,
    ProximityKm,
    SeniorityMin,
    SeniorityMax,
    ReferenceYear,
}

/// The rules, in panel order, after the criterion weights.
const RULES: [Setting; RULE_ROWS] = [
    Setting::EligibleYears,
    Setting::InPersonKm,
    Setting::OutsideSystem,
    Setting::Capacity,
    Setting::MinScore,
    Setting::CoverageFloor,
    Setting::Objective,
    Setting::ProximityKm,
    Setting::SeniorityMin,
    Setting::SeniorityMax,
    Setting::ReferenceYear,
];

impl Setting {
    /// How many settings the panel lists.
    pub const COUNT: usize = N + RULES.len();

    /// The setting at a position of the panel.
    pub fn at(index: usize) -> Setting {
        if index < N {
            Setting::Weight(index)
        } else {
            RULES[(index - N).min(RULES.len() - 1)]
        }
    }
}

/// The largest in-person limit the panel offers before it switches off (a file may set up to
/// [`limits::IN_PERSON_KM`]).
const MAX_IN_PERSON_KM: f64 = 300.0;
/// The largest fixed number of mentees per mentor the panel offers (a file may set up to
/// [`limits::MENTOR_CAPACITY`]).
const MAX_CAPACITY: u32 = 20;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn step(s: Step, coarse: f64, fine: f64) -> f64 {
    match s {
        Step::Up => coarse,
        Step::Down => -coarse,
        Step::FineUp => fine,
        Step::FineDown => -fine,
    }
}

fn up(s: Step) -> bool {
    matches!(s, Step::Up | Step::FineUp)
}

impl Setting {
    pub fn label(self) -> &'static str {
        match self {
            Setting::Weight(i) => CRITERIA[i].label,
            Setting::EligibleYears => "Eligible: trained within",
            Setting::InPersonKm => "In-person distance limit",
            Setting::OutsideSystem => "Outside own system",
            Setting::Capacity => "Mentees per mentor",
            Setting::MinScore => "Minimum pair score",
            Setting::CoverageFloor => "Coverage floor per group",
            Setting::Objective => "Optimize for",
            Setting::ProximityKm => "Proximity reaches 0 at",
            Setting::SeniorityMin => "Seniority gap from",
            Setting::SeniorityMax => "Seniority gap up to",
            Setting::ReferenceYear => "Reference year",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Setting::Weight(i) => CRITERIA[i].help,
            Setting::EligibleYears => "mentees who trained longer ago than this are not matched",
            Setting::InPersonKm => {
                "forbid pairs farther apart when either side meets in person only"
            }
            Setting::OutsideSystem => "required: never pair people of the same health system",
            Setting::Capacity => "as offered: each mentor's own number; or the same for all",
            Setting::MinScore => "leave a mentee unmatched rather than give a pair below this",
            Setting::CoverageFloor => {
                "each identity group of at least k eligible mentees gets this share matched"
            }
            Setting::Objective => {
                "total: largest sum of scores; best worst pair: raise the lowest score first"
            }
            Setting::ProximityKm => "distance at which the proximity score falls to 0",
            Setting::SeniorityMin => "mentor trained at least this many years before the mentee",
            Setting::SeniorityMax => "and at most this many years before",
            Setting::ReferenceYear => "the year eligibility is counted from",
        }
    }

    pub fn weight(self) -> Option<usize> {
        match self {
            Setting::Weight(i) => Some(i),
            _ => None,
        }
    }

    /// The value as a person reads it.
    pub fn value(self, p: &Profile) -> String {
        match self {
            Setting::Weight(i) => format!("{:.2}", p.weights[i]),
            Setting::EligibleYears => format!("{} years", p.eligibility.max_years_since_training),
            Setting::InPersonKm => match p.constraints.in_person_max_km {
                Some(km) => format!("{km:.0} km"),
                None => "off".into(),
            },
            Setting::OutsideSystem => match p.constraints.require_outside_system {
                true => "required".into(),
                false => "not required".into(),
            },
            Setting::Capacity => match p.constraints.mentor_capacity {
                Capacity::FromData => "as offered".into(),
                Capacity::Fixed(n) => format!("{n}"),
            },
            Setting::MinScore => format!("{:.0}", p.constraints.min_score),
            Setting::CoverageFloor => match p.constraints.coverage_floor {
                Some(f) => format!("{:.0} %", 100.0 * f),
                None => "off".into(),
            },
            Setting::Objective => match p.objective {
                Objective::Total => "total score".into(),
                Objective::Maximin => "best worst pair".into(),
            },
            Setting::ProximityKm => format!("{:.0} km", p.params.proximity_max_km),
            Setting::SeniorityMin => format!("{:.0} years", p.params.seniority_min_gap),
            Setting::SeniorityMax => format!("{:.0} years", p.params.seniority_max_gap),
            Setting::ReferenceYear => format!("{}", p.eligibility.reference_year),
        }
    }

    /// Moves the setting one step, staying within what a profile file allows.
    pub fn change(self, p: &mut Profile, s: Step) {
        let c = &mut p.constraints;
        match self {
            Setting::Weight(i) => {
                p.weights[i] = limits::WEIGHT.clamp(round2(p.weights[i] + step(s, 0.05, 0.01)))
            }
            Setting::EligibleYears => {
                let y = &mut p.eligibility.max_years_since_training;
                *y = limits::YEARS_SINCE_TRAINING.clamp(i64::from(*y) + step(s, 1.0, 1.0) as i64)
                    as u32;
            }
            Setting::InPersonKm => {
                c.in_person_max_km = match c.in_person_max_km {
                    None if up(s) => None,
                    None => Some(MAX_IN_PERSON_KM),
                    Some(km) => {
                        let next = (km + step(s, 10.0, 1.0)).round();
                        (next <= MAX_IN_PERSON_KM).then_some(next.max(0.0))
                    }
                }
            }
            Setting::OutsideSystem => c.require_outside_system = up(s),
            Setting::Capacity => {
                c.mentor_capacity = match (c.mentor_capacity, up(s)) {
                    (Capacity::FromData, true) => Capacity::Fixed(1),
                    (Capacity::FromData, false) => Capacity::FromData,
                    (Capacity::Fixed(1), false) => Capacity::FromData,
                    (Capacity::Fixed(n), true) => Capacity::Fixed((n + 1).min(MAX_CAPACITY)),
                    (Capacity::Fixed(n), false) => Capacity::Fixed(n - 1),
                }
            }
            Setting::MinScore => {
                c.min_score = limits::MIN_SCORE.clamp((c.min_score + step(s, 5.0, 1.0)).round())
            }
            Setting::CoverageFloor => {
                let now = c.coverage_floor.unwrap_or(0.0);
                let next = limits::COVERAGE_FLOOR.clamp(round2(now + step(s, 0.05, 0.01)));
                c.coverage_floor = (next > 0.0).then_some(next);
            }
            Setting::Objective => {
                p.objective = if up(s) {
                    Objective::Maximin
                } else {
                    Objective::Total
                }
            }
            Setting::ProximityKm => {
                let km = &mut p.params.proximity_max_km;
                *km = limits::PROXIMITY_KM.clamp((*km + step(s, 10.0, 1.0)).round());
            }
            Setting::SeniorityMin => {
                let max = p.params.seniority_max_gap;
                let g = &mut p.params.seniority_min_gap;
                *g = (*g + step(s, 1.0, 1.0))
                    .round()
                    .clamp(limits::SENIORITY_GAP.lo, max);
            }
            Setting::SeniorityMax => {
                let min = p.params.seniority_min_gap;
                let g = &mut p.params.seniority_max_gap;
                *g = (*g + step(s, 1.0, 1.0))
                    .round()
                    .clamp(min, limits::SENIORITY_GAP.hi);
            }
            Setting::ReferenceYear => {
                let y = &mut p.eligibility.reference_year;
                *y = limits::REFERENCE_YEAR.clamp(i64::from(*y) + step(s, 1.0, 1.0) as i64) as i32;
            }
        }
    }

    /// The `0` key: a weight to 0, a rule to its least restrictive value. Returns false when the
    /// setting has no such value (the reference year).
    pub fn zero(self, p: &mut Profile) -> bool {
        let c = &mut p.constraints;
        match self {
            Setting::Weight(i) => p.weights[i] = 0.0,
            Setting::EligibleYears => {
                p.eligibility.max_years_since_training = limits::YEARS_SINCE_TRAINING.hi as u32
            }
            Setting::InPersonKm => c.in_person_max_km = None,
            Setting::OutsideSystem => c.require_outside_system = false,
            Setting::Capacity => c.mentor_capacity = Capacity::FromData,
            Setting::MinScore => c.min_score = 0.0,
            Setting::CoverageFloor => c.coverage_floor = None,
            Setting::Objective => p.objective = Objective::Total,
            Setting::SeniorityMin => p.params.seniority_min_gap = 0.0,
            Setting::ProximityKm | Setting::SeniorityMax | Setting::ReferenceYear => return false,
        }
        true
    }

    /// Sets a weight from a position on its bar (0 = left end, 1 = right end).
    pub fn set_fraction(self, p: &mut Profile, fraction: f64) {
        if let Setting::Weight(i) = self {
            p.weights[i] = round2(fraction.clamp(0.0, 1.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(s: Setting, steps: &[Step]) -> Profile {
        let mut p = dyad::embedded::fall_profile();
        for st in steps {
            s.change(&mut p, *st);
        }
        p
    }

    #[test]
    fn weights_stay_within_0_and_1_and_round() {
        let p = changed(Setting::Weight(0), &[Step::Up; 5]);
        assert_eq!(p.weights[0], 1.0);
        let p = changed(Setting::Weight(0), &[Step::Down; 40]);
        assert_eq!(p.weights[0], 0.0);
        let p = changed(
            Setting::Weight(0),
            &[Step::FineDown, Step::FineDown, Step::Up],
        );
        assert_eq!(p.weights[0], 0.93);
    }

    #[test]
    fn in_person_limit_switches_off_beyond_its_range() {
        let mut p = dyad::embedded::fall_profile();
        p.constraints.in_person_max_km = Some(295.0);
        Setting::InPersonKm.change(&mut p, Step::Up);
        assert_eq!(p.constraints.in_person_max_km, None);
        Setting::InPersonKm.change(&mut p, Step::Up);
        assert_eq!(p.constraints.in_person_max_km, None);
        Setting::InPersonKm.change(&mut p, Step::Down);
        assert_eq!(p.constraints.in_person_max_km, Some(300.0));
        p.constraints.in_person_max_km = Some(5.0);
        Setting::InPersonKm.change(&mut p, Step::Down);
        assert_eq!(p.constraints.in_person_max_km, Some(0.0));
    }

    #[test]
    fn capacity_goes_from_data_to_fixed_numbers_and_back() {
        let p = changed(Setting::Capacity, &[Step::Up, Step::Up]);
        assert_eq!(p.constraints.mentor_capacity, Capacity::Fixed(2));
        let p = changed(Setting::Capacity, &[Step::Up, Step::Down, Step::Down]);
        assert_eq!(p.constraints.mentor_capacity, Capacity::FromData);
    }

    #[test]
    fn seniority_gaps_keep_min_below_max() {
        let mut p = dyad::embedded::fall_profile();
        p.params.seniority_min_gap = 10.0;
        p.params.seniority_max_gap = 10.0;
        Setting::SeniorityMin.change(&mut p, Step::Up);
        Setting::SeniorityMax.change(&mut p, Step::Down);
        assert_eq!(
            (p.params.seniority_min_gap, p.params.seniority_max_gap),
            (10.0, 10.0)
        );
    }

    #[test]
    fn every_setting_round_trips_through_a_profile_file() {
        for i in 0..Setting::COUNT {
            let mut p = dyad::embedded::fall_profile();
            for st in [Step::Up, Step::Up, Step::FineDown] {
                Setting::at(i).change(&mut p, st);
            }
            Setting::at(i).zero(&mut p);
            let text = dyad::profile::to_toml(&p);
            let back = dyad::profile::parse(&text, std::path::Path::new("t.toml")).unwrap();
            assert_eq!(back, p, "{:?}", Setting::at(i));
        }
    }

    #[test]
    fn the_coverage_floor_steps_by_five_and_one_percent_and_turns_off_at_zero() {
        let f = |steps: &[Step]| {
            changed(Setting::CoverageFloor, steps)
                .constraints
                .coverage_floor
        };
        assert_eq!(f(&[]), None);
        assert_eq!(f(&[Step::Up]), Some(0.05));
        assert_eq!(f(&[Step::Up, Step::FineUp]), Some(0.06));
        assert_eq!(f(&[Step::Up, Step::Down]), None);
        assert_eq!(f(&[Step::Down]), None);
        assert_eq!(f(&[Step::Up; 25]), Some(1.0));
        let mut p = changed(Setting::CoverageFloor, &[Step::Up; 3]);
        assert_eq!(Setting::CoverageFloor.value(&p), "15 %");
        assert!(Setting::CoverageFloor.zero(&mut p));
        assert_eq!(Setting::CoverageFloor.value(&p), "off");
    }

    #[test]
    fn zero_makes_every_rule_its_loosest() {
        let pool = dyad::embedded::sample_pool();
        let mut p = dyad::embedded::fall_profile();
        for i in 0..Setting::COUNT {
            Setting::at(i).zero(&mut p);
        }
        // Everyone is eligible; nothing rules a pair out but the data.
        assert!(
            pool.mentees
                .iter()
                .all(|m| p.eligibility.eligible(m.training_completed))
        );
        assert_eq!(p.constraints.in_person_max_km, None);
        assert!(!p.constraints.require_outside_system);
        assert_eq!(p.constraints.min_score, 0.0);
        // And one more step up changes nothing.
        let before = p.clone();
        Setting::at(dyad::criteria::N).change(&mut p, Step::Up);
        assert_eq!(p.eligibility, before.eligibility);
    }

    #[test]
    fn toggles_and_objective() {
        let p = changed(Setting::OutsideSystem, &[Step::Up]);
        assert!(p.constraints.require_outside_system);
        let p = changed(Setting::Objective, &[Step::FineUp]);
        assert_eq!(p.objective, Objective::Maximin);
        assert_eq!(Setting::Objective.value(&p), "best worst pair");
    }
}
