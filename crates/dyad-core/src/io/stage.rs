//! Staging a file's new content beside it: a temporary file in the target's folder, named for
//! its process (so that a later `sweep` can tell one left by a killed dyad), synced before it is
//! renamed into place, and the folder synced after.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// The journal of a set of files being switched (see `journal`): while it exists, the staged
/// files it names are not swept.
pub const JOURNAL: &str = ".dyad-set";

/// How the names of dyad's temporary files begin: `.dyad-tmp-<pid>-…`.
pub const PREFIX: &str = ".dyad-tmp-";

/// The prefix of this process's temporary files.
pub fn prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// The folder a file lives in (`.` for a bare name).
pub(super) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temporary file beside `target` holding `bytes`, synced, with the permissions given (or the
/// target's own, or those of a new document); errors name the target.
pub(super) fn temp_beside(
    target: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile> {
    let dir = parent(target);
    let mut builder = tempfile::Builder::new();
    let mine = prefix();
    builder.prefix(&mine);
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
pub(super) fn sync_dir(dir: &Path) {
    // Best effort: some file systems refuse to sync a directory; the rename itself is atomic.
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) {}
