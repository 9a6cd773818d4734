//! Reading a form tool's response export: CSV in UTF-8 (with or without a byte order mark),
//! UTF-16 text with a byte order mark (what a spreadsheet saves as "Unicode text": tab-separated),
//! or the first sheet (or a named one) of an `.xlsx` workbook. Rows are numbered as the
//! spreadsheet numbers them: the header is row 1.

use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Error, InputError};
use crate::io::MAX_CSV_BYTES;
use crate::io::csvread::{CsvFile, CsvRow};

/// Whether a file is an Excel workbook, by its name.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm"))
}

/// Reads an export; `sheet` names the workbook's sheet (the first by default).
pub fn read_export(path: &Path, sheet: Option<&str>) -> Result<CsvFile, Error> {
    let file = if is_workbook(path) {
        read_workbook(path, sheet)?
    } else {
        let bytes = crate::io::read_bounded(path, MAX_CSV_BYTES)?;
        match utf16(&bytes) {
            Some(text) => {
                let text = text.ok_or_else(|| {
                    InputError::new(path, "UTF-16 text (the file ends inside a character)")
                })?;
                CsvFile::parse_tsv(path, &text)?
            }
            None => CsvFile::parse(path, &bytes)?,
        }
    };
    Ok(numbered(file))
}

/// UTF-16 text with a byte order mark, decoded (`Some(None)` when it is broken).
fn utf16(bytes: &[u8]) -> Option<Option<String>> {
    let big = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return None,
    };
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return Some(None);
    }
    let units = body.chunks_exact(2).map(|c| {
        if big {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok(),
    )
}

/// Rows renumbered as spreadsheet rows (a cell over several lines is still one row).
fn numbered(mut file: CsvFile) -> CsvFile {
    for (i, row) in file.rows.iter_mut().enumerate() {
        row.line = i + 2;
    }
    file
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // A date cell is the date (a training date of 6/30/2019 reads 2019-06-30), a date and
        // time cell the date and the time.
        Data::DateTime(d) if d.is_datetime() => match d.to_ymd_hms_milli() {
            (y, mo, day, 0, 0, 0, _) => format!("{y:04}-{mo:02}-{day:02}"),
            (y, mo, day, h, mi, s, _) => format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}"),
        },
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<CsvFile, Error> {
    let bad = |what: String| InputError::new(path, "an Excel workbook (.xlsx)").problem(what);
    let mut book = calamine::open_workbook_auto(path).map_err(|e| bad(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad("no sheet".into()))?,
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                InputError::new(path, format!("one of the sheets {}", names.join(", ")))
                    .field("--sheet")
                    .problem("no such sheet")
            })?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| bad(e.to_string()))?;
    // Rows above the used range are empty; the header is the first used row.
    let mut rows = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect::<Vec<String>>());
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| {
            InputError::new(path, "a header row naming the columns (the sheet is empty)").line(1)
        })?
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    let n = header.len();
    let rows: Vec<CsvRow> = rows
        .enumerate()
        .map(|(i, mut cells)| {
            cells.resize(n, String::new());
            CsvRow { line: i + 2, cells }
        })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(CsvFile::from_rows(path, header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_text_is_read_as_tab_separated() {
        let text = "Name\tZIP\r\nAnn\t02139\r\n";
        for big in [false, true] {
            let mut bytes = if big {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for u in text.encode_utf16() {
                bytes.extend(if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("export.txt");
            std::fs::write(&path, &bytes).unwrap();
            let f = read_export(&path, None).unwrap();
            assert_eq!(f.header, ["Name", "ZIP"]);
            assert_eq!(f.rows[0].cells, ["Ann", "02139"]);
            assert_eq!(f.rows[0].line, 2);
        }
    }

    #[test]
    fn a_cell_over_two_lines_keeps_the_spreadsheet_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, "\u{feff}A,B\r\n\"x\r\ny\",1\r\nz,2\r\n").unwrap();
        let f = read_export(&path, None).unwrap();
        assert_eq!(f.header, ["A", "B"]);
        assert_eq!(f.rows[1].line, 3);
    }
}
