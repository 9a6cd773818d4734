//! dyad's domain core: the anonymized participant pool, the matching criteria, profiles, the
//! exact optimal matching, its summaries and comparisons. No terminal code lives here; the
//! `dyad` binary puts a command line and a terminal UI on top.

pub mod anonymize;
pub mod breakdown;
pub mod compare;
pub mod council;
pub mod criteria;
pub mod csvread;
pub mod csvwrite;
pub mod embedded;
pub mod engine;
pub mod error;
pub mod explain;
pub mod export;
pub mod fsio;
pub mod generate;
pub mod geo;
pub mod kendall;
pub mod matching;
pub mod pool;
pub mod privacy;
pub mod profile;
pub mod profile_matrix;
pub mod relax;
pub mod safetext;
pub mod scoring;
pub mod sensitivity;
pub mod settings;
pub mod solver;
pub mod specialty;
pub mod summary;
