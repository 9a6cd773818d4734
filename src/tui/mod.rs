//! The terminal UI, in the Elm style: terminal events become actions through the keymap
//! (`keys`), `update` changes the state (`state`) and returns effects, the view (`view`) draws
//! the state. Rematching, the analyses of each result and a council's matchings run on threads
//! (`jobs`); the event loop (`app`, the only module that sees both `update` and `view`) wires
//! it together and carries out the file effects (`disk`), and `terminal` gives the terminal
//! back on quit, error, signal or panic.
//!
//! To change what a key does, look in `keys/bindings.rs`; a panel or popup: the file of that
//! name in `state/`, `update/` and `view/`; where panels go: `layout.rs`; colours: `theme.rs`.

mod action;
mod app;
mod disk;
mod jobs;
mod keys;
mod layout;
mod scroll;
mod state;
mod terminal;
mod text;
mod theme;
mod update;
mod view;

pub use app::{Options, run};
#[cfg(test)]
mod analysis_tests;
#[cfg(test)]
mod attack_tests;
#[cfg(test)]
mod council_tests;
#[cfg(test)]
mod detail_tests;
#[cfg(test)]
mod evidence_tests;
#[cfg(test)]
mod findings_tests;
#[cfg(test)]
mod groups_tests;
#[cfg(test)]
mod midcycle_tests;
#[cfg(test)]
mod moved_tests;
#[cfg(test)]
mod popup_tests;
#[cfg(test)]
mod record_tests;
#[cfg(test)]
mod render_tests;
#[cfg(test)]
mod save_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod update_tests;
