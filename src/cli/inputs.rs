//! Resolving `--data` and `--profile` to a pool and profiles, with the built-in sample pool and
//! shipped profiles as fallbacks when the default paths do not exist (outside the repository).

use std::path::{Path, PathBuf};

use dyad::embedded;
use dyad::engine::Engine;
use dyad::error::Result;
use dyad::pool::{self, LoadOptions, Pool};
use dyad::profile::{self, Profile};
use dyad::specialty;

use super::args::DataArgs;

pub const DEFAULT_DATA: &str = "sample-data";
pub const DEFAULT_PROFILE: &str = "configs/fall-2023.toml";
pub const DEFAULT_BASELINE: &str = "configs/pilot-2023.toml";
pub const CONFIGS: &str = "configs";

/// A profile and the file it came from (`None`: the built-in copy).
#[derive(Debug, Clone)]
pub struct LoadedProfile {
    pub profile: Profile,
    pub file: Option<PathBuf>,
}

impl LoadedProfile {
    pub fn label(&self) -> String {
        match &self.file {
            // A file name may hold anything; nothing of it may drive the terminal.
            Some(p) => dyad::error::escape(&p.display().to_string()),
            None => "(built-in)".to_string(),
        }
    }
}

pub fn load_pool(args: &DataArgs) -> Result<Pool> {
    let opts = LoadOptions {
        ignore_columns: args.ignore_columns.clone(),
    };
    match &args.data {
        Some(dir) => pool::load_dir(dir, &opts),
        None if Path::new(DEFAULT_DATA).join("mentees.csv").exists() => {
            pool::load_dir(Path::new(DEFAULT_DATA), &opts)
        }
        None => Ok(embedded::sample_pool()),
    }
}

/// The specialty families: `configs/specialties.toml` when present, else the built-in copy.
pub fn load_families() -> Result<specialty::SpecialtyFamilies> {
    let path = Path::new(CONFIGS).join("specialties.toml");
    if path.exists() {
        let text = std::fs::read_to_string(&path).map_err(|e| dyad::error::Error::io(&path, e))?;
        Ok(specialty::SpecialtyFamilies::parse(&text, &path)?)
    } else {
        Ok(specialty::builtin().clone())
    }
}

/// The settings that belong to no profile: `configs/dyad-settings.toml`, or the defaults.
pub fn settings() -> Result<dyad::settings::Settings> {
    dyad::settings::load(Path::new(CONFIGS))
}

pub fn engine(args: &DataArgs) -> Result<Engine> {
    Ok(Engine::new(load_pool(args)?, load_families()?))
}

/// Loads `given`, or the default path, or the built-in copy.
pub fn load_profile(
    given: Option<&Path>,
    default_path: &str,
    builtin: fn() -> Profile,
) -> Result<LoadedProfile> {
    let path = match given {
        Some(p) => p.to_path_buf(),
        None if Path::new(default_path).exists() => PathBuf::from(default_path),
        None => {
            return Ok(LoadedProfile {
                profile: builtin(),
                file: None,
            });
        }
    };
    Ok(LoadedProfile {
        profile: profile::load(&path)?,
        file: Some(path),
    })
}

pub fn current_profile(given: Option<&Path>) -> Result<LoadedProfile> {
    load_profile(given, DEFAULT_PROFILE, embedded::fall_profile)
}

pub fn baseline_profile(given: Option<&Path>) -> Result<LoadedProfile> {
    load_profile(given, DEFAULT_BASELINE, embedded::pilot_profile)
}
