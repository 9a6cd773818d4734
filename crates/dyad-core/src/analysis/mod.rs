//! Questions asked of matchings: summaries, comparisons, stability of the weights, why a mentee
//! is unmatched, a pair's explanation, the council's consensus, what a survey of past pairs says
//! about each criterion, and how much each pair depends on the exact weights.

pub mod association;
pub mod breakdown;
pub mod compare;
pub mod council;
pub mod evidence;
pub mod evidence_words;
pub mod explain;
pub mod fairness;
pub mod kendall;
pub mod measure_rows;
pub mod measures;
pub mod overview;
pub mod overview_memo;
pub mod profile_matrix;
pub mod robustness;
pub mod stability;
#[cfg(test)]
pub(crate) mod testing;
pub mod threads;
pub mod unmatched;

/// The summary of a matching (kept with the matching, which computes it on every evaluation),
/// named here too beside the analyses built on it.
pub use crate::matching::summary;
