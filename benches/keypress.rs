//! Key-to-screen latency of the terminal UI: the real `dyad` binary in a 120 × 40
//! pseudo-terminal, read back through a VT100 parser.
//!
//! For the sample data and for a generated pool (default 4000 × 4000, `dyad generate --seed 1`):
//! the time to the first frame and to the first result; how long a → or ← press takes to move the
//! proximity slider on screen, while the cold start solve runs and while a key is held (a press
//! every 33 ms, as a 30 Hz autorepeat, in runs of four each way); how many results the screen
//! showed against how many presses (the worker skips the requests in between); a change of
//! baseline and the slider step after it; dyad's peak memory (VmHWM).
//!
//! Times are taken from writing the key to the end of the first complete frame that shows its
//! effect (dyad ends every frame by hiding the cursor; the pty reader notes when it reads that),
//! found by polling every ~0.2 ms. Half-drawn screens between two frames are never looked at.
//!
//! `cargo bench --bench keypress` (4000 × 4000), `cargo bench --bench keypress -- --size 1000`
//! or `DYAD_KEYPRESS_SIZE=1000`; `--presses N` (`DYAD_KEYPRESS_PRESSES`) sets the held presses
//! (default 60). Without `--bench` (as `cargo test --all-targets` runs it) it does nothing.

// The pty driver of the terminal-UI tests; the bench drives and times, so the tests' waiting
// and assertion helpers go unused here.
#[path = "../tests/tui/pty.rs"]
#[allow(dead_code)]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{COLS, Dyad, ROWS, changed_count, copy_dir, workspace};

const RIGHT: &[u8] = b"\x1b[C";
const LEFT: &[u8] = b"\x1b[D";
const DOWN: &[u8] = b"\x1b[B";
/// A 30 Hz autorepeat.
const REPEAT: Duration = Duration::from_millis(33);
const POLL: Duration = Duration::from_micros(200);
/// One frame at 60 Hz.
const FRAME: Duration = Duration::from_micros(16_667);
/// Longest wait for anything on screen.
const PATIENCE: Duration = Duration::from_secs(120);
/// The held key moves proximity between these weights (in hundredths), four steps each way.
const LOW: u32 = 70;
const HIGH: u32 = 90;
/// Single presses, each when the screen is idle.
const SINGLE: usize = 8;
/// The baseline the bench switches to: the pilot profile with another proximity weight.
const BASELINE_COPY: &str = "Pilot 2023 (copy)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("keypress: a measurement, run it with `cargo bench --bench keypress`");
        return;
    }
    let size = option(&args, "--size", "DYAD_KEYPRESS_SIZE").unwrap_or(4000);
    let presses = option(&args, "--presses", "DYAD_KEYPRESS_PRESSES").unwrap_or(60);

    let mut runs = Vec::new();
    let sample = workspace();
    runs.push(measure("sample data", sample.path(), &[], presses));

    let dir = tempfile::tempdir().expect("a temporary folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("configs"), &dir.path().join("configs"));
    let _ = std::fs::remove_dir_all(dir.path().join("configs/.dyad-backup"));
    let _ = std::fs::remove_file(dir.path().join("configs/.dyad.lock"));
    let n = size.to_string();
    let generated = std::process::Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["generate", "--mentees", &n, "--mentors", &n])
        .args(["--seed", "1", "--out", "pool"])
        .current_dir(dir.path())
        .output()
        .expect("dyad generate runs");
    assert!(
        generated.status.success(),
        "dyad generate: {}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let label = format!("{size} × {size}");
    runs.push(measure(
        &label,
        dir.path(),
        &["tui", "--data", "pool"],
        presses,
    ));

    report(&runs);
}

/// `--name N` among the arguments, else the environment variable.
fn option(args: &[String], name: &str, var: &str) -> Option<usize> {
    let given = args
        .iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| std::env::var(var).ok())?;
    Some(
        given
            .parse()
            .unwrap_or_else(|_| panic!("{name}: not a number: {given}")),
    )
}

/// What one dyad showed.
struct Run {
    label: String,
    first_frame: Duration,
    first_result: Duration,
    /// Key to screen while the first (cold) solve ran.
    cold: Vec<Duration>,
    /// Key to screen for single presses with no solve running.
    rest: Vec<Duration>,
    /// Key to screen while the key is held.
    held: Vec<Duration>,
    /// Presses whose value never showed within [`PATIENCE`].
    lost: usize,
    held_presses: usize,
    /// Results the screen showed from the first held press until it was idle again.
    held_results: usize,
    /// From the last held press to the result for it.
    settle: Duration,
    /// The status line then.
    last_rematch: String,
    /// From `b` to the result against the new baseline, and the status line then.
    baseline_change: Duration,
    baseline_rematch: String,
    /// The slider step after it.
    step_after: Duration,
    step_rematch: String,
    /// VmHWM after the held key, and at the end.
    peak_held_kb: Option<u64>,
    peak_end_kb: Option<u64>,
}

/// The proximity weight on screen, in hundredths.
fn weight(screen: &str) -> Option<u32> {
    const LABEL: &str = "Geographic proximity";
    let line = screen.lines().find(|l| l.contains(LABEL))?;
    let rest = &line[line.find(LABEL)? + LABEL.len()..];
    // "Geographic proximity          0.90││●  ME-002 …": the panel's border follows at once.
    let number: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let value: f64 = number.parse().ok()?;
    Some((value * 100.0).round() as u32)
}

/// Results on screen, and none being worked out.
fn idle(screen: &str) -> bool {
    changed_count(screen).is_some() && !rematched(screen).is_empty()
}

/// "Rematched in 7.2 ms" from the status line ("rematch 7.2 ms" when the line is full), or "".
fn rematched(screen: &str) -> String {
    screen
        .lines()
        .find_map(|l| {
            let at = l.find("Rematched in ").or_else(|| l.find("rematch "))?;
            let rest = l[at..].trim();
            rest.ends_with(" ms").then(|| rest.to_string())
        })
        .unwrap_or_default()
}

/// The part of the screen only results change: the matches and scores panels (everything right
/// of the weights panel, between the title line and the status line).
fn results_part(screen: &str, from_col: usize) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let last = lines.len().saturating_sub(2);
    lines
        .get(1..last)
        .unwrap_or_default()
        .iter()
        .map(|l| l.chars().skip(from_col).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The column where the matches panel starts: its top-left corner, left of its title.
fn matches_column(screen: &str) -> usize {
    screen
        .lines()
        .find_map(|l| {
            let at = l.find(" Matches: ")?;
            l[..at].rfind('┌').map(|b| l[..b].chars().count())
        })
        .unwrap_or(0)
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Watches the complete frames until one satisfies `done` (returning when it was read, counted
/// from `since`), or `until` comes (`None`), or [`PATIENCE`] has passed since `since` (`None`).
/// Every new frame goes to `seen` first.
fn watch(
    d: &Dyad,
    since: Instant,
    until: Option<Instant>,
    mut seen: impl FnMut(&str),
    done: impl Fn(&str) -> bool,
) -> Option<Duration> {
    let mut last = None;
    loop {
        if d.frames() != last.unwrap_or(u64::MAX) {
            let f = d.frame();
            last = Some(f.count);
            if f.count > 0 {
                seen(&f.text);
                if done(&f.text) {
                    let at = f.at.expect("a frame's time");
                    return Some(at.saturating_duration_since(since));
                }
            }
        }
        if until.is_some_and(|u| Instant::now() >= u) || since.elapsed() > PATIENCE {
            return None;
        }
        std::thread::sleep(POLL);
    }
}

/// The last complete frame's text.
fn screen(d: &Dyad) -> String {
    d.frame().text
}

/// The held key: four presses one way, four the other, between [`LOW`] and [`HIGH`].
struct Keys {
    value: u32,
    down: bool,
}

impl Keys {
    fn next(&mut self) -> (&'static [u8], u32) {
        if self.down && self.value < LOW + 5 {
            self.down = false;
        } else if !self.down && self.value + 5 > HIGH {
            self.down = true;
        }
        if self.down {
            self.value -= 5;
            (LEFT, self.value)
        } else {
            self.value += 5;
            (RIGHT, self.value)
        }
    }
}

fn measure(label: &str, dir: &Path, args: &[&str], presses: usize) -> Run {
    eprintln!("keypress: {label} …");
    // A baseline to switch to: the pilot with another weight (so it is matched anew), the same
    // criterion parameters (so its score table is already built).
    let pilot = std::fs::read_to_string(dir.join("configs/pilot-2023.toml")).expect("the pilot");
    let copy = pilot
        .replacen("Pilot 2023 (March-July)", BASELINE_COPY, 1)
        .replacen("proximity = 0.1", "proximity = 0.3", 1);
    assert!(copy.contains(BASELINE_COPY) && copy.contains("proximity = 0.3"));
    std::fs::write(dir.join("configs/pilot-copy.toml"), copy).expect("the copy written");

    let start = Instant::now();
    let mut d = Dyad::start_with(dir, args, &[]);
    let pid = d.child.process_id().expect("a process id");
    let first_frame = watch(&d, start, None, |_| {}, |s| weight(s).is_some())
        .unwrap_or_else(|| panic!("no first frame; the screen shows:\n{}", d.text()));
    let mut keys = Keys {
        value: weight(&screen(&d)).expect("a proximity weight"),
        down: true,
    };
    assert!(
        (LOW..=HIGH).contains(&keys.value),
        "proximity opens at {}",
        keys.value
    );

    // (a) Presses every 33 ms while the first solve runs.
    let mut cold = Vec::new();
    let mut lost = 0;
    let has_result = |s: &str| changed_count(s).is_some();
    let mut slot = Instant::now();
    let first_result = loop {
        if let Some(t) = watch(&d, start, Some(slot), |_| {}, has_result) {
            break t;
        }
        let (key, value) = keys.next();
        let pressed = Instant::now();
        d.press(key);
        let mut result_meanwhile = false;
        let shown = watch(
            &d,
            pressed,
            None,
            |s| result_meanwhile |= has_result(s),
            |s| weight(s) == Some(value),
        );
        match shown {
            // Counted only if it showed before any result did.
            Some(t) if !result_meanwhile => cold.push(t),
            Some(_) => {}
            None => lost += 1,
        }
        if result_meanwhile {
            break watch(&d, start, None, |_| {}, has_result).expect("a first result");
        }
        slot = (pressed + REPEAT).max(Instant::now());
    };
    watch(&d, start, None, |_| {}, idle).expect("the screen idle after the first result");

    // (b) Single presses, each once the screen is idle again: no solve running when pressed.
    let mut rest = Vec::new();
    for _ in 0..SINGLE {
        let (key, value) = keys.next();
        let pressed = Instant::now();
        d.press(key);
        match watch(&d, pressed, None, |_| {}, |s| weight(s) == Some(value)) {
            Some(t) => rest.push(t),
            None => lost += 1,
        }
        watch(
            &d,
            pressed,
            None,
            |_| {},
            |s| idle(s) && weight(s) == Some(value),
        )
        .unwrap_or_else(|| {
            panic!(
                "no result of a single press; the screen shows:\n{}",
                d.text()
            )
        });
    }

    // (c) A held key: a press every 33 ms while the results of earlier ones are worked out.
    let from_col = matches_column(&screen(&d));
    let mut shown = results_part(&screen(&d), from_col);
    let mut results = 0;
    let mut count = |s: &str| {
        let now = results_part(s, from_col);
        if now != shown {
            results += 1;
            shown = now;
        }
    };
    let mut held = Vec::new();
    let mut last_press = Instant::now();
    let mut slot = Instant::now();
    for _ in 0..presses {
        watch(&d, Instant::now(), Some(slot), &mut count, |_| false);
        let (key, value) = keys.next();
        last_press = Instant::now();
        d.press(key);
        match watch(&d, last_press, None, &mut count, |s| {
            weight(s) == Some(value)
        }) {
            Some(t) => held.push(t),
            None => lost += 1,
        }
        slot = (last_press + REPEAT).max(Instant::now());
    }
    let value = keys.value;
    let settle = watch(&d, last_press, None, &mut count, |s| {
        idle(s) && weight(s) == Some(value)
    })
    .expect("the result for the last press");
    let last_rematch = rematched(&screen(&d));
    let peak_held_kb = vm_hwm_kb(pid);

    // (d) A change of baseline (p, the copy of the pilot, b), then one more step.
    d.press(b"p");
    watch(
        &d,
        Instant::now(),
        None,
        |_| {},
        |s| s.contains("Profiles in"),
    )
    .expect("the profiles");
    let row = format!("▶ {BASELINE_COPY}");
    for _ in 0..20 {
        if screen(&d).contains(&row) {
            break;
        }
        let frames = d.frames();
        d.press(DOWN);
        watch(&d, Instant::now(), None, |_| {}, |_| d.frames() > frames);
    }
    assert!(screen(&d).contains(&row), "{}", screen(&d));
    let pressed = Instant::now();
    d.press(b"b");
    // The title names the new baseline from the frame that says a rematch is under way.
    let title = format!("Baseline: {BASELINE_COPY}");
    let baseline_change = watch(&d, pressed, None, |_| {}, |s| idle(s) && s.contains(&title))
        .expect("the result for the new baseline");
    let baseline_rematch = rematched(&screen(&d));
    let (key, value) = keys.next();
    let pressed = Instant::now();
    d.press(key);
    let step_after = watch(
        &d,
        pressed,
        None,
        |_| {},
        |s| idle(s) && weight(s) == Some(value),
    )
    .expect("the result of the step after");
    let step_rematch = rematched(&screen(&d));
    let peak_end_kb = vm_hwm_kb(pid);

    d.press(b"q");
    let asked = watch(
        &d,
        Instant::now(),
        None,
        |_| {},
        |s| s.contains("Quit without saving"),
    );
    if asked.is_some() {
        d.press(b"y");
    }
    d.wait_exit(Duration::from_secs(20));

    Run {
        label: label.to_string(),
        first_frame,
        first_result,
        cold,
        rest,
        held,
        lost,
        held_presses: presses,
        held_results: results,
        settle,
        last_rematch,
        baseline_change,
        baseline_rematch,
        step_after,
        step_rematch,
        peak_held_kb,
        peak_end_kb,
    }
}

fn ms(t: Duration) -> String {
    let ms = t.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else if ms < 1000.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("?".into(), |kb| format!("{:.0} MB", kb as f64 / 1024.0))
}

/// n, median, p90, p99, max, share within one frame.
fn stats(samples: &[Duration]) -> String {
    if samples.is_empty() {
        return format!(
            "{:>4} {:>8} {:>8} {:>8} {:>8} {:>9}",
            0, "–", "–", "–", "–", "–"
        );
    }
    let mut v = samples.to_vec();
    v.sort();
    // Nearest rank.
    let at = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    let within = v.iter().filter(|&&t| t <= FRAME).count();
    format!(
        "{:>4} {:>8} {:>8} {:>8} {:>8} {:>8.1}%",
        v.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(*v.last().unwrap()),
        100.0 * within as f64 / v.len() as f64
    )
}

fn report(runs: &[Run]) {
    println!();
    println!(
        "dyad tui in a {COLS} × {ROWS} pseudo-terminal; times to the end of the first complete \
         frame showing it; one frame = 16.7 ms (60 Hz)"
    );
    println!();
    println!(
        "{:<14} {:>12} {:>13} {:>15} {:>15}",
        "pool", "first frame", "first result", "peak RSS held", "peak RSS end"
    );
    for r in runs {
        println!(
            "{:<14} {:>9} ms {:>10} ms {:>15} {:>15}",
            r.label,
            ms(r.first_frame),
            ms(r.first_result),
            mb(r.peak_held_kb),
            mb(r.peak_end_kb)
        );
    }
    println!();
    println!(
        "{:<14} {:<26} {:>4} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "key → slider", "(ms)", "n", "median", "p90", "p99", "max", "≤ 1 frame"
    );
    for r in runs {
        println!(
            "{:<14} {:<26} {}",
            r.label,
            "while the cold solve runs",
            stats(&r.cold)
        );
        println!(
            "{:<14} {:<26} {}",
            "",
            "single presses, at rest",
            stats(&r.rest)
        );
        println!(
            "{:<14} {:<26} {}",
            "",
            "holding a key (30 Hz)",
            stats(&r.held)
        );
    }
    println!();
    println!(
        "{:<14} {:>8} {:>14} {:>16}   status then",
        "held key", "presses", "results shown", "last → result"
    );
    for r in runs {
        println!(
            "{:<14} {:>8} {:>14} {:>13} ms   {}",
            r.label,
            r.held_presses,
            r.held_results,
            ms(r.settle),
            r.last_rematch
        );
    }
    println!();
    println!(
        "{:<14} {:>16}   {:<24} {:>16}   status then",
        "new baseline", "b → result", "status then", "next step"
    );
    for r in runs {
        println!(
            "{:<14} {:>13} ms   {:<24} {:>13} ms   {}",
            r.label,
            ms(r.baseline_change),
            r.baseline_rematch,
            ms(r.step_after),
            r.step_rematch
        );
    }
    let lost: usize = runs.iter().map(|r| r.lost).sum();
    if lost > 0 {
        println!("\n{lost} presses never showed on screen");
    }
    println!(
        "\n\"results shown\": frames in which the matches or scores panel changed, from the first \
         held press until idle\n(a lower bound: two results alike look like one); the requests \
         in between were skipped unsolved."
    );
}
