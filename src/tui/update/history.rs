//! Undo and redo of the settings, pins and bans, saying what each undid or redid.

use crate::tui::action::Effect;
use crate::tui::state::moved::edits;
use crate::tui::state::{Model, Snapshot};

fn restore(m: &mut Model, to: Snapshot) -> Vec<Effect> {
    m.document.current = to.profile;
    m.document.overrides = to.overrides;
    m.document.current_file = to.file;
    m.rebuild_rows();
    m.recompute()
}

pub fn undo(m: &mut Model) -> Vec<Effect> {
    let Some(prev) = m.document.history.undo.pop() else {
        m.info("Nothing to undo");
        return Vec::new();
    };
    let now = m.document.snapshot();
    let what = edits(&now, &prev, &m.document.pool);
    m.document.history.redo.push(now);
    m.info(format!("Undone: {what} (Ctrl-r redoes)"));
    restore(m, prev)
}

pub fn redo(m: &mut Model) -> Vec<Effect> {
    let Some(next) = m.document.history.redo.pop() else {
        m.info("Nothing to redo");
        return Vec::new();
    };
    let now = m.document.snapshot();
    let what = edits(&now, &next, &m.document.pool);
    m.document.history.undo.push(now);
    m.info(format!("Redone: {what}"));
    restore(m, next)
}
