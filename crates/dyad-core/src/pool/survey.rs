//! Where a pool's survey of pairs is found when no file is named: `outcomes.csv` in the pool
//! folder (see [`super::files::OUTCOMES`]), for the shipped sample folder its own survey, and for
//! the built-in sample pool the survey built in with it. The command line and the terminal UI
//! both look through here, so they find the same file.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::io::csvread::CsvFile;

use super::{Outcomes, Pool, load_outcomes};

/// The name messages give the built-in sample survey.
pub const BUILT_IN: &str = "(built-in) sample-data/outcomes-pilot-2023.csv";

/// Where to look for a survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Survey {
    /// The first of these files that exists (none: there is no survey yet).
    Files(Vec<PathBuf>),
    /// The built-in sample pool's survey.
    BuiltIn,
}

impl Survey {
    /// The survey of a pool folder: its `outcomes.csv`, then `also` (the shipped sample's
    /// survey, for the sample folder).
    pub fn beside(dir: &Path, also: Option<PathBuf>) -> Survey {
        let mut files = vec![dir.join(super::files::OUTCOMES)];
        files.extend(also);
        Survey::Files(files)
    }

    /// The file a survey is added as (the first looked for); `None` for the built-in one.
    pub fn wanted(&self) -> Option<&Path> {
        match self {
            Survey::Files(files) => files.first().map(PathBuf::as_path),
            Survey::BuiltIn => None,
        }
    }

    /// The survey read and checked against the pool, with its file's name as messages show it
    /// (escaped); `Ok(None)` when none of the files exists. Read afresh on every call, so a
    /// file added or corrected meanwhile is taken. A name that is there but is no regular file
    /// (a folder, a named pipe, a device, a broken link) is that file's error, never passed
    /// over for the next one: the survey someone put in place is the one they mean.
    pub fn load(&self, pool: &Pool) -> Result<Option<(Outcomes, String)>, Error> {
        let file = match self {
            Survey::BuiltIn => CsvFile::parse(Path::new(BUILT_IN), super::sample::SAMPLE_OUTCOMES)?,
            Survey::Files(files) => match files.iter().find(|f| there(f)) {
                Some(f) => CsvFile::read(f)?,
                None => return Ok(None),
            },
        };
        let label = crate::error::escape(&file.path.display().to_string());
        Ok(Some((load_outcomes(&file, pool)?, label)))
    }
}

/// Whether anything at all has this name (a broken link too).
fn there(path: &Path) -> bool {
    !matches!(path.symlink_metadata(), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::sample::{SAMPLE_OUTCOMES, sample_pool};

    #[test]
    fn the_first_file_that_exists_is_read_and_none_is_no_survey() {
        let pool = sample_pool();
        let dir = tempfile::tempdir().unwrap();
        let sample = dir.path().join("sample.csv");
        std::fs::write(&sample, SAMPLE_OUTCOMES).unwrap();
        let survey = Survey::beside(dir.path(), None);
        assert_eq!(
            survey.wanted(),
            Some(dir.path().join("outcomes.csv").as_path())
        );
        assert!(survey.load(&pool).unwrap().is_none());
        let with_sample = Survey::beside(dir.path(), Some(sample.clone()));
        let (o, label) = with_sample.load(&pool).unwrap().unwrap();
        assert!(label.ends_with("sample.csv"), "{label}");
        assert!(!o.pairs.is_empty());
        // outcomes.csv, once there, comes first.
        let one = "mentee,mentor,met\nME-002,MR-015,yes\n";
        std::fs::write(dir.path().join("outcomes.csv"), one).unwrap();
        let (o, label) = with_sample.load(&pool).unwrap().unwrap();
        assert!(label.ends_with("outcomes.csv"), "{label}");
        assert_eq!(o.pairs.len(), 1);
        let (o, label) = Survey::BuiltIn.load(&pool).unwrap().unwrap();
        assert_eq!(label, BUILT_IN);
        assert!(o.pairs.len() > 20);
        assert_eq!(Survey::BuiltIn.wanted(), None);
    }

    /// An outcomes.csv that is a folder, a named pipe, a device or a broken link is refused as
    /// what it is (at once: a pipe is never opened), not passed over for the sample's survey.
    #[cfg(unix)]
    #[test]
    fn an_outcomes_file_that_is_no_regular_file_is_refused_not_skipped() {
        let pool = sample_pool();
        let dir = tempfile::tempdir().unwrap();
        let sample = dir.path().join("sample.csv");
        std::fs::write(&sample, SAMPLE_OUTCOMES).unwrap();
        let survey = Survey::beside(dir.path(), Some(sample));
        let file = dir.path().join("outcomes.csv");
        let refused = |what: &str| {
            let e = survey.load(&pool).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{e}");
            let msg = e.to_string();
            assert!(msg.contains("outcomes.csv") && msg.contains(what), "{msg}");
            let _ = std::fs::remove_dir(&file).or_else(|_| std::fs::remove_file(&file));
        };
        let fifo = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .unwrap();
        assert!(fifo.success());
        refused("named pipe");
        std::fs::create_dir(&file).unwrap();
        refused("not a folder");
        std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        refused("a device");
        std::os::unix::fs::symlink(dir.path().join("gone.csv"), &file).unwrap();
        refused("no such file");
        // Gone: the sample's survey again.
        assert!(survey.load(&pool).unwrap().is_some());
    }
}
