//! Settings that belong to no profile: `configs/dyad-settings.toml`. A missing file means the
//! defaults; a present one is checked like a profile (unknown keys and values out of range are
//! errors naming the line and column).
//!
//! ```toml
//! [privacy]
//! small_cell_k = 5   # identity groups with fewer eligible mentees show "<5", not figures
//! k_anonymity = 5    # the k that `dyad check` audits the pool against
//!
//! [memory]
//! budget_mb = 8000   # refuse pools whose matching needs more (default: what the machine has free)
//!
//! [display]
//! theme = "light"    # the terminal UI's colours: "dark" (default) or "light" for a projector
//! ```

use std::path::{Path, PathBuf};

use crate::error::{Error, InputError};
use crate::io::toml_input::Doc;

/// The settings file's name, in the configs folder.
pub const SETTINGS_FILE: &str = "dyad-settings.toml";

/// The largest file dyad reads as settings.
const MAX_BYTES: u64 = 64 * 1024;

/// The colours of the terminal UI (`[display] theme`, or `dyad tui --theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// The terminal's own background and colours.
    #[default]
    Dark,
    /// Black on white in fixed colours, for a projector or a light terminal.
    Light,
}

impl ThemeName {
    /// Every theme, by the name a user writes.
    pub const ALL: [(&str, ThemeName); 2] =
        [("dark", ThemeName::Dark), ("light", ThemeName::Light)];

    /// The theme of this name (`"dark"` or `"light"`, as written).
    pub fn from_name(name: &str) -> Option<ThemeName> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }
}

/// The settings that belong to no profile, each with its default when the file leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Identity groups with fewer eligible mentees have their figures suppressed.
    pub small_cell_k: usize,
    /// The default k of the k-anonymity audit.
    pub k_anonymity: usize,
    /// The most memory matching a pool may need, in bytes; `None`: what the machine has free.
    pub memory_budget: Option<u64>,
    /// The terminal UI's colours; `dyad tui --theme` overrides it.
    pub theme: ThemeName,
}

impl Settings {
    /// The small-cell suppression these settings ask for.
    pub fn small_cells(&self) -> crate::privacy::SmallCells {
        crate::privacy::SmallCells::new(self.small_cell_k)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            small_cell_k: super::limits::DEFAULT_SMALL_CELL_K,
            k_anonymity: 5,
            memory_budget: None,
            theme: ThemeName::Dark,
        }
    }
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
    let text = crate::io::read_text(&path, MAX_BYTES)?;
    Ok(parse(&text, &path)?)
}

/// Parses settings TOML; `path` is used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Settings, InputError> {
    const WHOLE: &str = "a whole number from 1 to 1000";
    let (doc, root) = Doc::parse(text, path)?;
    doc.known_keys(&root, None, &["privacy", "memory", "display"])?;
    let d = Settings::default();
    let memory_budget = match doc.table(
        &root,
        "memory",
        "memory",
        "a table [memory] (budget_mb = … under it)",
    )? {
        None => None,
        Some((memory, _)) => {
            doc.known_keys(memory, Some("memory"), &["budget_mb"])?;
            match Doc::get(memory, "budget_mb") {
                None => None,
                Some(v) => Some(
                    (doc.whole(
                        v,
                        "memory.budget_mb",
                        1,
                        1 << 30,
                        "a whole number of megabytes from 1 to 1073741824",
                    )? as u64)
                        << 20,
                ),
            }
        }
    };
    let theme = match doc.table(
        &root,
        "display",
        "display",
        "a table [display] (theme = … under it)",
    )? {
        None => d.theme,
        Some((display, _)) => {
            doc.known_keys(display, Some("display"), &["theme"])?;
            match Doc::get(display, "theme") {
                None => d.theme,
                Some(v) => {
                    const THEMES: &str = "\"dark\" or \"light\"";
                    let name = doc.string(v, "display.theme", THEMES)?;
                    ThemeName::from_name(name)
                        .ok_or_else(|| doc.wrong(v, "display.theme", THEMES))?
                }
            }
        }
    };
    let Some((privacy, _)) = doc.table(
        &root,
        "privacy",
        "privacy",
        "a table [privacy] (small_cell_k = … and k_anonymity = … under it)",
    )?
    else {
        return Ok(Settings {
            memory_budget,
            theme,
            ..d
        });
    };
    doc.known_keys(privacy, Some("privacy"), &["small_cell_k", "k_anonymity"])?;
    let k = |key: &str, default: usize| match Doc::get(privacy, key) {
        None => Ok(default),
        Some(v) => doc
            .whole(v, &format!("privacy.{key}"), 1, 1000, WHOLE)
            .map(|k| k as usize),
    };
    Ok(Settings {
        small_cell_k: k("small_cell_k", d.small_cell_k)?,
        k_anonymity: k("k_anonymity", d.k_anonymity)?,
        memory_budget,
        theme,
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
        let s = p("[memory]\nbudget_mb = 512\n").unwrap();
        assert_eq!(s.memory_budget, Some(512 << 20));
        assert!(p("[memory]\nbudget_mb = 0\n").is_err());
    }

    #[test]
    fn the_display_theme_is_dark_unless_the_file_says_light() {
        assert_eq!(p("").unwrap().theme, ThemeName::Dark);
        let s = p("[display]\ntheme = \"light\"\n").unwrap();
        assert_eq!(s.theme, ThemeName::Light);
        assert_eq!(s.small_cell_k, Settings::default().small_cell_k);
        let s = p("[privacy]\nk_anonymity = 7\n[display]\ntheme = \"dark\"\n").unwrap();
        assert_eq!((s.theme, s.k_anonymity), (ThemeName::Dark, 7));
        let msg = |text: &str| p(text).unwrap_err().to_string();
        assert_eq!(
            msg("[display]\ntheme = \"Light\"\n"),
            "s.toml:2:9: display.theme: found \"Light\", expected \"dark\" or \"light\""
        );
        assert_eq!(
            msg("[display]\ntheme = 1\n"),
            "s.toml:2:9: display.theme: found \"1\", expected \"dark\" or \"light\""
        );
        assert_eq!(
            msg("[display]\ncolours = \"light\"\n"),
            "s.toml:2:1: display: found \"colours\", expected one of the keys of [display]: theme"
        );
    }

    #[test]
    fn errors_read_in_plain_words() {
        let msg = |text: &str| p(text).unwrap_err().to_string();
        assert_eq!(
            msg("[privacy]\nsmall_cell_k = \"five\"\n"),
            "s.toml:2:16: privacy.small_cell_k: found \"five\", expected a whole number from 1 to 1000"
        );
        assert_eq!(
            msg("[privacy]\nk_anonymity = 2.5\n"),
            "s.toml:2:15: privacy.k_anonymity: found \"2.5\", expected a whole number from 1 to 1000"
        );
        assert_eq!(
            msg("[privacy\n"),
            "s.toml:1:9: this is not valid TOML: unclosed table, expected ']'"
        );
        assert_eq!(
            msg("[privacy]\nsmall_cells = 3\n"),
            "s.toml:2:1: privacy: found \"small_cells\", expected one of the keys of [privacy]: \
             small_cell_k, k_anonymity"
        );
    }

    #[test]
    fn the_shipped_file_parses_and_a_missing_one_means_defaults() {
        let shipped = include_str!("../../../../configs/dyad-settings.toml");
        assert_eq!(p(shipped).unwrap(), Settings::default());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Settings::default());
    }
}
