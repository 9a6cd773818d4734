//! The controlled vocabulary of the pool's list and choice fields (`configs/vocabulary.toml`,
//! built in when that file is missing): each term with its synonyms, per group of fields. Closed
//! groups (identities, meeting formats) admit only their terms; open groups keep unknown terms
//! and report them with the nearest known ones.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::fold::fold;
use crate::criteria::specialty::SpecialtyFamilies;
use crate::error::InputError;

/// The vocabulary shipped with dyad.
pub const BUILTIN: &str = include_str!("../../../../configs/vocabulary.toml");

/// A group of fields that share terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// The `identities` columns.
    Identities,
    /// The `meeting_format` column.
    MeetingFormat,
    /// Goals, challenges and expertise: one vocabulary, so a goal can meet an expertise.
    Topics,
    /// The `languages` columns.
    Languages,
    /// The `specialty` columns.
    Specialties,
}

impl Group {
    /// The group of a pool column, if it has one.
    pub fn of(column: &str) -> Option<Group> {
        Some(match column {
            "identities" | "wants_shared" => Group::Identities,
            "meeting_format" => Group::MeetingFormat,
            "goals" | "challenges" | "expertise" => Group::Topics,
            "languages" => Group::Languages,
            "specialty" => Group::Specialties,
            _ => return None,
        })
    }

    /// Its table in the vocabulary file.
    pub fn table(self) -> &'static str {
        match self {
            Group::Identities => "identities",
            Group::MeetingFormat => "meeting_format",
            Group::Topics => "topics",
            Group::Languages => "languages",
            Group::Specialties => "specialties",
        }
    }

    const ALL: [Group; 5] = [
        Group::Identities,
        Group::MeetingFormat,
        Group::Topics,
        Group::Languages,
        Group::Specialties,
    ];
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    #[serde(default)]
    closed: bool,
    #[serde(default)]
    terms: BTreeMap<String, Vec<String>>,
}

/// The terms of one group.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// Whether only the known terms are accepted (an unknown one is an error, not a warning).
    pub closed: bool,
    /// Known terms, as the pool writes them, sorted.
    pub terms: Vec<String>,
    /// Folded term or synonym → term.
    lookup: HashMap<String, String>,
}

impl Terms {
    /// The term a text stands for (itself or a synonym), if known.
    pub fn term(&self, text: &str) -> Option<&str> {
        self.lookup.get(&fold(text)).map(String::as_str)
    }

    /// The term whose longest spelling appears in the text as whole words ("Either / no
    /// preference, whichever works" holds "no preference"), if any.
    pub fn within(&self, text: &str) -> Option<&str> {
        let padded = format!(" {} ", fold(text).replace(['/', '(', ')', ','], " "));
        self.lookup
            .iter()
            .filter(|(k, _)| padded.contains(&format!(" {k} ")))
            .max_by_key(|(k, _)| (k.len(), std::cmp::Reverse(k.as_str())))
            .map(|(_, t)| t.as_str())
    }

    /// Up to three known terms nearest to an unknown text, nearest first.
    pub fn nearest(&self, text: &str) -> Vec<&str> {
        let folded = fold(text);
        let mut scored: Vec<(f64, &str)> = self
            .lookup
            .iter()
            .map(|(k, term)| {
                (
                    strsim::normalized_damerau_levenshtein(&folded, k),
                    term.as_str(),
                )
            })
            .filter(|(s, _)| *s >= 0.6)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<&str> = Vec::new();
        for (_, t) in scored {
            if !out.contains(&t) && out.len() < 3 {
                out.push(t);
            }
        }
        out
    }
}

/// The whole vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    groups: HashMap<Group, Terms>,
}

impl Vocabulary {
    /// Parses a vocabulary file, adding every specialty of `families` as a known specialty.
    pub fn parse(
        text: &str,
        file: &Path,
        families: &SpecialtyFamilies,
    ) -> Result<Vocabulary, InputError> {
        let raw: BTreeMap<String, GroupFile> = toml::from_str(text).map_err(|e| {
            let mut err = InputError::new(
                file,
                "tables such as [topics.terms] of term = [\"synonym\", ...] lines, for the \
                 groups identities, meeting_format, topics, languages, specialties",
            )
            .problem(e.message().to_string());
            if let Some(span) = e.span() {
                err = err.line(text[..span.start].matches('\n').count() + 1);
            }
            err
        })?;
        let mut groups = HashMap::new();
        for (name, g) in raw {
            let Some(group) = Group::ALL.into_iter().find(|x| x.table() == name) else {
                return Err(InputError::new(
                    file,
                    "one of the tables identities, meeting_format, topics, languages, specialties",
                )
                .problem(format!("unknown table [{name}]")));
            };
            let mut t = Terms {
                closed: g.closed,
                ..Terms::default()
            };
            for (term, synonyms) in g.terms {
                let term = term.trim().to_lowercase();
                for s in synonyms.iter().chain([&term]) {
                    t.lookup.insert(fold(s), term.clone());
                }
                t.terms.push(term);
            }
            groups.insert(group, t);
        }
        let specialties = groups.entry(Group::Specialties).or_default();
        for (_, members) in families.families() {
            for m in members {
                specialties
                    .lookup
                    .entry(fold(m))
                    .or_insert_with(|| m.clone());
                if !specialties.terms.contains(m) {
                    specialties.terms.push(m.clone());
                }
            }
        }
        for t in groups.values_mut() {
            t.terms.sort();
        }
        Ok(Vocabulary { groups })
    }

    /// The vocabulary built into dyad, with the built-in specialty families.
    pub fn builtin() -> Vocabulary {
        Vocabulary::parse(
            BUILTIN,
            Path::new("(built-in) configs/vocabulary.toml"),
            SpecialtyFamilies::builtin(),
        )
        .expect("the built-in vocabulary is valid")
    }

    /// The terms of a group (empty when the file has no such table).
    pub fn group(&self, group: Group) -> &Terms {
        static EMPTY: std::sync::OnceLock<Terms> = std::sync::OnceLock::new();
        self.groups
            .get(&group)
            .unwrap_or_else(|| EMPTY.get_or_init(Terms::default))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_spellings_find_their_term() {
        let v = Vocabulary::builtin();
        let topics = v.group(Group::Topics);
        assert_eq!(topics.term("Work life balance"), Some("work-life balance"));
        assert_eq!(topics.term("Impostor Syndrome"), Some("imposter syndrome"));
        assert_eq!(topics.term("Research, Promotion"), None);
        let id = v.group(Group::Identities);
        assert!(id.closed);
        assert_eq!(id.term("Under-represented in medicine (URM)"), Some("urm"));
        assert_eq!(
            v.group(Group::MeetingFormat).term("Either / no preference"),
            Some("either")
        );
        // Every specialty of the families file is known.
        assert_eq!(
            v.group(Group::Specialties).term("Neonatology"),
            Some("neonatology")
        );
    }

    #[test]
    fn unknown_terms_get_the_nearest_known_ones() {
        let v = Vocabulary::builtin();
        let near = v.group(Group::Topics).nearest("work-life balanse");
        assert_eq!(near.first(), Some(&"work-life balance"));
        assert!(v.group(Group::Topics).nearest("zzzzqqq").is_empty());
        let formats = v.group(Group::MeetingFormat);
        assert_eq!(
            formats.within("Either / no preference, whichever works"),
            Some("either")
        );
        assert_eq!(formats.within("whenever"), None);
    }

    #[test]
    fn every_term_of_the_sample_pool_is_known() {
        let pool = crate::embedded::sample_pool();
        let v = Vocabulary::builtin();
        for m in &pool.mentees {
            for g in m.goals.iter().chain(&m.challenges) {
                assert!(v.group(Group::Topics).term(g).is_some(), "{g}");
            }
            for l in &m.languages {
                assert!(v.group(Group::Languages).term(l).is_some(), "{l}");
            }
            assert!(v.group(Group::Specialties).term(&m.specialty).is_some());
            for i in &m.identities {
                assert!(v.group(Group::Identities).term(i).is_some(), "{i}");
            }
        }
    }

    #[test]
    fn a_bad_file_is_an_input_error() {
        let fam = SpecialtyFamilies::builtin();
        let e = Vocabulary::parse("[colours]\n", Path::new("v.toml"), fam).unwrap_err();
        assert!(e.to_string().contains("colours"), "{e}");
        let e = Vocabulary::parse("[topics]\nterms = 3\n", Path::new("v.toml"), fam).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }
}
