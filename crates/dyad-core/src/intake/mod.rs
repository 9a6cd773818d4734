//! `dyad anonymize`: a raw intake export (names, emails, full ZIP codes, dates) becomes an
//! anonymized pool. Direct identifiers are dropped, ZIP codes become ZIP3s (`000` where Safe
//! Harbor requires it), dates become years, and ids and health systems become keyed pseudonyms.
//! The mapping back to real ids is never written anywhere.
//!
//! Every converted file is checked by the pool loader itself before anything is written, with
//! the raw file's own line and column numbers in any message; messages about raw files never
//! show a cell's value.

pub mod audit;
mod draft_values;
mod fold;
pub mod import;
pub mod introductions;
pub mod key;
pub mod labels;
pub mod languages;
pub mod mapping;
pub mod outcomes;
mod pseudonym;
mod raw;
pub mod source;
pub mod suggest;
pub mod values;
pub mod vocabulary;
pub mod workbook;

use std::path::Path;

use crate::error::InputError;
use crate::io::csvread::{CsvFile, CsvRow};
use crate::io::csvwrite::CsvOut;
use crate::pool::{self, LoadOptions, MENTEE_COLUMNS, MENTOR_COLUMNS, Pool, PoolSource, files};
use crate::privacy::{self, Identifier};

pub use fold::fold;
pub use import::{Export, Sheet, UnknownTerm};
pub use mapping::{Mapping, Side};
pub use vocabulary::{Group, Vocabulary};

pub use key::{KEY_BYTES, Key, check_location, load_or_create, resolve};
pub use pseudonym::{Kind, Pseudonyms, is_pseudonym_of};
pub use raw::{RawColumn, classify, year_of, zip3_of};

/// What importing one side of an export did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileReport {
    /// Data rows of the export.
    pub rows: usize,
    /// People: rows less the earlier submissions of people who submitted more than once.
    pub people: usize,
    /// Raw columns left out, with the identifier category of those that are direct identifiers.
    pub dropped: Vec<(String, Option<Identifier>)>,
    /// Participants whose ZIP3 was published as `000` (an area under 20,000 people).
    pub zip3_suppressed: usize,
    /// Cells that held a full date and now hold its year.
    pub dates_to_years: usize,
    /// ZIP codes of 4 digits (a spreadsheet dropped the leading zero) given their zero back.
    pub zips_zero_restored: usize,
    /// Repeated submissions: (spreadsheet row kept, rows dropped).
    pub duplicates: Vec<(usize, Vec<usize>)>,
    /// Pool column → people who answered it.
    pub answered: Vec<(&'static str, usize)>,
    /// People left out of the pool for lack of an answer: pseudonym and the columns left empty.
    pub incomplete: Vec<(String, Vec<&'static str>)>,
}

/// An anonymized pool, ready to write.
#[derive(Debug)]
pub struct Anonymized {
    /// The pool's `mentees.csv`, as it will be written.
    pub mentees_csv: String,
    /// The pool's `mentors.csv`, as it will be written.
    pub mentors_csv: String,
    /// The pool's `overrides.csv`, when the export had pins or bans.
    pub overrides_csv: Option<String>,
    /// What happened to the mentees' file.
    pub mentees: FileReport,
    /// What happened to the mentors' file.
    pub mentors: FileReport,
    /// The anonymized pool as dyad loads it (for the k-anonymity report).
    pub pool: Pool,
    /// Whether some pseudonyms had to be lengthened to avoid a collision.
    pub lengthened: bool,
    /// Answers of open fields outside the vocabulary.
    pub unknown_terms: Vec<UnknownTerm>,
    /// Entries of the mapping's `[values.FIELD]` tables that no answer uses.
    pub unused_labels: Vec<labels::LabelEntry>,
}

/// The mapping's label entries that no answer of the export uses.
fn unused_labels(mapping: &Mapping, sheets: [&Sheet; 2]) -> Vec<labels::LabelEntry> {
    let role = mapping.responses.as_ref().map(|r| fold::fold(&r.role));
    let columns = |sheet: &Sheet, table: &str| -> Vec<usize> {
        if table == "role" {
            let role = role.as_deref();
            return (sheet.raw.header.iter().enumerate())
                .filter(|(_, h)| Some(fold::fold(h).as_str()) == role)
                .map(|(i, _)| i)
                .collect();
        }
        (sheet.cols.iter())
            .filter(|(f, _)| labels::serves(table, f))
            .map(|(_, c)| *c)
            .collect()
    };
    mapping
        .entries
        .iter()
        .filter(|e| {
            let cells = sheets.iter().flat_map(|s| {
                let cols = columns(s, &e.table);
                s.raw
                    .rows
                    .iter()
                    .flat_map(move |r| cols.clone().into_iter().map(move |c| r.cells[c].as_str()))
            });
            !labels::used(e, cells)
        })
        .cloned()
        .collect()
}

/// The raw columns that feed no pool field, with the identifier category they suggest.
fn dropped(sheet: &Sheet, extra: &[usize]) -> Vec<(String, Option<Identifier>)> {
    let schema = sheet.side.schema();
    sheet
        .raw
        .header
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !sheet
                .cols
                .iter()
                .any(|(f, c)| c == i && (f == "zip" || f == "id" || schema.contains(&f.as_str())))
                || extra.contains(i)
        })
        .map(|(_, h)| (h.clone(), privacy::column_identifier(h)))
        .collect()
}

/// A loader message about a converted file, pointed back at the raw column it came from.
fn at_raw(e: InputError, sheet: &Sheet) -> InputError {
    let mut e = without_value(e);
    let field = e
        .field
        .as_deref()
        .map(|f| if f == "zip3" { "zip" } else { f });
    if let Some(&col) = field.and_then(|f| sheet.cols.get(f)) {
        e.column = Some(col + 1);
        e.field = Some(sheet.raw.header[col].clone());
    }
    e
}

/// Imports a raw export through a mapping: every problem of the whole export, or the pool.
pub fn import(
    export: &Export,
    mapping: &Mapping,
    vocab: &Vocabulary,
    key: &Key,
) -> Result<Anonymized, Vec<InputError>> {
    let mut errors = Vec::new();
    let me = Sheet::new(export.mentees, Side::Mentees, mapping, &mut errors);
    let mr = Sheet::new(export.mentors, Side::Mentors, mapping, &mut errors);
    let (Some(me), Some(mr)) = (me, mr) else {
        return Err(errors);
    };
    let unused = unused_labels(mapping, [&me, &mr]);
    let me_ids = import::person_ids(key, &me);
    let mr_ids = import::person_ids(key, &mr);
    let system_cells = |s: &Sheet<'_>| -> Vec<String> {
        s.kept
            .iter()
            .filter_map(|r| s.cell(*r, "health_system"))
            .filter(|c| !c.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let all_systems: Vec<String> = system_cells(&me)
        .into_iter()
        .chain(system_cells(&mr))
        .collect();
    let systems = Pseudonyms::new(
        key,
        Kind::HealthSystem,
        all_systems.iter().map(String::as_str),
    );
    let mut unknown = std::collections::BTreeMap::new();
    let me_out = import::convert(
        &me,
        mapping,
        vocab,
        &me_ids,
        &systems,
        &mut unknown,
        &mut errors,
    );
    let mr_out = import::convert(
        &mr,
        mapping,
        vocab,
        &mr_ids,
        &systems,
        &mut unknown,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let opts = LoadOptions::default();
    // Both sides' problems in one run.
    let (mentees, mentors) = match (
        pool::load_mentees(&me_out.file, &opts),
        pool::load_mentors(&mr_out.file, &opts),
    ) {
        (Ok(me), Ok(mr)) => (me, mr),
        (a, b) => {
            let me_err = a.err().map(|e| at_raw(e, &me));
            return Err(me_err
                .into_iter()
                .chain(b.err().map(|e| at_raw(e, &mr)))
                .collect());
        }
    };
    let mut pool = Pool {
        mentees,
        mentors,
        overrides: Default::default(),
        source: PoolSource { dir: None },
    };
    let overrides_csv = match export.overrides {
        None => None,
        Some(raw) => {
            let (csv, overrides) =
                convert_overrides(raw, &me_ids, &mr_ids, &pool).map_err(|e| vec![e])?;
            pool.overrides = overrides;
            Some(csv)
        }
    };
    let role_col: Vec<usize> = mapping
        .responses
        .as_ref()
        .and_then(|r| {
            me.raw
                .header
                .iter()
                .position(|h| fold::fold(h) == fold::fold(&r.role))
        })
        .into_iter()
        .collect();
    let report = |sheet: &Sheet, out: import::SideOut| FileReport {
        rows: sheet.raw.rows.len(),
        people: out.people,
        dropped: dropped(sheet, &role_col),
        zip3_suppressed: out.zip3_suppressed,
        dates_to_years: out.dates_to_years,
        zips_zero_restored: out.zips_zero_restored,
        duplicates: sheet.duplicates.clone(),
        answered: out.answered,
        incomplete: out.incomplete,
    };
    let unknown_terms = unknown
        .into_iter()
        .map(|((column, term), people)| {
            let nearest = Group::of(column)
                .map(|g| {
                    vocab
                        .group(g)
                        .nearest(&term)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            UnknownTerm {
                column,
                term,
                people,
                nearest,
            }
        })
        .collect();
    Ok(Anonymized {
        mentees_csv: to_csv(&me_out.file, &MENTEE_COLUMNS),
        mentors_csv: to_csv(&mr_out.file, &MENTOR_COLUMNS),
        overrides_csv,
        mentees: report(&me, me_out),
        mentors: report(&mr, mr_out),
        pool,
        lengthened: me_ids.lengthened || mr_ids.lengthened || systems.lengthened,
        unknown_terms,
        unused_labels: unused,
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

/// Anonymizes a raw export already in the schema's column names: the import with the identity
/// mapping and the built-in vocabulary. The first problem is returned (`import` has them all).
pub fn anonymize(
    mentees: &CsvFile,
    mentors: &CsvFile,
    overrides: Option<&CsvFile>,
    key: &Key,
) -> Result<Anonymized, InputError> {
    let mapping = Mapping::identity(&mentees.header, &mentors.header);
    let export = Export {
        mentees,
        mentors,
        overrides,
    };
    import(&export, &mapping, &Vocabulary::builtin(), key).map_err(|mut e| e.remove(0))
}

/// Reads the raw export of a folder: `mentees.csv`, `mentors.csv` and, if present,
/// `overrides.csv`, then anonymizes it.
pub fn anonymize_dir(dir: &Path, key: &Key) -> crate::error::Result<Anonymized> {
    let mentees = CsvFile::read(&dir.join(files::MENTEES))?;
    let mentors = CsvFile::read(&dir.join(files::MENTORS))?;
    let overrides_path = dir.join(files::OVERRIDES);
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

    #[test]
    fn both_sides_problems_come_in_one_run() {
        let me = MENTEES.replace("either,3,english", "either,9999,english");
        let mr = MENTORS.replace("virtual,2,1,english", "virtual,9999,1,english");
        let mapping = Mapping::identity(&file("m", &me).header, &file("m", &mr).header);
        let (me, mr) = (file("mentees.csv", &me), file("mentors.csv", &mr));
        let export = Export {
            mentees: &me,
            mentors: &mr,
            overrides: None,
        };
        let errors = import(&export, &mapping, &Vocabulary::builtin(), &key()).unwrap_err();
        let files: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{files:?}");
        assert!(files[0].starts_with("mentees.csv:4:"), "{files:?}");
        assert!(files[1].starts_with("mentors.csv:3:"), "{files:?}");
    }
}
