//! The library's integration tests: the domain core without a terminal or the binary — the
//! solver and the matching against brute force, warm sessions, profiles, pool errors, stability
//! ranges, unmatched mentees, the council and the decision record.

mod architecture;
mod council;
mod disclosure;
mod evidence;
mod floors_pools;
mod floors_props;
mod matching_props;
mod model_writes;
mod pool_errors;
mod pools;
mod profile_props;
mod record;
mod robustness;
mod score_layouts;
mod session_props;
mod solver_props;
mod stability;
mod unmatched;
mod yardstick;
