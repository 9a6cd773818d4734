//! Errors about bad input: every one names the file, the position in it, the offending value and
//! what was expected, so a coordinator can fix the file without guessing.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem with a file the user gave us (data, profile, overrides, score matrix).
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// Boxed (a thin pointer): errors travel in every `Result` of the loaders, so they are kept
    /// small (at most 128 bytes, clippy's limit for an error type).
    pub file: Box<PathBuf>,
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
    /// What is wrong, in words, when it is not a value found in the wrong place (a missing key,
    /// a file that is not valid TOML): shown instead of `found "VALUE"`, with `expected` after
    /// it in parentheses when there is one.
    /// Boxed like `file`, to keep the error small.
    pub problem: Option<Box<String>>,
}

impl InputError {
    /// A problem in `file`, saying what was expected there.
    pub fn new(file: impl AsRef<Path>, expected: impl Into<String>) -> Self {
        InputError {
            file: Box::new(file.as_ref().to_path_buf()),
            line: None,
            column: None,
            field: None,
            value: None,
            expected: expected.into(),
            problem: None,
        }
    }

    /// At this line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// On this line.
    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// In this CSV column or TOML key.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The offending value, as found in the file.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// What is wrong, when no value was found in the wrong place (see [`InputError::problem`]).
    pub fn problem(mut self, problem: impl Into<String>) -> Self {
        self.problem = Some(Box::new(problem.into()));
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
        if let Some(problem) = &self.problem {
            write!(f, " {}", escape(problem))?;
            if !self.expected.is_empty() {
                write!(f, " (expected {})", escape(&self.expected))?;
            }
            return Ok(());
        }
        if let Some(value) = &self.value {
            write!(f, " found {},", quote(value))?;
        }
        write!(f, " expected {}", escape(&self.expected))
    }
}

impl std::error::Error for InputError {}

/// Characters that can reorder how text is displayed (the messages here escape them, and
/// `io::safetext` removes them from text shown elsewhere).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A character that must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Escapes control and bidirectional characters (a file name or column name in a message), so
/// that nothing from a file can move the cursor or recolour the terminal.
pub fn escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_unsafe(c) {
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
            c if is_unsafe(c) => out.push_str(&c.escape_default().to_string()),
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
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Several problems of bad input, all found in one run (an intake export): exit status 2.
    /// Shown one per line, each with its own `error:`.
    Many(Vec<InputError>),
    /// Anything else: exit status 1.
    Other(String),
}

impl Error {
    /// A failure to read or write `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// The process exit status for this error: 2 for bad input, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Many(_) => 2,
            Error::Io { source, .. } if input_fault(source) => 2,
            _ => 1,
        }
    }
}

/// All the problems of one run: one is an [`Error::Input`], more are [`Error::Many`].
impl From<Vec<InputError>> for Error {
    fn from(mut all: Vec<InputError>) -> Self {
        if all.len() == 1 {
            all.remove(0).into()
        } else {
            Error::Many(all)
        }
    }
}

/// Whether an I/O error comes from the path the user gave (a missing file, a name too long for
/// the file system, a folder where a file was expected or the other way round), rather than from
/// the machine.
fn input_fault(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        NotFound | InvalidFilename | IsADirectory | NotADirectory | InvalidInput
    ) || e.raw_os_error() == Some(36) && cfg!(target_os = "linux")
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
            Error::Many(all) => {
                let lines: Vec<String> = all.iter().map(InputError::to_string).collect();
                f.write_str(&lines.join("\nerror: "))
            }
            Error::Other(msg) => f.write_str(&escape(msg)),
        }
    }
}

impl std::error::Error for Error {}

/// The result of a dyad operation.
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
    fn a_problem_reads_in_place_of_found_with_the_expectation_after_it() {
        let e = InputError::new("p.toml", "name = \"…\"")
            .at(1, 1)
            .problem("the profile has no `name`");
        assert_eq!(
            e.to_string(),
            "p.toml:1:1: the profile has no `name` (expected name = \"…\")"
        );
        let e = InputError::new("p.toml", "")
            .at(5, 9)
            .problem("this is not valid TOML: unclosed table\u{1b}[2J");
        assert_eq!(
            e.to_string(),
            "p.toml:5:9: this is not valid TOML: unclosed table\\u{1b}[2J"
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
        assert!(!e.to_string().chars().any(is_unsafe), "{e}");
        let e = Error::Other("a\u{7}b".into());
        assert!(!e.to_string().contains('\u{7}'));
    }

    #[test]
    fn input_errors_stay_small() {
        // Every loader returns them; clippy's `result_large_err` stops at 128 bytes.
        assert!(std::mem::size_of::<InputError>() < 128);
    }

    #[test]
    fn missing_file_is_bad_input() {
        let e = Error::io("x", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(e.exit_code(), 2);
        assert_eq!(Error::Other("boom".into()).exit_code(), 1);
    }
}
