//! The keymap: one table per mode and a global table behind them (in `bindings`). The same
//! tables dispatch keys, fill the hint line at the bottom of the screen, the help popup and the
//! popup footers (`hints`, through a reverse lookup action → key), so what the screen says is
//! what the keys do.

pub mod bindings;
pub mod help;
pub mod hints;

pub use bindings::{Binding, Key};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use strum::IntoEnumIterator;

use super::action::{Action, Msg};
pub use crate::tui::state::Mode;
use KeyCode::BackTab;
pub use bindings::{GLOBAL, table, title};

/// Every mode, in the order of [`Top`](crate::tui::state::Top)'s variants (the help's order).
pub fn modes() -> impl Iterator<Item = Mode> {
    Mode::iter()
}

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

/// Whether a mode's own table binds this key.
fn binds(mode: Mode, key: &Key) -> bool {
    table(mode).iter().any(|b| b.keys.contains(key))
}

/// The action of a key in a mode: the mode's table first, then the global one.
pub fn action(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    table(mode)
        .iter()
        .chain(GLOBAL)
        .find(|b| b.keys.iter().any(|k| matches(k, ev)))
        .map(|b| b.action)
}

/// The message for a key in a mode. In the modes where one types, a printable character that
/// no binding takes becomes text.
pub fn dispatch(mode: Mode, ev: &KeyEvent) -> Option<Msg> {
    if let Some(a) = action(mode, ev) {
        return Some(Msg::Action(a));
    }
    match (mode, ev.code) {
        (Mode::Search | Mode::SaveAs, KeyCode::Char(c))
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Msg::Input(c))
        }
        _ => None,
    }
}

/// The reverse lookup: the first key of an action in a mode (the mode's table first, then the
/// global one), for footers and messages that name a key.
pub fn key_for(mode: Mode, action: Action) -> Option<Key> {
    table(mode)
        .iter()
        .chain(GLOBAL)
        .find(|b| b.action == action)
        .and_then(|b| b.keys.iter().find(|k| !shadowed(mode, b, k)))
        .copied()
}

/// A global key the mode binds to something of its own.
fn shadowed(mode: Mode, b: &Binding, key: &Key) -> bool {
    GLOBAL.iter().any(|g| std::ptr::eq(g, b)) && binds(mode, key)
}

/// A binding as it works in a mode: its keys, with those of the global binding of the same
/// action added.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

/// Every binding that works in a mode, in table order, for the help: the mode's own, each with
/// the global keys of its action, then the global ones the mode neither binds nor shadows.
pub fn entries(mode: Mode) -> Vec<Entry> {
    let global_keys = |action: Action| {
        GLOBAL
            .iter()
            .filter(move |g| g.action == action)
            .flat_map(|g| g.keys.iter().copied())
            .filter(move |k| !binds(mode, k))
    };
    let own = table(mode).iter().map(|b| Entry {
        keys: b
            .keys
            .iter()
            .copied()
            .chain(global_keys(b.action))
            .collect(),
        action: b.action,
        help: b.help,
    });
    let rest = GLOBAL
        .iter()
        .filter(|g| !table(mode).iter().any(|b| b.action == g.action))
        .filter_map(|g| {
            let keys: Vec<Key> = g.keys.iter().copied().filter(|k| !binds(mode, k)).collect();
            (!keys.is_empty()).then_some(Entry {
                keys,
                action: g.action,
                help: g.help,
            })
        });
    own.chain(rest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Step;
    use KeyCode::{BackTab, Down, Right, Up};
    use bindings::NORMAL;
    use hints::{footer, hints, key_name, keys_text};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_to_messages() {
        let n = |c, m| action(Mode::Main, &ev(c, m));
        assert_eq!(
            n(KeyCode::Char('l'), KeyModifiers::NONE),
            Some(Action::Change(Step::Up))
        );
        assert_eq!(
            n(KeyCode::Char('L'), KeyModifiers::SHIFT),
            Some(Action::Change(Step::FineUp))
        );
        assert_eq!(
            n(KeyCode::Char('L'), KeyModifiers::NONE),
            Some(Action::Change(Step::FineUp))
        );
        assert_eq!(
            n(Right, KeyModifiers::SHIFT),
            Some(Action::Change(Step::FineUp))
        );
        assert_eq!(n(Right, KeyModifiers::NONE), Some(Action::Change(Step::Up)));
        assert_eq!(
            n(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::Redo)
        );
        assert_eq!(
            n(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            n(KeyCode::Char('c'), KeyModifiers::NONE),
            Some(Action::ToggleChangedOnly)
        );
        assert_eq!(n(KeyCode::Char('z'), KeyModifiers::NONE), None);
        // Shift-Tab as terminals send it: BackTab, with or without Shift.
        assert_eq!(n(BackTab, KeyModifiers::SHIFT), Some(Action::SwitchPanel));
        assert_eq!(n(BackTab, KeyModifiers::NONE), Some(Action::SwitchPanel));
    }

    #[test]
    fn typing_modes_take_characters_bindings_do_not() {
        let s = |c| dispatch(Mode::Search, &ev(c, KeyModifiers::NONE));
        assert!(matches!(s(KeyCode::Char('j')), Some(Msg::Input('j'))));
        assert!(matches!(s(KeyCode::Char('q')), Some(Msg::Input('q'))));
        assert!(matches!(s(Up), Some(Msg::Action(Action::Up))));
        assert!(matches!(s(Down), Some(Msg::Action(Action::Down))));
        let t = dispatch(Mode::SaveAs, &ev(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert!(matches!(t, Some(Msg::Action(Action::ClearField))));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in modes() {
            let keys: Vec<Key> = entries(mode).into_iter().flat_map(|e| e.keys).collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{mode:?}: {a:?} bound twice");
            }
        }
    }

    #[test]
    fn hints_come_from_the_table() {
        let h = hints(Mode::Main);
        assert_eq!(h[0], ("↑↓".to_string(), "select"));
        assert_eq!(h[1], ("←→".to_string(), "change"));
        assert!(h.iter().any(|(k, w)| k == "?" && *w == "help"));
        assert_eq!(keys_text(NORMAL[0].keys), "↑ k");
    }

    #[test]
    fn ctrl_c_quits_in_every_mode_from_the_global_table() {
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in modes() {
            assert_eq!(action(mode, &ctrl_c), Some(Action::Quit), "{mode:?}");
            assert!(entries(mode).iter().any(|e| e.action == Action::Quit));
        }
        // Written once: no mode's table has it but the question's, which says "quit now".
        let own: Vec<Mode> = modes()
            .filter(|m| {
                table(*m)
                    .iter()
                    .any(|b| b.keys.contains(&GLOBAL[0].keys[0]))
            })
            .collect();
        assert_eq!(own, [Mode::Confirm]);
    }

    #[test]
    fn footers_name_the_keys_of_the_keymap() {
        use Action::{Accept, Close, Down, PageDown, PageUp, Up};
        assert_eq!(
            footer(
                Mode::Search,
                &[
                    (&[Up, Down], "choose"),
                    (&[Accept], "go to"),
                    (&[Close], "close")
                ]
            ),
            " ↑↓ choose · Enter go to · Esc close "
        );
        assert_eq!(
            footer(
                Mode::Help,
                &[
                    (&[Up, Down, PageUp, PageDown], "scroll"),
                    (&[Close], "close")
                ]
            ),
            " ↑↓ PgUp PgDn scroll · Esc close "
        );
        assert_eq!(
            key_for(Mode::Main, Action::Quit).map(|k| key_name(&k)),
            Some("q".into())
        );
        assert_eq!(
            key_for(Mode::Search, Action::Quit).map(|k| key_name(&k)),
            Some("Ctrl-c".into())
        );
    }
}
