//! Mid-cycle re-matching: the best matching of the pool as it is now that breaks as few of the
//! pairs in place as the council chooses.
//!
//! A continuing mentee whose mentor left the pool, whose pair the profile now rules out, or who
//! is now pinned elsewhere or ineligible is *forced* to change: listed apart, never counted.
//! Every other pair in place is *continuing*; a matching that gives its mentee another mentor
//! or none makes a *voluntary change*. "At most `k` voluntary changes" is the side constraint
//! "at least `continuing − k` continuing pairs kept", solved exactly by
//! [`crate::solver::side`] for each budget `k`, with `match`'s objective (most mentees
//! matched, then the largest total, or the best worst pair first under `maximin`).

mod current;
mod direct;
mod points;

pub use current::{CurrentPair, load_current};
pub use points::{Forced, ForcedWhy, Move, Point, Rematch, RematchError, Rematcher, rematch};
#[cfg(test)]
mod tests;

/// Each point's search as `dyad rematch` and the terminal UI run it: at most this many nodes
/// and this long before the point is reported with its proven gap.
pub const LIMITS: crate::solver::side::Limits = crate::solver::side::Limits {
    nodes: 50_000,
    time: Some(std::time::Duration::from_secs(60)),
};
