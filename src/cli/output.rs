//! Writing a command's output: all at once, to stdout, a closed pipe being no error.

use std::io::Write;

use dyad::error::{Error, Result};

/// Writes the whole output to stdout; a closed pipe (`dyad scores | head`) is not an error.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Other(format!("cannot write output: {e}"))),
    }
}

/// A JSON value, pretty-printed, with a final newline.
pub fn emit_json(v: &serde_json::Value) -> Result<()> {
    let mut s = serde_json::to_string_pretty(v).map_err(|e| Error::Other(e.to_string()))?;
    s.push('\n');
    emit(&s)
}
