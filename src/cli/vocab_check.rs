//! The vocabulary part of `dyad check`: terms of the pool outside `configs/vocabulary.toml`, and
//! list cells that join several known terms with commas (an error: such a cell matches nobody).

use dyad::error::{Error, InputError, Result};
use dyad::intake::audit::{self, Problem};
use dyad::pool::Pool;

use super::inputs;

/// What the report says of a cell that joins known terms with commas.
pub const JOINED: &str = "is one answer made of several known terms";

/// The report's lines, and the errors (joined answers at their lines, or a vocabulary or
/// specialty-families file that cannot be read).
pub fn report(pool: &Pool) -> Result<(String, Vec<Error>)> {
    let vocab = match inputs::vocabulary() {
        Ok(v) => v,
        Err(e) => return Ok(("\nVocabulary: not checked\n".to_string(), vec![e])),
    };
    let files = inputs::pool_csv_files(pool)?;
    let mut text = String::from("\nVocabulary\n");
    let mut errors = Vec::new();
    let mut problems = 0;
    for file in &files {
        let name = file
            .path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        for f in audit::audit(file, &vocab) {
            problems += 1;
            let people = match f.lines.len() {
                1 => "1 person".to_string(),
                n => format!("{n} people"),
            };
            let near = if f.nearest.is_empty() {
                String::new()
            } else {
                format!("; did you mean \"{}\"?", f.nearest.join("\" or \""))
            };
            let term = dyad::error::escape(&f.term);
            match f.problem {
                Problem::Joined => {
                    text.push_str(&format!(
                        "  {name} {}: \"{term}\" {JOINED} ({people}): separate them with ;\n",
                        f.column
                    ));
                    for line in &f.lines {
                        let col = file.column(&f.column).map_or(0, |c| c + 1);
                        errors.push(Error::from(
                            InputError::new(
                                &file.path,
                                "answers separated by ; (this cell's text splits at commas into \
                                 known terms, and as one answer it matches nobody)",
                            )
                            .at(*line, col)
                            .field(f.column.clone()),
                        ));
                    }
                }
                Problem::Unknown => text.push_str(&format!(
                    "  {name} {}: \"{term}\" is not a known term of this closed field ({people}){near}\n",
                    f.column
                )),
                Problem::UnknownOpen => text.push_str(&format!(
                    "  {name} {}: \"{term}\" is not a known term ({people}): it matches only the \
                     same spelling{near}\n",
                    f.column
                )),
            }
        }
    }
    if problems == 0 {
        text.push_str("  every term is in the vocabulary\n");
    } else {
        text.push_str(&format!(
            "  {problems} vocabulary problems: terms spelt differently never match; fix the pool \
             or add synonyms to configs/vocabulary.toml\n"
        ));
    }
    Ok((text, errors))
}
