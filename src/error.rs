//! Errors about bad input: every one names the file, the position in it, the offending value and
//! what was expected, so a coordinator can fix the file without guessing.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with a file the user gave us (data, profile, overrides, score matrix).
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// Boxed: errors travel in every `Result` of the loaders, so they are kept small.
    pub file: Box<Path>,
    /// 1-based line in the file as a text editor shows it.
    pub line: Option<usize>,
    /// 1-based column: the field number in a CSV file, the character column in a TOML file.
    pub column: Option<usize>,
    /// The CSV column name or TOML key, when there is one.
    pub field: Option<String>,
    /// The offending value as found in the file.
    pub value: Option<String>,
    /// What was expected instead, in words.
    pub expected: String,
}

impl InputError {
    pub fn new(file: impl AsRef<Path>, expected: impl Into<String>) -> Self {
        InputError {
            file: file.as_ref().into(),
            line: None,
            column: None,
            field: None,
            value: None,
            expected: expected.into(),
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ":")?;
        if let Some(field) = &self.field {
            write!(f, " {}:", escape(field))?;
        }
        if let Some(value) = &self.value {
            write!(f, " found {},", quote(value))?;
        }
        write!(f, " expected {}", escape(&self.expected))
    }
}

impl std::error::Error for InputError {}

/// Escapes control and bidirectional characters (a file name or column name in a message), so
/// that nothing from a file can move the cursor or recolour the terminal.
pub fn escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::safetext::is_unsafe(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Quotes a value for a message, escaping control characters so that nothing from a file can
/// move the cursor or recolour the terminal.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars().take(80) {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if crate::safetext::is_unsafe(c) => out.push_str(&c.escape_default().to_string()),
            c => out.push(c),
        }
    }
    if value.chars().count() > 80 {
        out.push('…');
    }
    out.push('"');
    out
}

/// Any failure of a dyad operation, split by the exit status it maps to.
#[derive(Debug)]
pub enum Error {
    /// Bad input or usage: exit status 2.
    Input(Box<InputError>),
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Anything else: exit status 1.
    Other(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// The process exit status for this error: 2 for bad input, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => 2,
            _ => 1,
        }
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(Box::new(e))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => e.fmt(f),
            Error::Io { path, source } => {
                write!(f, "{}: {source}", escape(&path.display().to_string()))
            }
            Error::Other(msg) => f.write_str(&escape(msg)),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_line_column_value_and_expectation() {
        let e = InputError::new("data/mentees.csv", "3 digits")
            .at(12, 2)
            .field("zip3")
            .value("99x");
        assert_eq!(
            e.to_string(),
            "data/mentees.csv:12:2: zip3: found \"99x\", expected 3 digits"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_messages() {
        let q = quote("a\u{1b}[31mb");
        assert!(!q.contains('\u{1b}'));
        assert!(q.contains("\\u{1b}"));
        let e = InputError::new("evil\u{1b}[2J.csv", "x")
            .field("col\u{202E}")
            .value("\u{9b}");
        assert!(
            !e.to_string().chars().any(crate::safetext::is_unsafe),
            "{e}"
        );
        let e = Error::Other("a\u{7}b".into());
        assert!(!e.to_string().contains('\u{7}'));
    }

    #[test]
    fn missing_file_is_bad_input() {
        let e = Error::io("x", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(e.exit_code(), 2);
        assert_eq!(Error::Other("boom".into()).exit_code(), 1);
    }
}
