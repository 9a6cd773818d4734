//! Work off the UI thread. Each job depends only on the library and never sees the model: the
//! event loop sends it requests and turns what it sends back into messages.
//!
//! - `solve`: the matching of the current and baseline profiles, newest request first;
//! - `analyses`: stable ranges, influence and why a mentee is unmatched, for the results shown;
//! - `council`: the matchings of a council's members and their consensus;
//! - `kept`: the share of random weightings that keep each pair shown;
//! - `evidence`: what a survey of past pairs says about each criterion;
//! - `midcycle`: the pairs in place re-matched, the curve of changes against total score;
//! - `record`: the decision record written to its file;
//! - `latest`: the newest-request thread most of them share, and each lane of tasks (a view's
//!   job, see `action::Task`) runs on.

pub mod analyses;
pub mod council;
pub mod evidence;
pub mod kept;
pub mod latest;
pub mod midcycle;
pub mod solve;
