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
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(ProfileLock::acquire(&dir.path().join("nope")).is_err());
    }
}
