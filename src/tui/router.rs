//! Where each effect goes: the one router of the event loop and the tests alike. Background
//! work goes to the [`Workers`] (threads in the event loop, done at once in the tests), file
//! work to `disk` through them; whatever comes back at once is handed to `update` again, depth
//! first, before the next effect.

use std::path::Path;

use crate::tui::action::{Effect, Msg, RecordOrder, Task};
use crate::tui::jobs::analyses::Order;
use crate::tui::jobs::solve::Request;
use crate::tui::jobs::{evidence, kept};
use crate::tui::state::Model;
use crate::tui::update::update;

/// What carries out the work `update` asks for: one method per job, and the files.
pub trait Workers {
    /// Solve the settings again (only the newest request matters).
    fn solve(&mut self, req: Request);
    /// Tell the analyst about a new result or what the screen wants now.
    fn analyse(&mut self, order: Order);
    /// Read the survey and work out its evidence.
    fn examine(&mut self, ask: evidence::Ask);
    /// Work out the kept shares of the pairs shown.
    fn keep(&mut self, ask: kept::Ask);
    /// Write the decision record into `reports/` beside `configs`; `Err` when the writing
    /// could not even start.
    fn record(&mut self, order: RecordOrder, configs: &Path) -> Result<(), String>;
    /// Run a task on its lane.
    fn run(&mut self, task: Task);
    /// Read or write files in `configs`; the message that says how it went.
    fn files(&mut self, effect: Effect, configs: &Path) -> Option<Msg>;
    /// Answers that came back while the last effect was routed (the tests' workers answer at
    /// once; threads answer later, through the event loop's channel).
    fn answered(&mut self) -> Vec<Msg> {
        Vec::new()
    }
}

/// Sends one effect where it goes; the message it answers with at once, if any.
pub fn route(effect: Effect, configs: &Path, w: &mut impl Workers) -> Option<Msg> {
    match effect {
        Effect::Recompute(r) => w.solve(*r),
        Effect::Analyse(o) => w.analyse(*o),
        Effect::Examine(a) => w.examine(*a),
        Effect::Keep(a) => w.keep(*a),
        Effect::Run(task) => w.run(task),
        Effect::WriteRecord(order) => {
            if let Err(e) = w.record(*order, configs) {
                return Some(Msg::RecordWritten(Err(e)));
            }
        }
        files => return w.files(files, configs),
    }
    None
}

/// Hands a message to `update` and carries out what it asks for; returns the effects the
/// message itself asked for (before they were carried out).
pub fn apply(m: &mut Model, msg: Msg, w: &mut impl Workers) -> Vec<Effect> {
    let effects = update(m, msg);
    carry_out(m, effects.clone(), w);
    effects
}

/// Carries out effects, and what the answers that come back at once ask for in turn.
pub fn carry_out(m: &mut Model, effects: Vec<Effect>, w: &mut impl Workers) {
    for effect in effects {
        let configs = m.document.configs.clone();
        let first = route(effect, &configs, w);
        for reply in first.into_iter().chain(w.answered()) {
            let more = update(m, reply);
            carry_out(m, more, w);
        }
    }
}
