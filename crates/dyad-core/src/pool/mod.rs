//! The anonymized participant pool: mentees, mentors, the council's overrides, and the pairs'
//! answers to a survey afterwards (outcomes).

mod fields;
pub mod files;
pub mod geo;
mod load;
mod outcomes;
mod overrides;
mod person;
pub mod sample;
pub mod survey;
pub mod text;
mod zip3;

pub use fields::{FIRST_YEAR, MAX_CAPACITY, MAX_HOURS, current_year, is_plain_id, normalize};
pub use load::{
    LoadOptions, MAX_CELL_CHARS, MENTEE_COLUMNS, MENTOR_COLUMNS, PoolSource, load_dir,
    load_mentees, load_mentors, pool_from_csv,
};
pub use outcomes::{MAX_SURVEY_PAIRS, Outcome, OutcomeKind, Outcomes, load_outcomes, mentee_at};
pub use overrides::{Action, Override, Overrides, load_overrides};
pub use person::{MeetingFormat, Mentee, Mentor, Person};
pub use survey::Survey;
pub use zip3::{RESTRICTED_ZIP3, is_restricted, publishable};

/// A loaded pool. Mentees and mentors are sorted by id, so every result is independent of the
/// order of the rows in the files.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    /// The mentees, sorted by id.
    pub mentees: Vec<Mentee>,
    /// The mentors, sorted by id.
    pub mentors: Vec<Mentor>,
    /// The council's pins and bans (`overrides.csv`), by index into `mentees` and `mentors`.
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
