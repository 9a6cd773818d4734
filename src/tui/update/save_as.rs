//! The save-as form: typing the new profile's name, then its description; Enter on the
//! description asks for the profile to be written (never over an existing file).

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::state::{Field, Model, Top};

const MAX_NAME: usize = 80;
const MAX_DESCRIPTION: usize = 300;

/// Typing in the save-as form.
pub fn msg(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Top::SaveAs(form) = &mut m.top else {
        return Vec::new();
    };
    let (text, max) = match form.field {
        Field::Name => (&mut form.name, MAX_NAME),
        Field::Description => (&mut form.description, MAX_DESCRIPTION),
    };
    let filled = std::mem::replace(&mut form.filled, false);
    match msg {
        Msg::Input(c) if !c.is_control() => {
            if filled {
                text.clear();
            }
            if text.chars().count() < max {
                text.push(c);
            }
        }
        Msg::Action(Action::Backspace) => {
            text.pop();
        }
        Msg::Action(Action::ClearField) => text.clear(),
        Msg::Action(Action::Accept) => return accept(m),
        _ => {}
    }
    Vec::new()
}

/// Enter in the save-as form.
fn accept(m: &mut Model) -> Vec<Effect> {
    let Top::SaveAs(form) = &mut m.top else {
        return Vec::new();
    };
    let name = form.name.trim().to_string();
    if name.is_empty() {
        m.warn("Type a name for the new profile first");
        return Vec::new();
    }
    if form.field == Field::Name {
        form.field = Field::Description;
        form.filled = !form.description.is_empty();
        return Vec::new();
    }
    let mut profile = m.document.current.clone();
    profile.name = name;
    profile.description = form.description.trim().to_string();
    let path = m.path_for(&profile.name);
    m.top = Top::Main;
    vec![Effect::SaveProfile {
        path,
        profile: Box::new(profile),
        replace: false,
    }]
}
