//! What can happen to the UI (`Msg`) and what the UI asks the outside world to do (`Effect`).
//! Keys and mouse events become messages through the keymap; effects are carried out by the
//! event loop, which feeds their results back as messages.

use std::path::PathBuf;

use dyad::profile::Profile;

use super::analyst::Analysis;
use super::convener::{Convened, Convening};
use super::worker::{Outcome, Request};

/// Which way a slider or setting moves, and by how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
    FineUp,
    FineDown,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // Moving around.
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    SwitchPanel,
    // Editing settings.
    Change(Step),
    Zero,
    /// Move the selected weight to where the pairs next change, below or above.
    JumpDown,
    JumpUp,
    Undo,
    Redo,
    // The matches table and distribution.
    CycleSort,
    ToggleChangedOnly,
    ToggleGroups,
    Ban,
    Unban,
    Pin,
    SaveOverrides,
    // Popups and files.
    OpenDetail,
    OpenSearch,
    OpenProfiles,
    OpenHelp,
    OpenInfluence,
    OpenCouncil,
    Close,
    Accept,
    LoadAsBaseline,
    /// Take a profile into the council, or out of it.
    Toggle,
    Save,
    SaveAs,
    Yes,
    No,
    Quit,
    // Text fields.
    Input(char),
    Backspace,
    ClearField,
    // From the terminal.
    Mouse(Mouse),
    Resize(u16, u16),
    // Results of work done outside `update`.
    Computed(Box<Outcome>),
    Analysed(Box<Analysis>),
    ProfilesListed(Vec<ProfileEntry>),
    /// The profiles a council can be made of.
    CouncilListed(Vec<ProfileEntry>),
    Convened(Box<Convened>),
    Saved(Box<SaveResult>),
    OverridesSaved(Result<Option<PathBuf>, String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Press,
    Drag,
    Release,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

/// A profile found in `configs/`, or one built into the binary (no file).
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileEntry {
    pub file: Option<PathBuf>,
    pub profile: Result<Profile, String>,
}

/// What came of saving a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveResult {
    pub path: PathBuf,
    /// The profile as written (with its `saved` time).
    pub profile: Profile,
    pub outcome: Result<Option<PathBuf>, SaveError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The file exists and replacing it was not asked for.
    Exists,
    Failed(String),
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Rematch with these settings (on the worker; only the newest request matters).
    Recompute(Box<Request>),
    /// Read every profile in the configs folder.
    ListProfiles,
    /// Read every profile in the configs folder and in its `members/` folder.
    ListCouncil,
    /// Match the pool under each member's profile and their consensus (on the convener).
    Convene(Box<Convening>),
    /// Write a profile: never over an existing file unless `replace`, and then keeping a backup.
    SaveProfile {
        path: PathBuf,
        profile: Box<Profile>,
        replace: bool,
    },
    /// Write the pool's overrides.csv (atomically, keeping a backup).
    SaveOverrides { path: PathBuf, csv: String },
}
