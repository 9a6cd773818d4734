//! The real `dyad` binary in a pseudo-terminal, read back through a VT100 parser: the driver the
//! end-to-end tests (`tests/tui_pty.rs`) and the keypress bench (`benches/keypress.rs`) share.

// Not every user needs every helper.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use vt100::MouseProtocolMode;

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
pub const WAIT: Duration = Duration::from_secs(20);

pub fn copy_dir(from: &Path, to: &Path) {
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
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("configs"), &dir.path().join("configs"));
    copy_dir(&repo.join("sample-data"), &dir.path().join("sample-data"));
    // Backups of earlier runs are not part of a fresh folder.
    let _ = std::fs::remove_dir_all(dir.path().join("configs/.dyad-backup"));
    let _ = std::fs::remove_file(dir.path().join("configs/.dyad.lock"));
    dir
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// How dyad's every frame ends: it hides the cursor after drawing (ratatui does, each frame).
const FRAME_END: &[u8] = b"\x1b[?25l";

/// The screen as the last complete frame left it.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// Frames completed so far.
    pub count: u64,
    /// When the last one was read.
    pub at: Option<Instant>,
    pub text: String,
}

/// A running dyad in a pseudo-terminal.
pub struct Dyad {
    pub parser: Arc<Mutex<vt100::Parser>>,
    frame: Arc<Mutex<Frame>>,
    keys: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Dyad {
    /// `dyad` without arguments (the terminal UI) in `dir`, with extra environment variables.
    pub fn start(dir: &Path, env: &[(&str, &str)]) -> Dyad {
        Dyad::start_with(dir, &[], env)
    }

    /// `dyad ARGS…` in `dir`, with extra environment variables.
    pub fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Dyad {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dyad"));
        cmd.args(args);
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
        let frame = Arc::new(Mutex::new(Frame::default()));
        let frames = frame.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // The end of the previous read, where a frame's end may have begun.
            let mut carry: Vec<u8> = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                let joined = [carry.as_slice(), chunk].concat();
                let mut parser = feed.lock().unwrap();
                let mut from = 0;
                for end in (FRAME_END.len()..=joined.len())
                    .filter(|&e| &joined[e - FRAME_END.len()..e] == FRAME_END)
                {
                    // Past the carried bytes: they are shorter than the marker.
                    let end = end - carry.len();
                    parser.process(&chunk[from..end]);
                    from = end;
                    let text = parser.screen().contents();
                    let mut f = frames.lock().unwrap();
                    f.count += 1;
                    f.at = Some(Instant::now());
                    f.text = text;
                }
                parser.process(&chunk[from..]);
                drop(parser);
                carry = joined[joined.len().saturating_sub(FRAME_END.len() - 1)..].to_vec();
            }
        });
        let keys = pty.master.take_writer().unwrap();
        Dyad {
            parser,
            frame,
            keys,
            child,
            _master: pty.master,
        }
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// How many complete frames have been read.
    pub fn frames(&self) -> u64 {
        self.frame.lock().unwrap().count
    }

    /// The last complete frame: the screen between frames can be half drawn.
    pub fn frame(&self) -> Frame {
        self.frame.lock().unwrap().clone()
    }

    pub fn press(&mut self, bytes: &[u8]) {
        self.keys.write_all(bytes).unwrap();
        self.keys.flush().unwrap();
    }

    /// Waits until a complete frame shows `what`, and returns that frame's text, or fails with
    /// what the screen shows. The live screen can be caught half drawn (on a loaded machine a
    /// frame arrives in several reads), so what the tests read is a whole frame. Text written
    /// outside frames (after dyad gave the terminal back) counts once no frame has come for a
    /// second.
    pub fn wait_for(&self, what: impl Fn(&str) -> bool, label: &str) -> String {
        let start = Instant::now();
        let mut live_since: Option<Instant> = None;
        loop {
            let frame = self.frame().text;
            if what(&frame) {
                return frame;
            }
            let text = self.text();
            if what(&text) {
                let since = *live_since.get_or_insert_with(Instant::now);
                if since.elapsed() > Duration::from_secs(1) {
                    return text;
                }
            } else {
                live_since = None;
            }
            if start.elapsed() > WAIT {
                panic!("the screen never showed {label}; it shows:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for dyad to end, at most `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
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

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a process id");
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name} {pid}");
    }

    /// The terminal as dyad left it: main screen, cursor shown, no mouse reporting.
    pub fn assert_restored(&self) {
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

pub fn proximity_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Geographic proximity"))
        .unwrap_or_default()
        .to_string()
}

/// The number of changed pairs the matches panel title states.
pub fn changed_count(screen: &str) -> Option<usize> {
    let at = screen.find("Matches: ")? + "Matches: ".len();
    let rest = &screen[at..];
    let end = rest.find(' ')?;
    // "Matches: 34 of 48 changed vs baseline", or "… changed" when the panel's title is short
    // (the list scrolled: the title shares the border with "▲ 9 more").
    let of = rest[end..].strip_prefix(" of ")?;
    let total_end = of.find(' ')?;
    of[..total_end].parse::<usize>().ok()?;
    rest[..end]
        .parse()
        .ok()
        .filter(|_| of[total_end..].starts_with(" changed"))
}
