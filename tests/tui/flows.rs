//! End to end: the real `dyad` binary in a pseudo-terminal, driven like a council member would,
//! read back through a VT100 parser.
//!
//! - The main flow: move the proximity slider, see the new value and the changed-pair count,
//!   save the settings as a new profile with `S`, quit; the profile file holds the new weight.
//! - SIGTERM and SIGHUP: dyad gives the terminal back (main screen, cursor shown, no mouse
//!   reporting) and ends within a second, asking nothing.
//! - A panic: the same, plus a short message that names no participant.
//! - Two dyads on one configs folder: the second opens read-only and saves nothing.
//! - A slow rematch (made slow on purpose): key presses still show at once, the result that
//!   comes is the newest settings', and the settings in between are never matched.
//! - The council: `C` convenes the members' profiles, `S` saves the consensus, which holds the
//!   median of each member's weight.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::pty::*;

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
    let frames = d.frames();
    d.press(b"\x1b[C");
    let moved = d.wait_for(
        |s| proximity_line(s).contains("0.95") && s.contains("modified"),
        "proximity at 0.95",
    );
    assert!(changed_count(&moved).is_some(), "{moved}");
    // The change arrives as whole frames: the last complete one shows it too.
    let deadline = Instant::now() + WAIT;
    while !proximity_line(&d.frame().text).contains("0.95") {
        assert!(Instant::now() < deadline, "no complete frame shows 0.95");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(d.frames() > frames);

    // S: save as a new profile, typing its name; Enter leaves the description empty.
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
    // The mark and its reason (the screen may be read half drawn, so wait for both).
    second.wait_for(
        |s| s.contains("READ-ONLY") && s.contains("another dyad is using the profiles"),
        "the read-only mark and why",
    );
    // Trying settings works; saving does not.
    second.press(b"l");
    second.wait_for(|s| proximity_line(s).contains("0.95"), "proximity at 0.95");
    second.press(b"S");
    second.wait_for(|s| s.contains("Not saved: read-only"), "the refusal");
    assert!(!second.text().contains("Save the current settings"));
    // Ctrl-c in the raw terminal is a key like q: it asks, since the change is not saved.
    second.press(b"\x03");
    second.wait_for(|s| s.contains("Quit and lose"), "the quit question");
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

/// The mean pair score (as the Scores panel shows it) and the changed-pair count of the fall
/// profile with proximity at `weight`, against the pilot on the sample data, worked out by the
/// library.
fn expected(weight: f64) -> (String, usize) {
    use dyad::matching::engine::Engine;
    let mut engine = Engine::new(
        dyad::embedded::sample_pool(),
        dyad::criteria::specialty::builtin().clone(),
    );
    let mut fall = dyad::embedded::fall_profile();
    fall.weights[dyad::criteria::index_of("proximity").unwrap()] = weight;
    let baseline = engine.evaluate(&dyad::embedded::pilot_profile()).unwrap();
    let current = engine.evaluate(&fall).unwrap();
    let changed = Engine::compare(&baseline, &current).differing();
    (format!("{:.1}", current.summary.stats.mean), changed)
}

/// The mean pair score now, from the Scores panel ("Mean  76.2  71.0 +5.2").
fn mean_shown(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let rest = &l[l.find("Mean ")? + "Mean ".len()..];
        let number = rest.split_whitespace().next()?;
        number.parse::<f64>().ok().map(|_| number.to_string())
    })
}

/// No result on screen yet, and the status line says a rematch is under way.
fn nothing_matched_yet(screen: &str) -> bool {
    screen.contains("Matches: matching…") && screen.contains("ematching…")
}

#[test]
fn a_key_press_shows_at_once_while_a_solve_runs() {
    let (at_090, at_095, at_100) = (expected(0.90), expected(0.95), expected(1.00));
    // Otherwise the screen could not tell which settings a result is for.
    assert!(
        at_095.0 != at_090.0 && at_095.0 != at_100.0,
        "{at_090:?} {at_095:?} {at_100:?}"
    );

    let dir = workspace();
    // Every solve waits 4 s first (debug builds only): the keys below come long before the first
    // result.
    let mut d = Dyad::start(dir.path(), &[("DYAD_TEST_SOLVE_DELAY_MS", "4000")]);
    let first = d.wait_for(
        |s| proximity_line(s).contains("0.90"),
        "the first frame, proximity at 0.90",
    );
    assert!(nothing_matched_yet(&first), "{first}");

    // Each press shows at once, while the first request is still being matched.
    for value in ["0.95", "1.00"] {
        d.press(b"\x1b[C");
        let moved = d.wait_for(
            |s| proximity_line(s).contains(value),
            &format!("proximity at {value}"),
        );
        assert!(
            nothing_matched_yet(&moved),
            "a result came before the slider showed {value}:\n{moved}"
        );
    }

    // Watch the results come: the first request's (0.90), then the newest (1.00). The one in
    // between (0.95) is skipped: its mean score would stay on screen for the 4 s the newest
    // takes.
    let mut means = BTreeSet::new();
    let start = Instant::now();
    let done = loop {
        let s = d.text();
        means.extend(mean_shown(&s));
        if s.contains("Rematched in") && !s.contains("ematching…") {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no result for the newest settings; the screen shows:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(proximity_line(&done).contains("1.00"), "{done}");
    assert_eq!(mean_shown(&done), Some(at_100.0.clone()), "{done}");
    assert_eq!(changed_count(&done), Some(at_100.1), "{done}");
    let expected: BTreeSet<String> = [at_090.0, at_100.0].into();
    assert_eq!(means, expected, "results shown: 0.90's and 1.00's only");

    d.press(b"q");
    d.wait_for(|s| s.contains("Quit without saving"), "the quit question");
    d.press(b"y");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

#[test]
fn convene_the_council_and_save_its_consensus() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[]);
    ready(&d);

    // C lists the profiles with the members' folder chosen; Enter convenes them.
    d.press(b"C");
    d.wait_for(
        |s| s.contains("choose the members' profiles (4 chosen)"),
        "the member picker with the four members chosen",
    );
    d.press(b"\r");
    let council = d.wait_for(
        |s| s.contains("Council of 4") && s.contains("convened in"),
        "the convened council",
    );
    assert!(council.contains("The members differ most on:"), "{council}");
    assert!(council.contains("Consensus"), "{council}");

    // S takes the consensus as the current settings and saves it under its own name.
    d.press(b"S");
    d.wait_for(
        |s| s.contains("Save the current settings") && s.contains("Council consensus"),
        "the save-as form named after the consensus",
    );
    d.press(b"\r\r");
    d.wait_for(|s| s.contains("Saved configs"), "the saved message");
    d.press(b"q");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");

    // The saved profile holds the median of each member's weight.
    let saved = dyad::profile::load(&dir.path().join("configs/council-consensus.toml")).unwrap();
    let members: Vec<_> = [
        "early-career",
        "img",
        "senior-physicians",
        "women-physicians",
    ]
    .iter()
    .map(|m| dyad::profile::load(&dir.path().join(format!("configs/members/{m}.toml"))).unwrap())
    .collect();
    for k in 0..dyad::criteria::N {
        let ws: Vec<f64> = members.iter().map(|p| p.weights[k]).collect();
        assert_eq!(
            saved.weights[k],
            dyad::analysis::council::median(&ws),
            "criterion {k}"
        );
    }
}
