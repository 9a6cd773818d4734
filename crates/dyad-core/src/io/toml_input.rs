//! Reading the TOML files dyad takes (profiles, settings, specialty families) key by key, with
//! messages in plain words: `FILE:LINE:COL: FIELD: found "VALUE", expected WHAT`, "this is not
//! valid TOML: …", "… has no `KEY`", and unknown keys named with the keys allowed there.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::lines::LineIndex;
use crate::error::{InputError, quote};

/// A key of a TOML table, its value, and the value's position.
pub(crate) type Entry<'t, 'a> = (
    &'t Spanned<std::borrow::Cow<'a, str>>,
    &'t Spanned<DeValue<'a>>,
);

/// A TOML file being read: its name and text, for messages.
pub(crate) struct Doc<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex<'a>,
}

/// For a number written in quotes (`"0.5"`): a hint to drop them.
fn quoted_number(v: &Spanned<DeValue<'_>>) -> &'static str {
    match v.get_ref() {
        DeValue::String(s) if s.trim().parse::<f64>().is_ok() => {
            " (this one is in quotes, which makes it text: write it without them)"
        }
        _ => "",
    }
}

impl<'a> Doc<'a> {
    /// Parses `text` as TOML; a syntax error reads "this is not valid TOML: …".
    pub(crate) fn parse(
        text: &'a str,
        path: &'a Path,
    ) -> Result<(Doc<'a>, DeTable<'a>), InputError> {
        let doc = Doc {
            path,
            text,
            lines: LineIndex::new(text),
        };
        match DeTable::parse(text) {
            Ok(table) => Ok((doc, table.into_inner())),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().replace('\n', "; ").replace('`', "'");
                let message = if message == "duplicate key" {
                    let key = text.get(span.clone()).unwrap_or("").trim();
                    format!("the key {} is given twice", quote(key))
                } else {
                    message
                };
                Err(doc
                    .at(span.start, "")
                    .problem(format!("this is not valid TOML: {message}")))
            }
        }
    }

    /// An error at a byte offset of the file.
    pub(crate) fn at(&self, offset: usize, expected: impl Into<String>) -> InputError {
        let (line, col) = self.lines.line_col(offset);
        InputError::new(self.path, expected).at(line, col)
    }

    /// A value as written in the file (a string: its text), for `found "…"`.
    pub(crate) fn found(&self, v: &Spanned<DeValue<'_>>) -> String {
        match v.get_ref() {
            DeValue::String(s) => s.to_string(),
            _ => {
                let raw = self.text.get(v.span()).unwrap_or("").trim();
                match raw.split_once('\n') {
                    Some((first, _)) => format!("{}…", first.trim_end()),
                    None => raw.to_string(),
                }
            }
        }
    }

    /// `FIELD: found "VALUE", expected WHAT` at the value.
    pub(crate) fn wrong(
        &self,
        v: &Spanned<DeValue<'_>>,
        field: &str,
        expected: impl Into<String>,
    ) -> InputError {
        self.at(v.span().start, expected)
            .field(field)
            .value(self.found(v))
    }

    /// The entries of a table in file order.
    pub(crate) fn entries<'t>(table: &'t DeTable<'a>) -> Vec<Entry<'t, 'a>> {
        let mut out: Vec<Entry<'t, 'a>> = table.iter().collect();
        out.sort_by_key(|(k, _)| k.span().start);
        out
    }

    /// Refuses the first key (in file order) that is not one of `allowed`, naming it and
    /// the keys allowed there. `section` is the table's path (`None`: the top level).
    pub(crate) fn known_keys(
        &self,
        table: &DeTable<'a>,
        section: Option<&str>,
        allowed: &[&str],
    ) -> Result<(), InputError> {
        for (key, value) in Self::entries(table) {
            if !allowed.contains(&key.get_ref().as_ref()) {
                // A `[table]` header starts before its name.
                let at = key.span().start.min(value.span().start);
                let list = allowed.join(", ");
                let expected = match section {
                    Some(s) => format!("one of the keys of [{s}]: {list}"),
                    None => format!("one of the keys at the top of the file: {list}"),
                };
                let mut e = self.at(at, expected).value(key.get_ref().as_ref());
                if let Some(s) = section {
                    e = e.field(s);
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// The value of `key` in a table.
    pub(crate) fn get<'t>(table: &'t DeTable<'a>, key: &str) -> Option<&'t Spanned<DeValue<'a>>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// A sub-table (`[section]`, a dotted key or an inline table), if present.
    pub(crate) fn table<'t>(
        &self,
        parent: &'t DeTable<'a>,
        key: &str,
        field: &str,
        expected: &str,
    ) -> Result<Option<(&'t DeTable<'a>, Range<usize>)>, InputError> {
        match Self::get(parent, key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Table(t) => Ok(Some((t, v.span()))),
                _ => Err(self.wrong(v, field, expected)),
            },
        }
    }

    /// A number (integer or decimal) from `lo` to `hi`.
    pub(crate) fn number(
        &self,
        v: &Spanned<DeValue<'_>>,
        field: &str,
        lo: f64,
        hi: f64,
    ) -> Result<f64, InputError> {
        let x = match v.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|i| i as f64),
            _ => None,
        };
        match x {
            Some(x) if x.is_finite() && (lo..=hi).contains(&x) => Ok(x),
            _ => Err(self.wrong(
                v,
                field,
                format!("a number from {lo} to {hi}{}", quoted_number(v)),
            )),
        }
    }

    /// A whole number from `lo` to `hi`; `expected` says what it is in words.
    pub(crate) fn whole(
        &self,
        v: &Spanned<DeValue<'_>>,
        field: &str,
        lo: i64,
        hi: i64,
        expected: &str,
    ) -> Result<i64, InputError> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .filter(|x| (lo..=hi).contains(x))
                .ok_or_else(|| self.wrong(v, field, expected)),
            _ => Err(self.wrong(v, field, format!("{expected}{}", quoted_number(v)))),
        }
    }

    /// A string.
    pub(crate) fn string<'t>(
        &self,
        v: &'t Spanned<DeValue<'a>>,
        field: &str,
        expected: &str,
    ) -> Result<&'t str, InputError> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s.as_ref()),
            _ => Err(self.wrong(v, field, expected)),
        }
    }

    /// `true` or `false`.
    pub(crate) fn boolean(
        &self,
        v: &Spanned<DeValue<'_>>,
        field: &str,
    ) -> Result<bool, InputError> {
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            _ => Err(self.wrong(v, field, "true or false")),
        }
    }

    /// Something required is missing from a table: "WHAT has no MISSING", at the table's
    /// header (`None`: line 1, column 1, for the top level).
    pub(crate) fn missing(
        &self,
        table_span: Option<Range<usize>>,
        what: &str,
        missing: &str,
        expected: impl Into<String>,
    ) -> InputError {
        self.at(table_span.map_or(0, |s| s.start), expected)
            .problem(format!("{what} has no {missing}"))
    }
}
