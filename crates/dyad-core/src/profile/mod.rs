//! Profiles: the council's named settings (weights, eligibility, criteria parameters, hard
//! constraints and objective), stored as TOML in `configs/`.

pub mod limits;
mod read;
pub mod settings;
#[cfg(test)]
mod tests;
mod write;

pub use read::{coverage_floor_at, load, parse};
pub use write::{
    RESERVED_FILES, check_restorable, file_name_for, is_reserved, list_dir, now_stamp, save,
    to_toml,
};

use crate::criteria::{self, Params, Weights};

/// Who is eligible: `reference_year − training_completed ≤ max_years_since_training`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eligibility {
    /// How many years before `reference_year` a mentee may have completed training.
    pub max_years_since_training: u32,
    /// The year eligibility is counted from (usually the cycle's year).
    pub reference_year: i32,
}

impl Eligibility {
    /// Whether a mentee who completed training in `training_completed` may be matched.
    pub fn eligible(&self, training_completed: i32) -> bool {
        self.reference_year - training_completed <= self.max_years_since_training as i32
    }

    /// The earliest of `training_years` when the reference year comes before all of them (a
    /// year typed wrong: every mentee would have trained in the future); `None` otherwise, and
    /// for no years.
    pub fn before_all(&self, training_years: impl IntoIterator<Item = i32>) -> Option<i32> {
        training_years
            .into_iter()
            .min()
            .filter(|&first| self.reference_year < first)
    }
}

/// How many mentees each mentor may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    /// The `capacity` column of `mentors.csv`.
    FromData,
    /// The same number for every mentor (1 in the pilot).
    Fixed(u32),
}

/// Hard rules: pairs they forbid are never made, whatever their score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Constraints {
    /// Forbid pairs farther apart than this when either side meets in person only.
    pub in_person_max_km: Option<f64>,
    /// Forbid pairs within one health system.
    pub require_outside_system: bool,
    /// How many mentees each mentor may take.
    pub mentor_capacity: Capacity,
    /// Leave a mentee unmatched rather than give a pair below this score (0–100).
    pub min_score: f64,
    /// Every identity group with at least `small_cell_k` eligible mentees gets at least
    /// ⌈floor × its eligible mentees⌉ of them matched (a share in [0, 1]); `None`: no floor.
    /// Smaller groups are not constrained: their figures are never shown, so no one could
    /// check their floor.
    pub coverage_floor: Option<f64>,
}

/// What the optimal matching maximizes, always after the number of mentees matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// The largest sum of pair scores.
    Total,
    /// The best worst pair, then the largest sum.
    Maximin,
}

impl Objective {
    /// The objective as written in a profile (`objective = "total"` or `"maximin"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Total => "total",
            Objective::Maximin => "maximin",
        }
    }
}

/// A council's named settings: everything that decides who is matched to whom. Read from and
/// saved to a TOML file in `configs/` ([`load`], [`save`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The name shown to the council (the file's `name`; not its file name).
    pub name: String,
    /// One free line on what the profile is for.
    pub description: String,
    /// When the profile was last saved (RFC 3339), if it was saved by dyad.
    pub saved: Option<String>,
    /// Who may be matched at all.
    pub eligibility: Eligibility,
    /// How much each criterion counts, each in [0, 1].
    pub weights: Weights,
    /// The criteria's own parameters (distances, seniority gaps).
    pub params: Params,
    /// The hard rules.
    pub constraints: Constraints,
    /// What the optimal matching maximizes.
    pub objective: Objective,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: "Untitled".into(),
            description: String::new(),
            saved: None,
            eligibility: Eligibility {
                max_years_since_training: 5,
                reference_year: 2023,
            },
            weights: [0.5; criteria::N],
            params: Params::default(),
            constraints: Constraints {
                in_person_max_km: None,
                require_outside_system: false,
                mentor_capacity: Capacity::FromData,
                min_score: 0.0,
                coverage_floor: None,
            },
            objective: Objective::Total,
        }
    }
}
