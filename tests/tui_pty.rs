//! End to end: the real `dyad` binary in a pseudo-terminal, driven like a council member would,
//! read back through a VT100 parser.
//!
//! - The main flow: move the proximity slider, see the new value and the changed-pair count,
//!   save the settings as a new profile with `S`, quit; the profile file holds the new weight.
//! - SIGTERM and SIGHUP: dyad gives the terminal back (main screen, cursor shown, no mouse
//!   reporting) and ends within a second, asking nothing.
//! - A panic: the same, plus a short message that names no participant.
//! - Two dyads on one configs folder: the second opens read-only and saves nothing.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use vt100::MouseProtocolMode;

const ROWS: u16 = 40;
const COLS: u16 = 120;
const WAIT: Duration = Duration::from_secs(20);

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A folder like the repository: `configs/` and `sample-data/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("configs"), &dir.path().join("configs"));
    copy_dir(&repo.join("sample-data"), &dir.path().join("sample-data"));
    // Backups of earlier runs are not part of a fresh folder.
    let _ = std::fs::remove_dir_all(dir.path().join("configs/.dyad-backup"));
    let _ = std::fs::remove_file(dir.path().join("configs/.dyad.lock"));
    dir
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// A running dyad in a pseudo-terminal.
struct Dyad {
    parser: Arc<Mutex<vt100::Parser>>,
    keys: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Dyad {
    fn start(dir: &Path, env: &[(&str, &str)]) -> Dyad {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dyad"));
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(ROWS), nz(COLS), 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let feed = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let keys = pty.master.take_writer().unwrap();
        Dyad {
            parser,
            keys,
            child,
            _master: pty.master,
        }
    }

    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn press(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).unwrap();
        self.keys.flush().unwrap();
    }

    /// Waits until the screen shows `what`, or fails with what it shows.
    fn wait_for(&self, what: impl Fn(&str) -> bool, label: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if what(&text) {
                return text;
            }
            if start.elapsed() > WAIT {
                panic!("the screen never showed {label}; it shows:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for dyad to end, at most `limit`.
    fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, start.elapsed());
            }
            if start.elapsed() > limit {
                self.child.kill().unwrap();
                panic!("dyad did not end; the screen shows:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a process id");
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name} {pid}");
    }

    /// The terminal as dyad left it: main screen, cursor shown, no mouse reporting.
    fn assert_restored(&self) {
        // The last bytes may still be on their way through the pty.
        let start = Instant::now();
        loop {
            let (alt, hidden, mouse) = {
                let p = self.parser.lock().unwrap();
                let s = p.screen();
                (
                    s.alternate_screen(),
                    s.hide_cursor(),
                    s.mouse_protocol_mode(),
                )
            };
            if !alt && !hidden && mouse == MouseProtocolMode::None {
                return;
            }
            if start.elapsed() > Duration::from_secs(2) {
                panic!(
                    "not restored: alternate screen {alt}, cursor hidden {hidden}, mouse {mouse:?}"
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn proximity_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Geographic proximity"))
        .unwrap_or_default()
        .to_string()
}

/// The number of changed pairs the matches panel title states.
fn changed_count(screen: &str) -> Option<usize> {
    let at = screen.find("Matches: ")? + "Matches: ".len();
    let rest = &screen[at..];
    let end = rest.find(' ')?;
    rest[..end]
        .parse()
        .ok()
        .filter(|_| rest.contains("changed vs baseline"))
}

/// Waits for the first complete screen: results and the proximity slider's stable range.
fn ready(d: &Dyad) -> String {
    d.wait_for(
        |s| {
            proximity_line(s).contains("0.90")
                && changed_count(s).is_some()
                && s.contains("stable 0.")
        },
        "proximity at 0.90, a changed-pair count and a stable range",
    )
}

#[test]
fn move_a_slider_save_as_a_new_profile_and_quit() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[]);

    // The fall profile opens with proximity at 0.90, compared with the pilot.
    let first = ready(&d);
    assert!(first.contains("Fall 2023 program"));

    // → raises the selected weight (proximity) by 0.05.
    d.press(b"\x1b[C");
    let moved = d.wait_for(
        |s| proximity_line(s).contains("0.95") && s.contains("modified"),
        "proximity at 0.95",
    );
    assert!(changed_count(&moved).is_some(), "{moved}");

    // S: save as a new profile, typing its name; Enter keeps the description.
    d.press(b"S");
    d.wait_for(
        |s| s.contains("Save the current settings"),
        "the save-as form",
    );
    d.press(b"Council draft\r");
    d.wait_for(|s| s.contains("Step 2 of 2"), "the description step");
    d.press(b"\r");
    d.wait_for(|s| s.contains("Saved configs"), "the saved message");

    // Nothing is unsaved now, so q quits at once.
    d.press(b"q");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    d.assert_restored();

    let file = dir.path().join("configs/council-draft.toml");
    let saved = dyad::profile::load(&file).expect("the new profile parses");
    let proximity = dyad::criteria::index_of("proximity").unwrap();
    assert_eq!(saved.weights[proximity], 0.95);
    assert_eq!(saved.name, "Council draft");
    assert!(saved.saved.is_some());
    // The shipped profiles are untouched.
    let fall = dyad::profile::load(&dir.path().join("configs/fall-2023.toml")).unwrap();
    assert_eq!(fall.weights[proximity], 0.9);
}

#[test]
fn jump_to_the_next_change_and_explain_an_unmatched_mentee() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[]);
    ready(&d);
    // ] moves proximity up to where the pairs change.
    d.press(b"]");
    let jumped = d.wait_for(
        |s| s.contains("where the pairs change") && !proximity_line(s).contains("0.90"),
        "the jump",
    );
    assert!(jumped.contains("0.90 →"), "{jumped}");
    d.press(b"u");
    d.wait_for(
        |s| proximity_line(s).contains("0.90"),
        "proximity back at 0.90",
    );
    // Tab to the matches, c for the changed only (the unmatched mentee is among them), End to
    // the last row (the lost pair sorts last), Enter: why they have no mentor.
    d.press(b"\tc");
    d.wait_for(|s| s.contains("Changed vs baseline"), "the changed rows");
    d.press(b"\x1b[F\r");
    let why = d.wait_for(
        |s| s.contains("has no mentor") && s.contains("checked by rematching"),
        "the unmatched mentee explained",
    );
    assert!(why.contains("What keeps"), "{why}");
    d.press(b"\x1b");
    d.wait_for(|s| !s.contains("has no mentor"), "the popup closed");
    d.press(b"q");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_end_within_a_second() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let dir = workspace();
        let mut d = Dyad::start(dir.path(), &[]);
        ready(&d);
        // Unsaved changes: a quit would ask, a signal does not.
        d.press(b"l");
        d.wait_for(|s| s.contains("modified"), "a modified profile");
        d.signal(signal);
        let (status, took) = d.wait_exit(Duration::from_secs(5));
        assert!(took < Duration::from_secs(1), "SIG{signal}: took {took:?}");
        assert_eq!(status.exit_code(), code, "SIG{signal}");
        d.assert_restored();
        assert!(
            d.text().contains(&format!("ended by SIG{signal}")),
            "{}",
            d.text()
        );
    }
}

#[test]
fn a_panic_restores_the_terminal_and_names_no_participant() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[("DYAD_TEST_PANIC", "1")]);
    let (status, _) = d.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 101);
    d.assert_restored();
    let text = d.text();
    assert!(
        text.contains("dyad stopped because of an internal error"),
        "{text}"
    );
    assert!(text.contains("Please report it"), "{text}");
    assert!(!text.contains("ME-0"), "participant data in:\n{text}");
}

#[test]
fn a_second_dyad_on_the_same_profiles_opens_read_only() {
    let dir = workspace();
    let mut first = Dyad::start(dir.path(), &[]);
    ready(&first);
    let mut second = Dyad::start(dir.path(), &[]);
    let screen = second.wait_for(|s| s.contains("READ-ONLY"), "the read-only mark");
    assert!(
        screen.contains("another dyad is using the profiles"),
        "{screen}"
    );
    // Trying settings works; saving does not.
    second.press(b"l");
    second.wait_for(|s| proximity_line(s).contains("0.95"), "proximity at 0.95");
    second.press(b"S");
    second.wait_for(|s| s.contains("Not saved: read-only"), "the refusal");
    assert!(!second.text().contains("Save the current settings"));
    // Ctrl-c in the raw terminal is a key like q: it asks, since the change is not saved.
    second.press(b"\x03");
    second.wait_for(|s| s.contains("Quit without saving"), "the quit question");
    second.press(b"y");
    second.wait_exit(WAIT);
    let before: Vec<_> = std::fs::read_dir(dir.path().join("configs"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    // The first one still saves.
    first.press(b"lS");
    first.wait_for(|s| s.contains("Step 1 of 2"), "the save-as form");
    first.press(b"First\r\r");
    first.wait_for(|s| s.contains("Saved configs"), "the saved message");
    first.press(b"q");
    first.wait_exit(WAIT);
    assert!(dir.path().join("configs/first.toml").exists());
    assert!(!before.iter().any(|n| n == "first.toml"));
}
