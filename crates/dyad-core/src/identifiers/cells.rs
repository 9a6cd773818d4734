//! Spotting direct identifiers: the categories of HIPAA's Safe Harbor method (45 CFR
//! 164.514(b)(2)(i)) in column names, and the ones that have a recognisable shape (email
//! addresses, phone and other long numbers, SSNs, full ZIP codes, dates, URLs, IP addresses) in
//! cell values. A pool may hold none of them; `dyad anonymize` removes them from a raw export.

use std::path::Path;

use crate::error::InputError;
use crate::io::csvread::CsvRow;

/// A Safe Harbor identifier category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    /// Names of people (Safe Harbor category A).
    Name,
    /// A street address, city, county or other place smaller than a state.
    Address,
    /// A five-digit (or ZIP+4) code; only the first three digits may be kept.
    FullZip,
    /// A date more precise than a year (birth, admission, graduation …).
    Date,
    /// An age (Safe Harbor lets ages under 90 stay; a pool needs none).
    Age,
    /// A telephone number.
    Phone,
    /// A fax number.
    Fax,
    /// An email address.
    Email,
    /// A social security number.
    Ssn,
    /// A medical record number.
    MedicalRecord,
    /// A health plan beneficiary number.
    HealthPlan,
    /// An account number.
    Account,
    /// A certificate or licence number (a medical licence, an NPI, a DEA number).
    Licence,
    /// A vehicle identifier or licence plate.
    Vehicle,
    /// A device identifier or serial number.
    Device,
    /// A web address.
    Url,
    /// An IP address (v4 or v6).
    IpAddress,
    /// A biometric identifier (fingerprint, voice print).
    Biometric,
    /// A full-face photograph or comparable image.
    Photo,
    /// Any other unique identifying number, code or handle.
    Other,
    /// A bare number too long to be anything in the schema (SSN, phone, NPI, account …).
    LongNumber,
}

impl Identifier {
    /// What the category is, in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Identifier::Name => "a name",
            Identifier::Address => "an address or place smaller than a state",
            Identifier::FullZip => "a full ZIP code",
            Identifier::Date => "a date other than a year",
            Identifier::Age => "an age",
            Identifier::Phone => "a phone number",
            Identifier::Fax => "a fax number",
            Identifier::Email => "an email address",
            Identifier::Ssn => "a social security number",
            Identifier::MedicalRecord => "a medical record number",
            Identifier::HealthPlan => "a health plan beneficiary number",
            Identifier::Account => "an account number",
            Identifier::Licence => "a licence, NPI or DEA number",
            Identifier::Vehicle => "a vehicle identifier",
            Identifier::Device => "a device identifier or serial number",
            Identifier::Url => "a web address (URL)",
            Identifier::IpAddress => "an IP address",
            Identifier::Biometric => "a biometric identifier",
            Identifier::Photo => "a photograph",
            Identifier::Other => "another identifying number, code or handle",
            Identifier::LongNumber => {
                "a long number such as an SSN, phone, licence or account number"
            }
        }
    }
}

/// What kind of schema cell is being looked at: ids get the checks their pseudonyms can never
/// trip (a hex digest may well be all digits), `zip3` cells are also checked for full ZIP codes.
/// A numeric cell (a year, hours, a capacity) that reads as a number is left to the column's
/// range check, whose message states the range; the range check withholds a value that looks
/// like an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A pseudonymous id (`mentee_id`, `mentor_id`): letters are expected, so an all-digit one is
    /// checked like any other number.
    Id,
    /// A `zip3` cell, also checked for a full ZIP code.
    Zip3,
    /// A numeric column (a year, hours, a capacity): a value that parses as a number is left to
    /// the column's range check.
    Number,
    /// Any other text cell.
    Other,
}

/// The schema's numeric columns (checked as [`CellKind::Number`]).
const NUMERIC_COLUMNS: [&str; 3] = ["training_completed", "hours_per_month", "capacity"];

/// The identifier a cell value looks like, if any.
pub fn value_identifier(value: &str, kind: CellKind) -> Option<Identifier> {
    // Full-width, superscript and other scripts' digits are read as the digits they are.
    let ascii;
    let value = if value.is_ascii() {
        value.trim()
    } else {
        ascii = ascii_digits(value);
        ascii.trim()
    };
    if kind == CellKind::Number && value.parse::<f64>().is_ok() {
        return None;
    }
    // A pseudonym has letters (`ME-3f2a…`): an id of digits alone is a number like any other
    // cell's (a phone, an SSN, an NPI, a ZIP+4), under the same rule.
    let numeric_id = kind == CellKind::Id && !value.bytes().any(|b| b.is_ascii_alphabetic());
    let kind = if numeric_id { CellKind::Other } else { kind };
    // Most cells are words or short numbers: nothing to look at more closely.
    let (mut digits, mut marks) = (0, false);
    for &b in value.as_bytes() {
        digits += usize::from(b.is_ascii_digit());
        marks |= b == b'@' || b == b':';
    }
    marks |= value.contains("www");
    let dotted = value.contains('.');
    if value.is_empty() || (digits == 0 && !marks && !dotted) {
        return None;
    }
    let tokens: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '<' | '>' | '"' | '\''))
        .map(|t| t.trim_matches(|c| matches!(c, '.' | '(' | ')' | '[' | ']' | ':')))
        .filter(|t| !t.is_empty())
        .collect();
    if dotted && !numeric_id && kind != CellKind::Id && tokens.iter().any(|t| is_domain(t)) {
        return Some(Identifier::Url);
    }
    if digits <= 3 && !marks {
        return has_month_day(&tokens).then_some(Identifier::Date);
    }
    if value.contains('@') && tokens.iter().any(|t| is_email(t)) {
        return Some(Identifier::Email);
    }
    if marks && tokens.iter().any(|t| is_url(t)) {
        return Some(Identifier::Url);
    }
    if value.matches('.').count() >= 3 && tokens.iter().any(|t| is_ipv4(t)) {
        return Some(Identifier::IpAddress);
    }
    if (kind == CellKind::Zip3 || numeric_id && value.len() > 5) && is_full_zip(value) {
        return Some(Identifier::FullZip);
    }
    // A ZIP code among the words of any other cell (a goal of "02138").
    let text = kind != CellKind::Id && !numeric_id;
    if text && tokens.iter().any(|t| is_full_zip(t)) {
        return Some(Identifier::FullZip);
    }
    // A code of letters and a long number: a DEA number (`AB1234563`), `MRN00123456`.
    if text && let Some(found) = tokens.iter().find_map(|t| lettered_code(t)) {
        return Some(found);
    }
    let date_like = |t: &&str| t.contains(['-', '/', '.']) && is_date(t);
    if tokens.iter().any(date_like) || has_month_day(&tokens) {
        return Some(Identifier::Date);
    }
    if digits < 7 {
        return None;
    }
    number_runs(value, kind)
}

fn is_email(t: &str) -> bool {
    let Some((local, domain)) = t.rsplit_once('@') else {
        return false;
    };
    let domain = domain.trim_end_matches('.');
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

fn is_url(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    l.contains("://") || l.starts_with("www.")
}

fn is_ipv4(t: &str) -> bool {
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

fn is_full_zip(v: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(v, 5)
        || digits(v, 9)
        || v.split_once('-')
            .is_some_and(|(a, b)| digits(a, 5) && digits(b, 4))
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

fn is_num(s: &str, max_len: usize) -> bool {
    !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
}

/// Numeric dates: 1980-06-05, 1980/6/5, 06/05/1980, 5.6.1980, 6/5/80, 1980-06, 06/1980.
fn is_date(t: &str) -> bool {
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = t.split(sep).collect();
        let ok = match parts.as_slice() {
            [a, b, c] => {
                (is_year(a) && is_num(b, 2) && is_num(c, 2))
                    || (is_num(a, 2) && is_num(b, 2) && (is_year(c) || is_num(c, 2)))
                        && c.len() != 1
            }
            [a, b] if sep != '.' => {
                (is_year(a)
                    && is_num(b, 2)
                    && b.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)))
                    || (is_num(a, 2)
                        && a.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
                        && is_year(b))
            }
            _ => false,
        };
        if ok {
            return true;
        }
    }
    false
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's name or its abbreviation of three letters (or `sept`), with or without a dot, in
/// any case.
pub fn is_month(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().any(|m| {
        w == *m || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
    })
}

/// "June 5", "5 June", "dec 12": a month name next to a day of the month.
fn has_month_day(tokens: &[&str]) -> bool {
    let month = is_month;
    let day = |t: &str| {
        let t = t.trim_end_matches(|c: char| c == '.' || c.is_ascii_alphabetic());
        is_num(t, 2) && t.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    };
    tokens
        .windows(2)
        .any(|w| (month(w[0]) && day(w[1])) || (day(w[0]) && month(w[1])))
}

/// Runs of digits with the separators phone numbers and SSNs use. Formatted ones (SSN
/// `123-45-6789`, phone `(617) 555-0123`, `617.555.0123`, `555-0123`) count in every cell; a bare
/// run of nine or more digits counts except in ids. A run glued to a letter (`A1C`, `ME-12ab`)
/// is part of a word, not a number.
fn number_runs(value: &str, kind: CellKind) -> Option<Identifier> {
    let b = value.as_bytes();
    // Bytes of non-ASCII characters count as letters.
    let wordy = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
    let sep = |c: u8| matches!(c, b' ' | b'-' | b'.' | b'(' | b')' | b'+');
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() || matches!(b[i], b'(' | b'+');
        if !starts || (i > 0 && wordy(b[i - 1])) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_digit() || sep(b[j])) {
            j += 1;
        }
        let mut end = j;
        while end > i && !b[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let glued = end == j && j < b.len() && wordy(b[j]);
        if end > i
            && !glued
            && let Some(kind) = classify_run(&value[i..end], kind)
        {
            return Some(kind);
        }
        i = j.max(i + 1);
    }
    None
}

fn classify_run(run: &str, kind: CellKind) -> Option<Identifier> {
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    let groups: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let formatted = groups.len() > 1;
    if formatted && lens == [3, 2, 4] && run.contains('-') {
        return Some(Identifier::Ssn);
    }
    let phone_shape = matches!(
        lens.as_slice(),
        [3, 3, 4] | [1, 3, 3, 4] | [3, 4] | [3, 7] | [1, 3, 7]
    );
    if formatted && phone_shape && (lens.len() != 2 || run.contains(['-', '.', ')'])) {
        return Some(Identifier::Phone);
    }
    if formatted && digits.len() >= 10 {
        return Some(Identifier::Phone);
    }
    if kind != CellKind::Id && digits.len() >= 9 {
        return Some(Identifier::LongNumber);
    }
    // Seven or eight digits alone: an account or record number (a year range such as
    // `2019-2021` is formatted, and no number of the schema is this long).
    if kind != CellKind::Id && !formatted && digits.len() >= 7 {
        return Some(Identifier::Account);
    }
    None
}

/// The text with every decimal digit as an ASCII digit: NFKC first (full-width `６`,
/// superscript `²`), then the digits of other scripts (Arabic-Indic `٦`, Devanagari `६` …) by
/// the zero of their block; any other decimal digit reads as `0`, which keeps its shape.
fn ascii_digits(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    /// The digit zero of the scripts whose digits are in use.
    const ZEROS: [u32; 24] = [
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0xA8D0, 0xA900,
    ];
    value
        .nfkc()
        .map(|c| {
            if c.is_ascii() || !c.is_numeric() {
                return c;
            }
            let cp = u32::from(c);
            let digit = ZEROS
                .iter()
                .find(|&&z| (z..z + 10).contains(&cp))
                .map_or(0, |z| cp - z);
            char::from_digit(digit, 10).unwrap_or('0')
        })
        .collect()
}

/// Top-level domains a bare web address ends in (`evil-example.com`): the generic ones and the
/// country codes most often seen. A word with a dot and any other ending is left alone.
const DOMAIN_ENDINGS: [&str; 24] = [
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "us", "uk", "ca",
    "au", "de", "fr", "nl", "eu", "ai", "app", "dev", "health", "online",
];

/// A bare domain name: labels of letters, digits and hyphens, the last a known ending.
fn is_domain(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    let labels: Vec<&str> = t.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels[..labels.len() - 1]
            .iter()
            .any(|l| l.bytes().any(|b| b.is_ascii_alphabetic()))
        && DOMAIN_ENDINGS.contains(labels.last().expect("two labels"))
}

/// A word of letters holding a number of seven digits or more: two letters and seven digits is
/// a DEA number; anything else such a code (`MRN00123456`) identifies someone all the same.
fn lettered_code(t: &str) -> Option<Identifier> {
    let b = t.as_bytes();
    if !b.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    let longest = b
        .split(|c| !c.is_ascii_digit())
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0);
    if longest < 7 {
        return None;
    }
    let dea = b.len() == 9
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..].iter().all(u8::is_ascii_digit);
    Some(if dea {
        Identifier::Licence
    } else {
        Identifier::Other
    })
}

/// `PREFIX` and hex digits only: a keyed pseudonym.
fn is_pseudonym(cell: &str, prefix: &str) -> bool {
    cell.trim()
        .strip_prefix(prefix)
        .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Refuses a row whose schema cells hold a value shaped like a direct identifier. The message
/// names the file, line, column and what it looks like, never the value itself.
pub fn refuse_in_row(
    path: &Path,
    row: &CsvRow,
    columns: &[(&'static str, usize)],
) -> Result<(), InputError> {
    for &(name, idx) in columns {
        let Some(cell) = row.cells.get(idx) else {
            continue;
        };
        let kind = match name {
            "id" | "mentee" | "mentor" => CellKind::Id,
            // A keyed pseudonym (`HS-` and hex digits, which may all be digits) is an id.
            "health_system" if is_pseudonym(cell, "HS-") => CellKind::Id,
            "zip3" => CellKind::Zip3,
            _ if NUMERIC_COLUMNS.contains(&name) => CellKind::Number,
            _ => CellKind::Other,
        };
        if let Some(found) = value_identifier(cell, kind) {
            return Err(InputError::new(
                path,
                format!(
                    "no direct identifiers in a pool, but this cell looks like {} (its value is \
                     not shown; remove it, or build the pool with dyad anonymize)",
                    found.describe()
                ),
            )
            .at(row.line, idx + 1)
            .field(name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(v: &str) -> Option<Identifier> {
        value_identifier(v, CellKind::Other)
    }

    #[test]
    fn values_with_an_identifier_shape_are_recognised() {
        use Identifier::*;
        assert_eq!(val("jane.doe@example.org"), Some(Email));
        assert_eq!(val("leadership;Jane <jd@hospital.org>"), Some(Email));
        assert_eq!(val("(617) 555-0123"), Some(Phone));
        assert_eq!(val("617-555-0123"), Some(Phone));
        assert_eq!(val("617.555.0123"), Some(Phone));
        assert_eq!(val("+1 617 555 0123"), Some(Phone));
        assert_eq!(val("call 555-0123"), Some(Phone));
        assert_eq!(val("123-45-6789"), Some(Ssn));
        assert_eq!(val("6175550123"), Some(LongNumber));
        assert_eq!(val("https://example.org/x"), Some(Url));
        assert_eq!(val("www.example.org"), Some(Url));
        assert_eq!(val("10.0.0.1"), Some(IpAddress));
        assert_eq!(val("1980-06-05"), Some(Date));
        assert_eq!(val("06/05/1980"), Some(Date));
        assert_eq!(val("2022-06"), Some(Date));
        assert_eq!(val("June 5"), Some(Date));
        assert_eq!(val("leadership;june 5"), Some(Date));
        assert_eq!(value_identifier("02139", CellKind::Zip3), Some(FullZip));
        assert_eq!(
            value_identifier("02139-4307", CellKind::Zip3),
            Some(FullZip)
        );
    }

    #[test]
    fn identifiers_in_any_script_or_code_are_recognised() {
        use Identifier::*;
        assert_eq!(val("02138"), Some(FullZip));
        assert_eq!(val("research;02138-4307"), Some(FullZip));
        assert_eq!(val("MRN 00123456"), Some(Account));
        assert_eq!(val("1234567"), Some(Account));
        assert_eq!(val("acct 12345678"), Some(Account));
        assert_eq!(val("AB1234563"), Some(Licence));
        assert_eq!(val("mrn00123456"), Some(Other));
        assert_eq!(val("evil-example.com"), Some(Url));
        assert_eq!(val("see Mail.Example.ORG."), Some(Url));
        // Full-width, Arabic-Indic and Devanagari digits are digits.
        assert_eq!(val("６１７５５５０１０１"), Some(LongNumber));
        assert_eq!(val("٦١٧٥٥٥٠١٠١"), Some(LongNumber));
        assert_eq!(val("०२१३८"), Some(FullZip));
        assert_eq!(val("٠٥/٠٦/١٩٨٠"), Some(Date));
        // A pseudonym of the health system is an id, whatever its hex digits.
        let row = CsvRow {
            line: 2,
            cells: vec!["HS-12345678".into(), "Clinic 12345678".into()],
        };
        let p = Path::new("p.csv");
        assert!(refuse_in_row(p, &row, &[("health_system", 0)]).is_ok());
        assert!(refuse_in_row(p, &row, &[("health_system", 1)]).is_err());
    }

    #[test]
    fn schema_values_are_not_identifiers() {
        for v in [
            "ME-014",
            "MR-0007",
            "HS-04",
            "021",
            "2022",
            "1.5",
            "internal medicine",
            "work-life balance",
            "woman;img",
            "in-person",
            "english;yoruba",
            "2019-2021",
            "may the best win",
            "10",
            "",
            "A1C-2000",
            "e.g. research",
            "st. louis",
            "ob/gyn",
            "2019-2021",
            "1,5",
            "ph.d.",
            "médecine générale",
        ] {
            assert_eq!(val(v), None, "{v}");
        }
        for id in ["ME-6175550123", "MR-0123456789", "ME-3fa9c2e10b"] {
            assert_eq!(value_identifier(id, CellKind::Id), None, "{id}");
        }
    }

    #[test]
    fn numeric_cells_that_read_as_numbers_are_left_to_the_range_check() {
        use Identifier::*;
        let num = |v| value_identifier(v, CellKind::Number);
        for v in [
            "99999999999",
            "6175550123",
            "1e308",
            " 2099 ",
            "+16175550123",
        ] {
            assert_eq!(num(v), None, "{v}");
        }
        // The same long numbers in a text column are identifiers.
        assert_eq!(val("99999999999"), Some(LongNumber));
        assert_eq!(val("6175550123"), Some(LongNumber));
        // Shapes that are no number stay identifiers in a numeric column.
        assert_eq!(num("1990-04-12"), Some(Date));
        assert_eq!(num("617-555-0123"), Some(Phone));
        assert_eq!(num("617.555.0123"), Some(Phone));
        assert_eq!(num("jane.doe@example.org"), Some(Email));
    }
}
