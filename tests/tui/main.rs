//! The terminal UI end to end: the real `dyad` binary in a pseudo-terminal, driven by keys and
//! read back from the screen.

mod evidence;
mod flows;
mod midcycle;
mod pty;
mod status;
mod views;
