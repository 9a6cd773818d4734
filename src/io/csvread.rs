//! Reading CSV files with positions a person can find in an editor.
//!
//! The csv crate's own line counter is off for CRLF files and after blank lines, so the line of
//! each record is computed here from its byte offset. The file is checked for valid UTF-8 first
//! (naming the line and column of the first bad byte), a UTF-8 byte order mark is accepted, and
//! rows of the wrong length are reported rather than padded.
//!
//! Memory is bounded: a file over [`MAX_CSV_BYTES`] is refused before it is read, and a file of
//! more than [`MAX_CELLS`] cells is refused when the limit is reached. Rows of the wrong length
//! are not kept; every one of them is noted, so that one run reports them all.

use std::path::{Path, PathBuf};

use super::lines::LineIndex;
pub use super::read::MAX_CSV_BYTES;
use crate::error::{Error, InputError};

/// The most cells dyad keeps from one CSV file: 100,000 participants use 1.2 million.
pub const MAX_CELLS: usize = 5_000_000;

/// A CSV file read into memory: its header and its records, each with the line it starts on.
#[derive(Debug, Clone)]
pub struct CsvFile {
    pub path: PathBuf,
    /// Header cells, trimmed, in file order.
    pub header: Vec<String>,
    pub rows: Vec<CsvRow>,
    /// The rows whose length differs from the header's: (line, fields), in file order.
    bad_rows: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct CsvRow {
    /// 1-based line on which the record starts.
    pub line: usize,
    pub cells: Vec<String>,
}

impl CsvFile {
    /// Reads and splits a CSV file from disk.
    pub fn read(path: &Path) -> Result<CsvFile, Error> {
        let bytes = super::read::read_bounded(path, MAX_CSV_BYTES)?;
        Ok(CsvFile::parse(path, &bytes)?)
    }

    /// A file from rows built elsewhere (every row as long as the header).
    pub fn from_rows(path: &Path, header: Vec<String>, rows: Vec<CsvRow>) -> CsvFile {
        let n = header.len();
        let bad_rows = rows
            .iter()
            .filter(|r| r.cells.len() != n)
            .map(|r| (r.line, r.cells.len()))
            .collect();
        CsvFile {
            path: path.to_path_buf(),
            header,
            rows,
            bad_rows,
        }
    }

    /// Splits CSV bytes; `path` is only used in messages.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<CsvFile, InputError> {
        Self::parse_with_limit(path, bytes, MAX_CELLS)
    }

    /// Splits tab-separated text (as a spreadsheet saves "Unicode text"); `path` is only used
    /// in messages.
    pub fn parse_tsv(path: &Path, text: &str) -> Result<CsvFile, InputError> {
        Self::split(path, text, b'\t', MAX_CELLS)
    }

    fn parse_with_limit(
        path: &Path,
        bytes: &[u8],
        max_cells: usize,
    ) -> Result<CsvFile, InputError> {
        let text = decode(path, bytes)?;
        Self::split(path, text, b',', max_cells)
    }

    fn split(
        path: &Path,
        text: &str,
        delimiter: u8,
        max_cells: usize,
    ) -> Result<CsvFile, InputError> {
        let lines = LineIndex::new(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut bad_rows = Vec::new();
        let mut cells_kept = 0usize;
        let mut record = csv::StringRecord::new();
        loop {
            let start = reader.position().byte() as usize;
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let byte = e.position().map(|p| p.byte() as usize).unwrap_or(start);
                    let (line, col) = lines.line_col(byte);
                    return Err(
                        InputError::new(path, format!("well-formed CSV ({e})")).at(line, col)
                    );
                }
            }
            let byte = record
                .position()
                .map(|p| p.byte() as usize)
                .unwrap_or(start);
            let line = lines.line_col(skip_blank(text, byte)).0;
            cells_kept += record.len();
            if cells_kept > max_cells {
                return Err(InputError::new(
                    path,
                    format!("a file of at most {max_cells} cells (split the pool)"),
                )
                .line(line));
            }
            match &header {
                None => header = Some(record.iter().map(|c| c.trim().to_string()).collect()),
                Some(h) if record.len() != h.len() => bad_rows.push((line, record.len())),
                Some(_) => rows.push(CsvRow {
                    line,
                    cells: record.iter().map(str::to_string).collect(),
                }),
            }
        }
        let header = header.ok_or_else(|| {
            InputError::new(path, "a header row naming the columns (the file is empty)").line(1)
        })?;
        Ok(CsvFile {
            path: path.to_path_buf(),
            header,
            rows,
            bad_rows,
        })
    }

    /// Refuses rows with more or fewer fields than the header. Callers check the header first,
    /// so that a missing or unknown column is reported as such rather than as a long row.
    pub fn check_row_lengths(&self) -> Result<(), InputError> {
        match self.row_length_errors().into_iter().next() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    /// Every row with more or fewer fields than the header, one error each.
    pub fn row_length_errors(&self) -> Vec<InputError> {
        let n = self.header.len();
        self.bad_rows
            .iter()
            .map(|&(line, fields)| {
                InputError::new(&self.path, format!("{n} fields as in the header"))
                    .at(line, fields.min(n) + 1)
                    .value(format!("{fields} fields"))
            })
            .collect()
    }

    /// The position of a header column, compared case-insensitively.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }
}

/// Checks UTF-8 (naming the first bad byte's line and column) and drops a byte order mark.
fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // Everything before the bad byte is valid UTF-8.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let (line, col) = LineIndex::new(good).line_col(good.len());
            let bad = bytes[e.valid_up_to()];
            Err(InputError::new(
                path,
                "UTF-8 text (save the file as CSV UTF-8; this looks like another encoding)",
            )
            .at(line, col)
            .value(format!("byte 0x{bad:02X}")))
        }
    }
}

/// The csv crate may report a record's offset at the blank line before it; move past it.
fn skip_blank(text: &str, mut byte: usize) -> usize {
    let b = text.as_bytes();
    while byte < b.len() && (b[byte] == b'\n' || b[byte] == b'\r') {
        byte += 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Result<CsvFile, InputError> {
        CsvFile::parse(Path::new("t.csv"), text)
    }

    fn lines(f: &CsvFile) -> Vec<usize> {
        f.rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn lines_are_right_for_lf_crlf_blank_lines_and_quoted_newlines() {
        assert_eq!(lines(&parse(b"a,b\n1,2\n3,4\n").unwrap()), [2, 3]);
        assert_eq!(lines(&parse(b"a,b\r\n1,2\r\n3,4\r\n").unwrap()), [2, 3]);
        assert_eq!(lines(&parse(b"a,b\n\n1,2\n\n\n3,4\n").unwrap()), [3, 6]);
        assert_eq!(lines(&parse(b"a,b\r\n\r\n1,2\r\n\r\n3,4").unwrap()), [3, 5]);
        assert_eq!(lines(&parse(b"a,b\r1,2\r3,4\r").unwrap()), [2, 3]);
        assert_eq!(lines(&parse(b"a,b\r\r1,2\r\r\r3,4").unwrap()), [3, 6]);
        let f = parse(b"a,b\n\"x\ny\",2\n3,4\n").unwrap();
        assert_eq!(lines(&f), [2, 4]);
        assert_eq!(f.rows[0].cells[0], "x\ny");
    }

    #[test]
    fn bom_is_accepted() {
        let f = parse(b"\xEF\xBB\xBFid,zip3\nME-1,021\n").unwrap();
        assert_eq!(f.header, ["id", "zip3"]);
        assert_eq!(f.column("ZIP3"), Some(1));
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let e = parse(b"a,b\n1,caf\xE9\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(6)));
        assert_eq!(e.value.as_deref(), Some("byte 0xE9"));
    }

    #[test]
    fn short_and_long_rows_are_errors() {
        let e = parse(b"a,b,c\n1,2\n")
            .unwrap()
            .check_row_lengths()
            .unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.expected.contains("3 fields"));
        let f = parse(b"a,b\r\n1,2\r\n1,2,3\r\n").unwrap();
        assert_eq!(f.check_row_lengths().unwrap_err().line, Some(3));
    }

    #[test]
    fn empty_file_is_an_error() {
        let e = parse(b"").unwrap_err();
        assert!(e.expected.contains("header"));
        assert!(parse(b"\xEF\xBB\xBF").is_err());
    }

    #[test]
    fn every_bad_row_is_noted_and_reading_stops_at_the_cell_limit() {
        let f = parse(b"a,b\n1,2\n1,2,3\n1,2\n4\n\n5,6,7,8\n").unwrap();
        assert_eq!(f.rows.len(), 2);
        assert_eq!(f.check_row_lengths().unwrap_err().line, Some(3));
        let all: Vec<_> = f
            .row_length_errors()
            .iter()
            .map(|e| (e.line, e.value.clone()))
            .collect();
        assert_eq!(
            all,
            [
                (Some(3), Some("3 fields".into())),
                (Some(5), Some("1 fields".into())),
                (Some(7), Some("4 fields".into())),
            ]
        );
        let many = "a,b\n".to_string() + &"1,2\n".repeat(100);
        let e = CsvFile::parse_with_limit(Path::new("t.csv"), many.as_bytes(), 50).unwrap_err();
        assert!(e.expected.contains("at most 50 cells"), "{e}");
        assert_eq!(e.line, Some(26));
    }

    #[test]
    fn line_index_counts_characters() {
        let idx = LineIndex::new("ab\ncé,x\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(6), (2, 3));
    }
}
