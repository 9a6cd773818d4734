//! The names of a pool's files: one place for what a pool folder holds.

/// The mentees of a pool.
pub const MENTEES: &str = "mentees.csv";
/// The mentors of a pool.
pub const MENTORS: &str = "mentors.csv";
/// The council's pins and bans (optional).
pub const OVERRIDES: &str = "overrides.csv";
/// What the dyads said afterwards, one row per pair (optional; see [`super::load_outcomes`]).
pub const OUTCOMES: &str = "outcomes.csv";
