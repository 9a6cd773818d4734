//! dyad's domain core: the anonymized participant pool, the matching criteria, profiles, the
//! exact optimal matching, its summaries and comparisons. No terminal code lives here; the
//! `dyad` binary puts a command line and a terminal UI on top.

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
