//! Reading input files with a size limit, so that no file (a 200 MB export, `/dev/zero`, a file
//! still growing) can make dyad use unbounded memory: a file over the limit is refused before
//! it is read.

use std::io::Read;
use std::path::Path;

use super::lines::LineIndex;
use crate::error::{Error, InputError};

/// The largest pool or score file dyad reads: about 400,000 participants.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The largest profile or settings file dyad reads.
pub const MAX_TOML_BYTES: u64 = 1024 * 1024;

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if bytes < 100 * 1024 {
        // A small limit (a key file's) in the unit that shows it.
        let kb = bytes as f64 / 1024.0;
        if bytes.is_multiple_of(1024) || kb >= 10.0 {
            format!("{kb:.0} KB")
        } else {
            format!("{kb:.1} KB")
        }
    } else if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

fn too_big(path: &Path, max: u64, found: String) -> Error {
    InputError::new(
        path,
        format!(
            "a file of at most {} (split the pool, or check that this is the right file)",
            megabytes(max)
        ),
    )
    .value(found)
    .into()
}

/// Opens a file for reading without ever blocking: a named pipe (FIFO) or a device is refused
/// before it is opened (opening a FIFO waits for a writer forever), and the open itself is
/// non-blocking in case the file was swapped for one in between.
pub fn open_regular(path: &Path) -> Result<std::fs::File, Error> {
    let missing = |e: std::io::Error| -> Error {
        if e.kind() == std::io::ErrorKind::NotFound {
            InputError::new(path, "an existing file: check the name and the folder")
                .problem("there is no such file")
                .into()
        } else {
            Error::io(path, e)
        }
    };
    let meta = std::fs::metadata(path).map_err(missing)?;
    refuse_special(path, &meta)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc_nonblock());
    }
    let file = options.open(path).map_err(missing)?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    refuse_special(path, &meta)?;
    Ok(file)
}

#[cfg(unix)]
fn libc_nonblock() -> i32 {
    // O_NONBLOCK: 0o4000 on Linux, 0x0004 on the BSDs and macOS.
    if cfg!(any(target_os = "linux", target_os = "android")) {
        0o4000
    } else {
        0x0004
    }
}

fn refuse_special(path: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    if meta.is_dir() {
        return Err(InputError::new(path, "a file, not a folder").into());
    }
    if !meta.is_file() {
        return Err(InputError::new(path, "a regular file")
            .problem(format!(
                "this is {}",
                super::regular::special_kind(&meta.file_type())
            ))
            .into());
    }
    Ok(())
}

/// The bytes of a file of at most `max` bytes; a bigger one is an error (exit status 2), and so
/// is anything but a regular file (a pipe or a device could block or never end).
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    let file = open_regular(path)?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.len() > max {
        return Err(too_big(path, max, megabytes(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(too_big(path, max, format!("more than {}", megabytes(max))));
    }
    Ok(bytes)
}

/// The text of a UTF-8 file of at most `max` bytes; invalid UTF-8 is an error naming the line
/// and column of the first bad byte.
pub fn read_text(path: &Path, max: u64) -> Result<String, Error> {
    let bytes = read_bounded(path, max)?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, col) = LineIndex::new(good).line_col(good.len());
        InputError::new(path, "UTF-8 text")
            .at(line, col)
            .value(format!("byte 0x{:02X}", bytes[valid]))
            .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.csv");
        std::fs::write(&p, vec![b'a'; 2000]).unwrap();
        let e = read_bounded(&p, 1000).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("at most"), "{e}");
        assert!(!e.to_string().contains("0.0 MB"), "{e}");
        assert!(
            e.to_string().contains("1000 bytes") || e.to_string().contains("KB"),
            "{e}"
        );
        assert_eq!(read_bounded(&p, 2000).unwrap().len(), 2000);
        assert_eq!(read_bounded(dir.path(), 10).unwrap_err().exit_code(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_reading() {
        let e = read_bounded(Path::new("/dev/zero"), 4096).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("a device"), "{e}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mentees.csv");
        let made = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(made.success());
        let e = read_bounded(&p, 4096).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("named pipe"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.toml");
        std::fs::write(&p, b"a = 1\nb = \"caf\xE9\"\n").unwrap();
        let Error::Input(e) = read_text(&p, 100).unwrap_err() else {
            panic!()
        };
        assert_eq!((e.line, e.column), (Some(2), Some(9)));
    }
}
