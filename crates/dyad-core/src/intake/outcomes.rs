//! The end-of-program survey back in: an export keyed by the email or name people answered with
//! becomes a pseudonymous `outcomes.csv` (`mentee,mentor,<outcome>…`) for `dyad evidence`.
//!
//! The mapping's `[outcomes]` table names the columns: `respondent` (the email or name, matched
//! through the key to the pseudonyms of the pairs file, case and surrounding spaces ignored),
//! an optional `role` (when present only mentees' answers are kept), and one entry per outcome,
//! `name = "the question's header"`. `[values.<name>]` turns answer labels into the numbers or
//! yes/no `outcomes.csv` holds (`"Very satisfied" = 5`). Respondents that cannot be placed are
//! counted, never named; no email or name is ever written.

use std::collections::HashMap;
use std::path::Path;

use super::fold::fold;
use super::key::Key;
use super::pseudonym::{Kind, is_pseudonym_of};
use crate::error::InputError;
use crate::io::csvread::CsvFile;
use crate::io::csvwrite::CsvOut;

/// One outcome column: its name in `outcomes.csv`, the survey's header, and its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeColumn {
    /// The column's name in `outcomes.csv` (the key in `[outcomes]`).
    pub name: String,
    /// The survey question's header in the export.
    pub header: String,
    /// Folded answer label → the value written (a number, `yes` or `no`).
    pub labels: HashMap<String, String>,
}

/// The `[outcomes]` table of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeMap {
    /// The header of the email or name column that identifies who answered.
    pub respondent: String,
    /// The header of the role column, if any: then only mentees' answers are kept.
    pub role: Option<String>,
    /// The outcomes, in the order `outcomes.csv` lists them.
    pub columns: Vec<OutcomeColumn>,
}

/// The line of the first line of `text` that starts with `key`, for messages.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().trim_start_matches('"').starts_with(key))
        .map_or(1, |i| i + 1)
}

/// A label's value as `outcomes.csv` holds it: a number or yes/no.
fn label_value(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) if f.is_finite() => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        toml::Value::String(s) => {
            let s = s.trim().to_lowercase();
            (s.parse::<f64>().is_ok_and(f64::is_finite) || matches!(s.as_str(), "yes" | "no"))
                .then_some(s)
        }
        _ => None,
    }
}

impl OutcomeMap {
    /// Reads the `[outcomes]` table (and the `[values.<outcome>]` tables) of a mapping file;
    /// `file` is only used in messages.
    pub fn parse(text: &str, file: &Path) -> Result<OutcomeMap, InputError> {
        let doc: toml::Table = toml::from_str(text).map_err(|e| {
            let mut err = InputError::new(file, "a mapping file (TOML)").problem(e.message());
            if let Some(span) = e.span() {
                err = err.line(text[..span.start].matches('\n').count() + 1);
            }
            err
        })?;
        let wanted = "an [outcomes] table: respondent = \"the email or name column\", optional \
                      role = \"…\", and one entry per outcome, name = \"the question's header\"";
        let Some(table) = doc.get("outcomes").and_then(toml::Value::as_table) else {
            return Err(InputError::new(file, wanted).problem("there is no [outcomes] table"));
        };
        let text_of = |key: &str| -> Result<Option<String>, InputError> {
            match table.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) if !fold(s).is_empty() => Ok(Some(s.clone())),
                Some(_) => Err(InputError::new(file, "the header text of a column")
                    .line(line_of(text, key))
                    .field(format!("outcomes.{key}"))),
            }
        };
        let Some(respondent) = text_of("respondent")? else {
            return Err(InputError::new(file, wanted)
                .line(line_of(text, "[outcomes]"))
                .field("outcomes.respondent")
                .problem("no respondent column"));
        };
        let role = text_of("role")?;
        let values = doc.get("values").and_then(toml::Value::as_table);
        let mut columns = Vec::new();
        for name in table.keys().filter(|k| *k != "respondent" && *k != "role") {
            let header = text_of(name)?.unwrap_or_default();
            if !crate::pool::is_plain_id(name) || name == "mentee" || name == "mentor" {
                return Err(
                    InputError::new(file, "a plain outcome name (letters, digits, _)")
                        .line(line_of(text, name))
                        .field(format!("outcomes.{name}")),
                );
            }
            let mut labels = HashMap::new();
            if let Some(t) = values
                .and_then(|v| v.get(name))
                .and_then(toml::Value::as_table)
            {
                for (label, v) in t {
                    let value = label_value(v).ok_or_else(|| {
                        InputError::new(file, "a number, yes or no for each answer label")
                            .line(line_of(text, &format!("\"{label}\"")))
                            .field(format!("values.{name}"))
                    })?;
                    labels.insert(fold(label), value);
                }
            }
            columns.push(OutcomeColumn {
                name: name.clone(),
                header,
                labels,
            });
        }
        // In the order the mapping lists them (a TOML table comes back sorted by key).
        columns.sort_by_key(|c| line_of(text, &c.name));
        if columns.is_empty() {
            return Err(InputError::new(file, wanted)
                .line(line_of(text, "[outcomes]"))
                .field("outcomes")
                .problem("no outcome column"));
        }
        Ok(OutcomeMap {
            respondent,
            role,
            columns,
        })
    }
}

/// What [`outcomes`] made: the `outcomes.csv` text and the counts to report (never who).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The `outcomes.csv` text, by pseudonym only.
    pub csv: String,
    /// Pairs in the pairs file (with a mentor).
    pub pairs: usize,
    /// Pairs with at least one answer.
    pub answered: usize,
    /// Survey rows whose respondent is not in any pair.
    pub unplaced: usize,
    /// Survey rows of mentors (a role column says so, or the respondent is a pair's mentor):
    /// only mentees' answers are kept.
    pub mentors: usize,
    /// Survey rows replaced by a later answer of the same respondent.
    pub superseded: usize,
}

/// The column of `header` in `file`, compared folded (case, spaces, hyphens ignored).
fn find(file: &CsvFile, header: &str) -> Option<usize> {
    let want = fold(header);
    file.header.iter().position(|h| fold(h) == want)
}

/// An answer as `outcomes.csv` holds it, or `None` when it is none of a label, a number or
/// yes/no.
fn answer(column: &OutcomeColumn, cell: &str) -> Option<String> {
    let folded = fold(cell);
    if let Some(v) = column.labels.get(&folded) {
        return Some(v.clone());
    }
    let plain = cell.trim().to_lowercase();
    let yes_no = matches!(plain.as_str(), "yes" | "no" | "y" | "n" | "true" | "false");
    (plain.parse::<f64>().is_ok_and(f64::is_finite) || yes_no).then_some(plain)
}

/// Joins a survey export to the pairs file through the key: for each pair (`mentee,mentor`, as
/// `dyad export` writes it) the latest answers of its mentee. Every problem of the survey is
/// reported at once, each naming the file, row and column, never an answer or a respondent.
pub fn outcomes(
    survey: &CsvFile,
    map: &OutcomeMap,
    pairs: &CsvFile,
    key: &Key,
) -> Result<Placed, Vec<InputError>> {
    let mut errors = Vec::new();
    let missing = |header: &str, what: &str| {
        InputError::new(
            &survey.path,
            format!("a column \"{header}\" ({what}, as the mapping's [outcomes] names it)"),
        )
        .line(1)
        .field("header")
    };
    let respondent = find(survey, &map.respondent);
    if respondent.is_none() {
        errors.push(missing(&map.respondent, "the respondent"));
    }
    let role = map.role.as_ref().map(|r| {
        let c = find(survey, r);
        if c.is_none() {
            errors.push(missing(r, "the role"));
        }
        c
    });
    let cols: Vec<Option<usize>> = map
        .columns
        .iter()
        .map(|c| {
            let at = find(survey, &c.header);
            if at.is_none() {
                errors.push(missing(&c.header, &format!("the outcome {}", c.name)));
            }
            at
        })
        .collect();
    let (pm, pr) = (pairs.column("mentee"), pairs.column("mentor"));
    if pm.is_none() || pr.is_none() {
        errors.push(
            InputError::new(
                &pairs.path,
                "the pairs file `dyad export` writes (columns mentee, mentor, …)",
            )
            .line(1)
            .field("header"),
        );
    }
    for f in [survey, pairs] {
        if let Err(e) = f.check_row_lengths() {
            errors.push(e);
        }
    }
    let (Some(respondent), Some(pm), Some(pr), true) = (respondent, pm, pr, errors.is_empty())
    else {
        return Err(errors);
    };
    // The pairs with a mentor, in file order.
    let pair_rows: Vec<(&str, &str)> = pairs
        .rows
        .iter()
        .map(|r| (r.cells[pm].trim(), r.cells[pr].trim()))
        .filter(|(me, mr)| !me.is_empty() && !mr.is_empty())
        .collect();
    let mut answers: Vec<Option<Vec<String>>> = vec![None; pair_rows.len()];
    let mut placed = Placed {
        csv: String::new(),
        pairs: pair_rows.len(),
        answered: 0,
        unplaced: 0,
        mentors: 0,
        superseded: 0,
    };
    for row in &survey.rows {
        let who = row.cells[respondent].as_str();
        if who.trim().is_empty() {
            placed.unplaced += 1;
            continue;
        }
        let said_mentor = role.flatten().is_some_and(|c| {
            let r = fold(&row.cells[c]);
            r.contains("mentor") && !r.contains("mentee")
        });
        // "Case and spaces ignored": the value as given, then with its inner spaces collapsed.
        let collapsed = who.split_whitespace().collect::<Vec<_>>().join(" ");
        let is = |kind: Kind, id: &str| {
            is_pseudonym_of(key, kind, who, id) || is_pseudonym_of(key, kind, &collapsed, id)
        };
        let at = pair_rows.iter().position(|(me, _)| is(Kind::Mentee, me));
        let Some(at) = at.filter(|_| !said_mentor) else {
            if said_mentor || pair_rows.iter().any(|(_, mr)| is(Kind::Mentor, mr)) {
                placed.mentors += 1;
            } else {
                placed.unplaced += 1;
            }
            continue;
        };
        let mut values = Vec::with_capacity(cols.len());
        for (column, c) in map.columns.iter().zip(&cols) {
            let c = c.expect("checked above");
            let cell = &row.cells[c];
            if cell.trim().is_empty() {
                values.push(String::new());
                continue;
            }
            match answer(column, cell) {
                Some(v) => values.push(v),
                None => {
                    errors.push(
                        InputError::new(
                            &survey.path,
                            format!(
                                "a number, yes or no, or an answer label of [values.{}] in the \
                                 mapping",
                                column.name
                            ),
                        )
                        .at(row.line, c + 1)
                        .field(survey.header[c].clone())
                        .problem("this answer has no value (it is not shown)"),
                    );
                    values.push(String::new());
                }
            }
        }
        // A later submission of the same mentee replaces the earlier one.
        if answers[at].replace(values).is_some() {
            placed.superseded += 1;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = CsvOut::new();
    let mut header = vec!["mentee".to_string(), "mentor".to_string()];
    header.extend(map.columns.iter().map(|c| c.name.clone()));
    out.row(header);
    for ((me, mr), a) in pair_rows.iter().zip(&answers) {
        let mut cells = vec![me.to_string(), mr.to_string()];
        match a {
            Some(v) => {
                if v.iter().any(|x| !x.is_empty()) {
                    placed.answered += 1;
                }
                cells.extend(v.iter().cloned());
            }
            None => cells.extend(map.columns.iter().map(|_| String::new())),
        }
        out.row(cells);
    }
    placed.csv = out.finish();
    Ok(placed)
}
