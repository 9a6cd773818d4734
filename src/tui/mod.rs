//! The terminal UI, in the Elm style: terminal events become actions through the keymap
//! (`keys`), `update` changes the state (`state`) and returns effects, the view (`view`) draws
//! the state. Solving the settings, the analyses of each result, the kept shares, the survey's
//! evidence and each lane of tasks (a council's matchings) run on threads (`jobs`); every
//! effect goes through one router (`router`), which the event loop (`app`, the only module that
//! sees both `update` and `view`) and the tests' harness (`testkit`) share: threads in the one,
//! done at once in the other, files through `disk` in both. `terminal` gives the terminal back
//! on quit, error, signal or panic.
//!
//! To change what a key does, look in `keys/bindings.rs`; a panel, view or popup: the file of
//! that name in `state/`, `update/` and `view/`; what can be on top: `Top` in `state/top.rs`;
//! where panels go: `layout/`; colours: `theme.rs`.
//!
//! # To add a view
//!
//! A view or popup `x` whose figures are worked out in the background:
//!
//! 1. `state/x.rs`: what it holds (`pub mod x;` in `state/mod.rs`), and its variant `Top::X`
//!    in `state/top.rs`: the keymap's `Mode::X` comes with it.
//! 2. `keys/bindings.rs`: its table of keys and its title in the help (the compiler asks for
//!    both), and the key that opens it in the main screen's table; `action.rs`: that key's
//!    `Action`, and the `Msg` its answer comes back as. The README lists every key (a test
//!    checks it).
//! 3. `update/x.rs`: opening it, its keys, taking in its answer; in `update/mod.rs` the arms
//!    of its `Action`, its `Msg` and `Top::X` (the compiler asks for the last). Opening it
//!    returns the background work as `Effect::Run(Task::new("x", id, move |engine| Msg::…))`:
//!    the task runs on a thread of its own lane in the event loop (only the newest waiting)
//!    and at once in the tests, through the same router.
//! 4. `view/x.rs`: drawing it; the arm of `Top::X` in `view/mod.rs` (the compiler asks for it).
//! 5. `jobs/x.rs`, only when the work is more than a library call: the work itself, with the
//!    library only (and `pub mod x;` in `jobs/mod.rs`).
//!
//! Counted by adding such a view: its three files, and one entry in `state/top.rs`,
//! `keys/bindings.rs` and `action.rs`, the arms in `update/mod.rs` and `view/mod.rs`, the
//! `mod` line in `state/mod.rs`, the key in the README. `router.rs`, `app.rs` and `testkit.rs`
//! stay as they are; a job that keeps state of its own between requests beyond the engine (as
//! the analyst and the keeper do) is a method of `router::Workers` instead, carried out by
//! `app.rs` and by `testkit.rs`.

mod action;
mod app;
mod disk;
mod jobs;
mod keys;
mod layout;
mod router;
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
mod fairness_attack_tests;
#[cfg(test)]
mod fairness_follow_tests;
#[cfg(test)]
mod fairness_tests;
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
mod theme_tests;
#[cfg(test)]
mod update_tests;
