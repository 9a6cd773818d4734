//! Crash-safe writing: every file dyad writes goes to a temporary file in the same folder, is
//! flushed and synced, then renamed over the target, and the folder is synced. A reader sees the
//! old file or the new one, never half of one.

pub mod csvread;
pub mod csvwrite;
pub mod lines;
pub mod safetext;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

mod backups;
mod lock;
mod read;
mod set;
mod sweep;

pub use backups::{backup_target, backup_time, restore, target_name};
pub use lock::{LOCK_FILE, ProfileLock};
pub use read::{MAX_CSV_BYTES, MAX_TOML_BYTES, read_bounded, read_text};
pub use set::{finish_pending, write_set};
pub use sweep::sweep;

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

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Refuses to replace anything but a regular file: a device (`/dev/null`), a pipe, a symbolic
/// link or a folder at `target` is never turned into a plain file. A missing target is fine.
pub fn refuse_non_regular(target: &Path) -> Result<()> {
    // A name the file system refuses (too long) is found here, before anything is written.
    let meta = match std::fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(target, e)),
    };
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else {
        special_kind(&t)
    };
    Err(crate::error::InputError::new(
        target,
        "a regular file or a new name (dyad never replaces a device, pipe, link or folder)",
    )
    .problem(format!("this is {what}"))
    .into())
}

#[cfg(unix)]
pub(crate) fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
pub(crate) fn special_kind(_t: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// A temporary file beside `target` holding `bytes`, synced, with the permissions given (or the
/// target's own, or those of a new document); errors name the target.
fn temp_beside(
    target: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile> {
    let dir = parent(target);
    let mut builder = tempfile::Builder::new();
    let prefix = sweep::prefix();
    builder.prefix(&prefix);
    // Keep the permissions of the file being replaced; a new file is readable like any other
    // document (the temporary file would otherwise stay owner-only).
    if let Some(permissions) = permissions.or_else(|| {
        std::fs::metadata(target)
            .ok()
            .map(|m| m.permissions())
            .or_else(default_permissions)
    }) {
        builder.permissions(permissions);
    }
    // The temporary file's name means nothing to the user: errors name the target.
    let mut tmp = builder.tempfile_in(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => Error::from(
            crate::error::InputError::new(target, "a file in an existing folder").problem(
                if dir.exists() {
                    format!("{} is not a folder", dir.display())
                } else {
                    format!("there is no folder {}", dir.display())
                },
            ),
        ),
        kind => Error::io(target, std::io::Error::from(kind)),
    })?;
    tmp.write_all(bytes).map_err(|e| Error::io(target, e))?;
    tmp.flush().map_err(|e| Error::io(target, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(target, e))?;
    Ok(tmp)
}

/// Writes `bytes` to `target` atomically. Returns the path of the backup made, if any.
pub fn write_atomic(target: &Path, bytes: &[u8], mode: Mode) -> Result<Option<PathBuf>> {
    finish_pending(parent(target))?;
    write_with(target, bytes, mode, None)
}

fn write_with(
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
fn make_backup(target: &Path) -> Result<PathBuf> {
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

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: some file systems refuse to sync a directory; the rename itself is atomic.
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

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
