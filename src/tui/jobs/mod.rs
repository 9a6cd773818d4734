//! Work off the UI thread. Each job depends only on the library and never sees the model: the
//! event loop sends it requests and turns what it sends back into messages.
//!
//! - `rematch`: the matching of the current and baseline profiles, newest request first;
//! - `analyses`: stable ranges, influence and why a mentee is unmatched, for the results shown;
//! - `council`: the matchings of a council's members and their consensus;
//! - `latest`: the newest-request thread the three share.

pub mod analyses;
pub mod council;
mod latest;
pub mod rematch;
