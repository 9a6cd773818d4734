//! Helpers shared by the integration tests (and, through `#[path]`, the keypress bench).

pub mod pty;
