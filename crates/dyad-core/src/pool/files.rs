//! The names of a pool's files: one place for what a pool folder holds.

/// The mentees of a pool.
pub const MENTEES: &str = "mentees.csv";
/// The mentors of a pool.
pub const MENTORS: &str = "mentors.csv";
/// The council's pins and bans (optional).
pub const OVERRIDES: &str = "overrides.csv";
/// The pairs' answers to a survey after a matching (optional; read by `dyad evidence` and the
/// terminal UI's evidence view, see [`super::Survey`]).
pub const OUTCOMES: &str = "outcomes.csv";
