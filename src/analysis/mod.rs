//! Questions asked of matchings: summaries, comparisons, stability of the weights, why a mentee
//! is unmatched, a pair's explanation, the council's consensus.

pub mod breakdown;
pub mod compare;
pub mod council;
pub mod explain;
pub mod kendall;
pub mod measures;
pub mod profile_matrix;
pub mod stability;
pub mod summary;
pub mod unmatched;
