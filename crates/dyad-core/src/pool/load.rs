//! Loading `mentees.csv` and `mentors.csv` (and the optional `overrides.csv`) from a folder.

use std::path::{Path, PathBuf};

use crate::error::{Error, InputError};
use crate::identifiers;
use crate::io::csvread::{CsvFile, CsvRow};
use crate::pool::geo::Zip3Table;

use super::fields::{self, Cells};
use super::{Mentee, Mentor, Overrides, Person, Pool, id_cmp, load_overrides};

/// The columns of `mentees.csv`, in the order dyad writes them (any order is read).
pub const MENTEE_COLUMNS: [&str; 12] = [
    "id",
    "zip3",
    "specialty",
    "health_system",
    "training_completed",
    "identities",
    "wants_shared",
    "goals",
    "challenges",
    "meeting_format",
    "hours_per_month",
    "languages",
];

/// The columns of `mentors.csv`, in the order dyad writes them (any order is read).
pub const MENTOR_COLUMNS: [&str; 11] = [
    "id",
    "zip3",
    "specialty",
    "health_system",
    "training_completed",
    "identities",
    "expertise",
    "meeting_format",
    "hours_per_month",
    "capacity",
    "languages",
];

/// Where a pool was read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PoolSource {
    /// The folder, or `None` for the sample pool built into the binary.
    pub dir: Option<PathBuf>,
}

impl PoolSource {
    /// How messages name the pool: its folder (escaped), or "built-in sample data".
    pub fn label(&self) -> String {
        match &self.dir {
            Some(d) => crate::error::escape(&d.display().to_string()),
            None => "built-in sample data".to_string(),
        }
    }
}

/// Options for loading a pool.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Extra columns the files may carry that dyad must ignore (never silently: they are listed
    /// by the user).
    pub ignore_columns: Vec<String>,
}

/// Loads `mentees.csv`, `mentors.csv` and, when present, `overrides.csv` from `dir`. A switch
/// to a new set of those files that a killed dyad left half done is completed first
/// ([`crate::io::finish_pending`]), so the files read always belong together.
pub fn load_dir(dir: &Path, opts: &LoadOptions) -> Result<Pool, Error> {
    crate::io::finish_pending(dir)?;
    let mentees = load_mentees(&CsvFile::read(&dir.join(super::files::MENTEES))?, opts)?;
    let mentors = load_mentors(&CsvFile::read(&dir.join(super::files::MENTORS))?, opts)?;
    let mut pool = Pool {
        mentees,
        mentors,
        overrides: Overrides::default(),
        source: PoolSource {
            dir: Some(dir.to_path_buf()),
        },
    };
    let overrides_path = dir.join(super::files::OVERRIDES);
    if overrides_path.exists() {
        pool.overrides = load_overrides(&CsvFile::read(&overrides_path)?, &pool)?;
    }
    Ok(pool)
}

/// Builds a pool from CSV text (used for the built-in sample and in tests).
pub fn pool_from_csv(
    mentees: (&Path, &[u8]),
    mentors: (&Path, &[u8]),
    opts: &LoadOptions,
) -> Result<Pool, InputError> {
    Ok(Pool {
        mentees: load_mentees(&CsvFile::parse(mentees.0, mentees.1)?, opts)?,
        mentors: load_mentors(&CsvFile::parse(mentors.0, mentors.1)?, opts)?,
        overrides: Overrides::default(),
        source: PoolSource { dir: None },
    })
}

/// Maps the schema's columns to their positions in the header; any column that is neither in the
/// schema nor listed to ignore is an error, as is a missing or repeated one.
fn columns(
    file: &CsvFile,
    schema: &[&'static str],
    opts: &LoadOptions,
) -> Result<Vec<(&'static str, usize)>, InputError> {
    let mut seen: Vec<(&'static str, usize)> = Vec::new();
    for (idx, name) in file.header.iter().enumerate() {
        let lower = name.to_lowercase();
        let lower = lower.trim_start_matches('\u{feff}');
        match schema.iter().find(|s| **s == lower) {
            Some(s) if seen.iter().any(|(n, _)| n == s) => {
                return Err(InputError::new(&file.path, "each column once")
                    .at(1, idx + 1)
                    .value(name.as_str()));
            }
            Some(s) => seen.push((s, idx)),
            None => {
                // A direct identifier is refused even when listed to ignore: it must leave the
                // file, not be carried along.
                identifiers::refuse_column(&file.path, idx, name)?;
                if opts
                    .ignore_columns
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(lower))
                {
                    continue;
                }
                return Err(InputError::new(
                    &file.path,
                    format!(
                        "one of the schema's columns ({}); list others to ignore with --ignore-columns",
                        schema.join(", ")
                    ),
                )
                .at(1, idx + 1)
                .field("header")
                .value(name.as_str()));
            }
        }
    }
    if let Some(missing) = schema.iter().find(|s| !seen.iter().any(|(n, _)| n == *s)) {
        return Err(InputError::new(
            &file.path,
            format!("a column named {missing} in the header"),
        )
        .line(1)
        .field("header"));
    }
    file.check_row_lengths()?;
    Ok(seen)
}

fn no_rows(file: &CsvFile, what: &str) -> InputError {
    InputError::new(
        &file.path,
        format!("at least one {what} row after the header"),
    )
    .line(2)
}

/// Sorts by id and refuses ids that appear twice (compared case-insensitively).
fn sort_unique<T>(
    file: &CsvFile,
    mut items: Vec<(usize, T)>,
    id: impl Fn(&T) -> &str,
    id_col: usize,
) -> Result<Vec<T>, InputError> {
    // Each id is lower-cased once, not at every comparison.
    items.sort_by_cached_key(|(line, t)| (id(t).to_lowercase(), *line));
    for w in items.windows(2) {
        if id_cmp(id(&w[0].1), id(&w[1].1)).is_eq() {
            return Err(InputError::new(
                &file.path,
                format!("a unique id (already used on line {})", w[0].0),
            )
            .at(w[1].0, id_col + 1)
            .field("id")
            .value(id(&w[1].1)));
        }
    }
    Ok(items.into_iter().map(|(_, t)| t).collect())
}

/// The longest cell of a pool: every answer of the vocabulary, and a list of many, is far
/// shorter; a longer cell is pasted text, which would only slow every later step.
pub const MAX_CELL_CHARS: usize = 2000;

/// Refuses a cell over [`MAX_CELL_CHARS`], before any work on it and without showing it.
fn refuse_long_cells(
    file: &CsvFile,
    row: &CsvRow,
    cols: &[(&'static str, usize)],
) -> Result<(), InputError> {
    for &(name, idx) in cols {
        let cell = row.cells.get(idx).map_or("", String::as_str);
        if cell.len() > MAX_CELL_CHARS && cell.chars().count() > MAX_CELL_CHARS {
            return Err(InputError::new(
                &file.path,
                format!("a cell of at most {MAX_CELL_CHARS} characters"),
            )
            .at(row.line, idx + 1)
            .field(name));
        }
    }
    Ok(())
}

/// The rows of a pool file, each made by `person` from its cells, sorted by id; `what` names a
/// row in the message for a file without any.
fn load_people<T>(
    file: &CsvFile,
    opts: &LoadOptions,
    schema: &[&'static str],
    what: &str,
    id: impl Fn(&T) -> &str,
    person: impl Fn(&Cells, &Zip3Table) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError> {
    let cols = columns(file, schema, opts)?;
    if file.rows.is_empty() {
        return Err(no_rows(file, what));
    }
    let table = Zip3Table::builtin();
    let this_year = fields::current_year();
    let mut out = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        refuse_long_cells(file, row, &cols)?;
        identifiers::refuse_in_row(&file.path, row, &cols)?;
        let c = Cells {
            path: &file.path,
            row,
            columns: &cols,
            this_year,
        };
        out.push((row.line, person(&c, table)?));
    }
    let id_col = cols.iter().find(|(n, _)| *n == "id").map_or(0, |c| c.1);
    sort_unique(file, out, id, id_col)
}

/// The cells every participant has. Of several bad cells in a row the first read is reported:
/// the ZIP3, the id, then the others in column order; a role's own cells are read after these.
fn read_person(c: &Cells, table: &Zip3Table) -> Result<Person, InputError> {
    let (zip3, location) = c.zip3("zip3", table)?;
    Ok(Person {
        id: c.id("id")?,
        zip3,
        location,
        specialty: c.text("specialty", true)?,
        health_system: c.text("health_system", true)?,
        training_completed: c.year("training_completed")?,
        identities: c.list("identities"),
        meeting_format: c.format("meeting_format")?,
        hours_per_month: c.hours("hours_per_month")?,
        languages: c.list("languages"),
    })
}

/// Reads the rows of a `mentees.csv`, checking every cell; sorted by id.
pub fn load_mentees(file: &CsvFile, opts: &LoadOptions) -> Result<Vec<Mentee>, InputError> {
    load_people(
        file,
        opts,
        &MENTEE_COLUMNS,
        "mentee",
        |m: &Mentee| &m.id,
        |c, table| {
            Ok(Mentee {
                person: read_person(c, table)?,
                wants_shared: c.list("wants_shared"),
                goals: c.list("goals"),
                challenges: c.list("challenges"),
            })
        },
    )
}

/// Reads the rows of a `mentors.csv`, checking every cell; sorted by id.
pub fn load_mentors(file: &CsvFile, opts: &LoadOptions) -> Result<Vec<Mentor>, InputError> {
    load_people(
        file,
        opts,
        &MENTOR_COLUMNS,
        "mentor",
        |m: &Mentor| &m.id,
        |c, table| {
            Ok(Mentor {
                person: read_person(c, table)?,
                expertise: c.list("expertise"),
                capacity: c.capacity("capacity")?,
            })
        },
    )
}
