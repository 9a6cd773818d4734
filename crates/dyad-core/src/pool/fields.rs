//! Typed access to the cells of one pool row, with errors that name the file, line, column and
//! value and say what was expected.

use std::path::Path;

use crate::error::InputError;
use crate::io::csvread::CsvRow;
use crate::pool::geo::{LatLon, UNKNOWN_ZIP3, Zip3Table};

use super::MeetingFormat;

/// One row of a pool file and the positions of the schema's columns in it.
pub(super) struct Cells<'a> {
    pub path: &'a Path,
    pub row: &'a CsvRow,
    pub columns: &'a [(&'static str, usize)],
    /// The current calendar year: the latest `training_completed` accepted.
    pub this_year: i32,
}

/// What an id must be, for messages.
pub const ID_EXPECTED: &str = "a pseudonymous id of ASCII letters, digits and - _ . starting with a \
     letter or digit, such as ME-014";

/// The earliest `training_completed` accepted.
pub const FIRST_YEAR: i32 = 1900;

/// The most hours per month a participant may give (about 45 hours a week, far beyond any
/// mentoring commitment: a larger figure is a typing error).
pub const MAX_HOURS: f64 = 200.0;

/// The most mentees one mentor may take.
pub const MAX_CAPACITY: u32 = 1000;

/// The current calendar year (UTC), from the system clock.
pub fn current_year() -> i32 {
    let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    year_of_day(secs.div_euclid(86_400))
}

/// The year of a day counted from 1970-01-01 (day 0), in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn year_of_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i64::from(mp >= 10);
    year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
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

    /// An id: trimmed, case kept; ASCII letters, digits and `- _ .` only, starting with a letter
    /// or digit, so it is safe on a screen, in a spreadsheet and in the CSV files dyad writes. A
    /// refused id is never shown: it may be a name or an email address.
    pub fn id(&self, name: &str) -> Result<String, InputError> {
        let (idx, raw) = self.raw(name);
        let value = raw.trim();
        if !is_plain_id(value) {
            return Err(InputError::new(self.path, ID_EXPECTED)
                .at(self.row.line, idx + 1)
                .field(name)
                .problem("this id is not pseudonymous (its value is not shown)"));
        }
        Ok(value.to_string())
    }

    /// A `;`-separated list: items normalized like text, empty items dropped, sorted, unique.
    pub fn list(&self, name: &str) -> Vec<String> {
        let (_, raw) = self.raw(name);
        // Escape sequences go before the split: their own `;` must not make items.
        let mut items: Vec<String> = crate::io::safetext::strip(raw)
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

    /// An error about a numeric cell: the value is shown unless it has the shape of a direct
    /// identifier (a nine-digit number in the capacity column may be an SSN pasted there), in
    /// which case the message says so instead.
    fn number_error(&self, name: &str, idx: usize, raw: &str, expected: &str) -> InputError {
        match crate::identifiers::value_identifier(raw, crate::identifiers::CellKind::Other) {
            None => self.error(name, idx, raw, expected),
            Some(kind) => InputError::new(
                self.path,
                format!(
                    "{expected} (the value is not shown: it looks like {})",
                    kind.describe()
                ),
            )
            .at(self.row.line, idx + 1)
            .field(name),
        }
    }

    /// A year from [`FIRST_YEAR`] to the current calendar year: training cannot have ended in
    /// the future.
    pub fn year(&self, name: &str) -> Result<i32, InputError> {
        let (idx, raw) = self.raw(name);
        let last = self.this_year;
        match raw.trim().parse::<i32>() {
            Ok(y) if (FIRST_YEAR..=last).contains(&y) => Ok(y),
            Ok(y) if y > last && y <= 9999 => Err(self.number_error(
                name,
                idx,
                raw,
                &format!(
                    "a year from {FIRST_YEAR} to {last}, the current year (training cannot end \
                     in the future)"
                ),
            )),
            _ => Err(self.number_error(
                name,
                idx,
                raw,
                &format!("a four-digit year from {FIRST_YEAR} to {last}, such as 2022"),
            )),
        }
    }

    pub fn hours(&self, name: &str) -> Result<f64, InputError> {
        let (idx, raw) = self.raw(name);
        match raw.trim().parse::<f64>() {
            Ok(h) if h.is_finite() && h > 0.0 && h <= MAX_HOURS => Ok(h),
            _ => Err(self.number_error(
                name,
                idx,
                raw,
                &format!("a number of hours per month greater than 0 and at most {MAX_HOURS}"),
            )),
        }
    }

    pub fn capacity(&self, name: &str) -> Result<u32, InputError> {
        let (idx, raw) = self.raw(name);
        match raw.trim().parse::<u32>() {
            Ok(c) if (1..=MAX_CAPACITY).contains(&c) => Ok(c),
            _ => Err(self.number_error(
                name,
                idx,
                raw,
                &format!("a whole number of mentees from 1 to {MAX_CAPACITY}"),
            )),
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
    // ASCII only: a Cyrillic `МЕ-001` or a fullwidth `ＭＥ-001` looks like `ME-001` but is not.
    id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

pub use super::text::normalize;

#[cfg(test)]
mod tests {
    use super::year_of_day;

    #[test]
    fn year_of_day_counts_from_1970_and_turns_at_new_year() {
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(-1), 1969);
        // 2023-12-31 and 2024-01-01 (19,723 days after 1970-01-01).
        assert_eq!(year_of_day(19_722), 2023);
        assert_eq!(year_of_day(19_723), 2024);
        // 2000-02-29 (a leap day of a century leap year) and 2100-03-01.
        assert_eq!(year_of_day(11_016), 2000);
        assert_eq!(year_of_day(47_541), 2100);
        assert!(super::current_year() >= 2024);
    }
}
