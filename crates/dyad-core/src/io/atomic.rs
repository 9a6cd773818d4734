//! Crash-safe writing: every file dyad writes goes to a temporary file in the same folder, is
//! flushed and synced, then renamed over the target, and the folder is synced. A reader sees the
//! old file or the new one, never half of one.

use std::path::{Path, PathBuf};

use super::journal::finish_pending;
use super::regular::refuse_non_regular;
use super::stage::{parent, sync_dir, temp_beside};
use super::sweep::sweep;
use crate::error::{Error, Result};

/// The folder, beside a file, that holds its previous versions.
pub const BACKUP_DIR: &str = ".dyad-backup";

/// What to do when the target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuse: the target is never replaced (no-clobber rename).
    Create,
    /// Replace the target, first keeping its previous version in the backup folder.
    ReplaceWithBackup,
    /// Replace the target (for files dyad owns, such as generated output the user asked for).
    Replace,
}

/// The folder beside a file where previous versions are kept.
pub fn backup_dir(target: &Path) -> PathBuf {
    parent(target).join(BACKUP_DIR)
}

/// Writes `bytes` to `target` atomically. Returns the path of the backup made, if any.
pub fn write_atomic(target: &Path, bytes: &[u8], mode: Mode) -> Result<Option<PathBuf>> {
    finish_pending(parent(target))?;
    write_with(target, bytes, mode, None)
}

/// [`write_atomic`] for a file only its owner may read (mode 0600 from the moment it is made):
/// keys and files with names and emails. The same checks as every other output: a device, a
/// pipe, a link or a folder at `target` is refused, with or without `--force`.
pub fn write_private(target: &Path, bytes: &[u8], mode: Mode) -> Result<Option<PathBuf>> {
    finish_pending(parent(target))?;
    write_with(target, bytes, mode, private_permissions())
}

#[cfg(unix)]
fn private_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn private_permissions() -> Option<std::fs::Permissions> {
    None
}

/// [`write_atomic`] without first completing a pending set, with the new file's permissions
/// given (`None`: the target's own).
pub(super) fn write_with(
    target: &Path,
    bytes: &[u8],
    mode: Mode,
    permissions: Option<std::fs::Permissions>,
) -> Result<Option<PathBuf>> {
    refuse_non_regular(target)?;
    let dir = parent(target);
    let tmp = temp_beside(target, bytes, permissions)?;
    let mut backup = None;
    match mode {
        Mode::Create => {
            tmp.persist_noclobber(target).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::Other(format!(
                        "{}: already exists; dyad does not replace it (choose another name)",
                        target.display()
                    ))
                } else {
                    Error::io(target, e.error)
                }
            })?;
        }
        Mode::ReplaceWithBackup | Mode::Replace => {
            if mode == Mode::ReplaceWithBackup && target.exists() {
                backup = Some(make_backup(target)?);
            }
            tmp.persist(target).map_err(|e| match e.error.kind() {
                std::io::ErrorKind::IsADirectory => Error::from(
                    crate::error::InputError::new(target, "a file name, not a folder's")
                        .problem("this is a folder"),
                ),
                _ => Error::io(target, e.error),
            })?;
        }
    }
    sync_dir(dir);
    // Whatever saves killed halfway left here before.
    sweep(dir);
    Ok(backup)
}

/// Copies the current version of `target` into its backup folder, named with the time; the
/// copy keeps the original's permissions (a private file gets a private backup).
pub(super) fn make_backup(target: &Path) -> Result<PathBuf> {
    let old = std::fs::read(target).map_err(|e| Error::io(target, e))?;
    let permissions = std::fs::metadata(target).ok().map(|m| m.permissions());
    let dir = backup_dir(target);
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| !m.is_dir()) {
        return Err(crate::error::InputError::new(
            &dir,
            format!(
                "a folder {BACKUP_DIR} for the previous versions dyad keeps (move this file away)"
            ),
        )
        .problem("this is a file, not a folder")
        .into());
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let stem = target
        .file_stem()
        .map_or("file".into(), |s| s.to_string_lossy().into_owned());
    let ext = target
        .extension()
        .map_or(String::new(), |s| format!(".{}", s.to_string_lossy()));
    let now = std::time::SystemTime::now();
    let stamp = humantime::format_rfc3339_seconds(now)
        .to_string()
        .replace(':', "");
    // Within one second, names go by the microsecond: they sort in the order they were made,
    // and a burst of saves never runs out of names.
    let micros = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_micros());
    for n in micros..1_000_000 {
        let path = dir.join(format!("{stem}.{stamp}.{n:06}{ext}"));
        if path.exists() {
            continue;
        }
        match write_with(&path, &old, Mode::Create, permissions.clone()) {
            Ok(_) => return Ok(path),
            Err(Error::Other(_)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Error::Other(format!(
        "{}: could not find a free backup name",
        dir.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        write_atomic(&p, b"one", Mode::Create).unwrap();
        assert!(write_atomic(&p, b"two", Mode::Create).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        write_atomic(&p, b"one", Mode::Create).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o644);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"two", Mode::Replace).unwrap();
        assert_eq!(mode(&p), 0o600);
    }

    #[test]
    fn no_temporary_files_are_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_atomic(&p, b"x", Mode::Replace).unwrap();
        write_atomic(&p, b"y", Mode::Replace).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.csv"]);
    }
}
