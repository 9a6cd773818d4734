//! The keymap: one table per mode (in `bindings`). The same tables dispatch keys, fill the hint
//! line at the bottom of the screen and the help popup, so what the help says is what the keys
//! do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::bindings::{
    CONFIRM, COUNCIL, COUNCIL_PICK, DETAIL, HELP, INFLUENCE, NORMAL, PROFILES, SEARCH, TEXT,
};
use super::msg::Msg;
use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Detail,
    Profiles,
    Influence,
    CouncilPick,
    Council,
    Help,
    Text,
    Confirm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub struct Binding {
    pub keys: &'static [Key],
    pub msg: Msg,
    /// What the keys do, for the help popup.
    pub help: &'static str,
    /// A word or two for the hint line; `None` keeps the binding out of it.
    pub hint: Option<&'static str>,
}

pub fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Search => SEARCH,
        Mode::Detail => DETAIL,
        Mode::Profiles => PROFILES,
        Mode::Influence => INFLUENCE,
        Mode::CouncilPick => COUNCIL_PICK,
        Mode::Council => COUNCIL,
        Mode::Help => HELP,
        Mode::Text => TEXT,
        Mode::Confirm => CONFIRM,
    }
}

/// Titles of the help sections, one per mode.
pub fn title(mode: Mode) -> &'static str {
    match mode {
        Mode::Normal => "Main screen",
        Mode::Search => "Find (/)",
        Mode::Detail => "A pair explained (Enter)",
        Mode::Profiles => "Profiles (p)",
        Mode::Influence => "Influence of each weight (i)",
        Mode::CouncilPick => "Choosing a council's members (C)",
        Mode::Council => "The council: members side by side and their consensus",
        Mode::Help => "Help (?)",
        Mode::Text => "Typing a name or description",
        Mode::Confirm => "Questions",
    }
}

pub const MODES: [Mode; 10] = [
    Mode::Normal,
    Mode::Search,
    Mode::Detail,
    Mode::Influence,
    Mode::Profiles,
    Mode::CouncilPick,
    Mode::Council,
    Mode::Text,
    Mode::Confirm,
    Mode::Help,
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
    match (key.code, ev.code) {
        // Shift-Tab: terminals report BackTab with Shift, or without.
        (BackTab, BackTab) => key.mods & relevant == ev.modifiers & relevant,
        // Shift is part of the character itself ('H'), whatever the terminal reports.
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            a == b && key.mods & relevant == ev.modifiers & relevant
        }
        (a, b) => a == b && key.mods == ev.modifiers & (relevant | KeyModifiers::SHIFT),
    }
}

/// The message for a key in a mode. In the modes where one types, a printable character that
/// no binding takes becomes text.
pub fn dispatch(mode: Mode, ev: &KeyEvent) -> Option<Msg> {
    if let Some(b) = table(mode)
        .iter()
        .find(|b| b.keys.iter().any(|k| matches(k, ev)))
    {
        return Some(b.msg.clone());
    }
    match (mode, ev.code) {
        (Mode::Search | Mode::Text, KeyCode::Char(c))
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Msg::Input(c))
        }
        _ => None,
    }
}

/// How a key is written in hints and help.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if key.mods.contains(KeyModifiers::SHIFT) {
        format!("Shift-{base}")
    } else {
        base
    }
}

/// All keys of a binding, e.g. "↑ k".
pub fn keys_text(b: &Binding) -> String {
    b.keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
}

/// The hint line entries of a mode: (keys, words), in table order. A hinted ↑ or → binding
/// followed by its unhinted opposite shows both arrows.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let t = table(mode);
    t.iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let h = b.hint?;
            let next = t
                .get(i + 1)
                .filter(|n| n.hint.is_none())
                .map(|n| n.keys[0].code);
            let keys = match (b.keys[0].code, next) {
                (Up, Some(Down)) => "↑↓".to_string(),
                (Right, Some(Left)) => "←→".to_string(),
                (KeyCode::Char('['), Some(KeyCode::Char(']'))) => "[ ]".to_string(),
                _ => key_name(&b.keys[0]),
            };
            Some((keys, h))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::bindings::NORMAL;
    use crate::tui::msg::Step;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_to_messages() {
        let n = |c, m| dispatch(Mode::Normal, &ev(c, m));
        assert_eq!(
            n(KeyCode::Char('l'), KeyModifiers::NONE),
            Some(Msg::Change(Step::Up))
        );
        assert_eq!(
            n(KeyCode::Char('L'), KeyModifiers::SHIFT),
            Some(Msg::Change(Step::FineUp))
        );
        assert_eq!(
            n(KeyCode::Char('L'), KeyModifiers::NONE),
            Some(Msg::Change(Step::FineUp))
        );
        assert_eq!(
            n(Right, KeyModifiers::SHIFT),
            Some(Msg::Change(Step::FineUp))
        );
        assert_eq!(n(Right, KeyModifiers::NONE), Some(Msg::Change(Step::Up)));
        assert_eq!(
            n(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Msg::Redo)
        );
        assert_eq!(
            n(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Msg::Quit)
        );
        assert_eq!(
            n(KeyCode::Char('c'), KeyModifiers::NONE),
            Some(Msg::ToggleChangedOnly)
        );
        assert_eq!(n(KeyCode::Char('z'), KeyModifiers::NONE), None);
        // Shift-Tab as terminals send it: BackTab, with or without Shift.
        assert_eq!(n(BackTab, KeyModifiers::SHIFT), Some(Msg::SwitchPanel));
        assert_eq!(n(BackTab, KeyModifiers::NONE), Some(Msg::SwitchPanel));
    }

    #[test]
    fn typing_modes_take_characters_bindings_do_not() {
        let s = |c| dispatch(Mode::Search, &ev(c, KeyModifiers::NONE));
        assert_eq!(s(KeyCode::Char('j')), Some(Msg::Input('j')));
        assert_eq!(s(KeyCode::Char('q')), Some(Msg::Input('q')));
        assert_eq!(s(Up), Some(Msg::Up));
        assert_eq!(s(Down), Some(Msg::Down));
        let t = dispatch(Mode::Text, &ev(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(t, Some(Msg::ClearField));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in MODES {
            let keys: Vec<Key> = table(mode)
                .iter()
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{mode:?}: {a:?} bound twice");
            }
        }
    }

    #[test]
    fn hints_come_from_the_table() {
        let h = hints(Mode::Normal);
        assert_eq!(h[0], ("↑↓".to_string(), "select"));
        assert_eq!(h[1], ("←→".to_string(), "change"));
        assert!(h.iter().any(|(k, w)| k == "?" && *w == "help"));
        assert_eq!(keys_text(&NORMAL[0]), "↑ k");
    }
}
