//! The mapping of an intake export onto the pool (`configs/intake.toml`): which column feeds each
//! field, which identifies a person, which is the timestamp, the list separator, and the answer
//! labels of each field. `dyad anonymize` uses the identity mapping of an export already in the
//! schema's column names.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::fold::fold;
use super::labels::{self, LabelEntry, Term};
use super::raw::{RawColumn, classify};
use crate::error::InputError;
use crate::pool::{MENTEE_COLUMNS, MENTOR_COLUMNS};

/// The role of a side of the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The mentees' side (`mentees.csv`).
    Mentees,
    /// The mentors' side (`mentors.csv`).
    Mentors,
}

impl Side {
    /// The side's table name in a mapping and its file's stem: `mentees` or `mentors`.
    pub fn table(self) -> &'static str {
        match self {
            Side::Mentees => "mentees",
            Side::Mentors => "mentors",
        }
    }

    /// The pool file's columns.
    pub fn schema(self) -> &'static [&'static str] {
        match self {
            Side::Mentees => &MENTEE_COLUMNS,
            Side::Mentors => &MENTOR_COLUMNS,
        }
    }

    /// The mapping's field names: the person fields and the schema's (`zip` for `zip3`).
    pub fn fields(self) -> Vec<&'static str> {
        let mut f = vec!["id", "timestamp", "name", "email", "zip"];
        f.extend(
            self.schema()
                .iter()
                .filter(|c| !matches!(**c, "id" | "zip3")),
        );
        f
    }
}

/// Fields a person must answer to be matched (the others may be empty).
pub const REQUIRED: [&str; 6] = [
    "zip",
    "specialty",
    "training_completed",
    "meeting_format",
    "hours_per_month",
    "capacity",
];

/// Which column feeds each field of one side: field → header text, as written in the mapping.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SideMap {
    /// Pool field (`zip3`, `goals` …) → the export's column header that feeds it.
    pub fields: BTreeMap<String, String>,
}

impl SideMap {
    /// The export's header that feeds `field`, if the mapping names one.
    pub fn header(&self, field: &str) -> Option<&str> {
        self.fields.get(field).map(String::as_str)
    }
}

/// One export with a role column.
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    /// The header of the role column.
    pub role: String,
}

/// A whole mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The columns of the mentees' side (`[mentees]`).
    pub mentees: SideMap,
    /// The columns of the mentors' side (`[mentors]`).
    pub mentors: SideMap,
    /// Between the answers of a multi-select cell (`;` always separates too).
    pub separator: String,
    /// Field (or `role`, or a vocabulary table) → folded answer label → term.
    pub values: HashMap<String, HashMap<String, String>>,
    /// The entries of the `[values.FIELD]` tables as written, with their lines.
    pub entries: Vec<LabelEntry>,
    /// When both sides come in one export: how its role column tells them apart.
    pub responses: Option<Responses>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    mentees: BTreeMap<String, String>,
    #[serde(default)]
    mentors: BTreeMap<String, String>,
    lists: Option<Lists>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, Term>>,
    responses: Option<ResponsesFile>,
    /// The end-of-program survey's columns, read by `dyad outcomes`
    /// ([`super::outcomes::OutcomeMap`]); the import passes over it.
    #[serde(rename = "outcomes")]
    _outcomes: Option<toml::Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    separator: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponsesFile {
    role: String,
}

/// The line of the first line of `text` that starts with `key` (for messages about a key).
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches('"');
            l.starts_with(key)
        })
        .map(|i| i + 1)
}

/// The line of `key` inside the table `[table]` (for messages about a key of that table).
fn line_in(text: &str, table: &str, key: &str) -> Option<usize> {
    let header = format!("[{table}]");
    let start = text.lines().position(|l| l.trim() == header)?;
    text.lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find(|(_, l)| {
            let l = l.trim_start().trim_start_matches('"');
            l.starts_with(key)
                && l[key.len()..]
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with('=')
        })
        .map(|(i, _)| i + 1)
}

/// The fields whose answers are written into the pool as they are (the others become a
/// pseudonym, a ZIP3 or a year, or are read only by `dyad introductions`).
const KEPT: [&str; 10] = [
    "specialty",
    "identities",
    "wants_shared",
    "goals",
    "challenges",
    "expertise",
    "meeting_format",
    "hours_per_month",
    "capacity",
    "languages",
];

/// Refuses a mapping that would carry a direct identifier into the pool: a field kept as it is
/// fed by a column whose header names an identifier (a name, an email, a phone, a date, an
/// address …), or by the column the mapping itself names as the id, name, email or timestamp.
fn refuse_identifiers(
    text: &str,
    file: &Path,
    side: Side,
    fields: &BTreeMap<String, String>,
) -> Result<(), InputError> {
    let person: Vec<(&str, String)> = ["id", "name", "email", "timestamp"]
        .into_iter()
        .filter_map(|f| fields.get(f).map(|h| (f, fold(h))))
        .collect();
    for (k, header) in fields {
        if !KEPT.contains(&k.as_str()) {
            continue;
        }
        // "How many hours per month": a number of hours is no date (and a date in that column
        // would fail as a number anyway).
        let numeric = matches!(k.as_str(), "hours_per_month" | "capacity");
        let kind = crate::privacy::column_identifier(header)
            .filter(|kind| !(numeric && *kind == crate::privacy::Identifier::Date));
        let holds = match kind {
            Some(kind) => kind.describe().to_string(),
            None => match person.iter().find(|(_, h)| *h == fold(header)) {
                Some((f, _)) => format!("what the mapping names as {}.{f}", side.table()),
                None => continue,
            },
        };
        return Err(InputError::new(
            file,
            "a column of answers for this field, never one of a direct identifier (remove the \
             line, or name the column that holds the answers)",
        )
        .line(line_in(text, side.table(), k).unwrap_or(1))
        .field(format!("{}.{k}", side.table()))
        .problem(format!(
            "the column \"{header}\" holds {holds}, which must never reach the pool"
        )));
    }
    Ok(())
}

/// The fields of an `[outcomes]` table in the same file (they may have `[values.FIELD]` tables).
fn outcome_fields(text: &str) -> Vec<String> {
    toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| t.get("outcomes").and_then(|o| o.as_table()).cloned())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

impl Mapping {
    /// Parses a mapping file; `file` is only used in messages.
    pub fn parse(text: &str, file: &Path) -> Result<Mapping, InputError> {
        let raw: File = toml::from_str(text).map_err(|e| {
            let mut err = InputError::new(
                file,
                "a mapping with tables [mentees], [mentors], [lists], [values.FIELD] and \
                 optionally [responses]",
            )
            .problem(e.message().to_string());
            if let Some(span) = e.span() {
                err = err.line(text[..span.start].matches('\n').count() + 1);
            }
            err
        })?;
        let side = |side: Side, fields: BTreeMap<String, String>| {
            let known = side.fields();
            for (k, header) in &fields {
                let at = line_of(text, k).unwrap_or(1);
                if !known.contains(&k.as_str()) {
                    return Err(
                        InputError::new(file, format!("one of {}", known.join(", ")))
                            .line(at)
                            .field(format!("{}.{k}", side.table()))
                            .problem("not a field of the pool"),
                    );
                }
                if fold(header).is_empty() {
                    return Err(InputError::new(file, "the header text of a column")
                        .line(at)
                        .field(format!("{}.{k}", side.table()))
                        .problem("empty header"));
                }
            }
            refuse_identifiers(text, file, side, &fields)?;
            Ok(SideMap { fields })
        };
        let mentees = side(Side::Mentees, raw.mentees)?;
        let mentors = side(Side::Mentors, raw.mentors)?;
        let separator = raw.lists.map_or_else(|| ";".to_string(), |l| l.separator);
        if separator.trim().is_empty() || separator.chars().count() != 1 {
            return Err(
                InputError::new(file, "one character, such as \",\" or \";\"")
                    .line(line_of(text, "separator").unwrap_or(1))
                    .field("lists.separator"),
            );
        }
        let tables: Vec<(String, Vec<String>)> = raw
            .values
            .iter()
            .map(|(t, labels)| (t.clone(), labels.keys().cloned().collect()))
            .collect();
        let entries = labels::entries(text, file, &tables, &outcome_fields(text))?;
        let values = raw
            .values
            .into_iter()
            .map(|(field, labels)| {
                let labels = labels
                    .into_iter()
                    .map(|(label, term)| (fold(&label), term.text()))
                    .collect();
                (field, labels)
            })
            .collect();
        Ok(Mapping {
            mentees,
            mentors,
            separator: separator.trim().to_string(),
            values,
            entries,
            responses: raw.responses.map(|r| Responses { role: r.role }),
        })
    }

    /// The mapping of an export whose headers are already the schema's column names (as
    /// `dyad anonymize` takes them): every schema column by its own name, `;` between answers.
    pub fn identity(mentee_header: &[String], mentor_header: &[String]) -> Mapping {
        let side = |header: &[String], schema: &[&'static str]| {
            let mut fields = BTreeMap::new();
            for h in header {
                let field = match classify(h, schema) {
                    RawColumn::Id => "id",
                    RawColumn::Zip => "zip",
                    RawColumn::TrainingCompleted => "training_completed",
                    RawColumn::HealthSystem => "health_system",
                    RawColumn::Keep(c) => c,
                    RawColumn::Drop(_) => continue,
                };
                fields.entry(field.to_string()).or_insert_with(|| h.clone());
            }
            SideMap { fields }
        };
        Mapping {
            mentees: side(mentee_header, &MENTEE_COLUMNS),
            mentors: side(mentor_header, &MENTOR_COLUMNS),
            separator: ";".to_string(),
            values: HashMap::new(),
            entries: Vec::new(),
            responses: None,
        }
    }

    /// The columns of one side.
    pub fn side(&self, side: Side) -> &SideMap {
        match side {
            Side::Mentees => &self.mentees,
            Side::Mentors => &self.mentors,
        }
    }

    /// The term an answer label stands for in a field, looked up under the field's own table
    /// and then under its vocabulary group's (`[values.identities]` serves `wants_shared`).
    pub fn label(&self, field: &str, answer: &str) -> Option<&str> {
        let key = fold(answer);
        let group = super::vocabulary::Group::of(field).map(|g| g.table());
        [Some(field), group, group.map(labels::singular)]
            .into_iter()
            .flatten()
            .find_map(|t| self.values.get(t).and_then(|l| l.get(&key)))
            .map(String::as_str)
    }

    /// Whether any label of a field (or of its group) folds to `answer`.
    pub fn has_label(&self, field: &str, answer: &str) -> bool {
        self.label(field, answer).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPPING: &str = r#"
[mentees]
id = "Email Address"
timestamp = "Timestamp"
zip = "ZIP code"
goals = "Goals"

[mentors]
id = "Email"

[lists]
separator = ","

[values.identities]
"Under-represented in medicine (URM)" = "urm"
[values.meeting_format]
"Either / no preference" = "either"
"#;

    #[test]
    fn a_mapping_reads_fields_separator_and_labels() {
        let m = Mapping::parse(MAPPING, Path::new("intake.toml")).unwrap();
        assert_eq!(m.mentees.header("zip"), Some("ZIP code"));
        assert_eq!(m.mentors.header("id"), Some("Email"));
        assert_eq!(m.separator, ",");
        assert_eq!(
            m.label("wants_shared", "under-represented in MEDICINE (urm)"),
            Some("urm")
        );
        assert_eq!(
            m.label("meeting_format", "Either /  no preference"),
            Some("either")
        );
        assert_eq!(m.label("goals", "Either / no preference"), None);
    }

    #[test]
    fn an_unknown_field_names_its_line() {
        let text = "[mentees]\nid = \"Email\"\nfavourite_colour = \"Colour\"\n";
        let e = Mapping::parse(text, Path::new("intake.toml")).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.to_string().contains("mentees.favourite_colour"), "{e}");
    }

    #[test]
    fn an_identifier_column_can_never_feed_a_pool_field() {
        let text = "[mentees]\nid = \"Staff number\"\ngoals = \"Goals\"\n\n[mentors]\n\
                    id = \"Staff number\"\nname = \"Q3\"\nexpertise = \"Q3\"\n";
        let e = Mapping::parse(text, Path::new("intake.toml")).unwrap_err();
        assert_eq!(e.line, Some(8), "{e}");
        assert_eq!(e.field.as_deref(), Some("mentors.expertise"));
        assert!(e.to_string().contains("mentors.name"), "{e}");
        let text = "[mentees]\nid = \"Email\"\ngoals = \"Home address\"\n";
        let e = Mapping::parse(text, Path::new("intake.toml")).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.to_string().contains("an address"), "{e}");
        let shipped = include_str!("../../../../configs/intake.toml");
        if let Err(e) = Mapping::parse(shipped, Path::new("intake.toml")) {
            panic!("{e}");
        }
    }

    #[test]
    fn the_identity_mapping_names_schema_columns() {
        let h = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        let m = Mapping::identity(&h("id,Name,zip,goals"), &h("ID,expertise,capacity"));
        assert_eq!(m.mentees.header("zip"), Some("zip"));
        assert_eq!(m.mentees.header("name"), None);
        assert_eq!(m.mentors.header("id"), Some("ID"));
        assert_eq!(m.mentors.header("capacity"), Some("capacity"));
    }
}
