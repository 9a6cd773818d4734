//! Resolving `--data`, `--profile` and `--baseline` to a pool and profiles, with the built-in
//! sample pool and shipped profiles as fallbacks when the default paths do not exist (outside the
//! repository). Shared by the command line (`cli`) and the terminal UI (`tui`).

use std::path::{Path, PathBuf};

use clap::Args;

use dyad::criteria::specialty;
use dyad::embedded::{self, sample_file};
use dyad::error::{Error, InputError, Result};
use dyad::io::csvread::CsvFile;
use dyad::matching::engine::Engine;
use dyad::pool::files::{MENTEES, MENTORS, OVERRIDES};
use dyad::pool::{self, LoadOptions, Pool};
use dyad::profile::{self, Profile};

/// `--data` and `--ignore-columns`: where the pool is and which of its columns to skip.
#[derive(Args, Debug, Clone, Default)]
pub struct DataArgs {
    /// Folder with mentees.csv, mentors.csv and optionally overrides.csv
    /// [default: sample-data, or the built-in sample when that folder does not exist]
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Extra columns in the pool files to ignore (comma-separated); any other unknown column is
    /// an error
    #[arg(long, value_name = "COLUMNS", value_delimiter = ',')]
    pub ignore_columns: Vec<String>,
}

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

/// A `--data` path that is not a pool folder: a clear error instead of the system's.
fn check_pool_dir(dir: &Path) -> Result<()> {
    let problem = if dir.is_file() {
        "this is a file, not a folder".to_string()
    } else if !dir.exists() {
        "there is no such folder".to_string()
    } else if let Some(name) = [MENTEES, MENTORS]
        .into_iter()
        .find(|name| !dir.join(name).exists())
    {
        format!("this folder has no {name}")
    } else {
        return Ok(());
    };
    Err(
        InputError::new(dir, format!("a folder with {MENTEES} and {MENTORS}"))
            .field("--data")
            .problem(problem)
            .into(),
    )
}

pub fn load_pool(args: &DataArgs) -> Result<Pool> {
    let opts = LoadOptions {
        ignore_columns: args.ignore_columns.clone(),
    };
    match &args.data {
        Some(dir) => {
            check_pool_dir(dir)?;
            pool::load_dir(dir, &opts)
        }
        None if Path::new(DEFAULT_DATA).join(MENTEES).exists() => {
            pool::load_dir(Path::new(DEFAULT_DATA), &opts)
        }
        None => Ok(embedded::sample_pool()),
    }
}

/// The specialty families: `configs/specialties.toml` when present, else the built-in copy.
pub fn load_families() -> Result<specialty::SpecialtyFamilies> {
    let path = families_path();
    if path.exists() {
        let text = dyad::io::read_text(&path, dyad::io::MAX_TOML_BYTES)?;
        Ok(specialty::SpecialtyFamilies::parse(&text, &path)?)
    } else {
        Ok(specialty::builtin().clone())
    }
}

/// Where the specialty families are read from (when that file exists).
pub fn families_path() -> PathBuf {
    Path::new(CONFIGS).join("specialties.toml")
}

/// The settings that belong to no profile: `configs/dyad-settings.toml`, or the defaults.
pub fn settings() -> Result<dyad::profile::settings::Settings> {
    dyad::profile::settings::load(Path::new(CONFIGS))
}

pub fn engine(args: &DataArgs) -> Result<Engine> {
    let pool = load_pool(args)?;
    let file = args
        .data
        .as_deref()
        .unwrap_or(Path::new(DEFAULT_DATA))
        .join(MENTEES);
    let settings = settings()?;
    let budget = settings.memory_budget;
    dyad::matching::memory::check(&file, pool.mentees.len(), pool.mentors.len(), budget)?;
    let mut engine = Engine::new(pool, load_families()?);
    engine.small_cell_k = settings.small_cell_k;
    Ok(engine)
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
    let profile = profile::load(&path)?;
    remember_file(&profile, &path);
    Ok(LoadedProfile {
        profile,
        file: Some(path),
    })
}

/// The profiles read by this run, by name, with their files: the matching reports a floor it
/// cannot meet by the profile's name, and [`locate_floor`] finds the file and line.
static PROFILE_FILES: std::sync::Mutex<Vec<(String, PathBuf)>> = std::sync::Mutex::new(Vec::new());

fn remember_file(profile: &Profile, path: &Path) {
    if let Ok(mut files) = PROFILE_FILES.lock() {
        files.push((profile.name.clone(), path.to_path_buf()));
    }
}

/// Gives an error about a profile's coverage floor, reported by the matching by the profile's
/// name, the profile's file, line and column.
pub fn locate_floor(e: Error) -> Error {
    let Error::Input(mut ie) = e else {
        return e;
    };
    if ie.field.as_deref() != Some(dyad::matching::FLOOR_KEY) || ie.line.is_some() {
        return Error::Input(ie);
    }
    let files = PROFILE_FILES.lock().map(|f| f.clone()).unwrap_or_default();
    let found = files
        .iter()
        .rev()
        .find(|(name, _)| *ie.file == Path::new(&format!("profile {}", dyad::error::quote(name))));
    if let Some((_, path)) = found {
        ie.file = Box::new(path.clone());
        let text = dyad::io::read_text(path, dyad::io::MAX_TOML_BYTES).ok();
        if let Some((line, col)) = text.as_deref().and_then(profile::coverage_floor_at) {
            *ie = (*ie).at(line, col);
        }
    }
    Error::Input(ie)
}

pub fn current_profile(given: Option<&Path>) -> Result<LoadedProfile> {
    load_profile(given, DEFAULT_PROFILE, embedded::fall_profile)
}

pub fn baseline_profile(given: Option<&Path>) -> Result<LoadedProfile> {
    load_profile(given, DEFAULT_BASELINE, embedded::pilot_profile)
}

/// The pool folder a run reads (`--data`, or `sample-data` when it holds a pool), if any.
pub fn pool_dir(args: &DataArgs) -> Option<PathBuf> {
    match &args.data {
        Some(dir) => Some(dir.clone()),
        None if Path::new(DEFAULT_DATA).join(MENTEES).exists() => Some(PathBuf::from(DEFAULT_DATA)),
        None => None,
    }
}

/// The shipped sample pool's survey, in the sample folder.
pub const SAMPLE_OUTCOMES: &str = "sample-data/outcomes-pilot-2023.csv";

/// Where a run looks for a survey of pairs when none is named: `outcomes.csv` in the pool
/// folder, then for the default sample folder the sample's own survey; for the built-in
/// sample pool, the survey built in with it.
pub fn survey(args: &DataArgs) -> pool::Survey {
    match pool_dir(args) {
        Some(dir) => {
            let sample = Path::new(SAMPLE_OUTCOMES);
            let also = (args.data.is_none() && sample.exists()).then(|| sample.to_path_buf());
            pool::Survey::beside(&dir, also)
        }
        None => pool::Survey::BuiltIn,
    }
}

/// The files of a pool folder, with what each is.
pub fn pool_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    vec![
        (dir.join(MENTEES), "the pool's mentees.csv"),
        (dir.join(MENTORS), "the pool's mentors.csv"),
        (dir.join(OVERRIDES), "the pool's overrides.csv"),
    ]
}

/// The files every run may read: the specialty families and the settings.
pub fn config_files() -> Vec<(PathBuf, &'static str)> {
    vec![
        (families_path(), "the specialty families"),
        (
            dyad::profile::settings::path_in(Path::new(CONFIGS)),
            "dyad's settings",
        ),
    ]
}

/// A path with its folder resolved (symbolic links, `..`), so that two spellings of one file
/// compare equal; the file itself need not exist.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

/// Whether two paths name the same file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

/// Refuses to write `target` (given as `flag`) over a file this run reads.
pub fn refuse_inputs(target: &Path, flag: &str, inputs: &[(PathBuf, &str)]) -> Result<()> {
    if let Some((_, what)) = inputs
        .iter()
        .find(|(input, _)| input.exists() && same_file(target, input))
    {
        return Err(InputError::new(
            target,
            "another file: dyad never writes over a file it reads in the same run",
        )
        .field(flag)
        .problem(format!("this is {what}, an input of this run"))
        .into());
    }
    Ok(())
}

/// Refuses every output path that would lose the user's work: a profile's name (`.toml`), a
/// folder, a file in a folder that does not exist, or a file this run reads (`reads`).
pub fn check_output(
    target: &Path,
    flag: &str,
    what: &str,
    reads: &[(PathBuf, &str)],
) -> Result<()> {
    if target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        return Err(InputError::new(target, format!("a file name for {what}"))
            .field(flag)
            .problem("a name ending in .toml is for profiles")
            .into());
    }
    refuse_folder(target, flag, &format!("a file name for {what}"))?;
    // Checked before anything is written, so that a bad second output never leaves the first
    // one alone.
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(InputError::new(target, "a file in an existing folder")
            .field(flag)
            .problem(format!("there is no folder {}", parent.display()))
            .into());
    }
    refuse_inputs(target, flag, reads)
}

/// Refuses an output path that is a folder.
pub fn refuse_folder(target: &Path, flag: &str, expected: &str) -> Result<()> {
    if target.is_dir() {
        return Err(InputError::new(target, expected)
            .field(flag)
            .problem("this is a folder")
            .into());
    }
    Ok(())
}

/// Creates an output folder; a file in the way is bad input, not a failure of dyad.
pub fn create_out_dir(dir: &Path, flag: &str) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(InputError::new(
            dir,
            "a folder to write the pool into, or the name of a new one",
        )
        .field(flag)
        .problem("this is a file, not a folder")
        .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotADirectory | std::io::ErrorKind::AlreadyExists => InputError::new(
            dir,
            "a folder to write the pool into, or the name of a new one",
        )
        .field(flag)
        .problem("a file is in the way of this folder")
        .into(),
        _ => Error::io(dir, e),
    })
}

/// The line and column in `overrides.csv` of the pin of a mentee (`field` "mentee"), or of the
/// last pin of a mentor (`field` "mentor"), if the file has one.
pub fn pin_position(path: &Path, field: &str, id: &str) -> Option<(usize, usize)> {
    let file = CsvFile::read(path).ok()?;
    let col = file.column(field)?;
    let action = file.column("action")?;
    let id = id.trim().to_lowercase();
    let mut rows = file.rows.iter().filter(|r| {
        r.cells
            .get(col)
            .is_some_and(|c| c.trim().to_lowercase() == id)
            && r.cells
                .get(action)
                .is_some_and(|a| a.trim().eq_ignore_ascii_case("pin"))
    });
    let row = if field == "mentor" {
        rows.next_back()
    } else {
        rows.next()
    }?;
    Some((row.line, col + 1))
}

/// Gives an error about a pin that a profile cannot keep (reported by the matching without a
/// position) the line and column of that pin in `overrides.csv`.
pub fn locate_pin(e: Error) -> Error {
    let Error::Input(mut ie) = e else {
        return e;
    };
    let is_overrides = ie.file.file_name().is_some_and(|n| n == OVERRIDES);
    if let (true, None, Some(field), Some(value)) =
        (is_overrides, ie.line, ie.field.clone(), ie.value.clone())
        && (field == "mentee" || field == "mentor")
        && let Some((line, col)) = pin_position(&ie.file, &field, &value)
    {
        *ie = (*ie).at(line, col);
    }
    Error::Input(ie)
}

/// The controlled vocabulary: `configs/vocabulary.toml` when present, else the built-in copy;
/// every specialty of the specialty families is a known specialty.
pub fn vocabulary() -> Result<dyad::intake::Vocabulary> {
    let path = Path::new(CONFIGS).join("vocabulary.toml");
    let families = load_families()?;
    let (text, path) = if path.exists() {
        (dyad::io::read_text(&path, dyad::io::MAX_TOML_BYTES)?, path)
    } else {
        (
            dyad::intake::vocabulary::BUILTIN.to_string(),
            PathBuf::from("(built-in) configs/vocabulary.toml"),
        )
    };
    Ok(dyad::intake::Vocabulary::parse(&text, &path, &families)?)
}

/// The pool's two CSV files as read (the built-in sample's when the pool has no folder), for
/// the checks that look at cells as written.
pub fn pool_csv_files(pool: &Pool) -> Result<Vec<dyad::io::csvread::CsvFile>> {
    use dyad::io::csvread::CsvFile;
    Ok(match &pool.source.dir {
        Some(dir) => vec![
            CsvFile::read(&dir.join(MENTEES))?,
            CsvFile::read(&dir.join(MENTORS))?,
        ],
        None => vec![
            CsvFile::parse(&sample_file(MENTEES), dyad::embedded::SAMPLE_MENTEES)?,
            CsvFile::parse(&sample_file(MENTORS), dyad::embedded::SAMPLE_MENTORS)?,
        ],
    })
}

/// How many terms of the pool are outside the vocabulary (each matches only the same spelling,
/// never a synonym), for the terminal UI's notice; `dyad check` lists them.
pub fn vocabulary_problems(pool: &Pool) -> Result<usize> {
    let vocab = vocabulary()?;
    Ok(pool_csv_files(pool)?
        .iter()
        .map(|f| dyad::intake::audit::audit(f, &vocab).len())
        .sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_outside_the_vocabulary_are_counted() {
        let sample = dyad::embedded::sample_pool();
        assert_eq!(vocabulary_problems(&sample).unwrap(), 0);
        let dir = tempfile::tempdir().unwrap();
        let mentees = String::from_utf8(dyad::embedded::SAMPLE_MENTEES.to_vec()).unwrap();
        let misspelt = mentees.replacen("work-life balance", "work life balanse", 1);
        assert_ne!(misspelt, mentees, "the sample has a goal to misspell");
        std::fs::write(dir.path().join(MENTEES), misspelt).unwrap();
        std::fs::write(dir.path().join(MENTORS), dyad::embedded::SAMPLE_MENTORS).unwrap();
        let pool = dyad::pool::load_dir(dir.path(), &LoadOptions::default()).unwrap();
        assert_eq!(vocabulary_problems(&pool).unwrap(), 1);
    }
}
