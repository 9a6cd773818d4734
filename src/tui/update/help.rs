//! The help popup (`?`): scrolling through every key.

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::scroll::Scroll;
use crate::tui::state::{Model, Top};

pub fn open(m: &mut Model) {
    m.top = Top::Help {
        scroll: Scroll::default(),
    };
}

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if let Top::Help { scroll } = &mut m.top {
        let page = scroll.page() as isize;
        match msg {
            Msg::Action(Action::Up) => scroll.scroll_by(-1),
            Msg::Action(Action::Down) => scroll.scroll_by(1),
            Msg::Action(Action::PageUp) => scroll.scroll_by(-page),
            Msg::Action(Action::PageDown) => scroll.scroll_by(page),
            Msg::Action(Action::Top) => scroll.offset = 0,
            Msg::Action(Action::Bottom) => scroll.offset = scroll.end(),
            _ => {}
        }
    }
    Vec::new()
}
