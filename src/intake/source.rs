//! Reading a form tool's response export: CSV in UTF-8 (with or without a byte order mark),
//! UTF-16 text with a byte order mark (what a spreadsheet saves as "Unicode text": tab-separated),
//! or the first sheet (or a named one) of an `.xlsx` workbook. Rows are numbered as the
//! spreadsheet numbers them: the header is row 1.

use std::path::Path;

use calamine::Data;

use crate::error::{Error, InputError};
use crate::io::MAX_CSV_BYTES;
use crate::io::csvread::CsvFile;

/// Whether a file is an Excel workbook, by its name.
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm"))
}

/// Reads an export; `sheet` names the workbook's sheet (the first by default).
pub fn read_export(path: &Path, sheet: Option<&str>) -> Result<CsvFile, Error> {
    if is_workbook(path) {
        // Rows come numbered from the sheet itself.
        return read_workbook(path, sheet);
    }
    let file = {
        let bytes = crate::io::read_bounded(path, MAX_CSV_BYTES)?;
        match utf16(&bytes) {
            Some(text) => {
                let text = text.ok_or_else(|| {
                    InputError::new(path, "UTF-16 text (the file ends inside a character)")
                })?;
                CsvFile::parse_tsv(path, &text)?
            }
            None if bom_less_utf16(&bytes) => {
                return Err(InputError::new(
                    path,
                    "CSV in UTF-8, or UTF-16 text with a byte order mark (save it as \"CSV UTF-8\")",
                )
                .problem("this is UTF-16 text without a byte order mark")
                .into());
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

/// UTF-16 text without a byte order mark: in its first characters, every other byte is zero
/// (text of a form export is mostly ASCII, which UTF-16 writes as the byte and a zero).
fn bom_less_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return false;
    }
    let pairs = head.len() / 2;
    let zeros = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    zeros(0).max(zeros(1)) * 4 >= pairs * 3
}

/// Line breaks inside a cell: `\r\n`, `\n` or `\r` each.
fn breaks(cell: &str) -> usize {
    let b = cell.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Rows renumbered as spreadsheet rows: a blank line is a row of its own, as a spreadsheet
/// opening the file shows it, while a cell over several lines is still one row. The line a
/// record starts on, less the extra lines of the cells above it that span several.
fn numbered(mut file: CsvFile) -> CsvFile {
    let mut extra = file.header.iter().map(|c| breaks(c)).sum::<usize>();
    for row in file.rows.iter_mut() {
        row.line -= extra;
        extra += row.cells.iter().map(|c| breaks(c)).sum::<usize>();
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
    let sheet = super::workbook::read(path, sheet, cell_text)?;
    Ok(CsvFile::from_rows(path, sheet.header, sheet.rows))
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
    fn blank_lines_are_rows_and_a_cell_over_lines_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        std::fs::write(&path, "A,B\r\n1,2\r\n\r\n\r\n\"x\ny\r\nz\",3\n\n4,5\r\n").unwrap();
        let f = read_export(&path, None).unwrap();
        let rows: Vec<usize> = f.rows.iter().map(|r| r.line).collect();
        assert_eq!(rows, [2, 5, 7]);
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_named() {
        let dir = tempfile::tempdir().unwrap();
        for big in [false, true] {
            let path = dir.path().join("export.txt");
            let bytes: Vec<u8> = "Name\tZIP\r\nAnn\t02139\r\n"
                .encode_utf16()
                .flat_map(|u| {
                    if big {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            std::fs::write(&path, bytes).unwrap();
            let e = read_export(&path, None).unwrap_err();
            assert!(
                e.to_string()
                    .contains("UTF-16 text without a byte order mark"),
                "{e}"
            );
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
