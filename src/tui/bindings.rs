//! The key bindings, one table per mode: the single source for dispatch, hints and help.

use crossterm::event::{KeyCode, KeyModifiers};

use super::keymap::{Binding, Key};
use super::msg::{Msg, Step};

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn bind(keys: &'static [Key], msg: Msg, help: &'static str) -> Binding {
    Binding {
        keys,
        msg,
        help,
        hint: None,
    }
}

const fn hint(keys: &'static [Key], msg: Msg, help: &'static str, hint: &'static str) -> Binding {
    Binding {
        keys,
        msg,
        help,
        hint: Some(hint),
    }
}

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

const QUIT: &[Key] = &[k('q'), ctrl('c')];
const CLOSE: &[Key] = &[code(Esc)];
const UP: &[Key] = &[code(Up), k('k')];
const DOWN: &[Key] = &[code(Down), k('j')];

pub static NORMAL: &[Binding] = &[
    hint(UP, Msg::Up, "select the setting or pair above", "select"),
    bind(DOWN, Msg::Down, "select the setting or pair below"),
    hint(
        &[code(Right), k('l')],
        Msg::Change(Step::Up),
        "raise the selected setting (weights by 0.05)",
        "change",
    ),
    bind(
        &[code(Left), k('h')],
        Msg::Change(Step::Down),
        "lower the selected setting (weights by 0.05)",
    ),
    bind(
        &[shift(Right), k('L')],
        Msg::Change(Step::FineUp),
        "raise a weight by 0.01",
    ),
    bind(
        &[shift(Left), k('H')],
        Msg::Change(Step::FineDown),
        "lower a weight by 0.01",
    ),
    bind(
        &[k('0')],
        Msg::Zero,
        "set the weight to 0 (a rule: to its loosest value)",
    ),
    hint(
        &[code(Tab), code(BackTab)],
        Msg::SwitchPanel,
        "switch between the weights and the matches",
        "panels",
    ),
    hint(
        &[code(Enter)],
        Msg::OpenDetail,
        "explain the selected pair (or why the mentee has none)",
        "explain",
    ),
    hint(
        &[k('S')],
        Msg::SaveAs,
        "save the current settings as a new profile",
        "save as",
    ),
    hint(
        &[k('s')],
        Msg::Save,
        "save the current settings to the current profile's file",
        "save",
    ),
    hint(
        &[k('p')],
        Msg::OpenProfiles,
        "open a saved profile as current or baseline",
        "profiles",
    ),
    hint(
        &[k('u')],
        Msg::Undo,
        "undo the last change of settings, pins or bans",
        "undo",
    ),
    bind(&[ctrl('r')], Msg::Redo, "redo"),
    hint(
        &[k('/')],
        Msg::OpenSearch,
        "find a mentee or mentor",
        "find",
    ),
    hint(
        &[k('[')],
        Msg::JumpDown,
        "lower the weight to where the pairs next change",
        "next change",
    ),
    bind(
        &[k(']')],
        Msg::JumpUp,
        "raise the weight to where the pairs next change",
    ),
    hint(
        &[k('c')],
        Msg::ToggleChangedOnly,
        "show only the pairs that changed, or all",
        "only changed",
    ),
    bind(
        &[k('o')],
        Msg::CycleSort,
        "sort the matches: changes first, by score, by id",
    ),
    bind(
        &[k('g')],
        Msg::ToggleGroups,
        "distribution: all pairs or per identity group",
    ),
    hint(
        &[k('i')],
        Msg::OpenInfluence,
        "influence of each weight: what changes at 0 and at 1",
        "influence",
    ),
    hint(
        &[k('C')],
        Msg::OpenCouncil,
        "council: members' weights side by side, disagreements, consensus",
        "council",
    ),
    bind(&[code(PageUp)], Msg::PageUp, "page up in the matches"),
    bind(&[code(PageDown)], Msg::PageDown, "page down in the matches"),
    bind(&[code(Home)], Msg::Top, "first row"),
    bind(&[code(End)], Msg::Bottom, "last row"),
    bind(
        &[k('x')],
        Msg::Ban,
        "ban the selected pair: the mentee gets another mentor",
    ),
    bind(
        &[k('X')],
        Msg::Unban,
        "lift every ban of the selected mentee",
    ),
    bind(&[k('.')], Msg::Pin, "pin the selected pair (or unpin it)"),
    bind(
        &[k('w')],
        Msg::SaveOverrides,
        "write pins and bans to the pool's overrides.csv",
    ),
    hint(
        &[k('?')],
        Msg::OpenHelp,
        "show every key (this help)",
        "help",
    ),
    hint(
        QUIT,
        Msg::Quit,
        "quit (asks first when something is unsaved)",
        "quit",
    ),
];

pub static SEARCH: &[Binding] = &[
    hint(
        &[code(Enter)],
        Msg::Accept,
        "go to that mentee (or the mentor's first mentee)",
        "go to",
    ),
    hint(&[code(Up)], Msg::Up, "the result above", "choose"),
    bind(&[code(Down)], Msg::Down, "the result below"),
    bind(&[code(Backspace)], Msg::Backspace, "delete a character"),
    bind(&[ctrl('u')], Msg::ClearField, "clear the search"),
    hint(CLOSE, Msg::Close, "close the search", "close"),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static DETAIL: &[Binding] = &[
    hint(UP, Msg::Up, "the mentee above", "previous/next mentee"),
    bind(DOWN, Msg::Down, "the mentee below"),
    bind(
        &[k('x')],
        Msg::Ban,
        "ban this pair: the mentee gets another mentor",
    ),
    bind(&[k('.')], Msg::Pin, "pin this pair (or unpin it)"),
    hint(
        &[code(Esc), code(Enter), k('q')],
        Msg::Close,
        "close",
        "close",
    ),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static INFLUENCE: &[Binding] = &[
    hint(UP, Msg::Up, "the criterion above", "select"),
    bind(DOWN, Msg::Down, "the criterion below"),
    hint(
        &[code(Enter)],
        Msg::Accept,
        "close and select that weight's slider",
        "go to slider",
    ),
    hint(&[code(Esc), k('i'), k('q')], Msg::Close, "close", "close"),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static PROFILES: &[Binding] = &[
    hint(UP, Msg::Up, "the profile above", "select"),
    bind(DOWN, Msg::Down, "the profile below"),
    hint(
        &[code(Enter)],
        Msg::Accept,
        "open the selected profile as the current one",
        "open as current",
    ),
    hint(
        &[k('b')],
        Msg::LoadAsBaseline,
        "use the selected profile as the baseline",
        "use as baseline",
    ),
    hint(&[code(Esc), k('q')], Msg::Close, "close", "close"),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static HELP: &[Binding] = &[
    hint(UP, Msg::Up, "scroll up", "scroll"),
    bind(DOWN, Msg::Down, "scroll down"),
    bind(&[code(PageUp)], Msg::PageUp, "scroll up a page"),
    bind(
        &[code(PageDown), k(' ')],
        Msg::PageDown,
        "scroll down a page",
    ),
    bind(&[code(Home)], Msg::Top, "the top"),
    bind(&[code(End)], Msg::Bottom, "the end"),
    hint(
        &[code(Esc), k('?'), k('q')],
        Msg::Close,
        "close the help",
        "close",
    ),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static TEXT: &[Binding] = &[
    hint(&[code(Enter)], Msg::Accept, "confirm this field", "confirm"),
    bind(&[code(Backspace)], Msg::Backspace, "delete a character"),
    hint(&[ctrl('u')], Msg::ClearField, "clear the field", "clear"),
    hint(CLOSE, Msg::Close, "cancel", "cancel"),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static CONFIRM: &[Binding] = &[
    hint(&[k('y'), code(Enter)], Msg::Yes, "yes", "yes"),
    hint(&[k('n'), code(Esc)], Msg::No, "no", "no"),
    bind(&[ctrl('c')], Msg::Quit, "quit now"),
];

pub static COUNCIL_PICK: &[Binding] = &[
    hint(UP, Msg::Up, "the profile above", "select"),
    bind(DOWN, Msg::Down, "the profile below"),
    hint(
        &[k(' '), k('x')],
        Msg::Toggle,
        "take the selected profile into the council, or out of it",
        "in/out",
    ),
    hint(
        &[code(Enter)],
        Msg::Accept,
        "convene: match every member's profile and their consensus",
        "convene",
    ),
    hint(&[code(Esc), k('q')], Msg::Close, "close", "close"),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];

pub static COUNCIL: &[Binding] = &[
    hint(UP, Msg::Up, "scroll up", "scroll"),
    bind(DOWN, Msg::Down, "scroll down"),
    bind(&[code(PageUp)], Msg::PageUp, "scroll up a page"),
    bind(&[code(PageDown)], Msg::PageDown, "scroll down a page"),
    hint(
        &[code(Enter)],
        Msg::Accept,
        "take the consensus as the current settings, to tune it further",
        "use consensus",
    ),
    hint(
        &[k('b')],
        Msg::LoadAsBaseline,
        "use the consensus as the baseline",
        "as baseline",
    ),
    hint(
        &[k('S')],
        Msg::SaveAs,
        "take the consensus as the current settings and save it as a new profile",
        "save consensus",
    ),
    hint(
        &[k('C')],
        Msg::OpenCouncil,
        "choose the members again",
        "members",
    ),
    hint(&[code(Esc), k('q')], Msg::Close, "close", "close"),
    bind(
        &[ctrl('c')],
        Msg::Quit,
        "quit (asks first when something is unsaved)",
    ),
];
