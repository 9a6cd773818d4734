//! Settings that belong to no profile: `configs/dyad-settings.toml`. A missing file means the
//! defaults; a present one is checked like a profile (unknown keys and values out of range are
//! errors naming the line and column).
//!
//! ```toml
//! [privacy]
//! small_cell_k = 5   # identity groups with fewer eligible mentees show "<5", not figures
//! k_anonymity = 5    # the k that `dyad check` audits the pool against
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::csvread::LineIndex;
use crate::error::{Error, InputError};

/// The settings file's name, in the configs folder.
pub const SETTINGS_FILE: &str = "dyad-settings.toml";

/// The largest file dyad reads as settings.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Identity groups with fewer eligible mentees have their figures suppressed.
    pub small_cell_k: usize,
    /// The default k of the k-anonymity audit.
    pub k_anonymity: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            small_cell_k: 5,
            k_anonymity: 5,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    privacy: RawPrivacy,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    small_cell_k: Option<Spanned<i64>>,
    k_anonymity: Option<Spanned<i64>>,
}

/// The settings file of a configs folder.
pub fn path_in(configs: &Path) -> PathBuf {
    configs.join(SETTINGS_FILE)
}

/// Reads `configs/dyad-settings.toml`; the defaults when there is none.
pub fn load(configs: &Path) -> Result<Settings, Error> {
    let path = path_in(configs);
    if !path.exists() {
        return Ok(Settings::default());
    }
    let text = crate::fsio::read_text(&path, MAX_BYTES)?;
    Ok(parse(&text, &path)?)
}

/// Parses settings TOML; `path` is used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Settings, InputError> {
    let lines = LineIndex::new(text);
    let at = |span: std::ops::Range<usize>, expected: String| {
        let (line, col) = lines.line_col(span.start);
        InputError::new(path, expected).at(line, col)
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        at(span, e.message().trim().replace('\n', "; "))
    })?;
    let k = |v: &Option<Spanned<i64>>, key: &str, default: usize| match v {
        None => Ok(default),
        Some(v) => usize::try_from(*v.get_ref())
            .ok()
            .filter(|k| (1..=1000).contains(k))
            .ok_or_else(|| {
                at(v.span(), "a whole number from 1 to 1000".into())
                    .field(format!("privacy.{key}"))
                    .value(v.get_ref().to_string())
            }),
    };
    let d = Settings::default();
    Ok(Settings {
        small_cell_k: k(&raw.privacy.small_cell_k, "small_cell_k", d.small_cell_k)?,
        k_anonymity: k(&raw.privacy.k_anonymity, "k_anonymity", d.k_anonymity)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Settings, InputError> {
        parse(text, Path::new("s.toml"))
    }

    #[test]
    fn defaults_values_and_errors() {
        assert_eq!(p("").unwrap(), Settings::default());
        let s = p("[privacy]\nsmall_cell_k = 10\n").unwrap();
        assert_eq!((s.small_cell_k, s.k_anonymity), (10, 5));
        let e = p("[privacy]\nsmall_cell_k = 0\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(16)));
        let e = p("[privacy]\nsmall_cell = 3\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(p("[privacy]\nk_anonymity = \"5\"\n").is_err());
    }

    #[test]
    fn the_shipped_file_parses_and_a_missing_one_means_defaults() {
        let shipped = include_str!("../configs/dyad-settings.toml");
        assert_eq!(p(shipped).unwrap(), Settings::default());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Settings::default());
    }
}
