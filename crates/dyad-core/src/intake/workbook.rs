//! Reading an `.xlsx` workbook without trusting it. A workbook is a zip of XML parts, so a few
//! kilobytes can ask for gigabytes: a single cell at `XFD1048576` makes a sheet of 17 billion
//! cells, and a zip bomb unpacks to thousands of times its size. Before anything is kept:
//!
//! - only a regular file is opened (a pipe named `.xlsx` would block forever, a folder is named);
//! - the parts' declared sizes together, and the bytes actually unpacked, stay under
//!   [`MAX_WORKBOOK_XML_BYTES`];
//! - every XML part must be well-formed (a damaged sheet would merge cells silently otherwise);
//! - the sheet's declared dimension and its cells as they stream in stay under [`MAX_CELLS`]
//!   (rows × columns of the used range), the limit of a CSV file.
//!
//! Cells are read one by one (calamine's cell reader), never as a whole range, and rows keep the
//! numbers the spreadsheet shows.

use std::collections::BTreeMap;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use crate::error::{Error, InputError};
use crate::io::csvread::{CsvRow, MAX_CELLS};

/// The most a workbook's parts may unpack to: the CSV limit's 64 MB of text takes about four
/// times as much as sheet XML.
pub const MAX_WORKBOOK_XML_BYTES: u64 = 256 * 1024 * 1024;

/// A sheet read: its header (the first row with an answer) and the rows below it that have one,
/// each numbered as the spreadsheet numbers it, cells converted by `text`.
pub struct SheetCells {
    /// The header row's cells.
    pub header: Vec<String>,
    /// The rows under it that have an answer.
    pub rows: Vec<CsvRow>,
}

const WHAT: &str = "an Excel workbook (.xlsx)";

fn bad(path: &Path, problem: impl Into<String>) -> Error {
    InputError::new(path, WHAT).problem(problem).into()
}

fn too_big(path: &Path, problem: String) -> Error {
    InputError::new(
        path,
        format!(
            "a workbook whose sheet has at most {MAX_CELLS} cells (rows × columns) and whose \
             parts unpack to at most {} MB (split the export, or check that this is the right \
             file)",
            MAX_WORKBOOK_XML_BYTES / (1024 * 1024)
        ),
    )
    .problem(problem)
    .into()
}

/// Opens a workbook: a regular file (checked before it is opened), a zip whose parts unpack to
/// no more than the limit and are all well-formed XML.
fn open_checked(path: &Path) -> Result<Xlsx<BufReader<std::fs::File>>, Error> {
    let file = crate::io::open_regular(path)?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|_| {
        bad(
            path,
            "this is not a workbook (not a zip archive: save it from the spreadsheet as .xlsx, \
             or export CSV)",
        )
    })?;
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|_| bad(path, "a part of the workbook cannot be read (damaged zip)"))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_WORKBOOK_XML_BYTES {
        return Err(too_big(
            path,
            format!("its parts unpack to {} MB", declared / (1024 * 1024)),
        ));
    }
    let mut budget = MAX_WORKBOOK_XML_BYTES;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|_| bad(path, "a part of the workbook cannot be read (damaged zip)"))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        // The declared size may lie: the bytes actually unpacked are counted too.
        let mut limited = (&mut entry).take(budget + 1);
        let used = well_formed(&mut limited, budget).map_err(|at| match at {
            Malformed::TooBig => too_big(path, "its parts unpack to more than the limit".into()),
            Malformed::At(byte) => bad(
                path,
                format!(
                    "the part {} is not well-formed XML (near byte {byte}): the file is damaged; \
                     open it in the spreadsheet program and save it again",
                    crate::error::escape(&name)
                ),
            ),
        })?;
        if used > budget {
            return Err(too_big(
                path,
                "its parts unpack to more than the limit".into(),
            ));
        }
        budget -= used;
    }
    let mut reader = zip.into_inner();
    reader.rewind().map_err(|e| Error::io(path, e))?;
    Xlsx::new(reader).map_err(|e| bad(path, e.to_string()))
}

enum Malformed {
    TooBig,
    At(u64),
}

/// Reads an XML part through, checking that every element is closed by its own end tag; the
/// bytes read. A part cut short at `budget` (its declared size lied) is too big, not damaged.
fn well_formed(part: &mut impl Read, budget: u64) -> Result<u64, Malformed> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    xml.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = xml.read_event_into(&mut buf);
        let at = xml.buffer_position();
        if at > budget {
            return Err(Malformed::TooBig);
        }
        match event {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::Eof) if depth == 0 => return Ok(at),
            Ok(quick_xml::events::Event::Eof) => return Err(Malformed::At(at)),
            Ok(_) => {}
            Err(_) => return Err(Malformed::At(at)),
        }
    }
}

/// The names of the workbook's sheets and the cells of one (the first by default).
pub fn read(
    path: &Path,
    sheet: Option<&str>,
    text: impl Fn(&Data) -> String,
) -> Result<SheetCells, Error> {
    let mut book = open_checked(path)?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad(path, "no sheet"))?,
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
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| bad(path, e.to_string()))?;
    let dim = cells.dimensions();
    let area = |rows: u64, cols: u64| rows.saturating_mul(cols);
    let over = |rows: u64, cols: u64| {
        too_big(
            path,
            format!("its sheet spans {rows} rows × {cols} columns"),
        )
    };
    // The dimension the sheet declares, refused before a cell is read.
    let (h, w) = (
        u64::from(dim.end.0.saturating_sub(dim.start.0)) + 1,
        u64::from(dim.end.1.saturating_sub(dim.start.1)) + 1,
    );
    if area(h, w) > MAX_CELLS as u64 {
        return Err(over(h, w));
    }
    // Spreadsheet row (0-based) → (column, text) of its non-empty cells.
    let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = cells.next_cell().map_err(|e| bad(path, e.to_string()))? {
        let (r, c) = cell.get_position();
        let value = text(&Data::from(cell.get_value().clone()));
        if value.trim().is_empty() {
            continue;
        }
        (top, bottom) = (top.min(r), bottom.max(r));
        (left, right) = (left.min(c), right.max(c));
        let (h, w) = (u64::from(bottom - top) + 1, u64::from(right - left) + 1);
        if area(h, w) > MAX_CELLS as u64 {
            return Err(over(h, w));
        }
        rows.entry(r).or_default().push((c, value));
    }
    let mut rows = rows.into_iter().map(|(r, cells)| {
        let mut line = vec![String::new(); (right - left) as usize + 1];
        for (c, v) in cells {
            line[(c - left) as usize] = v;
        }
        (r as usize + 1, line)
    });
    let header = rows
        .next()
        .ok_or_else(|| {
            InputError::new(path, "a header row naming the columns (the sheet is empty)").line(1)
        })?
        .1
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    let rows = rows.map(|(line, cells)| CsvRow { line, cells }).collect();
    Ok(SheetCells { header, rows })
}
