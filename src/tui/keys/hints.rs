//! How keys are written: in the hint line, the help, and popup footers (which name keys through
//! the reverse lookup [`key_for`], so a footer cannot name a key that does something else).

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use crossterm::event::{KeyCode, KeyModifiers};

use super::{Key, Mode, key_for, table};
use crate::tui::action::Action;

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
pub fn keys_text(keys: &[Key]) -> String {
    keys.iter().map(key_name).collect::<Vec<_>>().join(" ")
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

/// A popup's footer: for each item, the keys of its actions (looked up in the mode's bindings)
/// and what they do, e.g. " ↑↓ select · Enter go to · Esc close ". Arrows of one item go
/// together ("↑↓"); other keys of an item are spaced ("PgUp PgDn").
pub fn footer(mode: Mode, items: &[(&[Action], &str)]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|(actions, words)| {
            let mut keys = String::new();
            let mut last_arrow = false;
            for a in *actions {
                let Some(k) = key_for(mode, *a) else {
                    continue;
                };
                let arrow = matches!(k.code, Up | Down | Left | Right) && k.mods.is_empty();
                let glued = arrow && last_arrow;
                if !keys.is_empty() && !glued {
                    keys.push(' ');
                }
                keys.push_str(&key_name(&k));
                last_arrow = arrow;
            }
            format!("{keys} {words}")
        })
        .collect();
    format!(" {} ", parts.join(" · "))
}
