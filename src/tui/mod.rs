//! The terminal UI, in the Elm style: terminal events become messages through the keymap
//! (`keymap`), `update` changes the model (`model`) and returns effects, the view (`view`)
//! draws the model. Rematching runs on a worker thread (`worker`), the analyses that follow each
//! result (stable ranges, influence, why a mentee is unmatched) on another (`analyst`), a council's
//! matchings on a third (`convener`); the event
//! loop (`app`) wires it together and carries out the file effects (`io`), and `terminal` gives
//! the terminal back on quit, error, signal or panic.

mod action;
mod analyst;
mod app;
mod convener;
mod council;
mod detail;
mod edit;
mod files;
mod histogram;
mod io;
mod keys;
mod latest;
mod model;
mod popups;
mod rows;
mod search;
mod settings;
mod stable;
mod terminal;
mod theme;
mod update;
mod view;
mod worker;

pub use app::{Options, run};

#[cfg(test)]
mod analysis_tests;
#[cfg(test)]
mod council_tests;
#[cfg(test)]
mod popup_tests;
#[cfg(test)]
mod render_tests;
#[cfg(test)]
mod save_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod update_tests;
