//! The mid-cycle view (`M`) as `update` sees it: opening it asks its lane for the
//! curve of the pairs in place under the results shown (new results ask again: see `solve`);
//! ← → (↑ ↓) select a point; Enter writes its pairs to a new file beside the pairs in place.

use crate::tui::action::{Action, Effect, Msg, PairsOrder, Task};
use crate::tui::jobs::midcycle::{self, Answer, Ask};
use crate::tui::state::{Model, Top};

/// `M`: the view, and the curve asked for when it is not already worked out for these results.
pub fn open(m: &mut Model) -> Vec<Effect> {
    m.top = Top::Midcycle;
    m.midcycle
        .open(m.solve.results.as_ref())
        .map(run)
        .into_iter()
        .collect()
}

/// The curve worked out on the lane `midcycle` (only the newest request waiting).
pub fn run(ask: Ask) -> Effect {
    Effect::Run(Task::new("midcycle", ask.id, move |_| {
        Msg::Midcycled(Box::new(midcycle::answer(ask.clone())))
    }))
}

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(Action::Up) => m.midcycle.step(-1),
        Msg::Action(Action::Down) => m.midcycle.step(1),
        Msg::Action(Action::Accept) => return write(m),
        _ => {}
    }
    Vec::new()
}

/// Enter: the point's pairs to a new file (the status line says where, or why not).
fn write(m: &mut Model) -> Vec<Effect> {
    let v = &m.midcycle;
    let (Some(path), Some(point), Some(a)) = (v.out_path(), v.point(), v.answer.as_ref()) else {
        m.warn("No point to write yet: wait for the curve");
        return Vec::new();
    };
    let order = PairsOrder {
        path,
        ev: a.ev.clone(),
        point: point.clone(),
    };
    vec![Effect::WritePairs(Box::new(order))]
}

pub fn computed(m: &mut Model, a: Answer) {
    m.midcycle.accept(a);
}

/// Where the pairs were written, or why not.
pub fn written(m: &mut Model, r: Result<std::path::PathBuf, String>) {
    match r {
        Ok(path) => m.info(format!(
            "Wrote the new pairs to {}",
            dyad::error::escape(&path.display().to_string())
        )),
        Err(e) => m.error(format!("Not written: {e}")),
    }
}
