//! The sample pool built in with dyad (a copy of `sample-data/`) and its survey of pairs, so
//! `dyad` shows something real even when run outside the repository.

use std::path::PathBuf;

use super::{LoadOptions, Pool, files, pool_from_csv};

/// The built-in sample's `mentees.csv`, as shipped in `sample-data/`.
pub const SAMPLE_MENTEES: &[u8] = include_bytes!("../../../../sample-data/mentees.csv");
/// The built-in sample's `mentors.csv`, as shipped in `sample-data/`.
pub const SAMPLE_MENTORS: &[u8] = include_bytes!("../../../../sample-data/mentors.csv");
/// The synthetic survey of the pilot matching (see sample-data/README.md).
pub const SAMPLE_OUTCOMES: &[u8] =
    include_bytes!("../../../../sample-data/outcomes-pilot-2023.csv");

/// How messages name a file of the built-in sample pool (`name`: one of [`files`]).
pub fn sample_file(name: &str) -> PathBuf {
    PathBuf::from(format!("(built-in) sample-data/{name}"))
}

/// The built-in sample pool.
pub fn sample_pool() -> Pool {
    pool_from_csv(
        (&sample_file(files::MENTEES), SAMPLE_MENTEES),
        (&sample_file(files::MENTORS), SAMPLE_MENTORS),
        &LoadOptions::default(),
    )
    .expect("the built-in sample pool is valid")
}
