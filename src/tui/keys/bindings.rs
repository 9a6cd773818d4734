//! The key bindings: one table per mode and a global table behind them all (a mode's own
//! binding of a key wins), and each mode's title in the help. The single source for dispatch,
//! hints, help and popup footers; a new view adds its table and title here.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::action::{Action, Step};
use crate::tui::state::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// What the keys do, for the help popup.
    pub help: &'static str,
    /// A word or two for the hint line; `None` keeps the binding out of it.
    pub hint: Option<&'static str>,
}

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

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: None,
    }
}

const fn hint(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: Some(hint),
    }
}

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Behind every mode's table. Ctrl-c quits everywhere (asking first when something is unsaved;
/// a question's own table makes it "quit now").
/// A mode's own table (the global one stands behind it: see [`entries`]).
pub fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Main => NORMAL,
        Mode::Search => SEARCH,
        Mode::Detail => DETAIL,
        Mode::Profiles => PROFILES,
        Mode::Influence => INFLUENCE,
        Mode::Evidence => EVIDENCE,
        Mode::Midcycle => MIDCYCLE,
        Mode::Fairness => FAIRNESS,
        Mode::CouncilPick => COUNCIL_PICK,
        Mode::Council => COUNCIL,
        Mode::Help => HELP,
        Mode::SaveAs => TEXT,
        Mode::Confirm => CONFIRM,
    }
}

/// Titles of the help sections, one per mode.
pub fn title(mode: Mode) -> &'static str {
    match mode {
        Mode::Main => "Main screen",
        Mode::Search => "Find (/)",
        Mode::Detail => "A pair explained (Enter)",
        Mode::Profiles => "Profiles (p)",
        Mode::Influence => "Influence of each weight (i)",
        Mode::Evidence => "Evidence from the survey of past pairs (e)",
        Mode::Midcycle => "Mid-cycle: the pairs in place re-matched (M)",
        Mode::Fairness => "The price of fairness: coverage floors per group (F)",
        Mode::CouncilPick => "Choosing a council's members (C)",
        Mode::Council => "The council: members side by side and their consensus",
        Mode::Help => "Help (?)",
        Mode::SaveAs => "Typing a name or description",
        Mode::Confirm => "Questions",
    }
}

pub static GLOBAL: &[Binding] = &[bind(
    &[ctrl('c')],
    Action::Quit,
    "quit (asks first when something is unsaved)",
)];

const CLOSE: &[Key] = &[code(Esc)];
const UP: &[Key] = &[code(Up), k('k')];
const DOWN: &[Key] = &[code(Down), k('j')];

pub static NORMAL: &[Binding] = &[
    hint(UP, Action::Up, "select the setting or pair above", "select"),
    bind(DOWN, Action::Down, "select the setting or pair below"),
    hint(
        &[code(Right), k('l')],
        Action::Change(Step::Up),
        "raise the selected setting (weights by 0.05)",
        "change",
    ),
    bind(
        &[code(Left), k('h')],
        Action::Change(Step::Down),
        "lower the selected setting (weights by 0.05)",
    ),
    bind(
        &[shift(Right), k('L')],
        Action::Change(Step::FineUp),
        "raise a weight by 0.01",
    ),
    bind(
        &[shift(Left), k('H')],
        Action::Change(Step::FineDown),
        "lower a weight by 0.01",
    ),
    bind(
        &[k('0')],
        Action::Zero,
        "set the weight to 0 (a rule: to its loosest value)",
    ),
    hint(
        &[code(Tab), code(BackTab)],
        Action::SwitchPanel,
        "switch between the weights and the matches",
        "panels",
    ),
    hint(
        &[code(Enter)],
        Action::OpenDetail,
        "explain the selected pair (or why the mentee has none)",
        "explain",
    ),
    hint(
        &[k('S')],
        Action::SaveAs,
        "save the current settings as a new profile",
        "save as",
    ),
    hint(
        &[k('s')],
        Action::Save,
        "save the current settings to the current profile's file",
        "save",
    ),
    hint(
        &[k('p')],
        Action::OpenProfiles,
        "open a saved profile as current or baseline",
        "profiles",
    ),
    hint(
        &[k('u')],
        Action::Undo,
        "undo the last change of settings, pins or bans",
        "undo",
    ),
    bind(&[ctrl('r')], Action::Redo, "redo"),
    hint(
        &[k('/')],
        Action::OpenSearch,
        "find a mentee or mentor",
        "find",
    ),
    hint(
        &[k('[')],
        Action::JumpDown,
        "lower the weight to where the pairs next change",
        "next change",
    ),
    bind(
        &[k(']')],
        Action::JumpUp,
        "raise the weight to where the pairs next change",
    ),
    hint(
        &[k('c')],
        Action::ToggleChangedOnly,
        "show only the pairs that changed, or all",
        "only changed",
    ),
    bind(
        &[k('o')],
        Action::CycleSort,
        "sort the matches: changes first, by score, by id",
    ),
    bind(
        &[k('g')],
        Action::ToggleGroups,
        "Scores panel: all pairs, or each identity group with its worst pair",
    ),
    bind(
        &[k('m')],
        Action::ToggleMentors,
        "matches panel: the mentors, idle first, with load and mentees (or back)",
    ),
    bind(
        &[k('v')],
        Action::ToggleMeasures,
        "Scores panel: scores, or weight-free measures in km and %",
    ),
    hint(
        &[k('i')],
        Action::OpenInfluence,
        "influence of each weight: what changes at 0 and at 1",
        "influence",
    ),
    hint(
        &[k('C')],
        Action::OpenCouncil,
        "council: members' weights side by side, disagreements, consensus",
        "council",
    ),
    hint(
        &[k('e')],
        Action::OpenEvidence,
        "evidence: what the survey of past pairs (outcomes.csv) says about each criterion",
        "evidence",
    ),
    bind(
        &[k('M')],
        Action::OpenMidcycle,
        "mid-cycle: the pairs in place (--current) re-matched, changes against total score",
    ),
    bind(
        &[k('F')],
        Action::OpenFairness,
        "the price of fairness: each coverage floor per group, what it costs and gives",
    ),
    bind(&[code(PageUp)], Action::PageUp, "page up in the matches"),
    bind(
        &[code(PageDown)],
        Action::PageDown,
        "page down in the matches",
    ),
    bind(&[code(Home)], Action::Top, "first row"),
    bind(&[code(End)], Action::Bottom, "last row"),
    bind(
        &[k('x')],
        Action::Ban,
        "ban the selected pair: the mentee gets another mentor",
    ),
    bind(
        &[k('X')],
        Action::Unban,
        "lift every ban of the selected mentee",
    ),
    bind(
        &[k('.')],
        Action::Pin,
        "pin the selected pair (or unpin it)",
    ),
    bind(
        &[k('w')],
        Action::SaveOverrides,
        "write pins and bans to the pool's overrides.csv",
    ),
    bind(
        &[k('R')],
        Action::WriteRecord,
        "write the decision record (current against baseline) as a page into reports/",
    ),
    hint(
        &[k('?')],
        Action::OpenHelp,
        "show every key (this help)",
        "help",
    ),
    hint(
        &[k('q')],
        Action::Quit,
        "quit (asks first when something is unsaved)",
        "quit",
    ),
];

pub static SEARCH: &[Binding] = &[
    hint(
        &[code(Enter)],
        Action::Accept,
        "go to that mentee (or the mentor's first mentee)",
        "go to",
    ),
    hint(&[code(Up)], Action::Up, "the result above", "choose"),
    bind(&[code(Down)], Action::Down, "the result below"),
    bind(&[code(Backspace)], Action::Backspace, "delete a character"),
    bind(&[ctrl('u')], Action::ClearField, "clear the search"),
    hint(CLOSE, Action::Close, "close the search", "close"),
];

pub static DETAIL: &[Binding] = &[
    hint(UP, Action::Up, "the mentee above", "previous/next mentee"),
    bind(DOWN, Action::Down, "the mentee below"),
    bind(
        &[k('x')],
        Action::Ban,
        "ban this pair: the mentee gets another mentor",
    ),
    bind(&[k('.')], Action::Pin, "pin this pair (or unpin it)"),
    bind(
        &[k('f')],
        Action::ToggleFullDetail,
        "every attribute of the two (not for a shared screen), or only what k-anonymity allows",
    ),
    hint(
        &[code(Esc), code(Enter), k('q')],
        Action::Close,
        "close",
        "close",
    ),
];

pub static INFLUENCE: &[Binding] = &[
    hint(UP, Action::Up, "the criterion above", "select"),
    bind(DOWN, Action::Down, "the criterion below"),
    hint(
        &[code(Enter)],
        Action::Accept,
        "close and select that weight's slider",
        "go to slider",
    ),
    hint(
        &[code(Esc), k('i'), k('q')],
        Action::Close,
        "close",
        "close",
    ),
];

pub static EVIDENCE: &[Binding] = &[
    hint(
        &[code(Right), k('l'), code(Tab)],
        Action::NextOutcome,
        "the next outcome (question) of the survey",
        "outcome",
    ),
    bind(
        &[code(Left), k('h'), code(BackTab)],
        Action::PrevOutcome,
        "the previous outcome",
    ),
    hint(UP, Action::Up, "scroll up", "scroll"),
    bind(DOWN, Action::Down, "scroll down"),
    bind(&[code(PageUp)], Action::PageUp, "scroll up a page"),
    bind(&[code(PageDown)], Action::PageDown, "scroll down a page"),
    hint(
        &[k('r')],
        Action::Reload,
        "read the survey again (after adding or correcting it)",
        "read again",
    ),
    hint(
        &[code(Esc), k('e'), k('q')],
        Action::Close,
        "close",
        "close",
    ),
];

pub static MIDCYCLE: &[Binding] = &[
    hint(
        &[code(Right), k('l'), code(Down), k('j')],
        Action::Down,
        "the next point of the curve (one change more)",
        "point",
    ),
    bind(
        &[code(Left), k('h'), code(Up), k('k')],
        Action::Up,
        "the previous point of the curve (one change fewer)",
    ),
    hint(
        &[code(Enter)],
        Action::Accept,
        "write the point's pairs to a new file beside the pairs in place",
        "write pairs",
    ),
    hint(
        &[code(Esc), k('M'), k('q')],
        Action::Close,
        "close",
        "close",
    ),
];

pub static FAIRNESS: &[Binding] = &[
    hint(
        &[code(Down), k('j')],
        Action::Down,
        "the next point of the curve (a higher floor)",
        "point",
    ),
    bind(
        &[code(Up), k('k')],
        Action::Up,
        "the previous point of the curve (a lower floor)",
    ),
    hint(
        &[code(Enter)],
        Action::Accept,
        "set the profile's coverage floor to the point's (undo takes it back)",
        "set floor",
    ),
    hint(
        &[code(Esc), k('F'), k('q')],
        Action::Close,
        "close",
        "close",
    ),
];

pub static PROFILES: &[Binding] = &[
    hint(UP, Action::Up, "the profile above", "select"),
    bind(DOWN, Action::Down, "the profile below"),
    hint(
        &[code(Enter)],
        Action::Accept,
        "open the selected profile as the current one",
        "open as current",
    ),
    hint(
        &[k('b')],
        Action::LoadAsBaseline,
        "use the selected profile as the baseline",
        "use as baseline",
    ),
    hint(&[code(Esc), k('q')], Action::Close, "close", "close"),
];

pub static HELP: &[Binding] = &[
    hint(UP, Action::Up, "scroll up", "scroll"),
    bind(DOWN, Action::Down, "scroll down"),
    bind(&[code(PageUp)], Action::PageUp, "scroll up a page"),
    bind(
        &[code(PageDown), k(' ')],
        Action::PageDown,
        "scroll down a page",
    ),
    bind(&[code(Home)], Action::Top, "the top"),
    bind(&[code(End)], Action::Bottom, "the end"),
    hint(
        &[code(Esc), k('?'), k('q')],
        Action::Close,
        "close the help",
        "close",
    ),
];

pub static TEXT: &[Binding] = &[
    hint(
        &[code(Enter)],
        Action::Accept,
        "confirm this field",
        "confirm",
    ),
    bind(&[code(Backspace)], Action::Backspace, "delete a character"),
    hint(&[ctrl('u')], Action::ClearField, "clear the field", "clear"),
    hint(CLOSE, Action::Close, "cancel", "cancel"),
];

pub static CONFIRM: &[Binding] = &[
    hint(&[k('y'), code(Enter)], Action::Yes, "yes", "yes"),
    hint(&[k('n'), code(Esc)], Action::No, "no", "no"),
    bind(&[ctrl('c')], Action::Quit, "quit now"),
];

pub static COUNCIL_PICK: &[Binding] = &[
    hint(UP, Action::Up, "the profile above", "select"),
    bind(DOWN, Action::Down, "the profile below"),
    hint(
        &[k(' '), k('x')],
        Action::Toggle,
        "take the selected profile into the council, or out of it",
        "in/out",
    ),
    hint(
        &[code(Enter)],
        Action::Accept,
        "convene: match every member's profile and their consensus",
        "convene",
    ),
    hint(&[code(Esc), k('q')], Action::Close, "close", "close"),
];

pub static COUNCIL: &[Binding] = &[
    hint(UP, Action::Up, "scroll up", "scroll"),
    bind(DOWN, Action::Down, "scroll down"),
    bind(&[code(PageUp)], Action::PageUp, "scroll up a page"),
    bind(&[code(PageDown)], Action::PageDown, "scroll down a page"),
    hint(
        &[code(Enter)],
        Action::Accept,
        "take the consensus as the current settings, to tune it further",
        "use it",
    ),
    hint(
        &[k('b')],
        Action::LoadAsBaseline,
        "use the consensus as the baseline",
        "as baseline",
    ),
    hint(
        &[k('S')],
        Action::SaveAs,
        "take the consensus as the current settings and save it as a new profile",
        "save it",
    ),
    hint(
        &[k('C')],
        Action::OpenCouncil,
        "choose the members again",
        "members",
    ),
    hint(&[code(Esc), k('q')], Action::Close, "close", "close"),
];
