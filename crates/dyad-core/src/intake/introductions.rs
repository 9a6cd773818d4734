//! The final pairs joined back to the people: each pseudonym of the pairs file is recomputed from
//! the raw export through the key, and the row of that person's latest submission gives the
//! name and email. The result is for the coordinator's mail merge only. Every mentee of the
//! export without a pair follows, with the mentor columns empty and a plain reason, so the
//! coordinator can write to them too; no reason names an identity or an eligibility rule (both
//! people of a pair, and the unmatched, read what the mail merge sends).

use std::collections::HashMap;

use super::import::{Export, Sheet, person_ids};
use super::key::Key;
use super::mapping::{Mapping, Side};
use crate::error::InputError;
use crate::io::csvread::CsvFile;
use crate::io::csvwrite::CsvOut;
use crate::io::safetext;
use crate::matching::engine::Evaluation;
use crate::matching::{Forbidden, Reason, forbidden_by_rule};

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
            // A name or an email holding terminal escapes, control or bidirectional characters
            // would carry them into every program that opens the file: they are removed.
            let clean = |field: &str| {
                safetext::strip(sheet.cell(r, field).unwrap_or_default())
                    .trim()
                    .to_string()
            };
            let (name, email) = (clean("name"), clean(email_field));
            Some((id, (name, email)))
        })
        .collect()
}

/// Why a mentee has no mentor, in words both a coordinator and the mentee may read; `None` for a
/// mentee the profile's eligibility leaves out (not listed: the rule is not theirs to read).
pub fn unmatched_reason(ev: &Evaluation, mentee: usize) -> Option<&'static str> {
    let reason = ev.matching.reason_of(mentee)?;
    Some(match reason {
        Reason::Ineligible => return None,
        Reason::NoFeasibleMentor => {
            let mentors = 0..ev.pool.mentors.len();
            let distance = mentors.into_iter().any(|j| {
                matches!(
                    forbidden_by_rule(&ev.pool, &ev.table, &ev.profile, mentee, j),
                    Some(Forbidden::InPersonDistance { .. } | Forbidden::InPersonUnknownLocation)
                )
            });
            if distance {
                "no mentor within the in-person distance limit"
            } else {
                "no mentor the program's pairing rules allow"
            }
        }
        Reason::BelowMinScore => "no mentor a close enough fit this cycle",
        Reason::Capacity => "every fitting mentor's places were taken",
    })
}

/// Counts of the rows written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Pairs written (one row each).
    pub pairs: usize,
    /// Mentees written without a mentor.
    pub unmatched: usize,
}

/// The introductions CSV of a pairs file (`mentee,mentor,score,reason_1..3`), then a row per
/// mentee of the export without a pair (mentor columns empty, the reason in `reason_1`), or
/// every problem. With the evaluation the pairs were exported from (`why`), each unmatched
/// mentee gets the reason it has no mentor and those the eligibility rule leaves out are not
/// listed; without it every mentee left without a pair is listed as not matched this cycle.
pub fn introductions(
    pairs: &CsvFile,
    export: &Export,
    mapping: &Mapping,
    key: &Key,
    why: Option<&Evaluation>,
) -> Result<(String, Written), Vec<InputError>> {
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
        cells.push(cell(2).to_string());
        // Both people read a mail merge: a reason that tells of the identities the mentee asked
        // to share is the mentee's to tell, never the letter's. The others move up.
        let mut reasons: Vec<String> = (3..6)
            .map(cell)
            .filter(|r| !r.to_lowercase().contains("identit"))
            .map(String::from)
            .collect();
        reasons.resize(3, String::new());
        cells.extend(reasons);
        out.row(cells);
    }
    let paired: std::collections::HashSet<&str> = pairs
        .rows
        .iter()
        .filter_map(|row| columns[0].map(|c| row.cells[c].trim()))
        .collect();
    let mut unmatched: Vec<(&String, &(String, String))> = mentees
        .iter()
        .filter(|(id, _)| !paired.contains(id.as_str()))
        .collect();
    unmatched.sort();
    let mut listed = 0;
    for (id, (name, email)) in unmatched {
        let reason = match why {
            Some(ev) => match ev.pool.mentees.iter().position(|m| m.id == *id) {
                Some(i) => match unmatched_reason(ev, i) {
                    Some(r) => r,
                    None if ev.matching.mentor_of[i].is_some() => NOT_MATCHED,
                    None => continue,
                },
                // Left out of the pool (a needed answer was empty).
                None => NOT_MATCHED,
            },
            None => NOT_MATCHED,
        };
        let empty = String::new;
        out.row([
            id.clone(),
            name.clone(),
            email.clone(),
            empty(),
            empty(),
            empty(),
            empty(),
            reason.to_string(),
            empty(),
            empty(),
        ]);
        listed += 1;
    }
    let written = Written {
        pairs: pairs.rows.len(),
        unmatched: listed,
    };
    if errors.is_empty() {
        Ok((out.finish(), written))
    } else {
        Err(errors)
    }
}

/// The reason of a mentee without a pair when dyad cannot tell more.
const NOT_MATCHED: &str = "not matched with a mentor this cycle";
