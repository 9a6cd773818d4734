//! Taking over the terminal and giving it back, whatever happens: on quit and on error (a guard
//! dropped), on SIGTERM and SIGHUP (noticed by the event loop within [`TICK`]), and on a panic in
//! any thread (a hook that restores the terminal, says briefly what happened and ends dyad).
//!
//! Restoring means: raw mode off, mouse capture off, the alternate screen left and the cursor
//! shown, so the shell the council gets back is the one it left.

use std::io::{self, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::DefaultTerminal;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
#[cfg(unix)]
use signal_hook::consts::SIGHUP;
use signal_hook::consts::{SIGINT, SIGTERM};

/// The longest the event loop waits before it looks at the signals again.
pub const TICK: Duration = Duration::from_millis(100);

/// The exit status of a panic, as Rust's own.
const PANIC_STATUS: i32 = 101;

/// Raw mode, the alternate screen and mouse capture; a terminal to draw on.
pub fn enter() -> io::Result<DefaultTerminal> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Gives the terminal back. Safe to call more than once and when the terminal is gone (after a
/// hang-up every write fails, and that is fine).
pub fn leave() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = stdout().flush();
}

/// Leaves the terminal when dropped: on quit and on every error path.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// What a panic prints (after the terminal is restored): where it happened and what to do, and
/// nothing of the panic's own message, which might quote data.
pub fn panic_report(location: Option<String>, thread: Option<&str>) -> String {
    let place = match (location, thread) {
        (Some(l), Some(t)) => format!("Where: {l} (thread {t})\n"),
        (Some(l), None) => format!("Where: {l}\n"),
        (None, Some(t)) => format!("Where: thread {t}\n"),
        (None, None) => String::new(),
    };
    format!(
        "dyad stopped because of an internal error.\n{place}\
         The terminal has been restored; changes that were not saved are lost.\n\
         Please report it to the dyad maintainers with what you did just before and this\n\
         message (it contains no participant data).\n"
    )
}

/// On a panic in any thread: restore the terminal, print [`panic_report`] and end dyad (a UI
/// whose worker died cannot go on).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        leave();
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        let thread = std::thread::current();
        let report = panic_report(location, thread.name());
        let _ = io::stderr().write_all(report.as_bytes());
        std::process::exit(PANIC_STATUS);
    }));
}

/// Puts the default panic hook back (after the terminal is left).
pub fn remove_panic_hook() {
    let _ = std::panic::take_hook();
}

/// The signals that end dyad at once: SIGHUP exists on Unix only (signal-hook does not export
/// it elsewhere); SIGTERM and SIGINT exist everywhere.
#[cfg(unix)]
const ENDING: [i32; 2] = [SIGTERM, SIGHUP];
#[cfg(not(unix))]
const ENDING: [i32; 1] = [SIGTERM];

/// A signal that reached dyad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM or SIGHUP: restore the terminal and end at once, asking nothing.
    End(i32),
    /// SIGINT from outside (in raw mode Ctrl-c is a key, not a signal): like `q`.
    Interrupt,
}

impl Signal {
    pub fn name(self) -> &'static str {
        match self {
            #[cfg(unix)]
            Signal::End(SIGHUP) => "SIGHUP",
            Signal::End(_) => "SIGTERM",
            Signal::Interrupt => "SIGINT",
        }
    }

    /// The exit status a shell expects of a process ended by this signal.
    pub fn status(self) -> i32 {
        match self {
            Signal::End(n) => 128 + n,
            Signal::Interrupt => 128 + SIGINT,
        }
    }
}

/// SIGTERM, SIGHUP and SIGINT, noted by the signal handler (async-signal-safe: it only stores
/// the number) and read by the event loop.
pub struct Signals {
    got: Arc<AtomicUsize>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        let got = Arc::new(AtomicUsize::new(0));
        for sig in ENDING.into_iter().chain([SIGINT]) {
            signal_hook::flag::register_usize(sig, got.clone(), sig as usize)?;
        }
        Ok(Signals { got })
    }

    /// The signal received since the last call, if any.
    pub fn take(&self) -> Option<Signal> {
        match self.got.swap(0, Ordering::Relaxed) {
            0 => None,
            n if n == SIGINT as usize => Some(Signal::Interrupt),
            n => Some(Signal::End(n as i32)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_report_names_the_place_and_nothing_else() {
        let r = panic_report(Some("src/tui/view/detail.rs:12:5".into()), Some("rematch"));
        assert!(r.contains("\nWhere: src/tui/view/detail.rs:12:5 (thread rematch)\n"));
        assert!(r.contains("report it"));
        assert!(r.contains("no participant data"));
        let plain = panic_report(None, None);
        assert!(plain.starts_with("dyad stopped because of an internal error.\nThe terminal"));
        assert!(plain.lines().all(|l| l.chars().count() <= 80));
    }

    #[test]
    fn signals_map_to_exit_statuses() {
        assert_eq!(Signal::End(SIGTERM).status(), 143);
        assert_eq!(Signal::End(SIGTERM).name(), "SIGTERM");
        assert_eq!(Signal::Interrupt.name(), "SIGINT");
    }

    #[cfg(unix)]
    #[test]
    fn sighup_is_named_on_unix() {
        assert_eq!(Signal::End(SIGHUP).status(), 129);
        assert_eq!(Signal::End(SIGHUP).name(), "SIGHUP");
    }
}
