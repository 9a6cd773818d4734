//! The fairness view (`F`) as `update` sees it: opening it asks its lane for the price-of-
//! fairness curve under the current profile; ↑ ↓ select a point; Enter sets the profile's
//! coverage floor to it (as the rules panel's floor row does: undo takes it back, and the
//! matching is re-solved) and closes the view.

use std::sync::Arc;

use crate::tui::action::{Action, Effect, FairnessAnswer as Answer, Msg, Task};
use crate::tui::state::{Model, Top};

/// `F`: the view, and the curve asked for under the current profile.
pub fn open(m: &mut Model) -> Vec<Effect> {
    m.top = Top::Fairness;
    let id = m.fairness.ask();
    let profile = m.document.current.clone();
    vec![Effect::Run(Task::new("fairness", id, move |engine| {
        let found = dyad::analysis::fairness::curve(engine, &profile)
            .map(Arc::new)
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
    m.fairness.accept(a);
}
