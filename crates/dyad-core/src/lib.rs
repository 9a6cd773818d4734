//! dyad's domain core: the anonymized participant pool, the matching criteria, profiles, the
//! exact optimal matching, and what a council asks of matchings. No terminal code lives here:
//! this crate's manifest has no ratatui, crossterm or clap. The `dyad` binary puts a command
//! line (`src/cli/`) and a terminal UI (`src/tui/`) on top, and both go through
//! [`matching::engine::Engine`].
//!
//! # The stack
//!
//! The modules form a one-way stack, declared below in its order: each uses only those after
//! it, never one before (the architecture test checks this, reading every `use crate::…`).
//! From the top:
//!
//! 1. [`intake`] — survey exports and raw intake files becoming an anonymized pool
//! 2. [`report`] — the exported pairs and the decision record
//! 3. [`analysis`] — what a council asks of matchings
//! 4. [`matching`] — eligibility, scores, the optimal matching and its summary
//! 5. [`embedded`] — the shipped profiles and the sample pool built into the binary
//! 6. [`profile`] — a profile: its weights and rules, read and written
//! 7. [`privacy`] — anonymity audits, disclosure, small-cell suppression
//! 8. [`generate`] — synthetic pools of any size (low in the stack, so that any layer's tests
//!    can draw pools from it)
//! 9. [`criteria`] — the ten criteria and the specialty families
//! 10. [`pool`] — mentees and mentors, their files, geography and survey
//! 11. [`identifiers`] — screening cells and column names for direct identifiers
//! 12. [`solver`] — the exact assignment algorithm (knows nothing of mentees)
//! 13. [`io`] — files: atomic writes, backups, the lock, bounded reads, CSV and TOML reading
//! 14. [`present`] — how numbers and changes are printed
//! 15. [`error`] — errors that name file, line and column (a leaf)
//!
//! A helper that two layers need lives in the lower one; a lower layer takes what it needs from
//! above as an argument or through a trait it defines ([`privacy::GroupSize`]).
//!
//! # Where to look
//!
//! | to change… | look in |
//! |---|---|
//! | the pool's files, columns and how they are read and checked; what mentees and mentors share | [`pool`] (`person.rs`, `files.rs`, `load.rs`, `fields.rs`, `overrides.rs`, `outcomes.rs` for a survey of pairs, `survey.rs` for where one is found, `geo.rs` and `zip3.rs` for ZIP3 areas, `sample.rs` for the built-in sample), synthetic pools in [`generate`] |
//! | a survey export or raw intake becoming an anonymized pool | [`intake`] |
//! | a criterion (one definition + its test), specialty families | [`criteria`] (`specialty.rs`); distances in [`pool`] (`geo.rs`) |
//! | a profile's format, its bounds and messages, saving | [`profile`] (`read.rs`, `write.rs`, `settings.rs` for `dyad-settings.toml`) |
//! | who may be matched to whom (eligibility, pins, bans, hard rules) | [`matching`] (`frame.rs`) |
//! | pair scores, the warm re-solve as weights move, a matching's summary | [`matching`] (`scoring.rs`, `columns.rs` for how a criterion's scores are held, `engine.rs`, `session.rs`, `summary.rs`, `pair_steps.rs` for the criteria of a matching's pairs kept between steps) |
//! | the exact assignment algorithm | [`solver`] (a leaf: it knows nothing of mentees) |
//! | summaries, comparisons, stable ranges, unmatched mentees, explanations, the council | [`analysis`] |
//! | what a survey says about each criterion; how sure each pair is as weights move | [`analysis`] (`evidence.rs`, `association.rs`, `robustness.rs`) |
//! | anonymity audits, small-cell suppression | [`privacy`] |
//! | spotting direct identifiers in cells and column names | [`identifiers`] |
//! | how a number or a change is printed | [`present`] |
//! | the exported pairs, and the decision record (HTML and Markdown from one builder; [`report::folder::write_record`] for a `reports/` folder) | [`report`] |
//! | atomic writes, backups, the lock, bounded reads, CSV positions | [`io`] |
//! | errors that name file, line and column | [`error`] |
//! | the copies of the shipped profiles built into the binary (and the sample pool, from [`pool`]) | [`embedded`] |
//!
//! # Example
//!
//! Match the sample pool under the fall profile, as `dyad match` does:
//!
//! ```no_run
//! use dyad::{Engine, LoadOptions, SpecialtyFamilies};
//!
//! let pool = dyad::pool::load_dir("sample-data".as_ref(), &LoadOptions::default())?;
//! let profile = dyad::profile::load("configs/fall-2023.toml".as_ref())?;
//! let mut engine = Engine::new(pool, SpecialtyFamilies::builtin().clone());
//! let result = engine.evaluate(&profile)?;
//! println!("{} of {} matched", result.summary.matched, result.summary.eligible);
//! # Ok::<(), dyad::error::Error>(())
//! ```

#![warn(missing_docs)]

// The stack, top to bottom (see above), one module to a group so that rustfmt keeps the order.
pub mod intake;

pub mod report;

pub mod analysis;

pub mod matching;

pub mod embedded;

pub mod profile;

pub mod privacy;

pub mod generate;

pub mod criteria;

pub mod pool;

pub mod identifiers;

pub mod solver;

pub mod io;

pub mod present;

pub mod error;

pub use analysis::compare::Comparison;
pub use criteria::specialty::SpecialtyFamilies;
pub use error::{Error, InputError};
pub use matching::Matching;
pub use matching::engine::{Engine, Evaluation};
pub use matching::summary::Summary;
pub use pool::{LoadOptions, Mentee, Mentor, Person, Pool};
pub use privacy::SmallCells;
pub use profile::Profile;
