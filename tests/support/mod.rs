//! Helpers shared by the integration tests (and, through `#[path]`, the keypress bench).

pub mod cli;
pub mod pools;
pub mod pty;
