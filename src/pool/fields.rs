//! Typed access to the cells of one pool row, with errors that name the file, line, column and
//! value and say what was expected.

use std::path::Path;

use crate::csvread::CsvRow;
use crate::error::InputError;
use crate::geo::{LatLon, UNKNOWN_ZIP3, Zip3Table};

use super::MeetingFormat;

/// One row of a pool file and the positions of the schema's columns in it.
pub(super) struct Cells<'a> {
    pub path: &'a Path,
    pub row: &'a CsvRow,
    pub columns: &'a [(&'static str, usize)],
}

impl Cells<'_> {
    fn raw(&self, name: &str) -> (usize, &str) {
        let &(_, idx) = self
            .columns
            .iter()
            .find(|(n, _)| *n == name)
            .expect("schema column was checked against the header");
        (idx, self.row.cells[idx].as_str())
    }

    fn error(&self, name: &str, idx: usize, value: &str, expected: &str) -> InputError {
        InputError::new(self.path, expected)
            .at(self.row.line, idx + 1)
            .field(name)
            .value(value)
    }

    /// Trimmed, lower-cased text with control characters removed; `required` refuses empty.
    pub fn text(&self, name: &str, required: bool) -> Result<String, InputError> {
        let (idx, raw) = self.raw(name);
        let value = normalize(raw);
        if required && value.is_empty() {
            return Err(self.error(name, idx, raw, "a value (this column may not be empty)"));
        }
        Ok(value)
    }

    /// An id: trimmed, case kept; letters, digits and `- _ .` only, starting with a letter or
    /// digit, so it is safe on a screen, in a spreadsheet and in the CSV files dyad writes.
    pub fn id(&self, name: &str) -> Result<String, InputError> {
        let (idx, raw) = self.raw(name);
        let value = raw.trim();
        if !is_plain_id(value) {
            return Err(self.error(
                name,
                idx,
                raw,
                "a pseudonymous id of letters, digits and - _ . starting with a letter or digit, such as ME-014",
            ));
        }
        Ok(value.to_string())
    }

    /// A `;`-separated list: items normalized like text, empty items dropped, sorted, unique.
    pub fn list(&self, name: &str) -> Vec<String> {
        let (_, raw) = self.raw(name);
        // Escape sequences go before the split: their own `;` must not make items.
        let mut items: Vec<String> = crate::safetext::strip(raw)
            .split(';')
            .map(normalize)
            .filter(|s| !s.is_empty())
            .collect();
        items.sort();
        items.dedup();
        items
    }

    pub fn zip3(
        &self,
        name: &str,
        table: &Zip3Table,
    ) -> Result<(String, Option<LatLon>), InputError> {
        let (idx, raw) = self.raw(name);
        let value = raw.trim();
        if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(
                name,
                idx,
                raw,
                "the first three digits of a US ZIP code, such as 021 (keep the leading zero)",
            ));
        }
        if value == UNKNOWN_ZIP3 {
            return Ok((value.to_string(), None));
        }
        match table.get(value) {
            Some(loc) => Ok((value.to_string(), Some(loc))),
            None => Err(self.error(name, idx, raw, "a ZIP3 that exists in the US ZIP3 table")),
        }
    }

    pub fn year(&self, name: &str) -> Result<i32, InputError> {
        let (idx, raw) = self.raw(name);
        match raw.trim().parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) => Ok(y),
            _ => Err(self.error(name, idx, raw, "a four-digit year such as 2022")),
        }
    }

    pub fn hours(&self, name: &str) -> Result<f64, InputError> {
        let (idx, raw) = self.raw(name);
        match raw.trim().parse::<f64>() {
            Ok(h) if h.is_finite() && h > 0.0 && h <= 744.0 => Ok(h),
            _ => Err(self.error(name, idx, raw, "a number of hours per month greater than 0")),
        }
    }

    pub fn capacity(&self, name: &str) -> Result<u32, InputError> {
        let (idx, raw) = self.raw(name);
        match raw.trim().parse::<u32>() {
            Ok(c) if (1..=1000).contains(&c) => Ok(c),
            _ => Err(self.error(name, idx, raw, "a whole number of mentees of at least 1")),
        }
    }

    pub fn format(&self, name: &str) -> Result<MeetingFormat, InputError> {
        let (idx, raw) = self.raw(name);
        MeetingFormat::parse(&normalize(raw))
            .ok_or_else(|| self.error(name, idx, raw, "in-person, virtual or either"))
    }
}

/// Whether an id is plain: letters, digits and `- _ .`, starting with a letter or digit.
pub fn is_plain_id(id: &str) -> bool {
    id.chars().next().is_some_and(char::is_alphanumeric)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Trims, lower-cases and removes terminal escape sequences, control characters and
/// bidirectional controls (which could otherwise reach the screen).
pub fn normalize(raw: &str) -> String {
    let clean = crate::safetext::strip(raw);
    let lower = if clean.is_ascii() {
        clean.to_ascii_lowercase()
    } else {
        clean.to_lowercase()
    };
    lower.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_trims_lowercases_and_strips_control_characters() {
        assert_eq!(normalize("  Internal Medicine "), "internal medicine");
        assert_eq!(normalize("a\u{1b}[2Jb"), "ab");
        assert_eq!(normalize("two\nlines"), "two lines");
        assert_eq!(normalize("\t"), "");
    }
}
