//! Reading input files with a size limit, so that no file (a 200 MB export, `/dev/zero`, a file
//! still growing) can make dyad use unbounded memory: a file over the limit is refused before
//! it is read.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, InputError};
use crate::io::lines::LineIndex;

/// The largest pool or score file dyad reads: about 400,000 participants.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// The largest profile or settings file dyad reads.
pub const MAX_TOML_BYTES: u64 = 1024 * 1024;

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 {
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

/// The bytes of a file of at most `max` bytes; a bigger one is an error (exit status 2).
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    let file = std::fs::File::open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            InputError::new(path, "an existing file: check the name and the folder")
                .problem("there is no such file")
                .into()
        } else {
            Error::io(path, e)
        }
    })?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(InputError::new(path, "a file, not a folder").into());
    }
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
        assert_eq!(read_bounded(&p, 2000).unwrap().len(), 2000);
        assert_eq!(read_bounded(dir.path(), 10).unwrap_err().exit_code(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn endless_files_are_cut_off() {
        let e = read_bounded(Path::new("/dev/zero"), 4096).unwrap_err();
        assert!(e.to_string().contains("more than"), "{e}");
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
