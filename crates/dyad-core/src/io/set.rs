//! Writing a set of files that belong together (a pool's `mentees.csv`, `mentors.csv` and
//! `overrides.csv`; pairs and their report) so that a reader finds the whole old set or the whole
//! new one, never a mix:
//!
//! 1. every new file is written in full to a temporary file beside its target and synced (a full
//!    disk or any other failure here changes nothing: the temporary files are removed);
//! 2. a journal (`.dyad-set` in the first target's folder) lists the renames and removals that
//!    switch to the new set, and is synced;
//! 3. the renames and removals are made, then the journal is removed.
//!
//! A dyad killed during step 3 leaves the journal: the next dyad that reads or writes that folder
//! ([`finish_pending`], called by the pool loader `pool::load_dir` and by every save) completes
//! the switch first.
//! Files of the old set that the new set does not write (`stale`) are removed in the same switch,
//! so an old `overrides.csv` never outlives the pool it was written for.

use std::path::{Path, PathBuf};

use super::atomic::{Mode, make_backup, write_with};
use super::journal::{JOURNAL, Journal, apply, finish_pending};
use super::regular::refuse_non_regular;
use super::stage::{parent, temp_beside};
use super::sweep::sweep;
use crate::error::{Error, InputError, Result};

/// A path made absolute, so that the journal means the same thing whatever the working folder
/// of the dyad that completes it.
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Writes every `(target, bytes)` of `files` as one set, and removes each of `stale` that
/// exists (outputs of an earlier run that this one does not write). With [`Mode::Create`] no
/// target may exist; with [`Mode::ReplaceWithBackup`] each replaced or removed file is first
/// kept in its backup folder. Returns the backups made.
pub fn write_set(files: &[(&Path, &[u8])], stale: &[&Path], mode: Mode) -> Result<Vec<PathBuf>> {
    let Some((first, _)) = files.first() else {
        return Ok(Vec::new());
    };
    let home = parent(first).to_path_buf();
    finish_pending(&home)?;
    for (target, _) in files {
        refuse_non_regular(target)?;
        if mode == Mode::Create && std::fs::symlink_metadata(target).is_ok() {
            return Err(
                InputError::new(target, "a new file (add --force to replace it)")
                    .value("file exists")
                    .into(),
            );
        }
    }
    let stale: Vec<&Path> = stale
        .iter()
        .copied()
        .filter(|s| std::fs::symlink_metadata(s).is_ok())
        .filter(|s| !files.iter().any(|(t, _)| absolute(t) == absolute(s)))
        .collect();
    for s in &stale {
        refuse_non_regular(s)?;
    }
    // 1. Stage. Dropping a staged file removes it, so any error below leaves the old set alone.
    let mut staged = Vec::new();
    for (i, (target, bytes)) in files.iter().enumerate() {
        let tmp = fault(i)
            .and_then(|()| temp_beside(target, bytes, None))
            .map_err(|e| unchanged(e, files))?;
        staged.push(tmp);
    }
    let mut backups = Vec::new();
    if mode == Mode::ReplaceWithBackup {
        let replaced = files.iter().map(|(t, _)| *t).filter(|t| t.exists());
        for old in replaced.chain(stale.iter().copied()) {
            backups.push(make_backup(old).map_err(|e| unchanged(e, files))?);
        }
    }
    // 2. The journal. From here on the switch is completed even if this process dies.
    let mut journal = Journal::default();
    let mut kept = Vec::new();
    for (tmp, (target, _)) in staged.into_iter().zip(files) {
        let path = tmp.into_temp_path();
        journal.rename.push((absolute(&path), absolute(target)));
        kept.push(path);
    }
    journal.remove = stale.iter().map(|s| absolute(s)).collect();
    let text = serde_json::to_vec(&journal).map_err(|e| Error::Other(e.to_string()))?;
    let journal_path = home.join(JOURNAL);
    write_with(&journal_path, &text, Mode::Replace, None).map_err(|e| unchanged(e, files))?;
    for path in kept {
        // The journal owns them now: they must survive until renamed.
        let _ = path.keep();
    }
    // 3. Switch.
    apply(&journal_path, &journal)?;
    // Whatever saves killed halfway left beside the targets before (the journal kept the sweep
    // of each staged write away until now).
    let dirs: std::collections::BTreeSet<&Path> = files.iter().map(|(t, _)| parent(t)).collect();
    for dir in dirs {
        sweep(dir);
    }
    Ok(backups)
}

/// Tells which files were left as they were when a set could not be written.
fn unchanged(e: Error, files: &[(&Path, &[u8])]) -> Error {
    if matches!(e, Error::Input(_)) {
        // The input's fault, found before any file was touched: its own message says it.
        return e;
    }
    let names: Vec<String> = files
        .iter()
        .map(|(t, _)| crate::error::escape(&t.display().to_string()))
        .collect();
    Error::Other(format!(
        "{e}; nothing was changed: {} are as they were",
        names.join(", ")
    ))
}

#[cfg(test)]
thread_local! {
    /// Makes the staging of the file at this index fail, as a full disk would.
    static FAULT_AT: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

#[cfg(test)]
fn fault(i: usize) -> Result<()> {
    if FAULT_AT.with(|f| f.get()) == Some(i) {
        return Err(Error::io(
            "staged",
            std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"),
        ));
    }
    Ok(())
}

#[cfg(not(test))]
fn fault(_i: usize) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != super::super::atomic::BACKUP_DIR)
            .collect();
        v.sort();
        v
    }

    fn old_set(dir: &Path) -> [PathBuf; 3] {
        let [a, b, c] = ["mentees.csv", "mentors.csv", "overrides.csv"].map(|n| dir.join(n));
        for p in [&a, &b, &c] {
            std::fs::write(p, "old").unwrap();
        }
        [a, b, c]
    }

    #[test]
    fn a_set_replaces_the_old_one_and_removes_its_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c] = old_set(dir.path());
        let backups = write_set(
            &[(&a, b"new a"), (&b, b"new b")],
            &[&c],
            Mode::ReplaceWithBackup,
        )
        .unwrap();
        assert_eq!(names(dir.path()), ["mentees.csv", "mentors.csv"]);
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(backups.len(), 3);
    }

    #[test]
    fn a_failure_while_staging_leaves_the_old_set_whole() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c] = old_set(dir.path());
        FAULT_AT.with(|f| f.set(Some(1)));
        let e = write_set(&[(&a, b"new a"), (&b, b"new b")], &[&c], Mode::Replace).unwrap_err();
        FAULT_AT.with(|f| f.set(None));
        assert!(e.to_string().contains("nothing was changed"), "{e}");
        assert_eq!(
            names(dir.path()),
            ["mentees.csv", "mentors.csv", "overrides.csv"]
        );
        for p in [&a, &b, &c] {
            assert_eq!(std::fs::read(p).unwrap(), b"old");
        }
    }

    #[test]
    fn a_switch_cut_short_is_completed_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c] = old_set(dir.path());
        // What a run killed after its journal and its first rename leaves.
        let staged_b = dir.path().join(".dyad-tmp-1-b");
        std::fs::write(&staged_b, "new b").unwrap();
        std::fs::write(&a, "new a").unwrap();
        let journal = Journal {
            rename: vec![
                (dir.path().join(".dyad-tmp-1-a"), a.clone()),
                (staged_b, b.clone()),
            ],
            remove: vec![c.clone()],
        };
        std::fs::write(
            dir.path().join(JOURNAL),
            serde_json::to_vec(&journal).unwrap(),
        )
        .unwrap();
        finish_pending(dir.path()).unwrap();
        assert_eq!(names(dir.path()), ["mentees.csv", "mentors.csv"]);
        assert_eq!(std::fs::read(&b).unwrap(), b"new b");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn staged_files_of_killed_runs_are_removed_by_the_next_set() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, _] = old_set(dir.path());
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let left = dir
            .path()
            .join(format!("{}{dead}-x1", super::super::stage::PREFIX));
        std::fs::write(&left, "half").unwrap();
        write_set(&[(&a, b"new a"), (&b, b"new b")], &[], Mode::Replace).unwrap();
        assert!(!left.exists());
        assert_eq!(
            names(dir.path()),
            ["mentees.csv", "mentors.csv", "overrides.csv"]
        );
    }

    #[test]
    fn create_refuses_when_any_file_of_the_set_exists() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&b, "old").unwrap();
        assert!(write_set(&[(&a, b"1"), (&b, b"2")], &[], Mode::Create).is_err());
        assert_eq!(names(dir.path()), ["b.csv"]);
    }
}
