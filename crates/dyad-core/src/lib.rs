//! dyad's domain core: the anonymized participant pool, the matching criteria, profiles, the
//! exact optimal matching, and what a council asks of matchings. No terminal code lives here
//! (no ratatui, crossterm or clap); the `dyad` binary puts a command line (`src/cli/`) and a
//! terminal UI (`src/tui/`) on top, and both go through [`matching::engine::Engine`].
//!
//! # Where to look
//!
//! | to change… | look in |
//! |---|---|
//! | the pool's files, columns and how they are read and checked; what mentees and mentors share | [`pool`] (`person.rs`, `files.rs`, `load.rs`, `fields.rs`, `overrides.rs`, `outcomes.rs` for a survey of pairs, `survey.rs` for where one is found), synthetic pools in `pool/generate/` |
//! | a survey export or raw intake becoming an anonymized pool | [`intake`] |
//! | a criterion (one definition + its test), specialty families, distances | [`criteria`] (`geo.rs`, `specialty.rs`) |
//! | a profile's format, its bounds and messages, saving | [`profile`] (`read.rs`, `write.rs`, `settings.rs` for `dyad-settings.toml`) |
//! | who may be matched to whom (eligibility, pins, bans, hard rules) | [`matching`] (`frame.rs`) |
//! | pair scores, the warm re-solve as weights move | [`matching`] (`scoring.rs`, `engine.rs`, `session.rs`) |
//! | the exact assignment algorithm | [`solver`] (a leaf: it knows nothing of mentees) |
//! | summaries, comparisons, stable ranges, unmatched mentees, explanations, the council | [`analysis`] |
//! | what a survey says about each criterion; how sure each pair is as weights move | [`analysis`] (`evidence.rs`, `association.rs`, `robustness.rs`) |
//! | anonymity audits, identifiers, small-cell suppression | [`privacy`] |
//! | how a number or a change is printed | [`present`] |
//! | the exported pairs, and the decision record (HTML and Markdown from one builder; [`report::folder::write_record`] for a `reports/` folder) | [`report`] |
//! | atomic writes, backups, the lock, bounded reads, CSV positions | [`io`] |
//! | errors that name file, line and column | [`error`] |
//! | the copies of the sample and the shipped profiles built into the binary | [`embedded`] |
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

pub mod analysis;
pub mod criteria;
pub mod embedded;
pub mod error;
pub mod intake;
pub mod io;
pub mod matching;
pub mod pool;
pub mod present;
pub mod privacy;
pub mod profile;
pub mod report;
pub mod solver;

pub use analysis::compare::Comparison;
pub use analysis::summary::Summary;
pub use criteria::specialty::SpecialtyFamilies;
pub use error::{Error, InputError};
pub use matching::Matching;
pub use matching::engine::{Engine, Evaluation};
pub use pool::{LoadOptions, Mentee, Mentor, Person, Pool};
pub use privacy::SmallCells;
pub use profile::Profile;
