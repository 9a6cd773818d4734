//! The document being tuned: the pool, the current and baseline profiles and their files, the
//! pins and bans, what was last saved of each, the undo history, and the council's members.

use std::path::PathBuf;
use std::sync::Arc;

use dyad::pool::{Overrides, Pool};
use dyad::privacy::{Disclosure, SmallCells};
use dyad::profile::Profile;

use crate::tui::state::search::{self, Entry};

/// Settings, pins and bans as they were before an edit.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub profile: Profile,
    pub overrides: Overrides,
    /// The current profile's file (changes only when a council's consensus is taken).
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub undo: Vec<Snapshot>,
    pub redo: Vec<Snapshot>,
}

/// The most edits kept for undo.
pub const HISTORY: usize = 500;

pub struct Document {
    pub pool: Arc<Pool>,
    /// The search index over the pool.
    pub entries: Vec<Entry>,
    /// Where profiles are listed and saved as new.
    pub configs: PathBuf,
    /// The settings being tuned, their file, and the settings as last loaded or saved.
    pub current: Profile,
    pub current_file: Option<PathBuf>,
    pub saved: Profile,
    pub baseline: Profile,
    pub baseline_file: Option<PathBuf>,
    pub overrides: Overrides,
    pub saved_overrides: Overrides,
    pub history: History,
    /// Identity groups with fewer eligible mentees show `<k` instead of their figures.
    pub small_cells: SmallCells,
    /// What the pair explained may show of a person on a shared screen.
    pub disclosure: Disclosure,
    /// Why saving is off (another dyad holds the profiles), or `None`.
    pub read_only: Option<String>,
    /// The number of the last council convened, and the profile files it was made of.
    pub councils: u64,
    pub council_chosen: Vec<Option<PathBuf>>,
}

impl Document {
    pub fn new(
        pool: Arc<Pool>,
        current: (Profile, Option<PathBuf>),
        baseline: (Profile, Option<PathBuf>),
        configs: PathBuf,
    ) -> Document {
        let disclosure = Disclosure::of(
            &pool,
            dyad::criteria::specialty::builtin(),
            dyad::profile::settings::Settings::default().k_anonymity,
        );
        let entries = search::index(&pool, &disclosure);
        let overrides = pool.overrides.clone();
        Document {
            pool,
            entries,
            configs,
            saved: current.0.clone(),
            current: current.0,
            current_file: current.1,
            baseline: baseline.0,
            baseline_file: baseline.1,
            saved_overrides: overrides.clone(),
            overrides,
            history: History::default(),
            small_cells: dyad::profile::settings::Settings::default().small_cells(),
            disclosure,
            read_only: None,
            councils: 0,
            council_chosen: Vec::new(),
        }
    }

    pub fn profile_modified(&self) -> bool {
        self.current != self.saved
    }

    pub fn overrides_modified(&self) -> bool {
        self.overrides != self.saved_overrides
    }

    /// Where save-as writes a profile of this name.
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.configs.join(dyad::profile::file_name_for(name))
    }

    /// The settings, pins and bans as they are now, to go back to.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            profile: self.current.clone(),
            overrides: self.overrides.clone(),
            file: self.current_file.clone(),
        }
    }
}
