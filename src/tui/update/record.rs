//! The decision record from the screen: `R` writes the current settings against the baseline as
//! one HTML page into `reports/` beside the configs folder, and the status line says where.

use std::path::PathBuf;

use crate::tui::action::{Effect, RecordOrder};
use crate::tui::state::Model;

/// Asks for the record of the results on screen; says so when there are none yet.
pub fn write(m: &mut Model) -> Vec<Effect> {
    let Some(mut results) = m.solve.results.clone() else {
        m.warn("No matching yet to write a record of: wait for the first result");
        return Vec::new();
    };
    // After "save as" the results were matched under the profile's old name: the record names
    // the profile as saved (name, description, saved time), its settings being the same.
    let doc = &m.document.current;
    let mut named = results.current.profile.clone();
    named.name = doc.name.clone();
    named.description = doc.description.clone();
    named.saved = doc.saved.clone();
    if named != results.current.profile && named == *doc {
        let mut current = (*results.current).clone();
        current.profile = named;
        results.current = std::sync::Arc::new(current);
    }
    let modified = m.profile_modified();
    m.info("Writing the decision record…");
    vec![Effect::WriteRecord(Box::new(RecordOrder {
        results,
        current_file: if modified {
            None
        } else {
            m.document.current_file.clone()
        },
        baseline_file: m.document.baseline_file.clone(),
        cells: m.document.small_cells,
    }))]
}

/// Says where the record went, or why it could not be written.
pub fn written(m: &mut Model, r: Result<PathBuf, String>) {
    match r {
        Ok(path) => m.info(format!(
            "Wrote the decision record to {} (open it in a browser to read, print or share)",
            dyad::error::escape(&path.display().to_string())
        )),
        Err(e) => m.warn(format!("The decision record was not written: {e}")),
    }
}
