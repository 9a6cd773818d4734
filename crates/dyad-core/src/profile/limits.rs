//! Every bound on a profile's settings, once: the reader refuses a value outside these, and the
//! terminal UI's editors stop at them.

/// A closed range of allowed values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds<T> {
    /// The smallest allowed value.
    pub lo: T,
    /// The largest allowed value.
    pub hi: T,
}

impl<T: PartialOrd + Copy> Bounds<T> {
    /// `x` moved into the range.
    pub fn clamp(&self, x: T) -> T {
        if x < self.lo {
            self.lo
        } else if x > self.hi {
            self.hi
        } else {
            x
        }
    }
}

/// A weight counts in steps of `1 / WEIGHT_STEPS`: how finely a saved profile writes it, and
/// how the matching scores it.
pub const WEIGHT_STEPS: f64 = 1e7;

/// Each criterion's weight.
pub const WEIGHT: Bounds<f64> = Bounds { lo: 0.0, hi: 1.0 };
/// `eligibility.max_years_since_training`.
pub const YEARS_SINCE_TRAINING: Bounds<i64> = Bounds { lo: 0, hi: 100 };
/// `eligibility.reference_year`.
pub const REFERENCE_YEAR: Bounds<i64> = Bounds { lo: 1900, hi: 2100 };
/// `criteria.proximity.max_km`.
pub const PROXIMITY_KM: Bounds<f64> = Bounds {
    lo: 1.0,
    hi: 20_000.0,
};
/// `criteria.seniority.min_gap` and `max_gap`, in years.
pub const SENIORITY_GAP: Bounds<f64> = Bounds { lo: 0.0, hi: 80.0 };
/// `constraints.in_person_max_km`.
pub const IN_PERSON_KM: Bounds<f64> = Bounds {
    lo: 0.0,
    hi: 20_000.0,
};
/// `constraints.mentor_capacity` when a number.
pub const MENTOR_CAPACITY: Bounds<i64> = Bounds { lo: 1, hi: 1000 };
/// `constraints.min_score`.
pub const MIN_SCORE: Bounds<f64> = Bounds { lo: 0.0, hi: 100.0 };
/// `constraints.coverage_floor`: the share of each identity group's eligible mentees matched.
pub const COVERAGE_FLOOR: Bounds<f64> = Bounds { lo: 0.0, hi: 1.0 };
/// The small-cell k when no settings file says otherwise: identity groups with fewer eligible
/// mentees have their figures suppressed and get no coverage floor.
pub const DEFAULT_SMALL_CELL_K: usize = 5;
