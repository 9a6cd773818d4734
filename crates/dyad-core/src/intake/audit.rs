//! The vocabulary report of a pool file: answers outside the vocabulary, and list cells whose
//! text splits at commas into known terms (several answers joined with a comma where the pool
//! wants `;`: "research, promotion" would be one goal nobody shares).

use std::collections::BTreeMap;

use super::mapping::Mapping;
use super::values::answers;
use super::vocabulary::{Group, Vocabulary};
use crate::io::csvread::CsvFile;

/// What is wrong with a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// Several known terms joined with commas in one list item.
    Joined,
    /// Not a term of a closed field.
    Unknown,
    /// Not a term of an open field (kept, but it matches nothing spelled otherwise).
    UnknownOpen,
}

/// One term of one column, with the rows it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What is wrong with the term.
    pub problem: Problem,
    /// The pool column it is in (`languages`, `goals` …).
    pub column: String,
    /// The term as written.
    pub term: String,
    /// Lines of the file, in order.
    pub lines: Vec<usize>,
    /// The known terms closest in spelling, closest first, for a "did you mean".
    pub nearest: Vec<String>,
}

/// The vocabulary findings of a pool file (columns by the schema's names), most serious first.
pub fn audit(file: &CsvFile, vocab: &Vocabulary) -> Vec<Finding> {
    let mapping = Mapping::identity(&[], &[]);
    let mut found: BTreeMap<(Problem, String, String), Finding> = BTreeMap::new();
    for (col, name) in file.header.iter().enumerate() {
        let column = name.to_lowercase();
        let Some(group) = Group::of(&column) else {
            continue;
        };
        let terms = vocab.group(group);
        let list = !matches!(group, Group::MeetingFormat | Group::Specialties);
        for row in &file.rows {
            let Some(cell) = row.cells.get(col) else {
                continue;
            };
            let a = answers(cell, &column, &mapping, terms, list);
            let terms_of = a.unknown.iter().map(|t| crate::pool::normalize(t));
            // A language ISO 639 knows is a language: it matches everyone who names it.
            let outside = terms_of.filter(|t| {
                group != Group::Languages || super::languages::iso_language(t).is_none()
            });
            for term in outside {
                let splits = term.contains(',') && term.split(',').all(|p| terms.term(p).is_some());
                let problem = if splits {
                    Problem::Joined
                } else if terms.closed {
                    Problem::Unknown
                } else {
                    Problem::UnknownOpen
                };
                found
                    .entry((problem, column.clone(), term.clone()))
                    .or_insert_with(|| Finding {
                        problem,
                        column: column.clone(),
                        nearest: terms
                            .nearest(&term)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                        term,
                        lines: Vec::new(),
                    })
                    .lines
                    .push(row.line);
            }
        }
    }
    found.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn joined_unknown_and_misspelt_terms_are_found_with_their_lines() {
        let text = "id,identities,goals,meeting_format\n\
                    ME-1,woman,\"Research, Promotion\",virtual\n\
                    ME-2,martian,work life balanse,either\n\
                    ME-3,img,research;promotion,zoom\n";
        // Languages ISO 639 knows are no finding; an unknown one is.
        let text = text
            .replace("zoom\n", "zoom,twi;gujarati\n")
            .replacen(
                "id,identities,goals,meeting_format",
                "id,identities,goals,meeting_format,languages",
                1,
            )
            .replace("virtual\n", "virtual,english\n")
            .replace("either\n", "either,elvish\n");
        let file = CsvFile::parse(Path::new("mentees.csv"), text.as_bytes()).unwrap();
        let found = audit(&file, &Vocabulary::builtin());
        let joined = &found[0];
        assert_eq!(
            (joined.problem, joined.column.as_str()),
            (Problem::Joined, "goals")
        );
        assert_eq!(joined.lines, [2]);
        assert_eq!(found[1].problem, Problem::Unknown);
        assert_eq!(found[1].term, "martian");
        let open = &found[2];
        assert_eq!(open.problem, Problem::UnknownOpen);
        assert_eq!(
            open.nearest.first().map(String::as_str),
            Some("work-life balance")
        );
        assert_eq!(found[3].term, "elvish");
        // Synonyms ("zoom" for virtual) and `;` lists are not findings.
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn the_sample_pool_has_no_findings() {
        for bytes in [
            crate::embedded::SAMPLE_MENTEES,
            crate::embedded::SAMPLE_MENTORS,
        ] {
            let file = CsvFile::parse(Path::new("sample.csv"), bytes).unwrap();
            assert_eq!(audit(&file, &Vocabulary::builtin()), []);
        }
    }
}
