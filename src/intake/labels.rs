//! The `[values.FIELD]` tables of a mapping: answer labels and what each stands for. A label may
//! stand for a term ("Woman" = "woman") or a number ("1-2" = 1.5, for hours and capacity). A
//! table for a field that takes no labels is refused at its line (a typo must not pass in
//! silence), and an entry no answer uses is reported at its line.

use serde::Deserialize;

use super::fold::fold;
use super::vocabulary::Group;
use crate::error::InputError;
use std::path::Path;

/// What a label stands for, as written in the mapping: text or a number.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum Term {
    Text(String),
    Whole(i64),
    Number(f64),
}

impl Term {
    /// The term as the pool writes it (a number as written: 1.5, 2).
    pub(super) fn text(self) -> String {
        match self {
            Term::Text(t) => t.trim().to_lowercase(),
            Term::Whole(n) => n.to_string(),
            Term::Number(x) => x.to_string(),
        }
    }
}

/// One entry of a `[values.FIELD]` table, where the mapping has it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelEntry {
    /// The table's name (a field, `role`, or a vocabulary group).
    pub table: String,
    /// The label as written.
    pub label: String,
    /// Its line in the mapping file, when found.
    pub line: Option<usize>,
}

/// Fields whose answers are read through labels, besides the vocabulary groups' tables.
const LABELLED: [&str; 11] = [
    "role",
    "identities",
    "wants_shared",
    "goals",
    "challenges",
    "expertise",
    "meeting_format",
    "languages",
    "specialty",
    "hours_per_month",
    "capacity",
];

/// The singular of a vocabulary group's table, also accepted as a table name.
pub(super) fn singular(table: &str) -> &str {
    match table {
        "identities" => "identity",
        "specialties" => "specialty",
        t => t.strip_suffix('s').unwrap_or(t),
    }
}

/// The table names a mapping may have: labelled fields, vocabulary groups (plural or singular)
/// and `extra` (the outcome fields of the same file).
fn known_tables(extra: &[String]) -> Vec<String> {
    let groups = [
        Group::Identities,
        Group::MeetingFormat,
        Group::Topics,
        Group::Languages,
        Group::Specialties,
    ];
    LABELLED
        .iter()
        .map(|s| s.to_string())
        .chain(groups.iter().map(|g| g.table().to_string()))
        .chain(groups.iter().map(|g| singular(g.table()).to_string()))
        .chain(extra.iter().cloned())
        .collect()
}

/// The line of `[values.NAME]` (or `[values."NAME"]`) in the mapping's text.
fn table_line(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.strip_prefix("[values.")
                .and_then(|rest| rest.split_once(']'))
                .is_some_and(|(inner, _)| inner.trim().trim_matches('"') == name)
        })
        .map(|i| i + 1)
}

/// The key of a `key = value` line: quoted or bare.
fn key_of(line: &str) -> Option<String> {
    let l = line.trim();
    if let Some(rest) = l.strip_prefix('"') {
        let end = rest.find('"')?;
        return Some(rest[..end].to_string());
    }
    let (key, _) = l.split_once('=')?;
    (!key.trim().is_empty() && !key.contains('[')).then(|| key.trim().to_string())
}

/// The line of a label's entry in its table, looked for from the table's header on.
fn entry_line(text: &str, table: Option<usize>, label: &str) -> Option<usize> {
    let start = table?;
    let want = fold(label);
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| key_of(l).is_some_and(|k| fold(&k) == want))
        .map(|(i, _)| i + 1)
}

/// Checks the table names of a mapping and gives its entries with their lines. `extra` are other
/// names that may have a table (the outcome fields). A table for any other name is an error at
/// its line.
pub(super) fn entries(
    text: &str,
    file: &Path,
    tables: &[(String, Vec<String>)],
    extra: &[String],
) -> Result<Vec<LabelEntry>, InputError> {
    let known = known_tables(extra);
    let mut out = Vec::new();
    for (table, labels) in tables {
        let at = table_line(text, table);
        if !known.contains(table) {
            return Err(InputError::new(
                file,
                format!(
                    "a table [values.FIELD] for a field whose answers take labels: {}",
                    LABELLED.join(", ")
                ),
            )
            .line(at.unwrap_or(1))
            .field(format!("values.{table}"))
            .problem("no such field"));
        }
        for label in labels {
            out.push(LabelEntry {
                table: table.clone(),
                label: label.clone(),
                line: entry_line(text, at, label),
            });
        }
    }
    Ok(out)
}

/// Whether a table serves a field: its own table, its vocabulary group's, or the group's
/// singular.
pub fn serves(table: &str, field: &str) -> bool {
    table == field
        || Group::of(field).is_some_and(|g| table == g.table() || table == singular(g.table()))
}

/// Whether some answer uses a label: an answer of a field the table serves holds the label's
/// words (a multi-select cell holds several labels).
pub fn used<'a>(entry: &LabelEntry, cells: impl IntoIterator<Item = &'a str>) -> bool {
    let want = fold(&entry.label);
    cells.into_iter().any(|c| {
        let cell = fold(c);
        cell == want
            || (!want.is_empty()
                && cell
                    .match_indices(&want)
                    .any(|(i, _)| boundary(&cell, i, want.len())))
    })
}

/// Whether `cell[i..i + len]` starts and ends at an answer's edge (start, end, or a separator).
fn boundary(cell: &str, i: usize, len: usize) -> bool {
    let before = cell[..i].trim_end();
    let after = cell[i + len..].trim_start();
    let edge = |s: Option<char>| s.is_none_or(|c| matches!(c, ',' | ';' | '|' | '/'));
    edge(before.chars().next_back()) && edge(after.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[mentees]\nid = \"Email\"\n\n[values.hours_per_month]\n\"1-2\" = 1.5\nabout2 = \"2\"\n\n[values.\"identities\"]\n\"Woman\" = \"woman\"\n";

    fn tables(list: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        list.iter()
            .map(|(t, l)| (t.to_string(), l.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn entries_carry_their_lines() {
        let t = tables(&[
            ("hours_per_month", &["1-2", "about2"]),
            ("identities", &["Woman"]),
        ]);
        let e = entries(TEXT, Path::new("m.toml"), &t, &[]).unwrap();
        let lines: Vec<Option<usize>> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(5), Some(6), Some(9)]);
    }

    #[test]
    fn a_table_for_no_field_is_refused_at_its_line() {
        let text = "[values.hours_per_mnth]\n\"1-2\" = 1.5\n";
        let t = tables(&[("hours_per_mnth", &["1-2"])]);
        let e = entries(text, Path::new("m.toml"), &t, &[]).unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
        assert!(e.to_string().contains("values.hours_per_mnth"), "{e}");
        // The outcome fields of the same mapping may have tables.
        assert!(entries(text, Path::new("m.toml"), &t, &["hours_per_mnth".into()]).is_ok());
        // A group's table, plural or singular, serves its fields.
        assert!(serves("topics", "goals") && serves("identity", "wants_shared"));
        assert!(!serves("topics", "identities"));
    }

    #[test]
    fn a_label_is_used_when_an_answer_holds_it_whole() {
        let e = LabelEntry {
            table: "identities".into(),
            label: "Woman".into(),
            line: None,
        };
        assert!(used(&e, ["Woman, LGBTQ+"]));
        assert!(used(&e, ["IMG;woman"]));
        assert!(!used(&e, ["Transgender woman"]));
        assert!(!used(&e, ["Man", ""]));
    }
}
