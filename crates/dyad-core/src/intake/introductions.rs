//! The final pairs joined back to the people: each pseudonym of the pairs file is recomputed from
//! the raw export through the key, and the row of that person's latest submission gives the
//! name and email. The result is for the coordinator's mail merge only.

use std::collections::HashMap;

use super::import::{Export, Sheet, person_ids};
use super::key::Key;
use super::mapping::{Mapping, Side};
use crate::error::InputError;
use crate::io::csvread::CsvFile;
use crate::io::csvwrite::CsvOut;

/// The header of the introductions file.
pub const HEADER: [&str; 10] = [
    "mentee_id",
    "mentee_name",
    "mentee_email",
    "mentor_id",
    "mentor_name",
    "mentor_email",
    "score",
    "reason_1",
    "reason_2",
    "reason_3",
];

/// Pseudonym → (name, email) of each person of one side.
fn people(sheet: &Sheet, key: &Key) -> HashMap<String, (String, String)> {
    let ids = person_ids(key, sheet);
    let email_field = if sheet.cols.contains_key("email") {
        "email"
    } else {
        "id"
    };
    sheet
        .kept
        .iter()
        .filter_map(|&r| {
            let id = ids.get(sheet.cell(r, "id")?)?.to_string();
            let name = sheet.cell(r, "name").unwrap_or_default().trim().to_string();
            let email = sheet
                .cell(r, email_field)
                .unwrap_or_default()
                .trim()
                .to_string();
            Some((id, (name, email)))
        })
        .collect()
}

/// The introductions CSV of a pairs file (`mentee,mentor,score,reason_1..3`), or every problem.
pub fn introductions(
    pairs: &CsvFile,
    export: &Export,
    mapping: &Mapping,
    key: &Key,
) -> Result<String, Vec<InputError>> {
    let mut errors = Vec::new();
    let me = Sheet::new(export.mentees, Side::Mentees, mapping, &mut errors);
    let mr = Sheet::new(export.mentors, Side::Mentors, mapping, &mut errors);
    let columns: Vec<Option<usize>> = crate::report::export::CSV_HEADER
        .iter()
        .map(|c| pairs.column(c))
        .collect();
    if columns[..3].iter().any(Option::is_none) {
        errors.push(
            InputError::new(
                &pairs.path,
                "the pairs file `dyad export` writes (columns mentee, mentor, score, reason_1..3)",
            )
            .line(1)
            .field("header"),
        );
    }
    if let Err(e) = pairs.check_row_lengths() {
        errors.push(e);
    }
    let (Some(me), Some(mr), true) = (me, mr, errors.is_empty()) else {
        return Err(errors);
    };
    let (mentees, mentors) = (people(&me, key), people(&mr, key));
    let mut out = CsvOut::new();
    out.row(HEADER);
    for row in &pairs.rows {
        let cell = |i: usize| columns[i].map_or("", |c| row.cells[c].trim());
        let mut cells = Vec::with_capacity(HEADER.len());
        for (i, people) in [(0, &mentees), (1, &mentors)] {
            let id = cell(i);
            match people.get(id) {
                Some((name, email)) => cells.extend([id.to_string(), name.clone(), email.clone()]),
                None => errors.push(
                    InputError::new(
                        &pairs.path,
                        "the pseudonym of a person in the export (the same export, mapping and \
                         key as the import)",
                    )
                    .at(row.line, columns[i].unwrap_or(0) + 1)
                    .field(crate::report::export::CSV_HEADER[i])
                    .value(id),
                ),
            }
        }
        cells.extend((2..6).map(|i| cell(i).to_string()));
        out.row(cells);
    }
    if errors.is_empty() {
        Ok(out.finish())
    } else {
        Err(errors)
    }
}
