//! The pair explained (Enter): Up and Down explain the row above or below; f switches between
//! what a shared screen may show of the two people and every attribute.

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::state::Model;

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let by = match msg {
        Msg::Action(Action::ToggleFullDetail) => {
            m.refresh_detail(|full| !full);
            return Vec::new();
        }
        Msg::Action(Action::Up) => -1,
        Msg::Action(Action::Down) => 1,
        _ => return Vec::new(),
    };
    m.move_row(by);
    m.open_detail();
    Vec::new()
}
