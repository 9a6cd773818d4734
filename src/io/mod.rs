//! Crash-safe writing: every file dyad writes goes to a temporary file in the same folder, is
//! flushed and synced, then renamed over the target, and the folder is synced. A reader sees the
//! old file or the new one, never half of one.
//!
//! - `atomic`: [`write_atomic`] and the backup kept of a replaced file ([`Mode`]);
//! - `set`: [`write_set`], files that belong together switched as one, through a `journal`
//!   ([`finish_pending`] completes one a killed dyad left);
//! - `stage`: the temporary file beside a target; `sweep`: removing those of killed processes;
//! - `regular`: only regular files are read or replaced; `read`: bounded reads;
//! - `backups`: naming, listing and restoring previous versions; `lock`: one writer per folder;
//! - [`csvread`], [`csvwrite`], [`lines`]: CSV in and out, with line and column numbers;
//!   [`safetext`]: text from files made safe to show on a terminal.

pub mod csvread;
pub mod csvwrite;
pub mod lines;
pub mod safetext;

mod atomic;
mod backups;
mod journal;
mod lock;
mod read;
mod regular;
mod set;
mod stage;
mod sweep;

pub use atomic::{BACKUP_DIR, Mode, backup_dir, write_atomic};
pub use backups::{backup_target, backup_time, list_backups, restore, target_name};
pub use journal::finish_pending;
pub use lock::{LOCK_FILE, ProfileLock};
pub use read::{MAX_CSV_BYTES, MAX_TOML_BYTES, open_regular, read_bounded, read_text};
pub use regular::refuse_non_regular;
pub use set::write_set;
pub use sweep::sweep;
