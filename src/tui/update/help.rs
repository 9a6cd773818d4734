//! The help popup (`?`): scrolling through every key.

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::keys::help;
use crate::tui::state::{Model, Popup};

pub fn open(m: &mut Model) {
    m.popup = Some(Popup::Help { scroll: 0 });
}

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let max = help::max_scroll(m.size);
    let page = m.size.1.saturating_sub(4).max(1);
    if let Some(Popup::Help { scroll }) = &mut m.popup {
        *scroll = match msg {
            Msg::Action(Action::Up) => scroll.saturating_sub(1),
            Msg::Action(Action::Down) => scroll.saturating_add(1),
            Msg::Action(Action::PageUp) => scroll.saturating_sub(page),
            Msg::Action(Action::PageDown) => scroll.saturating_add(page),
            Msg::Action(Action::Top) => 0,
            Msg::Action(Action::Bottom) => max,
            _ => *scroll,
        }
        .min(max);
    }
    Vec::new()
}
