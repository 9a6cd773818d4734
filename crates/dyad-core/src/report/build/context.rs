//! What a decision record is built from, and the small wording helpers every section shares.

use crate::analysis::council::Council;
use crate::matching::engine::Evaluation;
use crate::pool::Pool;
use crate::privacy::SmallCells;
use crate::report::fingerprint::Fingerprint;

/// A profile's evaluation and the name of the file it came from (a file name, never a path:
/// the record leaves the user's machine).
#[derive(Debug, Clone, Copy)]
pub struct Decision<'a> {
    /// The profile, its matching and its summary.
    pub evaluation: &'a Evaluation,
    /// `None`: a built-in profile or one not saved to a file.
    pub file: Option<&'a str>,
}

impl Decision<'_> {
    /// How the record names the profile: its name and file.
    pub fn label(&self) -> String {
        let name = &self.evaluation.profile.name;
        match self.file {
            Some(f) => format!("{name} ({f})"),
            None => format!("{name} (not from a file)"),
        }
    }
}

/// Everything a decision record is made of.
#[derive(Debug, Clone)]
pub struct RecordInputs<'a> {
    /// The pool matched (pseudonyms and schema fields only reach the record).
    pub pool: &'a Pool,
    /// The profile decided on.
    pub current: Decision<'a>,
    /// What it is compared against, if anything (last cycle's profile).
    pub baseline: Option<Decision<'a>>,
    /// The council's members and their consensus, when one met.
    pub council: Option<&'a Council>,
    /// SHA-256 of every input file (see [`crate::report::fingerprint`]).
    pub fingerprints: Vec<Fingerprint>,
    /// When the record was made (RFC 3339), given by the caller so that a test can fix it.
    pub generated: String,
    /// Small-cell suppression (`small_cell_k` of the settings).
    pub cells: SmallCells,
}

/// "1 mentee", "2 mentees".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
