//! Copies of the sample pool and the shipped profiles built into the binary, so `dyad` shows
//! something real even when run outside the repository.

use std::path::{Path, PathBuf};

use crate::pool::{LoadOptions, Pool, files, pool_from_csv};
use crate::profile::{self, Profile};

pub const SAMPLE_MENTEES: &[u8] = include_bytes!("../../../sample-data/mentees.csv");
pub const SAMPLE_MENTORS: &[u8] = include_bytes!("../../../sample-data/mentors.csv");
/// The synthetic survey of the pilot matching (see sample-data/README.md).
pub const SAMPLE_OUTCOMES: &[u8] = include_bytes!("../../../sample-data/outcomes-pilot-2023.csv");
pub const FALL_PROFILE: &str = include_str!("../../../configs/fall-2023.toml");
pub const PILOT_PROFILE: &str = include_str!("../../../configs/pilot-2023.toml");

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

/// The built-in fall profile.
pub fn fall_profile() -> Profile {
    profile::parse(FALL_PROFILE, Path::new("(built-in) configs/fall-2023.toml"))
        .expect("the built-in fall profile is valid")
}

/// The built-in pilot profile.
pub fn pilot_profile() -> Profile {
    profile::parse(
        PILOT_PROFILE,
        Path::new("(built-in) configs/pilot-2023.toml"),
    )
    .expect("the built-in pilot profile is valid")
}

#[cfg(test)]
mod tests {
    #[test]
    fn built_in_copies_load() {
        let pool = super::sample_pool();
        assert!(pool.mentees.len() >= 40 && pool.mentors.len() >= 30);
        assert_ne!(super::fall_profile(), super::pilot_profile());
    }
}
