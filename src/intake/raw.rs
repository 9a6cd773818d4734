//! The columns of a raw intake export and how each becomes a column of the pool (or is dropped),
//! and the conversions of single values: a ZIP code to its publishable ZIP3, a date to its year.

use crate::privacy::{self, Identifier, is_month};

/// What becomes of one raw column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawColumn {
    /// The real id: replaced by a keyed pseudonym.
    Id,
    /// A full ZIP code (5 or 9 digits) or a ZIP3: becomes the publishable ZIP3.
    Zip,
    /// A year or a date: becomes the year.
    TrainingCompleted,
    /// The employer: replaced by a keyed pseudonymous code.
    HealthSystem,
    /// A schema column taken as it is (control characters and escape sequences removed).
    Keep(&'static str),
    /// Left out of the pool: a direct identifier, or a column the pool has no place for.
    Drop(Option<Identifier>),
}

impl RawColumn {
    /// The pool column this raw column becomes, if any.
    pub fn pool_column(self) -> Option<&'static str> {
        match self {
            RawColumn::Id => Some("id"),
            RawColumn::Zip => Some("zip3"),
            RawColumn::TrainingCompleted => Some("training_completed"),
            RawColumn::HealthSystem => Some("health_system"),
            RawColumn::Keep(c) => Some(c),
            RawColumn::Drop(_) => None,
        }
    }
}

/// Raw column names that hold a ZIP code.
const ZIP_NAMES: [&str; 9] = [
    "zip",
    "zip3",
    "zip5",
    "zip9",
    "zipcode",
    "zip_code",
    "postal_code",
    "postcode",
    "zip+4",
];

/// Maps a raw header cell to what becomes of it, for a pool file with columns `schema`.
pub fn classify(name: &str, schema: &[&'static str]) -> RawColumn {
    let lower = name.trim().trim_start_matches('\u{feff}').to_lowercase();
    match lower.as_str() {
        "id" => RawColumn::Id,
        "training_completed" => RawColumn::TrainingCompleted,
        "health_system" => RawColumn::HealthSystem,
        n if ZIP_NAMES.contains(&n) => RawColumn::Zip,
        n => match schema.iter().find(|s| **s == n) {
            Some(s) => RawColumn::Keep(s),
            None => RawColumn::Drop(privacy::column_identifier(n)),
        },
    }
}

/// The publishable ZIP3 of a ZIP code: 5 digits, 9 digits, `12345-6789`, or a ZIP3; 4 or 8
/// digits get back the leading zero a spreadsheet dropped. `None` when it is none of these.
pub fn zip3_of(raw: &str) -> Option<String> {
    let t = raw.trim();
    let digits: String = t.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let dashes_ok = match t.split_once('-') {
        None => true,
        Some((a, b)) => a.len() == 5 && b.len() == 4,
    };
    let padded = match digits.len() {
        3 | 5 | 9 if dashes_ok => digits,
        4 | 8 if dashes_ok => format!("0{digits}"),
        _ => return None,
    };
    Some(privacy::publishable(&padded[..3]).to_string())
}

/// Whether a ZIP code lost its leading zero (4 or 8 digits), as a spreadsheet that holds it as a
/// number writes it; [`zip3_of`] gives the zero back.
pub fn lost_leading_zero(raw: &str) -> bool {
    let digits = raw.trim().bytes().filter(u8::is_ascii_digit).count();
    matches!(digits, 4 | 8) && zip3_of(raw).is_some()
}

/// The year of a year or a date: `2022`, `2022-06-30`, `2022/6/30`, `06/30/2022`, `30.06.2022`,
/// `2022-06`, `June 2022`, `Jun 30, 2022`. Exactly one four-digit year from 1900 to 2100; every
/// other part a number of one or two digits or a month name. `None` otherwise (`6/30/22` is
/// ambiguous and refused).
pub fn year_of(raw: &str) -> Option<i32> {
    // An ISO date and time (`2022-06-30T08:00:00`, or with a space as a spreadsheet's date and
    // time cell reads): the date.
    let raw = match raw.trim().split_once(['T', ' ']) {
        Some((date, time))
            if date.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                && date.contains('-')
                && time.contains(':') =>
        {
            date
        }
        _ => raw,
    };
    let parts: Vec<&str> = raw
        .split(['-', '/', '.', ',', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let mut year = None;
    for p in &parts {
        let digits = p.bytes().all(|b| b.is_ascii_digit());
        if digits && p.len() == 4 {
            if year.is_some() {
                return None;
            }
            year = Some(
                p.parse::<i32>()
                    .ok()
                    .filter(|y| (1900..=2100).contains(y))?,
            );
        } else {
            let day_or_month = digits && p.len() <= 2;
            if !(day_or_month || is_month(p)) {
                return None;
            }
        }
    }
    year
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: [&str; 3] = ["id", "zip3", "goals"];

    #[test]
    fn raw_columns_are_mapped_or_dropped() {
        assert_eq!(classify("ID", &SCHEMA), RawColumn::Id);
        assert_eq!(
            classify("Zip Code".replace(' ', "_").as_str(), &SCHEMA),
            RawColumn::Zip
        );
        assert_eq!(classify("zip", &SCHEMA), RawColumn::Zip);
        assert_eq!(classify("goals", &SCHEMA), RawColumn::Keep("goals"));
        assert_eq!(
            classify("email", &SCHEMA),
            RawColumn::Drop(Some(Identifier::Email))
        );
        assert_eq!(classify("notes", &SCHEMA), RawColumn::Drop(None));
        assert_eq!(RawColumn::Zip.pool_column(), Some("zip3"));
    }

    #[test]
    fn zip_codes_become_publishable_zip3s() {
        assert_eq!(zip3_of("02139").as_deref(), Some("021"));
        assert_eq!(zip3_of("021394307").as_deref(), Some("021"));
        assert_eq!(zip3_of("02139-4307").as_deref(), Some("021"));
        assert_eq!(zip3_of("2139").as_deref(), Some("021"));
        assert!(lost_leading_zero("2139") && lost_leading_zero("21394307"));
        assert!(!lost_leading_zero("02139") && !lost_leading_zero("213"));
        assert_eq!(zip3_of("03601").as_deref(), Some("000"));
        assert_eq!(zip3_of("893").as_deref(), Some("000"));
        assert_eq!(zip3_of("021").as_deref(), Some("021"));
        for bad in ["", "12", "123456", "0213-94307", "O2139", "02139-43"] {
            assert_eq!(zip3_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_become_years() {
        for (raw, year) in [
            ("2022", 2022),
            ("2022-06-30", 2022),
            ("2022/6/30", 2022),
            ("06/30/2022", 2022),
            ("30.06.2022", 2022),
            ("2022-06", 2022),
            ("June 2022", 2022),
            ("Jun 30, 2022", 2022),
            ("OCTOBER 2022", 2022),
            ("Sept. 3, 2022", 2022),
            ("2022-06-30T08:00:00", 2022),
            ("2022-06-30 08:00:00", 2022),
        ] {
            assert_eq!(year_of(raw), Some(year), "{raw}");
        }
        for bad in ["", "6/30/22", "soon", "2022-2023", "1850", "2022 maybe"] {
            assert_eq!(year_of(bad), None, "{bad}");
        }
    }
}
