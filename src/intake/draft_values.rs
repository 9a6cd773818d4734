//! The answers part of a draft mapping (`dyad import --suggest`): which column holds a closed
//! field judged by its answers, and a line for every distinct answer of every mapped field that
//! the import does not read as it is — a `[values.FIELD]` entry, or a `# TODO` line for the
//! answers it could not place.

use std::collections::{BTreeMap, BTreeSet};

use super::languages::iso_language;
use super::mapping::Mapping;
use super::raw::{year_of, zip3_of};
use super::values::{self, answers};
use super::vocabulary::{Group, Terms, Vocabulary};
use crate::io::csvread::CsvFile;

/// Fields recognised by their answers when no header names them.
pub const BY_ANSWERS: [&str; 5] = [
    "identities",
    "wants_shared",
    "meeting_format",
    "languages",
    "specialty",
];

/// Whether a field's cells hold several answers.
fn is_list(field: &str) -> bool {
    !matches!(field, "meeting_format" | "specialty")
}

fn comma() -> Mapping {
    Mapping {
        separator: ",".to_string(),
        ..Mapping::identity(&[], &[])
    }
}

/// A known term written in parentheses in an answer label: "Under-represented (URM)" → urm.
fn abbreviation(label: &str, terms: &Terms) -> Option<String> {
    let inner = label.rsplit_once('(')?.1.strip_suffix(')')?;
    terms.term(inner).map(str::to_string)
}

/// Known terms for an unknown answer, nearest first.
fn placed(label: &str, terms: &Terms) -> Vec<String> {
    if let Some(t) = abbreviation(label, terms) {
        return vec![t];
    }
    let near: Vec<String> = terms
        .nearest(label)
        .into_iter()
        .map(str::to_string)
        .collect();
    if near.is_empty() {
        terms
            .within(label)
            .map(str::to_string)
            .into_iter()
            .collect()
    } else {
        near
    }
}

/// The share of a column's answers that are terms of a field's vocabulary (or answers that a
/// term can be found for); 0 for a column without answers.
pub fn share_of_terms(file: &CsvFile, col: usize, field: &str, vocab: &Vocabulary) -> f64 {
    let Some(group) = Group::of(field) else {
        return 0.0;
    };
    let terms = vocab.group(group);
    let (mut known, mut all) = (0usize, 0usize);
    for row in &file.rows {
        let a = answers(&row.cells[col], field, &comma(), terms, is_list(field));
        all += a.terms.len();
        known += a.terms.len() - a.unknown.len();
        known += a
            .unknown
            .iter()
            .filter(|u| {
                abbreviation(u, terms).is_some()
                    || (group == Group::Languages && iso_language(u).is_some())
            })
            .count();
    }
    if all == 0 {
        0.0
    } else {
        known as f64 / all as f64
    }
}

/// One `[values.TABLE]` of the draft.
#[derive(Default)]
struct Table {
    /// Label → (the TOML value, the comment).
    entries: BTreeMap<String, (String, String)>,
    /// Answers read as they are (as the terms they are).
    known: BTreeSet<String>,
    /// Languages outside the vocabulary that ISO 639 knows.
    languages: BTreeSet<String>,
    /// Answers of open fields kept as written (no term near).
    kept: BTreeSet<String>,
    /// Answers not placed: label → what the coordinator chooses among.
    todo: BTreeMap<String, String>,
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A number as TOML writes it (1.5, 2).
fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// The answers of a vocabulary field.
fn vocabulary_field(
    file: &CsvFile,
    col: usize,
    field: &str,
    mapping: &Mapping,
    vocab: &Vocabulary,
    t: &mut Table,
) {
    let group = Group::of(field).expect("a vocabulary field");
    let terms = vocab.group(group);
    for row in &file.rows {
        let a = answers(&row.cells[col], field, mapping, terms, is_list(field));
        for term in a.terms.iter().filter(|t| !a.unknown.contains(t)) {
            t.known.insert(term.clone());
        }
        for label in a.unknown {
            let near = placed(&label, terms);
            if let Some((best, rest)) = near.split_first() {
                let mut comment = if abbreviation(&label, terms).is_some() {
                    "the term in parentheses".to_string()
                } else {
                    "nearest known term".to_string()
                };
                if !rest.is_empty() {
                    comment.push_str(&format!("; others: {}", rest.join(", ")));
                }
                t.entries.insert(label, (quoted(best), comment));
            } else if group == Group::Languages && iso_language(&label).is_some() {
                t.languages.insert(label);
            } else if terms.closed {
                t.todo
                    .insert(label, format!("one of: {}", terms.terms.join(", ")));
            } else {
                t.kept.insert(label);
            }
        }
    }
}

/// The answers of hours or capacity: numbers are read as they are, ranges and estimates become
/// entries with their middle, the rest are TODO.
fn number_field(file: &CsvFile, col: usize, field: &str, t: &mut Table) {
    let whole = field == "capacity";
    for row in &file.rows {
        let cell = row.cells[col].trim();
        if cell.is_empty() {
            continue;
        }
        let read = if whole {
            values::capacity(cell)
        } else {
            values::hours(cell)
        };
        if let Some(n) = read {
            t.known.insert(n);
            continue;
        }
        match values::estimate(cell) {
            Some((n, why)) if !whole || n.fract() == 0.0 => {
                t.entries.insert(cell.to_string(), (number(n), why));
            }
            _ => {
                let want = if whole {
                    "a whole number of mentees"
                } else {
                    "a number of hours a month"
                };
                t.todo.insert(cell.to_string(), want.to_string());
            }
        }
    }
}

/// The draft's `[values.FIELD]` tables for the mapped columns of each file, and `# TODO` lines
/// for answers of ZIP codes and training dates that no label can fix (by row, never by value).
pub fn lines(
    files: &[(&CsvFile, &BTreeMap<String, usize>)],
    separator: &str,
    vocab: &Vocabulary,
) -> String {
    let mapping = Mapping {
        separator: separator.to_string(),
        ..Mapping::identity(&[], &[])
    };
    let mut tables: BTreeMap<&str, Table> = BTreeMap::new();
    let mut unreadable: Vec<String> = Vec::new();
    for (file, chosen) in files {
        for (field, &col) in chosen.iter() {
            let field = field.as_str();
            if let Some(group) = Group::of(field) {
                let t = tables.entry(group.table()).or_default();
                vocabulary_field(file, col, field, &mapping, vocab, t);
            } else if matches!(field, "hours_per_month" | "capacity") {
                let table = if field == "capacity" {
                    "capacity"
                } else {
                    "hours_per_month"
                };
                number_field(file, col, field, tables.entry(table).or_default());
            } else if matches!(field, "zip" | "training_completed") {
                let bad: Vec<String> = file
                    .rows
                    .iter()
                    .filter(|r| {
                        let c = r.cells[col].trim();
                        !c.is_empty()
                            && if field == "zip" {
                                zip3_of(c).is_none()
                            } else {
                                year_of(c).is_none()
                            }
                    })
                    .map(|r| r.line.to_string())
                    .collect();
                if !bad.is_empty() {
                    let what = if field == "zip" {
                        "a ZIP code"
                    } else {
                        "a year or a date with a four-digit year"
                    };
                    unreadable.push(format!(
                        "# TODO {field}: rows {} of {} are not {what}; no label can place them\n",
                        bad.join(", "),
                        file.path.display()
                    ));
                }
            }
        }
    }
    let mut out = String::new();
    for (name, t) in tables {
        out.push_str(&format!("\n[values.{name}]\n"));
        for (label, (value, comment)) in &t.entries {
            out.push_str(&format!("{} = {value}   # {comment}\n", quoted(label)));
        }
        for (label, choose) in &t.todo {
            out.push_str(&format!(
                "# TODO {} = \"\"   # not placed: {choose}\n",
                quoted(label)
            ));
        }
        let list = |set: &BTreeSet<String>| -> String {
            set.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ")
        };
        if !t.languages.is_empty() {
            out.push_str(&format!(
                "# languages known to ISO 639 but not to the vocabulary, kept as written: {}\n",
                list(&t.languages)
            ));
        }
        if !t.kept.is_empty() {
            out.push_str(&format!(
                "# no known term near, kept as written (they match the same answer only): {}\n",
                list(&t.kept)
            ));
        }
        if !t.known.is_empty() {
            out.push_str(&format!("# read as they are: {}\n", list(&t.known)));
        }
    }
    for line in unreadable {
        out.push('\n');
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(text: &str) -> CsvFile {
        CsvFile::parse(Path::new("export.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn identity_answers_make_an_identities_column() {
        let f = file(
            "I identify as,Hobbies\n\"Woman, Under-represented in medicine (URM)\",Chess\nLGBTQ+,\"Hiking, Chess\"\n",
        );
        let v = Vocabulary::builtin();
        assert_eq!(share_of_terms(&f, 0, "identities", &v), 1.0);
        assert_eq!(share_of_terms(&f, 1, "identities", &v), 0.0);
    }

    #[test]
    fn every_answer_gets_a_line() {
        let f = file(
            "Identities,Hours,Languages,Format\n\
             \"Woman, Martian\",1-2,\"English, Twi\",Zoom\n\
             Under-represented group (URM),2\u{2013}3 hours,Gujarati,Whenever\n\
             ,a lot,Elvish,Virtual\n",
        );
        let chosen: BTreeMap<String, usize> = [
            ("identities", 0),
            ("hours_per_month", 1),
            ("languages", 2),
            ("meeting_format", 3),
        ]
        .into_iter()
        .map(|(f, c)| (f.to_string(), c))
        .collect();
        let text = lines(&[(&f, &chosen)], ",", &Vocabulary::builtin());
        for line in [
            "\"Under-represented group (URM)\" = \"urm\"",
            "# TODO \"Martian\" = \"\"",
            "\"1-2\" = 1.5   # the middle of 1 to 2",
            "\"2\u{2013}3 hours\" = 2.5",
            "# TODO \"a lot\" = \"\"",
            "ISO 639 but not to the vocabulary, kept as written: \"Gujarati\", \"Twi\"",
            "kept as written (they match the same answer only): \"Elvish\"",
            "# TODO \"Whenever\" = \"\"",
            "# read as they are: \"virtual\"",
        ] {
            assert!(text.contains(line), "{line}\n{text}");
        }
        // The entries are TOML a mapping reads.
        let m = Mapping::parse(&text, Path::new("draft.toml")).unwrap();
        assert_eq!(m.label("hours_per_month", "1-2"), Some("1.5"));
    }
}
