//! The pairs in place, read from a pairs file as `dyad export` writes it (`mentee,mentor,…`;
//! other columns are ignored), against the pool as it is now.
//!
//! A mentor id that the pool no longer has is a mentor who left; every other id must be the
//! pool's. Errors name the file, line and column and what was expected.

use std::collections::HashMap;

use crate::error::InputError;
use crate::io::csvread::CsvFile;
use crate::pool::{Pool, files};

/// One pair in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentPair {
    /// The mentee (index into the pool).
    pub mentee: usize,
    /// The mentor, or `None` when the pool no longer has them (they left).
    pub mentor: Option<usize>,
    /// The mentor's id as the file gives it.
    pub mentor_id: String,
    /// The file's line.
    pub line: usize,
}

impl CurrentPair {
    /// The pairs of a matching made on the pool as it was (`before`), as the pool now has
    /// them: what [`load_current`] reads from that matching's pairs file (line 2 onwards).
    /// Mentees must still be in the pool; a mentor who left becomes `None`.
    pub fn from_matching(before: &Pool, now: &Pool, pairs: &[crate::matching::Pair]) -> Vec<Self> {
        pairs
            .iter()
            .enumerate()
            .filter_map(|(k, p)| {
                let id = &before.mentors[p.mentor].id;
                Some(CurrentPair {
                    mentee: now.mentee_index(&before.mentees[p.mentee].id)?,
                    mentor: now.mentor_index(id),
                    mentor_id: id.clone(),
                    line: k + 2,
                })
            })
            .collect()
    }
}

/// Reads the pairs in place. Errors: a missing `mentee` or `mentor` column, a mentee the pool
/// does not have, a mentee listed twice, a blank or malformed mentor id, a mentee's id in the
/// mentor column, a pair the pool's overrides ban (it could never have been made), and a file
/// none of whose mentees or mentors the pool has (a pairs file of another pool).
pub fn load_current(file: &CsvFile, pool: &Pool) -> Result<Vec<CurrentPair>, InputError> {
    let col = |name: &str| {
        file.column(name).ok_or_else(|| {
            InputError::new(
                &file.path,
                format!(
                    "a column named {name} (a pairs file as dyad export writes it: mentee,mentor,score,…)"
                ),
            )
            .line(1)
            .field("header")
        })
    };
    let (ci, cm) = (col("mentee")?, col("mentor")?);
    file.check_row_lengths()?;
    if !file.rows.is_empty() {
        another_pool(file, pool, ci, cm)?;
    }
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut pairs = Vec::with_capacity(file.rows.len());
    for row in &file.rows {
        crate::privacy::refuse_in_row(&file.path, row, &[("mentee", ci), ("mentor", cm)])?;
        let err = |c: usize, expected: &str| file.id_cell_error(row, c, expected);
        let mentee = crate::pool::mentee_at(file, row, ci, pool)?;
        if let Some(first) = seen.insert(mentee, row.line) {
            return Err(err(
                ci,
                &format!("each mentee once (line {first} gives this mentee a mentor too)"),
            ));
        }
        let id = row.cells[cm].trim();
        if id.is_empty() || !crate::pool::is_plain_id(id) {
            return Err(err(
                cm,
                "a mentor's id (letters, digits and - _ ., such as MR-012)",
            ));
        }
        if pool.mentee_index(id).is_some() {
            return Err(err(cm, "a mentor's id, not a mentee's"));
        }
        let mentor = pool.mentor_index(id);
        if let Some(j) = mentor
            && pool.overrides.is_banned(mentee, j)
        {
            return Err(err(
                cm,
                &format!(
                    "a pair that could have been made ({} bans this pair)",
                    files::OVERRIDES
                ),
            ));
        }
        pairs.push(CurrentPair {
            mentee,
            mentor,
            mentor_id: id.to_string(),
            line: row.line,
        });
    }
    Ok(pairs)
}

/// A file none of whose mentees, or none of whose mentors, the pool has belongs to another pool.
fn another_pool(file: &CsvFile, pool: &Pool, ci: usize, cm: usize) -> Result<(), InputError> {
    let first = &file.rows[0];
    for (c, known, what) in [
        (
            ci,
            file.rows
                .iter()
                .any(|r| pool.mentee_index(&r.cells[ci]).is_some()),
            files::MENTEES,
        ),
        (
            cm,
            file.rows
                .iter()
                .any(|r| pool.mentor_index(&r.cells[cm]).is_some()),
            files::MENTORS,
        ),
    ] {
        if !known {
            return Err(InputError::new(
                &file.path,
                format!(
                    "pairs of this pool (no id in this column is in {what}: a pairs file of another pool?)"
                ),
            )
            .at(first.line, c + 1)
            .field(file.header[c].clone())
            .value(first.cells[c].clone()));
        }
    }
    Ok(())
}
