//! What the dyads said afterwards: `outcomes.csv` beside the pool, `mentee,mentor` and any number
//! of outcome columns, each either numbers (a 1–5 rating, meetings held) or yes/no, blank where a
//! pair did not answer.
//!
//! Errors name the file, line and column and what was expected, but never an outcome's value:
//! a survey answer may say something about a person.

use crate::error::InputError;
use crate::io::csvread::{CsvFile, CsvRow};

use super::Pool;
use super::fields::normalize;
use super::files;

/// What an outcome column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    /// Numbers, e.g. a 1–5 rating or meetings held.
    Number,
    /// yes / no, read as 1 / 0.
    YesNo,
}

impl OutcomeKind {
    /// How the kind is named in tables: `number` or `yes/no`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Number => "number",
            OutcomeKind::YesNo => "yes/no",
        }
    }
}

/// One outcome column: its name, kind, and one value per pair (`None`: no answer).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The column's header in `outcomes.csv`.
    pub name: String,
    /// What its values are.
    pub kind: OutcomeKind,
    /// Parallel to [`Outcomes::pairs`]; yes is 1 and no is 0.
    pub values: Vec<Option<f64>>,
}

impl Outcome {
    /// Number of pairs that answered this question.
    pub fn answered(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }
}

/// A survey of pairs: the pairs in file order (indices into the pool) and the outcome columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// (mentee, mentor) indices into the pool.
    pub pairs: Vec<(usize, usize)>,
    /// The outcome columns, in file order.
    pub outcomes: Vec<Outcome>,
}

impl Outcomes {
    /// Pairs that answered at least one question.
    pub fn responded(&self) -> usize {
        (0..self.pairs.len())
            .filter(|&r| self.outcomes.iter().any(|o| o.values[r].is_some()))
            .count()
    }
}

/// The largest number an answer may be (either sign): far beyond any rating or count, and
/// small enough that sums and means over any survey dyad reads stay finite.
pub const MAX_ANSWER: f64 = 1e9;

/// The most pairs a survey may list: far beyond any program's years of pairs, and small enough
/// that `dyad evidence` answers in seconds (each test is O(n log n)).
pub const MAX_SURVEY_PAIRS: usize = 200_000;

/// Reads a yes/no cell (already normalized).
fn yes_no(cell: &str) -> Option<f64> {
    match cell {
        "yes" | "y" | "true" => Some(1.0),
        "no" | "n" | "false" => Some(0.0),
        _ => None,
    }
}

/// Reads `outcomes.csv` against a loaded pool. Errors: a missing `mentee` or `mentor` column, no
/// outcome column, a blank or repeated column name, unknown ids, a pair listed twice, a cell that
/// is neither a number nor yes/no, a column mixing numbers and yes/no, and a column nobody
/// answered.
pub fn load_outcomes(file: &CsvFile, pool: &Pool) -> Result<Outcomes, InputError> {
    let header_err = |col: usize, expected: String| {
        InputError::new(&file.path, expected)
            .at(1, col)
            .field("header")
    };
    let col = |name: &str| {
        file.column(name).ok_or_else(|| {
            InputError::new(
                &file.path,
                format!(
                    "a column named {name} (the header is mentee,mentor, then one column per \
                     outcome)"
                ),
            )
            .line(1)
            .field("header")
        })
    };
    let (ci, cm) = (col("mentee")?, col("mentor")?);
    let outcome_cols: Vec<usize> = (0..file.header.len())
        .filter(|&c| c != ci && c != cm)
        .collect();
    if outcome_cols.is_empty() {
        return Err(header_err(
            file.header.len() + 1,
            "at least one outcome column after mentee,mentor (numbers or yes/no)".into(),
        ));
    }
    for &c in &outcome_cols {
        let name = &file.header[c];
        if name.is_empty() {
            return Err(header_err(c + 1, "a name for every outcome column".into()));
        }
        // Against every column before it: a second `mentee` is a repeat, not an outcome.
        if let Some(first) = (0..c).find(|&p| file.header[p].eq_ignore_ascii_case(name)) {
            return Err(header_err(
                c + 1,
                format!("each column once (column {} has this name too)", first + 1),
            ));
        }
    }
    if file.rows.len() > MAX_SURVEY_PAIRS {
        return Err(InputError::new(
            &file.path,
            format!("at most {MAX_SURVEY_PAIRS} pairs in a survey of pairs"),
        )
        .line(file.rows[MAX_SURVEY_PAIRS].line)
        .problem(format!(
            "the file has {} rows of pairs; split it by program year",
            file.rows.len()
        )));
    }
    file.check_row_lengths()?;
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(file.rows.len());
    let mut seen: std::collections::HashMap<(usize, usize), usize> = Default::default();
    for row in &file.rows {
        crate::identifiers::refuse_in_row(&file.path, row, &[("mentee", ci), ("mentor", cm)])?;
        let err = |c: usize, expected: &str| file.id_cell_error(row, c, expected);
        let mentee = mentee_at(file, row, ci, pool)?;
        let mentor = pool
            .mentor_index(&row.cells[cm])
            .ok_or_else(|| err(cm, &format!("the id of a mentor in {}", files::MENTORS)))?;
        if let Some(first) = seen.insert((mentee, mentor), row.line) {
            return Err(InputError::new(
                &file.path,
                format!("each pair once (line {first} has this pair too)"),
            )
            .at(row.line, ci + 1)
            .field("mentee")
            .value(row.cells[ci].clone()));
        }
        pairs.push((mentee, mentor));
    }
    let outcomes = outcome_cols
        .iter()
        .map(|&c| read_column(file, c))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Outcomes { pairs, outcomes })
}

/// The pool's mentee whose id is in `row`'s column `c`, or an error naming the cell.
pub fn mentee_at(file: &CsvFile, row: &CsvRow, c: usize, pool: &Pool) -> Result<usize, InputError> {
    pool.mentee_index(&row.cells[c]).ok_or_else(|| {
        file.id_cell_error(row, c, &format!("the id of a mentee in {}", files::MENTEES))
    })
}

/// One outcome column: its kind is that of its first answer; every other answer must match.
fn read_column(file: &CsvFile, c: usize) -> Result<Outcome, InputError> {
    let name = file.header[c].clone();
    // Never the value: a survey answer may say something about a person.
    let err = |row: &CsvRow, expected: String| {
        InputError::new(&file.path, expected)
            .at(row.line, c + 1)
            .field(name.clone())
            .problem("this answer cannot be read (its value is not shown)")
    };
    let mut kind: Option<(OutcomeKind, usize)> = None;
    let mut values = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        let cell = normalize(&row.cells[c]);
        if cell.is_empty() {
            values.push(None);
            continue;
        }
        let number = cell.parse::<f64>().ok();
        let this = match (number, yes_no(&cell)) {
            (Some(v), _) if v.abs() <= MAX_ANSWER => (OutcomeKind::Number, v),
            (_, Some(v)) => (OutcomeKind::YesNo, v),
            _ => {
                return Err(err(
                    row,
                    format!(
                        "a number from {} to {MAX_ANSWER}, yes or no, or a blank cell for no \
                         answer",
                        -MAX_ANSWER
                    ),
                ));
            }
        };
        match kind {
            None => kind = Some((this.0, row.line)),
            Some((k, line)) if k != this.0 => {
                return Err(err(
                    row,
                    format!(
                        "one kind of answer per column: {} like line {line}, not {}",
                        k.as_str(),
                        this.0.as_str()
                    ),
                ));
            }
            Some(_) => {}
        }
        values.push(Some(this.1));
    }
    let Some((kind, _)) = kind else {
        return Err(InputError::new(
            &file.path,
            "at least one answer in every outcome column (remove a column nobody answered)",
        )
        .at(1, c + 1)
        .field(name));
    };
    Ok(Outcome { name, kind, values })
}
