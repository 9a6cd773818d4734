//! An intake export made into an anonymized pool through a mapping. Every problem of the whole
//! export is collected before anything is returned, each at the row as a spreadsheet numbers it
//! and the column's header, never with the cell's value.

use std::collections::{BTreeMap, HashMap};

use super::fold::fold;
use super::key::Key;
use super::mapping::{Mapping, REQUIRED, Side};
use super::pseudonym::{Kind, Pseudonyms};
use super::raw::{lost_leading_zero, year_of, zip3_of};
use super::values::{self, answers};
use super::vocabulary::{Group, Vocabulary};
use crate::error::InputError;
use crate::io::csvread::{CsvFile, CsvRow};

/// A raw export: one file per side (a single export with a role column is split first).
pub struct Export<'a> {
    /// The mentees' rows.
    pub mentees: &'a CsvFile,
    /// The mentors' rows.
    pub mentors: &'a CsvFile,
    /// Pins and bans by raw identity, when the export has them.
    pub overrides: Option<&'a CsvFile>,
}

/// One submission of a person: its timestamp (when the mapping names that column) and row index.
type Submission = (Option<[u32; 6]>, usize);

/// The columns of one side of the export, found by the mapping, and who is in it.
pub struct Sheet<'a> {
    /// The export's rows for this side.
    pub raw: &'a CsvFile,
    /// Which side they are.
    pub side: Side,
    /// Mapping field → column index.
    pub cols: BTreeMap<String, usize>,
    /// Rows kept (one per person: the latest submission), as indices into `raw.rows`.
    pub kept: Vec<usize>,
    /// Rows of a person submitted more than once: (row kept, rows dropped), spreadsheet rows.
    pub duplicates: Vec<(usize, Vec<usize>)>,
}

fn cell_error(raw: &CsvFile, row: &CsvRow, col: usize, expected: impl Into<String>) -> InputError {
    InputError::new(&raw.path, expected)
        .at(row.line, col + 1)
        .field(raw.header[col].clone())
}

impl<'a> Sheet<'a> {
    /// Finds the mapped columns and the people of one side; problems go to `errors`.
    pub fn new(
        raw: &'a CsvFile,
        side: Side,
        mapping: &Mapping,
        errors: &mut Vec<InputError>,
    ) -> Option<Sheet<'a>> {
        let map = mapping.side(side);
        let mut cols = BTreeMap::new();
        let mut ok = true;
        for (field, header) in &map.fields {
            let want = fold(header);
            let found: Vec<usize> = (0..raw.header.len())
                .filter(|&i| fold(&raw.header[i]) == want)
                .collect();
            match found.first() {
                Some(&i) if found.len() > 1 => {
                    ok = false;
                    let columns: Vec<String> = found.iter().map(|c| (c + 1).to_string()).collect();
                    errors.push(
                        InputError::new(
                            &raw.path,
                            format!(
                                "one column headed \"{header}\" (the mapping's {}.{field}): rename \
                                 or delete the others",
                                side.table()
                            ),
                        )
                        .at(1, i + 1)
                        .problem(format!(
                            "columns {} have this header",
                            columns.join(" and ")
                        )),
                    );
                }
                Some(&i) => {
                    cols.insert(field.clone(), i);
                }
                None => {
                    ok = false;
                    errors.push(
                        InputError::new(
                            &raw.path,
                            format!(
                                "a column headed \"{header}\" (the mapping's {}.{field})",
                                side.table()
                            ),
                        )
                        .line(1)
                        .problem("no such column"),
                    );
                }
            }
        }
        let needed = ["id"]
            .into_iter()
            .chain(REQUIRED)
            .filter(|f| side.fields().contains(f));
        for field in needed {
            if !map.fields.contains_key(field) {
                ok = false;
                errors.push(
                    InputError::new(
                        &raw.path,
                        format!(
                            "a column for {field}: the mapping's [{}] names none",
                            side.table()
                        ),
                    )
                    .line(1)
                    .problem(format!("no column for {field}")),
                );
            }
        }
        let ragged = raw.row_length_errors();
        if !ragged.is_empty() {
            errors.extend(ragged);
            return None;
        }
        if !ok {
            return None;
        }
        let id_col = cols["id"];
        let time_col = cols.get("timestamp").copied();
        // canonical id → (timestamp, row index) of the submissions.
        let mut people: HashMap<String, Vec<Submission>> = HashMap::new();
        let mut order = Vec::new();
        for (r, row) in raw.rows.iter().enumerate() {
            let id = row.cells[id_col].trim().to_lowercase();
            if id.is_empty() {
                errors.push(cell_error(
                    raw,
                    row,
                    id_col,
                    "an answer in every row (it identifies the person)",
                ));
                continue;
            }
            let when = match time_col {
                None => None,
                Some(c) => match values::timestamp(&row.cells[c]) {
                    Some(t) => Some(t),
                    None => {
                        errors.push(cell_error(
                            raw,
                            row,
                            c,
                            "a date and time, such as 2023/09/01 10:15:32",
                        ));
                        continue;
                    }
                },
            };
            let entry = people.entry(id).or_default();
            if entry.is_empty() {
                order.push(r);
            }
            entry.push((when, r));
        }
        let mut kept = Vec::new();
        let mut duplicates = Vec::new();
        for first in order {
            let id = raw.rows[first].cells[id_col].trim().to_lowercase();
            let mut subs = people.remove(&id).unwrap_or_default();
            if subs.len() > 1 && time_col.is_none() {
                for (_, r) in &subs[1..] {
                    errors.push(cell_error(
                        raw,
                        &raw.rows[*r],
                        id_col,
                        format!(
                            "each person once (row {} has the same; name a timestamp column in \
                             the mapping to keep the latest submission)",
                            raw.rows[first].line
                        ),
                    ));
                }
                continue;
            }
            subs.sort();
            let (_, last) = subs.pop().expect("a person has a submission");
            if !subs.is_empty() {
                let mut dropped: Vec<usize> = subs.iter().map(|(_, r)| raw.rows[*r].line).collect();
                dropped.sort();
                duplicates.push((raw.rows[last].line, dropped));
            }
            kept.push(last);
        }
        kept.sort();
        Some(Sheet {
            raw,
            side,
            cols,
            kept,
            duplicates,
        })
    }

    /// A field's cell in a row, if the mapping names a column for it.
    pub fn cell(&self, row: usize, field: &str) -> Option<&'a str> {
        self.cols
            .get(field)
            .map(|c| self.raw.rows[row].cells[*c].as_str())
    }
}

/// An answer outside the vocabulary of an open field.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownTerm {
    /// The pool column (`goals`, `languages` …).
    pub column: &'static str,
    /// The answer as given.
    pub term: String,
    /// How many people gave it.
    pub people: usize,
    /// The known terms closest in spelling, closest first.
    pub nearest: Vec<String>,
}

/// One side converted: schema rows, and what happened.
pub struct SideOut {
    /// The side in the pool's schema, ready to write.
    pub file: CsvFile,
    /// People in it, after repeated submissions are dropped.
    pub people: usize,
    /// Pool field → people who answered.
    pub answered: Vec<(&'static str, usize)>,
    /// People left out for lack of an answer: pseudonym, the fields left empty.
    pub incomplete: Vec<(String, Vec<&'static str>)>,
    /// ZIP3s published as `000`: areas under 20,000 people.
    pub zip3_suppressed: usize,
    /// Cells that held a full date and now hold its year.
    pub dates_to_years: usize,
    /// ZIP codes of 4 (or 8) digits given back their leading zero.
    pub zips_zero_restored: usize,
}

/// The longest answer a pool field takes (a pool cell's limit): every form option label, and a
/// multi-select cell of many of them, is far shorter; a longer cell is pasted text.
pub const MAX_ANSWER_CHARS: usize = crate::pool::MAX_CELL_CHARS;

/// The pool column fed by a mapping field.
fn field_of(column: &str) -> &str {
    if column == "zip3" { "zip" } else { column }
}

const LISTS: [&str; 6] = [
    "identities",
    "wants_shared",
    "goals",
    "challenges",
    "expertise",
    "languages",
];

/// Converts the kept rows of a sheet into schema rows.
pub fn convert(
    sheet: &Sheet,
    mapping: &Mapping,
    vocab: &Vocabulary,
    ids: &Pseudonyms,
    systems: &Pseudonyms,
    unknown: &mut BTreeMap<(&'static str, String), usize>,
    errors: &mut Vec<InputError>,
) -> SideOut {
    let raw = sheet.raw;
    let schema = sheet.side.schema();
    let mut out = SideOut {
        file: CsvFile::from_rows(&raw.path, Vec::new(), Vec::new()),
        people: sheet.kept.len(),
        answered: schema.iter().skip(1).map(|c| (*c, 0)).collect(),
        incomplete: Vec::new(),
        zip3_suppressed: 0,
        dates_to_years: 0,
        zips_zero_restored: 0,
    };
    let mut rows = Vec::new();
    for &r in &sheet.kept {
        let row = &raw.rows[r];
        let id = ids
            .get(&row.cells[sheet.cols["id"]])
            .unwrap_or_default()
            .to_string();
        let mut cells = vec![id.clone()];
        let mut missing = Vec::new();
        for (k, column) in schema.iter().enumerate().skip(1) {
            let field = field_of(column);
            let Some(&col) = sheet.cols.get(field) else {
                cells.push(String::new());
                continue;
            };
            let cell = row.cells[col].trim();
            let err = |expected: String| cell_error(raw, row, col, expected);
            // A huge answer is refused before any work on it (and is never shown).
            if cell.len() > MAX_ANSWER_CHARS && cell.chars().count() > MAX_ANSWER_CHARS {
                errors.push(err(format!(
                    "an answer of at most {MAX_ANSWER_CHARS} characters"
                )));
                cells.push(String::new());
                continue;
            }
            if fold(cell).is_empty() {
                if REQUIRED.contains(&field) {
                    missing.push(*column);
                }
                cells.push(String::new());
                continue;
            }
            out.answered[k - 1].1 += 1;
            let value = match *column {
                "zip3" => match zip3_of(cell) {
                    Some(z) => {
                        out.zips_zero_restored += usize::from(lost_leading_zero(cell));
                        if z == crate::criteria::geo::UNKNOWN_ZIP3 && !cell.starts_with("000") {
                            out.zip3_suppressed += 1;
                        }
                        z
                    }
                    None => {
                        errors.push(err(
                            "a ZIP code of 5 or 9 digits, or its first three digits".into(),
                        ));
                        String::new()
                    }
                },
                "training_completed" => match year_of(cell) {
                    Some(y) => {
                        if cell != y.to_string() {
                            out.dates_to_years += 1;
                        }
                        y.to_string()
                    }
                    None => {
                        errors.push(err(
                            "a year or a date with a four-digit year, such as 2022-06-30".into(),
                        ));
                        String::new()
                    }
                },
                "health_system" => systems.get(cell).unwrap_or_default().to_string(),
                // A label of the mapping first ("1-2" = 1.5), then the answer itself.
                "hours_per_month" => values::hours(mapping.label(field, cell).unwrap_or(cell))
                    .unwrap_or_else(|| {
                        errors.push(err(
                            "a number of hours, such as 2, 1.5 or \"2 hours\", or an answer \
                             listed under [values.hours_per_month] in the mapping (\"1-2\" = 1.5)"
                                .into(),
                        ));
                        String::new()
                    }),
                "capacity" => values::capacity(mapping.label(field, cell).unwrap_or(cell))
                    .unwrap_or_else(|| {
                        errors.push(err(
                            "a whole number of mentees, such as 2, or an answer listed under \
                             [values.capacity] in the mapping (\"Two\" = 2)"
                                .into(),
                        ));
                        String::new()
                    }),
                column => {
                    let group = Group::of(column).expect("the other columns have a vocabulary");
                    let terms = vocab.group(group);
                    let list = LISTS.contains(&column);
                    let a = answers(cell, column, mapping, terms, list);
                    if a.joined {
                        errors.push(err(format!(
                            "answers separated by \";\" or by the mapping's separator: an answer \
                             here splits at commas into known {} terms (set [lists] separator = \
                             \",\" in the mapping)",
                            group.table()
                        )));
                    } else if terms.closed && !a.unknown.is_empty() {
                        errors.push(err(format!(
                            "{} {} (or an answer label listed under [values.{column}] in the \
                             mapping)",
                            if list { "answers among" } else { "one of" },
                            terms.terms.join(", ")
                        )));
                    } else {
                        // A language ISO 639 names is a language, not an unknown term.
                        let language = |u: &String| {
                            group == Group::Languages && super::languages::iso_language(u).is_some()
                        };
                        for u in a.unknown.into_iter().filter(|u| !language(u)) {
                            *unknown
                                .entry((column, crate::pool::normalize(&u)))
                                .or_default() += 1;
                        }
                    }
                    if !list && a.terms.len() > 1 {
                        errors.push(err(format!("one answer for {column}")));
                    }
                    a.terms.join(";")
                }
            };
            cells.push(value);
        }
        if missing.is_empty() {
            rows.push(CsvRow {
                line: row.line,
                cells,
            });
        } else {
            out.incomplete.push((id, missing));
        }
    }
    out.incomplete.sort();
    let header = schema.iter().map(|s| s.to_string()).collect();
    out.file = CsvFile::from_rows(&raw.path, header, rows);
    out
}

/// The rows of one export with a role column, split into its mentees and its mentors.
pub fn split_responses(
    raw: &CsvFile,
    mapping: &Mapping,
    errors: &mut Vec<InputError>,
) -> (CsvFile, CsvFile) {
    let mut sides = (Vec::new(), Vec::new());
    let role = mapping.responses.as_ref().map(|r| fold(&r.role));
    match role.and_then(|want| raw.header.iter().position(|h| fold(h) == want)) {
        None => errors.push(
            InputError::new(
                &raw.path,
                "a role column, named by the mapping's [responses] role",
            )
            .line(1)
            .problem("no such column"),
        ),
        Some(col) => {
            for row in &raw.rows {
                let cell = row.cells.get(col).map_or("", String::as_str);
                let term = mapping
                    .label("role", cell)
                    .map_or_else(|| fold(cell), str::to_string);
                match term.as_str() {
                    "mentee" => sides.0.push(row.clone()),
                    "mentor" => sides.1.push(row.clone()),
                    _ => errors.push(cell_error(
                        raw,
                        row,
                        col,
                        "mentee or mentor, or an answer listed under [values.role] in the mapping",
                    )),
                }
            }
        }
    }
    let file = |rows| CsvFile::from_rows(&raw.path, raw.header.clone(), rows);
    (file(sides.0), file(sides.1))
}

/// The keyed pseudonyms of the people of one side (every id in the sheet).
pub fn person_ids(key: &Key, sheet: &Sheet) -> Pseudonyms {
    let kind = match sheet.side {
        Side::Mentees => Kind::Mentee,
        Side::Mentors => Kind::Mentor,
    };
    let col = sheet.cols["id"];
    Pseudonyms::new(
        key,
        kind,
        sheet
            .raw
            .rows
            .iter()
            .map(|r| r.cells[col].as_str())
            .filter(|c| !c.trim().is_empty()),
    )
}
