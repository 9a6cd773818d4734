//! One dyad at a time may change the profiles of a configs folder: an advisory lock on a lock
//! file in that folder (`.dyad.lock`), held for as long as the [`ProfileLock`] lives. A second
//! dyad on the same folder is told the profiles are in use and opens them read-only. The lock
//! is released by the operating system when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock file's name, in the configs folder.
pub const LOCK_FILE: &str = ".dyad.lock";

/// A held lock on a configs folder; dropping it releases the lock.
#[derive(Debug)]
pub struct ProfileLock {
    file: File,
    path: PathBuf,
}

impl ProfileLock {
    /// Takes the lock of `configs` (which must exist). `Ok(None)`: another process holds it.
    pub fn acquire(configs: &Path) -> Result<Option<ProfileLock>> {
        let path = configs.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ProfileLock { file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }

    /// The folder whose lock guards edits of a profile: the profile file's own folder (however
    /// it was named, from whatever working folder), or `configs` for a profile that is no file
    /// (a built-in one, saved into `configs` when saved).
    pub fn folder_for(profile_file: Option<&Path>, configs: &Path) -> PathBuf {
        match profile_file.map(|f| f.parent()) {
            Some(Some(dir)) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            Some(_) => PathBuf::from("."),
            None => configs.to_path_buf(),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProfileLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProfileLock::acquire(dir.path()).unwrap().expect("free");
        assert!(first.path().ends_with(LOCK_FILE));
        assert!(ProfileLock::acquire(dir.path()).unwrap().is_none());
        drop(first);
        assert!(ProfileLock::acquire(dir.path()).unwrap().is_some());
    }

    #[test]
    fn one_profile_named_from_two_folders_has_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::create_dir(&a).unwrap();
        let file = a.join("fall.toml");
        let elsewhere = dir.path().join("b/../a/fall.toml");
        std::fs::create_dir(dir.path().join("b")).unwrap();
        let configs = dir.path().join("configs");
        let first = ProfileLock::acquire(&ProfileLock::folder_for(Some(&file), &configs))
            .unwrap()
            .expect("free");
        let second = ProfileLock::folder_for(Some(&elsewhere), &configs);
        assert!(ProfileLock::acquire(&second).unwrap().is_none());
        drop(first);
        assert_eq!(
            ProfileLock::folder_for(Some(Path::new("fall.toml")), &configs),
            Path::new(".")
        );
        assert_eq!(ProfileLock::folder_for(None, &configs), configs);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(ProfileLock::acquire(&dir.path().join("nope")).is_err());
    }
}
