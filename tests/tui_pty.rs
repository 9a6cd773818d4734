//! End to end: the real `dyad` binary in a pseudo-terminal, driven like a council member would.
//! It moves the proximity slider, sees the new value and the changed-pair count, saves the
//! settings as a new profile with `S`, quits, and the profile file holds the new weight.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

struct Screen(Arc<Mutex<vt100::Parser>>);

impl Screen {
    fn text(&self) -> String {
        self.0.lock().unwrap().screen().contents()
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

#[test]
fn move_a_slider_save_as_a_new_profile_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("configs"), &dir.path().join("configs"));
    copy_dir(&repo.join("sample-data"), &dir.path().join("sample-data"));

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.cwd(dir.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
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
    let mut keys = pty.master.take_writer().unwrap();
    let mut press = |bytes: &[u8]| {
        keys.write_all(bytes).unwrap();
        keys.flush().unwrap();
    };
    let screen = Screen(parser);

    // The fall profile opens with proximity at 0.90, compared with the pilot.
    let first = screen.wait_for(
        |s| proximity_line(s).contains("0.90") && changed_count(s).is_some(),
        "proximity at 0.90 and a changed-pair count",
    );
    assert!(first.contains("Fall 2023 program"));

    // → raises the selected weight (proximity) by 0.05.
    press(b"\x1b[C");
    let moved = screen.wait_for(
        |s| proximity_line(s).contains("0.95") && s.contains("modified"),
        "proximity at 0.95",
    );
    assert!(changed_count(&moved).is_some(), "{moved}");

    // S: save as a new profile, typing its name; Enter keeps the description.
    press(b"S");
    screen.wait_for(
        |s| s.contains("Save the current settings"),
        "the save-as form",
    );
    press(b"Council draft\r");
    screen.wait_for(|s| s.contains("Step 2 of 2"), "the description step");
    press(b"\r");
    screen.wait_for(|s| s.contains("Saved configs"), "the saved message");

    // Nothing is unsaved now, so q quits at once.
    press(b"q");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > WAIT {
            child.kill().unwrap();
            panic!("dyad did not quit; the screen shows:\n{}", screen.text());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");

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
