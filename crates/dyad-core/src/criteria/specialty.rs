//! Specialty families: partial credit in the `specialty` criterion.
//!
//! The families live in an editable TOML file (`configs/specialties.toml`, built into the binary):
//!
//! ```toml
//! [families]
//! primary-care = ["internal medicine", "family medicine", "pediatrics"]
//! surgery = ["general surgery", "orthopedic surgery"]
//! ```
//!
//! Names compare case-insensitively after trimming; a specialty may be in at most one family.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use toml::de::DeValue;

use crate::error::InputError;
use crate::io::toml_input::Doc;

/// The specialty families' file name, in a configs folder.
pub const SPECIALTIES_FILE: &str = "specialties.toml";

const BUILTIN: &str = include_str!("../../../../configs/specialties.toml");

/// Which family each specialty belongs to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpecialtyFamilies {
    /// Families in file order: name and normalized member specialties in file order.
    families: Vec<(String, Vec<String>)>,
    /// Normalized specialty → index into `families`.
    index: HashMap<String, usize>,
}

/// Lowercases and trims a specialty name the way data values are compared.
pub fn normalize(name: &str) -> String {
    crate::pool::text::normalize(name)
}

impl SpecialtyFamilies {
    /// Parses a specialty-families file; `file` is only used in error messages.
    #[allow(clippy::result_large_err)] // InputError is the crate-wide input error type
    pub fn parse(text: &str, file: &Path) -> Result<SpecialtyFamilies, InputError> {
        const LIST: &str =
            "a list of specialties in quotes, such as [\"general surgery\", \"urology\"]";
        const NAME: &str = "a specialty name in quotes";
        let (doc, root) = Doc::parse(text, file)?;
        doc.known_keys(&root, None, &["families"])?;
        let Some((table, _)) = doc.table(
            &root,
            "families",
            "families",
            "a table [families] of family = [specialties] lines",
        )?
        else {
            return Err(doc.missing(
                None,
                "the specialties file",
                "[families] table",
                "[families] followed by lines such as surgery = [\"general surgery\", \"urology\"]",
            ));
        };

        // Families in file order, so that a specialty listed twice is reported where it appears
        // the second time.
        let mut entries: Vec<(usize, &str, usize, String)> = Vec::new();
        let mut out = SpecialtyFamilies::default();
        for (i, (name, members)) in Doc::entries(table).into_iter().enumerate() {
            let family = name.get_ref().trim();
            if family.is_empty() {
                return Err(doc
                    .at(name.span().start, "a non-empty family name")
                    .field("families")
                    .value(name.get_ref().as_ref()));
            }
            let field = format!("families.{family}");
            let DeValue::Array(list) = members.get_ref() else {
                return Err(doc.wrong(members, &field, LIST));
            };
            for m in list.iter() {
                let member = doc.string(m, &field, NAME)?;
                entries.push((i, member, m.span().start, field.clone()));
            }
            out.families.push((family.to_string(), Vec::new()));
        }
        entries.sort_by_key(|(_, _, at, _)| *at);

        for (i, member, at, field) in entries {
            let specialty = normalize(member);
            if specialty.is_empty() {
                return Err(doc
                    .at(at, "a non-empty specialty name")
                    .field(field)
                    .value(member));
            }
            if let Some(&first) = out.index.get(&specialty) {
                let expected = if first == i {
                    format!(
                        "each specialty listed once (already in family {})",
                        out.families[i].0
                    )
                } else {
                    format!(
                        "a specialty in at most one family (already in family {})",
                        out.families[first].0
                    )
                };
                return Err(doc.at(at, expected).field(field).value(member));
            }
            out.index.insert(specialty.clone(), i);
            out.families[i].1.push(specialty);
        }
        Ok(out)
    }

    /// The families shipped with dyad (`configs/specialties.toml`), parsed once per process.
    pub fn builtin() -> &'static SpecialtyFamilies {
        static FAMILIES: OnceLock<SpecialtyFamilies> = OnceLock::new();
        FAMILIES.get_or_init(|| {
            SpecialtyFamilies::parse(BUILTIN, Path::new("configs/specialties.toml"))
                .expect("built-in specialty families are valid")
        })
    }

    /// The family of a specialty (already lowercased and trimmed), or `None` when it is in none.
    pub fn family(&self, specialty: &str) -> Option<&str> {
        self.index
            .get(specialty)
            .map(|&i| self.families[i].0.as_str())
    }

    /// The `specialty` criterion for two specialties (already lowercased and trimmed): 1 when
    /// equal, 0.5 when different but in the same family, 0 otherwise. An empty specialty is
    /// unknown and matches nothing.
    pub fn score(&self, a: &str, b: &str) -> f64 {
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        if a == b {
            return 1.0;
        }
        match (self.index.get(a), self.index.get(b)) {
            (Some(x), Some(y)) if x == y => 0.5,
            _ => 0.0,
        }
    }

    /// Every specialty listed in a family, normalized, in file order.
    pub fn specialties(&self) -> impl Iterator<Item = &str> {
        self.families
            .iter()
            .flat_map(|(_, members)| members.iter().map(String::as_str))
    }

    /// Every family with its specialties, in file order.
    pub fn families(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.families
            .iter()
            .map(|(name, members)| (name.as_str(), members.as_slice()))
    }

    /// How many specialties the families name.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the families name no specialty (none were read).
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Shorthand for [`SpecialtyFamilies::builtin`].
pub fn builtin() -> &'static SpecialtyFamilies {
    SpecialtyFamilies::builtin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::result_large_err)]
    fn parse(text: &str) -> Result<SpecialtyFamilies, InputError> {
        SpecialtyFamilies::parse(text, Path::new("configs/specialties.toml"))
    }

    #[test]
    fn scores_same_specialty_family_and_unrelated() {
        let f = parse(
            "[families]\nprimary-care = [\"Internal Medicine \", \"family medicine\"]\n\
             surgery = [\"general surgery\"]\n",
        )
        .unwrap();
        assert_eq!(f.score("internal medicine", "internal medicine"), 1.0);
        assert_eq!(f.score("internal medicine", "family medicine"), 0.5);
        assert_eq!(f.score("family medicine", "general surgery"), 0.0);
        // Not in any family: only an exact match counts.
        assert_eq!(f.score("dermatology", "dermatology"), 1.0);
        assert_eq!(f.score("dermatology", "family medicine"), 0.0);
        assert_eq!(f.score("", ""), 0.0);
        assert_eq!(f.family("internal medicine"), Some("primary-care"));
        assert_eq!(f.family("dermatology"), None);
        assert_eq!(
            f.specialties().collect::<Vec<_>>(),
            ["internal medicine", "family medicine", "general surgery"]
        );
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn families_keep_file_order() {
        let f = parse("[families]\nzeta = [\"b\"]\nalpha = [\"a\"]\n").unwrap();
        let names: Vec<&str> = f.families().map(|(n, _)| n).collect();
        assert_eq!(names, ["zeta", "alpha"]);
    }

    #[test]
    fn a_specialty_in_two_families_is_an_error_at_its_second_place() {
        let text = "[families]\nb = [\"pediatrics\"]\na = [\"surgery\",\n  \" Pediatrics\"]\n";
        let err = parse(text).unwrap_err();
        assert_eq!((err.line, err.column), (Some(4), Some(3)), "{err}");
        assert_eq!(err.value.as_deref(), Some(" Pediatrics"));
        assert!(err.expected.contains("at most one family"), "{err}");
        assert!(err.expected.contains("family b"), "{err}");
        assert_eq!(err.field.as_deref(), Some("families.a"));
    }

    #[test]
    fn a_specialty_listed_twice_in_one_family_is_an_error() {
        let err = parse("[families]\na = [\"x\", \"X\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(11)), "{err}");
        assert!(err.expected.contains("listed once"), "{err}");
    }

    #[test]
    fn empty_names_are_errors() {
        let err = parse("[families]\na = [\"  \"]\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = parse("[families]\n\"\" = [\"x\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn toml_errors_carry_line_and_column() {
        let err = parse("[families]\nsurgery = [\"a\", 3]\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(17)), "{err}");
        assert_eq!(
            err.to_string(),
            "configs/specialties.toml:2:17: families.surgery: found \"3\", expected a specialty name in quotes"
        );

        let err = parse("[families]\nsurgery = [\"a\"]\n\n[extra]\nx = 1\n").unwrap_err();
        assert_eq!(err.line, Some(4), "{err}");
        assert_eq!(err.value.as_deref(), Some("extra"), "{err}");
        assert!(err.expected.contains("families"), "{err}");

        let err = parse("[families\n").unwrap_err();
        assert_eq!(err.line, Some(1), "{err}");
        assert!(
            err.to_string()
                .starts_with("configs/specialties.toml:1:10: this is not valid TOML: "),
            "{err}"
        );
    }

    #[test]
    fn toml_messages_read_in_plain_words() {
        let err = parse("").unwrap_err();
        assert_eq!(
            err.to_string(),
            "configs/specialties.toml:1:1: the specialties file has no [families] table \
             (expected [families] followed by lines such as surgery = [\"general surgery\", \"urology\"])"
        );
        let err = parse("[families]\nsurgery = \"urology\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "configs/specialties.toml:2:11: families.surgery: found \"urology\", expected a list of \
             specialties in quotes, such as [\"general surgery\", \"urology\"]"
        );
        for text in [
            "[families]\na = [1]\n",
            "families = 3\n",
            "[families]\na = [\"x\"]\nb = 2\n",
        ] {
            let msg = parse(text).unwrap_err().to_string();
            for serde_words in [
                "invalid type",
                "expected a string",
                "expected a sequence",
                "`",
            ] {
                assert!(!msg.contains(serde_words), "{msg}");
            }
        }
    }

    #[test]
    fn builtin_families_cover_a_physician_program() {
        let f = SpecialtyFamilies::builtin();
        assert!(f.len() >= 40, "only {} specialties", f.len());
        assert!(f.families().count() >= 8);
        assert_eq!(f.score("internal medicine", "pediatrics"), 0.5);
        assert_eq!(f.score("general surgery", "orthopedic surgery"), 0.5);
        assert_eq!(f.score("psychiatry", "general surgery"), 0.0);
        for s in f.specialties() {
            assert_eq!(s, normalize(s));
        }
    }
}
