//! The anonymized participant pool: mentees, mentors, the council's overrides, and the pairs'
//! answers to a survey afterwards (outcomes).

pub mod generate;

mod fields;
pub mod files;
mod load;
mod outcomes;
mod overrides;
pub mod text;

pub use fields::{FIRST_YEAR, MAX_CAPACITY, MAX_HOURS, current_year, is_plain_id, normalize};
pub use load::{
    LoadOptions, MENTEE_COLUMNS, MENTOR_COLUMNS, PoolSource, load_dir, load_mentees, load_mentors,
    pool_from_csv,
};
pub use outcomes::{Outcome, OutcomeKind, Outcomes, load_outcomes};
pub use overrides::{Action, Override, Overrides, load_overrides};

use crate::criteria::geo::LatLon;

/// How a participant wants to meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingFormat {
    InPerson,
    Virtual,
    Either,
}

impl MeetingFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in-person" => Some(Self::InPerson),
            "virtual" => Some(Self::Virtual),
            "either" => Some(Self::Either),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in-person",
            Self::Virtual => "virtual",
            Self::Either => "either",
        }
    }

    /// Equal formats, or either side happy with `either`.
    pub fn compatible(self, other: MeetingFormat) -> bool {
        self == other || self == Self::Either || other == Self::Either
    }
}

/// An early-career physician looking for a mentor. Text fields are trimmed and lower-cased;
/// lists are sorted and free of duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentee {
    pub id: String,
    pub zip3: String,
    /// `None` for the Safe Harbor unknown area `000`.
    pub location: Option<LatLon>,
    pub specialty: String,
    pub health_system: String,
    pub training_completed: i32,
    pub identities: Vec<String>,
    pub wants_shared: Vec<String>,
    pub goals: Vec<String>,
    pub challenges: Vec<String>,
    pub meeting_format: MeetingFormat,
    pub hours_per_month: f64,
    pub languages: Vec<String>,
}

/// An experienced physician offering to mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentor {
    pub id: String,
    pub zip3: String,
    pub location: Option<LatLon>,
    pub specialty: String,
    pub health_system: String,
    pub training_completed: i32,
    pub identities: Vec<String>,
    pub expertise: Vec<String>,
    pub meeting_format: MeetingFormat,
    pub hours_per_month: f64,
    pub capacity: u32,
    pub languages: Vec<String>,
}

/// A loaded pool. Mentees and mentors are sorted by id, so every result is independent of the
/// order of the rows in the files.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    pub mentees: Vec<Mentee>,
    pub mentors: Vec<Mentor>,
    pub overrides: Overrides,
    /// Where the pool came from, for messages and for saving overrides.
    pub source: PoolSource,
}

impl Pool {
    /// The position of a mentee by id (ids compare case-insensitively).
    pub fn mentee_index(&self, id: &str) -> Option<usize> {
        let key = id.trim().to_lowercase();
        self.mentees
            .binary_search_by(|m| m.id.to_lowercase().cmp(&key))
            .ok()
    }

    /// The position of a mentor by id (ids compare case-insensitively).
    pub fn mentor_index(&self, id: &str) -> Option<usize> {
        let key = id.trim().to_lowercase();
        self.mentors
            .binary_search_by(|m| m.id.to_lowercase().cmp(&key))
            .ok()
    }

    /// Every identity value present among the mentees, sorted.
    pub fn identity_groups(&self) -> Vec<String> {
        // Borrowed while collecting: a pool has thousands of identities and a handful of groups.
        let groups: std::collections::BTreeSet<&str> = self
            .mentees
            .iter()
            .flat_map(|m| m.identities.iter().map(String::as_str))
            .collect();
        groups.into_iter().map(str::to_string).collect()
    }
}

/// Ids compare case-insensitively, as every text value does; ids are unique in that sense, so
/// this order is total over a loaded pool.
pub fn id_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}
