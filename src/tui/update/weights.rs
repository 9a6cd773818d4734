//! The weights panel: moving the selection and changing the selected weight or rule (a step,
//! to 0, or to where the pairs next change). Each change keeps the state before it for undo and
//! asks for a solve (`Model::edit`).

use crate::tui::action::{Action as Key, Effect, Step};
use crate::tui::state::Model;
use crate::tui::state::stable;
use crate::tui::state::weights::Setting;

/// Up, Down, Home, End in the panel.
pub fn select(m: &mut Model, key: Key) {
    let last = Setting::COUNT - 1;
    let w = &mut m.weights;
    w.scroll.selected = match key {
        Key::Up => w.scroll.selected.saturating_sub(1),
        Key::Down => (w.scroll.selected + 1).min(last),
        Key::Top => 0,
        _ => last,
    };
    m.fit_offsets();
}

pub fn change(m: &mut Model, step: Step) -> Vec<Effect> {
    let s = Setting::at(m.weights.scroll.selected);
    m.edit_profile(false, |p| s.change(p, step))
}

pub fn zero(m: &mut Model) -> Vec<Effect> {
    let s = Setting::at(m.weights.scroll.selected);
    let mut ok = true;
    let fx = m.edit_profile(false, |p| ok = s.zero(p));
    if !ok {
        m.info(format!("{} has no zero; use ← and →", s.label()));
    }
    fx
}

/// `[` / `]`: the selected weight to the first step below / above its stable range, where the
/// pairs change.
pub fn jump(m: &mut Model, up: bool) -> Vec<Effect> {
    let s = Setting::at(m.weights.scroll.selected);
    let Some(k) = s.weight() else {
        m.info("[ and ] move a weight to where the pairs change: select a criterion first");
        return Vec::new();
    };
    let weight = m.document.current.weights[k];
    let found = match &m.solve.analyses.stability[k] {
        Some(Ok(st)) if st.weight == weight && !m.busy() => st.clone(),
        Some(Err(e)) => {
            m.error(format!("The stable range could not be found: {e}"));
            return Vec::new();
        }
        _ if crate::tui::jobs::analyses::Scope::of(&m.document.pool)
            == crate::tui::jobs::analyses::Scope::Shown =>
        {
            m.info("Stable ranges are not computed for a pool this large");
            return Vec::new();
        }
        _ => {
            m.info("Still finding where the pairs change; press again in a moment");
            return Vec::new();
        }
    };
    let Some(to) = stable::jump(&found, up) else {
        let end = if up { "1" } else { "0" };
        m.info(format!(
            "{}: no pair changes between {weight:.2} and {end}",
            s.label()
        ));
        return Vec::new();
    };
    let changes = if up {
        &found.changes_high
    } else {
        &found.changes_low
    };
    m.info(format!(
        "{} {weight:.2} → {to:.2}, where the pairs change: {} (u goes back)",
        s.label(),
        describe_changes(m, changes)
    ));
    m.edit_profile(false, |p| p.weights[k] = to)
}

/// "ME-012: MR-025 → MR-004", two at most, else how many mentees move.
fn describe_changes(m: &Model, changes: &[dyad::analysis::stability::PairChange]) -> String {
    match changes {
        [] => "none found".into(),
        [_] | [_, _] => dyad::analysis::compare::changes_line(&m.document.pool, changes, 2),
        more => format!("{} mentees get another mentor", more.len()),
    }
}
