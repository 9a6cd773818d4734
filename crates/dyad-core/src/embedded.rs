//! The shipped profiles built into the binary, and the sample pool (kept with the pool, in
//! [`crate::pool::sample`]) named here too, so `dyad` shows something real even when run
//! outside the repository.

use std::path::Path;

pub use crate::pool::sample::{
    SAMPLE_MENTEES, SAMPLE_MENTORS, SAMPLE_OUTCOMES, sample_file, sample_pool,
};
use crate::profile::{self, Profile};

/// The text of `configs/fall-2023.toml`.
pub const FALL_PROFILE: &str = include_str!("../../../configs/fall-2023.toml");
/// The text of `configs/pilot-2023.toml`.
pub const PILOT_PROFILE: &str = include_str!("../../../configs/pilot-2023.toml");

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
