//! The journal of a set of files being switched to its new version (see `write_set`): which
//! staged files are renamed onto which targets and which old files are removed. It is written
//! before the first rename; whoever finds it completes the switch, then removes it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::read::MAX_TOML_BYTES;
use super::stage::{parent, sync_dir};
use crate::error::{Error, InputError, Result};

pub use super::stage::JOURNAL;

#[derive(Serialize, Deserialize, Default)]
pub(super) struct Journal {
    /// (staged temporary file, target)
    pub(super) rename: Vec<(PathBuf, PathBuf)>,
    pub(super) remove: Vec<PathBuf>,
}

/// Makes the renames and removals `journal` lists, then removes the journal.
pub(super) fn apply(journal_path: &Path, journal: &Journal) -> Result<()> {
    for (tmp, target) in &journal.rename {
        match std::fs::rename(tmp, target) {
            Ok(()) => {}
            // Renamed already by the run that was interrupted.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && target.exists() => {}
            Err(e) => {
                return Err(Error::Other(format!(
                    "{}: {e}; the switch to the new files is recorded in {} and is completed by \
                     the next dyad run in that folder",
                    crate::error::escape(&target.display().to_string()),
                    crate::error::escape(&journal_path.display().to_string()),
                )));
            }
        }
    }
    for old in &journal.remove {
        match std::fs::remove_file(old) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(old, e)),
        }
    }
    let dirs: std::collections::BTreeSet<&Path> =
        journal.rename.iter().map(|(_, t)| parent(t)).collect();
    for d in dirs {
        sync_dir(d);
    }
    std::fs::remove_file(journal_path).map_err(|e| Error::io(journal_path, e))?;
    sync_dir(parent(journal_path));
    Ok(())
}

/// Completes a switch to a new set of files that a killed dyad left half done in `dir` (see
/// `write_set`). Nothing to do, the usual case, costs one `stat`.
pub fn finish_pending(dir: &Path) -> Result<()> {
    let journal_path = dir.join(JOURNAL);
    let Ok(meta) = std::fs::symlink_metadata(&journal_path) else {
        return Ok(());
    };
    if !meta.is_file() || meta.len() > MAX_TOML_BYTES {
        return Err(InputError::new(
            &journal_path,
            "dyad's record of a set of files being written",
        )
        .problem("this is not one (remove it)")
        .into());
    }
    let bytes = std::fs::read(&journal_path).map_err(|e| Error::io(&journal_path, e))?;
    match serde_json::from_slice::<Journal>(&bytes) {
        Ok(journal) => {
            apply(&journal_path, &journal)?;
            super::sweep::sweep(dir);
            Ok(())
        }
        // A journal cut short was never complete: its switch never started, the old set is
        // whole; the staged files are swept like any other.
        Err(_) => {
            std::fs::remove_file(&journal_path).map_err(|e| Error::io(&journal_path, e))?;
            super::sweep::sweep(dir);
            Ok(())
        }
    }
}
