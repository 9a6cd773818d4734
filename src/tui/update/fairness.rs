//! The fairness view (`F`) as `update` sees it: opening it asks its lane for the price-of-
//! fairness curve under the current settings (unless the curve of these settings is already
//! there), and so does any message after which the view is open and the settings are no longer
//! those of its curve; ↑ ↓ select a point; Enter sets the profile's coverage floor to it (as the
//! rules panel's floor row does: undo takes it back, and the matching is re-solved) and closes
//! the view.

use std::sync::Arc;

use crate::tui::action::{Action, Effect, FairnessAnswer as Answer, Msg, Task};
use crate::tui::state::fairness::Settings;
use crate::tui::state::{Model, Top};

/// `F`: the view, with the point of the profile's floor selected, and the curve asked for when
/// it is not of the current settings.
pub fn open(m: &mut Model) -> Vec<Effect> {
    m.top = Top::Fairness;
    let effects = follow(m);
    m.fairness
        .select(m.document.current.constraints.coverage_floor);
    effects
}

/// While the view is open, the curve of the settings as they are now: asked for again when the
/// settings of the curve shown (or being worked out) are not these, whatever changed them; an
/// answer to an older request is dropped when it comes.
pub fn follow(m: &mut Model) -> Vec<Effect> {
    if !matches!(m.top, Top::Fairness) {
        return Vec::new();
    }
    let now = Settings::of(&m.document);
    if !m.fairness.stale(&now) {
        return Vec::new();
    }
    let id = m.fairness.ask(now.clone());
    vec![Effect::Run(Task::new("fairness", id, move |engine| {
        // The lane's engine keeps the pins and bans of its last task.
        if engine.pool.overrides != now.overrides {
            engine.set_overrides(now.overrides.clone());
        }
        // The room sees the curve: where it ends is withheld when it could tell who among the
        // unmatched is in a group.
        let cells = dyad::privacy::SmallCells::new(engine.small_cell_k);
        let found = dyad::analysis::fairness::curve(engine, &now.profile)
            .map(|c| Arc::new(dyad::analysis::fairness::for_room(c, &now.profile, cells).0))
            .map_err(|e| e.to_string());
        Msg::Fairness(Box::new(Answer { id, found }))
    }))]
}

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(Action::Up) => m.fairness.step(-1),
        Msg::Action(Action::Down) => m.fairness.step(1),
        Msg::Action(Action::Accept) => return set_floor(m),
        _ => {}
    }
    Vec::new()
}

/// Enter: the point's floor becomes the profile's (off for the point without one).
fn set_floor(m: &mut Model) -> Vec<Effect> {
    let Some(p) = m.fairness.point() else {
        m.warn("No floor to set yet: wait for the curve");
        return Vec::new();
    };
    if p.withheld() {
        m.warn("Higher floors are not shown: choose a point above");
        return Vec::new();
    }
    if p.outcome.is_err() {
        m.warn("This floor cannot be met: choose a point above it");
        return Vec::new();
    }
    let floor = p.floor;
    m.top = Top::Main;
    let effects = m.edit_profile(false, |p| p.constraints.coverage_floor = floor);
    m.info(match floor {
        Some(f) => format!(
            "Coverage floor per group set to {:.0} %: rematching",
            f * 100.0
        ),
        None => "Coverage floor per group turned off: rematching".into(),
    });
    effects
}

pub fn computed(m: &mut Model, a: Answer) {
    let floor = m.document.current.constraints.coverage_floor;
    m.fairness.accept(a, floor);
}
