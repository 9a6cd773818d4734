//! The evidence view (`e`) as `update` sees it: opening it (or `r`) asks the examiner thread to
//! read the survey afresh (new results ask again only when their criterion parameters changed:
//! see `rematch`); ← → switch outcomes; ↑ ↓ scroll.

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::jobs::evidence::{Answer, Ask};
use crate::tui::scroll::Scroll;
use crate::tui::state::{Model, Top};

fn examine(ask: Option<Ask>) -> Vec<Effect> {
    ask.map(|a| Effect::Examine(Box::new(a)))
        .into_iter()
        .collect()
}

/// `e`: the view, and the survey read afresh.
pub fn open(m: &mut Model) -> Vec<Effect> {
    m.top = Top::Evidence {
        scroll: Scroll::default(),
    };
    examine(m.evidence.open(m.solve.results.as_ref()))
}

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::Evidence { scroll } = &mut m.top else {
        return Vec::new();
    };
    let Msg::Action(action) = msg else {
        return Vec::new();
    };
    if let Some(by) = action.scroll_lines(scroll.page()) {
        scroll.scroll_by(by);
        return Vec::new();
    }
    match action {
        Action::NextOutcome | Action::PrevOutcome => {
            scroll.offset = 0;
            m.evidence.switch(action == Action::NextOutcome);
        }
        Action::Reload => return open(m),
        _ => {}
    }
    Vec::new()
}

pub fn examined(m: &mut Model, a: Answer) {
    m.evidence.accept(a);
}
