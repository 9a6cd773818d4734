//! Only regular files are read or replaced: a device, a pipe, a link or a folder where dyad
//! expects a file is refused, and named for what it is.

use std::path::Path;

use crate::error::{Error, Result};

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
pub(super) fn special_kind(t: &std::fs::FileType) -> &'static str {
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
pub(super) fn special_kind(_t: &std::fs::FileType) -> &'static str {
    "not a regular file"
}
