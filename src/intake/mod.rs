//! `dyad anonymize`: a raw intake export (names, emails, full ZIP codes, dates) becomes an
//! anonymized pool. Direct identifiers are dropped, ZIP codes become ZIP3s (`000` where Safe
//! Harbor requires it), dates become years, and ids and health systems become keyed pseudonyms.
//! The mapping back to real ids is never written anywhere.
//!
//! Every converted file is checked by the pool loader itself before anything is written, with
//! the raw file's own line and column numbers in any message; messages about raw files never
//! show a cell's value.

pub mod key;
mod pseudonym;
mod raw;

use std::path::Path;

use crate::error::InputError;
use crate::io::csvread::{CsvFile, CsvRow};
use crate::io::csvwrite::CsvOut;
use crate::pool::{self, LoadOptions, MENTEE_COLUMNS, MENTOR_COLUMNS, Pool, PoolSource};
use crate::privacy::Identifier;

pub use key::{KEY_BYTES, Key, check_location, load_or_create, resolve};
pub use pseudonym::{Kind, Pseudonyms};
pub use raw::{RawColumn, classify, year_of, zip3_of};

/// What anonymizing one raw file did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileReport {
    pub rows: usize,
    /// Raw columns left out, with the identifier category of those that are direct identifiers.
    pub dropped: Vec<(String, Option<Identifier>)>,
    /// Participants whose ZIP3 was published as `000` (an area under 20,000 people).
    pub zip3_suppressed: usize,
    /// Cells that held a full date and now hold its year.
    pub dates_to_years: usize,
}

/// An anonymized pool, ready to write.
#[derive(Debug)]
pub struct Anonymized {
    pub mentees_csv: String,
    pub mentors_csv: String,
    pub overrides_csv: Option<String>,
    pub mentees: FileReport,
    pub mentors: FileReport,
    /// The anonymized pool as dyad loads it (for the k-anonymity report).
    pub pool: Pool,
    /// Whether some pseudonyms had to be lengthened to avoid a collision.
    pub lengthened: bool,
}

/// One raw file converted: laid out like the raw file (so the loader's messages point into it),
/// and the columns to ignore (the dropped ones).
struct Converted {
    file: CsvFile,
    ignore: Vec<String>,
    report: FileReport,
}

fn columns(raw: &CsvFile, schema: &[&'static str]) -> Result<Vec<RawColumn>, InputError> {
    let cols: Vec<RawColumn> = raw.header.iter().map(|h| classify(h, schema)).collect();
    if !cols.contains(&RawColumn::Id) {
        return Err(InputError::new(
            &raw.path,
            "a column named id (the intake's own id of each person; dyad replaces it with a \
             pseudonym)",
        )
        .line(1)
        .field("header"));
    }
    raw.check_row_lengths()?;
    Ok(cols)
}

fn cells_of<'a>(raw: &'a CsvFile, cols: &[RawColumn], which: RawColumn) -> Vec<&'a str> {
    match cols.iter().position(|c| *c == which) {
        None => Vec::new(),
        Some(i) => raw.rows.iter().map(|r| r.cells[i].as_str()).collect(),
    }
}

fn convert(
    raw: &CsvFile,
    cols: &[RawColumn],
    ids: &Pseudonyms,
    systems: &Pseudonyms,
) -> Result<Converted, InputError> {
    let mut report = FileReport {
        rows: raw.rows.len(),
        ..FileReport::default()
    };
    let mut header = Vec::with_capacity(cols.len());
    let mut ignore = Vec::new();
    for (i, col) in cols.iter().enumerate() {
        match col.pool_column() {
            Some(name) => header.push(name.to_string()),
            None => {
                let placeholder = format!("dropped-{}", i + 1);
                header.push(placeholder.clone());
                ignore.push(placeholder);
                if let RawColumn::Drop(kind) = col {
                    report.dropped.push((raw.header[i].clone(), *kind));
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(raw.rows.len());
    for row in &raw.rows {
        let err = |i: usize, expected: &str| {
            InputError::new(&raw.path, expected)
                .at(row.line, i + 1)
                .field(raw.header[i].clone())
        };
        let mut cells = Vec::with_capacity(cols.len());
        for (i, col) in cols.iter().enumerate() {
            let cell = row.cells[i].as_str();
            let value = match col {
                RawColumn::Id if cell.trim().is_empty() => {
                    return Err(err(i, "an id in every row"));
                }
                RawColumn::Id => ids.get(cell).unwrap_or_default().to_string(),
                RawColumn::Zip => {
                    let zip3 = zip3_of(cell).ok_or_else(|| {
                        err(i, "a ZIP code of 5 or 9 digits, or its first three digits")
                    })?;
                    if zip3 == crate::criteria::geo::UNKNOWN_ZIP3 && !cell.trim().starts_with("000")
                    {
                        report.zip3_suppressed += 1;
                    }
                    zip3
                }
                RawColumn::TrainingCompleted => {
                    let year = year_of(cell).ok_or_else(|| {
                        err(
                            i,
                            "a year or a date with a four-digit year, such as 2022-06-30",
                        )
                    })?;
                    if cell.trim() != year.to_string() {
                        report.dates_to_years += 1;
                    }
                    year.to_string()
                }
                RawColumn::HealthSystem if cell.trim().is_empty() => String::new(),
                RawColumn::HealthSystem => systems.get(cell).unwrap_or_default().to_string(),
                RawColumn::Keep(_) => crate::io::safetext::strip(cell).trim().to_string(),
                RawColumn::Drop(_) => String::new(),
            };
            cells.push(value);
        }
        rows.push(CsvRow {
            line: row.line,
            cells,
        });
    }
    Ok(Converted {
        file: CsvFile::from_rows(&raw.path, header, rows),
        ignore,
        report,
    })
}

/// The pool file's CSV: the schema's columns, in schema order, formula-safe, and the rows
/// sorted by their cells in schema order (by pseudonym first). The raw export's row order is
/// not kept: it often follows names, intake dates or staff numbers, and would let anyone who
/// has the raw export match pseudonyms to people by position.
fn to_csv(file: &CsvFile, schema: &[&str]) -> String {
    let positions: Vec<Option<usize>> = schema.iter().map(|s| file.column(s)).collect();
    let mut rows: Vec<Vec<&str>> = file
        .rows
        .iter()
        .map(|row| {
            positions
                .iter()
                .map(|p| p.map_or("", |i| row.cells[i].as_str()))
                .collect()
        })
        .collect();
    rows.sort_unstable();
    let mut out = CsvOut::new();
    out.row(schema);
    for row in rows {
        out.row(row);
    }
    out.finish()
}

/// A message about a raw file never shows a cell's value: the pool loader's messages, which
/// quote the value they found, lose it here (the line, column and what was expected stay).
/// Header cells are column names, not data, and are kept.
fn without_value(mut e: InputError) -> InputError {
    if e.line.is_some_and(|l| l > 1) {
        e.value = None;
    }
    e
}

/// Raw `overrides.csv` (`mentee,mentor,action` with raw ids) with the ids pseudonymized, checked
/// against the anonymized pool.
fn convert_overrides(
    raw: &CsvFile,
    mentees: &Pseudonyms,
    mentors: &Pseudonyms,
    pool: &Pool,
) -> Result<(String, pool::Overrides), InputError> {
    raw.check_row_lengths()?;
    let map: Vec<Option<&Pseudonyms>> = raw
        .header
        .iter()
        .map(|h| match h.to_lowercase().as_str() {
            "mentee" => Some(mentees),
            "mentor" => Some(mentors),
            _ => None,
        })
        .collect();
    let mut rows = Vec::with_capacity(raw.rows.len());
    for row in &raw.rows {
        let mut cells = Vec::with_capacity(map.len());
        for (i, (cell, ids)) in row.cells.iter().zip(&map).enumerate() {
            cells.push(match ids {
                None => cell.clone(),
                Some(ids) => ids
                    .get(cell)
                    .ok_or_else(|| {
                        InputError::new(
                            &raw.path,
                            format!(
                                "the id of a {} in the raw file",
                                raw.header[i].to_lowercase()
                            ),
                        )
                        .at(row.line, i + 1)
                        .field(raw.header[i].clone())
                    })?
                    .to_string(),
            });
        }
        rows.push(CsvRow {
            line: row.line,
            cells,
        });
    }
    let file = CsvFile::from_rows(&raw.path, raw.header.clone(), rows);
    let overrides = pool::load_overrides(&file, pool).map_err(without_value)?;
    Ok((to_csv(&file, &["mentee", "mentor", "action"]), overrides))
}

/// Anonymizes a raw export: its mentees, its mentors and, when there is one, its overrides.
pub fn anonymize(
    mentees: &CsvFile,
    mentors: &CsvFile,
    overrides: Option<&CsvFile>,
    key: &Key,
) -> Result<Anonymized, InputError> {
    let me_cols = columns(mentees, &MENTEE_COLUMNS)?;
    let mr_cols = columns(mentors, &MENTOR_COLUMNS)?;
    let me_ids = Pseudonyms::new(
        key,
        Kind::Mentee,
        cells_of(mentees, &me_cols, RawColumn::Id),
    );
    let mr_ids = Pseudonyms::new(
        key,
        Kind::Mentor,
        cells_of(mentors, &mr_cols, RawColumn::Id),
    );
    let systems = Pseudonyms::new(
        key,
        Kind::HealthSystem,
        cells_of(mentees, &me_cols, RawColumn::HealthSystem)
            .into_iter()
            .chain(cells_of(mentors, &mr_cols, RawColumn::HealthSystem)),
    );
    let me = convert(mentees, &me_cols, &me_ids, &systems)?;
    let mr = convert(mentors, &mr_cols, &mr_ids, &systems)?;
    let opts = |ignore: &[String]| LoadOptions {
        ignore_columns: ignore.to_vec(),
    };
    let mut pool = Pool {
        mentees: pool::load_mentees(&me.file, &opts(&me.ignore)).map_err(without_value)?,
        mentors: pool::load_mentors(&mr.file, &opts(&mr.ignore)).map_err(without_value)?,
        overrides: Default::default(),
        source: PoolSource { dir: None },
    };
    let overrides_csv = match overrides {
        None => None,
        Some(raw) => {
            let (csv, overrides) = convert_overrides(raw, &me_ids, &mr_ids, &pool)?;
            pool.overrides = overrides;
            Some(csv)
        }
    };
    Ok(Anonymized {
        mentees_csv: to_csv(&me.file, &MENTEE_COLUMNS),
        mentors_csv: to_csv(&mr.file, &MENTOR_COLUMNS),
        overrides_csv,
        mentees: me.report,
        mentors: mr.report,
        pool,
        lengthened: me_ids.lengthened || mr_ids.lengthened || systems.lengthened,
    })
}

/// Reads the raw export of a folder: `mentees.csv`, `mentors.csv` and, if present,
/// `overrides.csv`, then anonymizes it.
pub fn anonymize_dir(dir: &Path, key: &Key) -> crate::error::Result<Anonymized> {
    let mentees = CsvFile::read(&dir.join("mentees.csv"))?;
    let mentors = CsvFile::read(&dir.join("mentors.csv"))?;
    let overrides_path = dir.join("overrides.csv");
    let overrides = if overrides_path.exists() {
        Some(CsvFile::read(&overrides_path)?)
    } else {
        None
    };
    Ok(anonymize(&mentees, &mentors, overrides.as_ref(), key)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MENTEES: &str = "id,name,zip,specialty,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month,languages\n\
        s-1,Ann,02139,internal medicine,Mass General,2021,woman,,leadership,,either,2,english\n\
        s-2,Bob,01002,pediatrics,Baystate,2020,,,research,,virtual,1.5,english\n\
        s-3,Cy,02115,family medicine,Mass General,2019,img,,research,,either,3,english\n\
        s-4,Di,01199,pediatrics,Baystate,2022,,,leadership,,in-person,2,english\n";

    const MENTORS: &str = "id,name,zip,specialty,health_system,training_completed,identities,expertise,meeting_format,hours_per_month,capacity,languages\n\
        d-1,Eve,02115,internal medicine,Mass General,2001,woman,leadership,either,3,2,english\n\
        d-2,Fay,01199,pediatrics,Baystate,1995,img,research,virtual,2,1,english\n\
        d-3,Gus,01002,family medicine,Baystate,1999,,research,either,2,2,english\n";

    fn key() -> Key {
        Key::from_bytes(&[7u8; 32]).unwrap()
    }

    fn file(name: &str, text: &str) -> CsvFile {
        CsvFile::parse(Path::new(name), text.as_bytes()).unwrap()
    }

    /// The same text with its data rows in reverse order.
    fn reversed(text: &str) -> String {
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        lines.join("\n") + "\n"
    }

    fn ids(csv: &str) -> Vec<String> {
        csv.lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn output_rows_are_in_pseudonym_order_whatever_the_raw_order() {
        let overrides = "mentee,mentor,action\ns-4,d-1,ban\ns-1,d-2,ban\ns-3,d-3,pin\n";
        let run = |me: &str, mr: &str, ov: &str| {
            anonymize(
                &file("mentees.csv", me),
                &file("mentors.csv", mr),
                Some(&file("overrides.csv", ov)),
                &key(),
            )
            .unwrap()
        };
        let a = run(MENTEES, MENTORS, overrides);
        let b = run(&reversed(MENTEES), &reversed(MENTORS), &reversed(overrides));
        for csv in [&a.mentees_csv, &a.mentors_csv] {
            let ids = ids(csv);
            let mut sorted = ids.clone();
            sorted.sort();
            assert_eq!(ids, sorted, "{csv}");
            assert!(ids.len() >= 3);
        }
        // Nothing of the raw order survives: reversing the raw rows changes no output byte.
        assert_eq!(a.mentees_csv, b.mentees_csv);
        assert_eq!(a.mentors_csv, b.mentors_csv);
        assert_eq!(a.overrides_csv, b.overrides_csv);
        let ov = a.overrides_csv.unwrap();
        let mut rows: Vec<&str> = ov.lines().skip(1).collect();
        assert_eq!(rows.len(), 3);
        let shown = rows.clone();
        rows.sort();
        assert_eq!(shown, rows);
    }

    #[test]
    fn loader_messages_about_a_raw_file_lose_the_value() {
        let me = MENTEES.replace("either,3,english", "either,9999,english");
        let e = anonymize(
            &file("mentees.csv", &me),
            &file("mentors.csv", MENTORS),
            None,
            &key(),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(12)), "{e}");
        assert_eq!(e.value, None, "{e}");
        assert!(!e.to_string().contains("9999"), "{e}");
        assert!(e.expected.contains("at most 200"), "{e}");
    }
}
