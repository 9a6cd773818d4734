//! Naming, finding and restoring the previous versions kept in `.dyad-backup/`: a backup of
//! `DIR/STEM.EXT` is `DIR/.dyad-backup/STEM.STAMP.NNNNNN.EXT`, with STAMP the UTC time of the
//! save (`2026-11-24T201500Z`) and NNNNNN the microsecond within that second (or the next free
//! one), so names sort by age. (Three-digit counters, from before, are read too.)

use std::path::{Path, PathBuf};

use super::atomic::{BACKUP_DIR, Mode, backup_dir, write_atomic};
use super::read::{MAX_CSV_BYTES, read_bounded};
use crate::error::{Error, InputError, Result};

fn is_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 18
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            17 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// The file name a backup file name is a version of: `a.2026-11-24T201500Z.004211.toml` →
/// `a.toml`.
pub fn target_name(backup_name: &str) -> Option<String> {
    let parts: Vec<&str> = backup_name.split('.').collect();
    (1..parts.len().saturating_sub(1))
        .rev()
        .find(|&i| {
            let n = parts[i + 1];
            is_stamp(parts[i])
                && (n.len() == 3 || n.len() == 6)
                && n.bytes().all(|b| b.is_ascii_digit())
        })
        .map(|i| {
            let mut name = parts[..i].join(".");
            for ext in &parts[i + 2..] {
                name.push('.');
                name.push_str(ext);
            }
            name
        })
}

/// The file a backup is a previous version of, or `None` when the path is not a backup.
pub fn backup_target(backup: &Path) -> Option<PathBuf> {
    let dir = backup.parent()?;
    if dir.file_name()? != BACKUP_DIR {
        return None;
    }
    let name = target_name(&backup.file_name()?.to_string_lossy())?;
    Some(dir.parent()?.join(name))
}

/// When a backup was made, as written in its name (`2026-11-24 20:15:00 UTC`).
pub fn backup_time(backup: &Path) -> Option<String> {
    let name = backup.file_name()?.to_string_lossy().into_owned();
    let stamp = name.split('.').find(|p| is_stamp(p))?;
    Some(format!(
        "{} {}:{}:{} UTC",
        &stamp[..10],
        &stamp[11..13],
        &stamp[13..15],
        &stamp[15..17]
    ))
}

/// Puts a backup back in place of its file, atomically; the version it replaces is itself kept
/// as a backup, so a restore can be undone. Returns the file restored and that backup.
pub fn restore(backup: &Path) -> Result<(PathBuf, Option<PathBuf>)> {
    let target = backup_target(backup).ok_or_else(|| {
        Error::from(InputError::new(
            backup,
            format!("a backup file in a {BACKUP_DIR} folder (list them with dyad backups FILE)"),
        ))
    })?;
    let bytes = read_bounded(backup, MAX_CSV_BYTES)?;
    let mode = if target.exists() {
        Mode::ReplaceWithBackup
    } else {
        Mode::Create
    };
    let kept = write_atomic(&target, &bytes, mode)?;
    Ok((target, kept))
}

/// Previous versions of `target` kept in its backup folder, oldest first.
pub fn list_backups(target: &Path) -> Vec<PathBuf> {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(backup_dir(target)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| target_name(&n.to_string_lossy()))
                .is_some_and(|t| t == name)
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        write_atomic(&p, b"one", Mode::Create).unwrap();
        let backup = write_atomic(&p, b"two", Mode::ReplaceWithBackup)
            .unwrap()
            .unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read(&backup).unwrap(), b"one");
        write_atomic(&p, b"three", Mode::ReplaceWithBackup).unwrap();
        let backups = list_backups(&p);
        assert_eq!(backups.len(), 2);
        assert_eq!(std::fs::read(&backups[1]).unwrap(), b"two");
    }

    #[test]
    fn backup_names_map_back_to_their_file() {
        assert_eq!(
            target_name("fall-2023.2026-11-24T201500Z.004211.toml").as_deref(),
            Some("fall-2023.toml")
        );
        assert_eq!(
            target_name("a.b.2026-11-24T201500Z.012.toml").as_deref(),
            Some("a.b.toml")
        );
        assert_eq!(
            target_name("overrides.2026-01-02T030405Z.001.csv").as_deref(),
            Some("overrides.csv")
        );
        assert_eq!(
            target_name("notes.2026-01-02T030405Z.001").as_deref(),
            Some("notes")
        );
        assert_eq!(target_name("fall-2023.toml"), None);
        assert_eq!(
            backup_time(Path::new("x.2026-11-24T201500Z.000.toml")).as_deref(),
            Some("2026-11-24 20:15:00 UTC")
        );
    }

    #[test]
    fn restoring_keeps_the_current_version_and_can_be_undone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        write_atomic(&p, b"one", Mode::Create).unwrap();
        let b1 = write_atomic(&p, b"two", Mode::ReplaceWithBackup)
            .unwrap()
            .unwrap();
        assert_eq!(backup_target(&b1).unwrap(), p);
        let (target, kept) = restore(&b1).unwrap();
        assert_eq!(target, p);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert_eq!(std::fs::read(kept.as_ref().unwrap()).unwrap(), b"two");
        restore(kept.as_ref().unwrap()).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(list_backups(&p).len(), 3);
        assert!(restore(&p).is_err());
    }

    #[test]
    fn backups_of_a_file_with_a_longer_name_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("fall.toml");
        let b = dir.path().join("fall.draft.toml");
        for p in [&a, &b] {
            write_atomic(p, b"1", Mode::Create).unwrap();
            write_atomic(p, b"2", Mode::ReplaceWithBackup).unwrap();
        }
        assert_eq!(list_backups(&a).len(), 1);
        assert_eq!(list_backups(&b).len(), 1);
    }
}
