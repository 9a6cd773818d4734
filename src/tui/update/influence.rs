//! The influence of each weight (`i`): the criteria in the order the popup lists them, largest
//! swing first, those not analysed yet last; Enter selects the weight in the panel.

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, Model, Top};

pub fn open(m: &mut Model) {
    let selected = Setting::at(m.weights.scroll.selected).weight().unwrap_or(0);
    m.top = Top::Influence { selected };
}

pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::Influence { selected } = m.top else {
        return Vec::new();
    };
    let order = m.influence_order();
    let at = order.iter().position(|&k| k == selected).unwrap_or(0);
    match msg {
        Msg::Action(Action::Up) | Msg::Action(Action::Down) => {
            let to = if matches!(msg, Msg::Action(Action::Up)) {
                at.saturating_sub(1)
            } else {
                (at + 1).min(order.len() - 1)
            };
            m.top = Top::Influence {
                selected: order[to],
            };
        }
        Msg::Action(Action::Accept) => {
            m.top = Top::Main;
            m.focus = Focus::Weights;
            m.weights.scroll.selected = selected;
            m.fit_offsets();
        }
        _ => {}
    }
    Vec::new()
}
