//! End to end: what the pilot taught and how sure each pair is, in the real `dyad` binary.
//!
//! - On the sample folder, the Kept column fills in beside the screen, and `e` shows the sample
//!   survey's evidence: proximity supported, → switches to the next outcome, Esc closes.
//! - On a pool folder without a survey, `e` says how to add `outcomes.csv`; once it is there,
//!   `r` reads it.

use std::time::Duration;

use crate::pty::*;

/// The proximity row of the evidence view.
fn evidence_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Geographic proximity") && l.contains("supports"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn kept_shares_fill_in_and_e_shows_the_sample_survey() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[]);
    // The Kept column: "…" at first, then shares (1000 draws take well under a second here).
    let kept = d.wait_for(
        |s| s.contains(" Kept ") && s.contains("100%"),
        "the Kept column with shares",
    );
    assert!(!kept.contains("Kept share:"), "{kept}");

    d.press(b"e");
    let shown = d.wait_for(
        |s| evidence_row(s).contains("supports a higher weight"),
        "proximity supported by the sample survey",
    );
    assert!(
        shown.contains("sample-data/outcomes-pilot-2023.csv"),
        "{shown}"
    );
    assert!(shown.contains("25 of 33 pairs answered"), "{shown}");
    // The weight beside it is the slider's.
    assert!(evidence_row(&shown).contains("0.90"), "{shown}");

    // → the next outcome: meetings.
    d.press(b"\x1b[C");
    d.wait_for(
        |s| s.contains("numbers, 23 of 33 answered"),
        "the meetings outcome",
    );
    d.press(b"\x1b");
    d.wait_for(|s| !s.contains("Evidence:"), "the view closed");
    d.press(b"q");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

#[test]
fn without_a_survey_e_says_how_to_add_one_and_r_reads_it() {
    let dir = workspace();
    let pool = dir.path().join("pool");
    std::fs::create_dir(&pool).unwrap();
    for f in ["mentees.csv", "mentors.csv"] {
        std::fs::copy(dir.path().join("sample-data").join(f), pool.join(f)).unwrap();
    }
    let mut d = Dyad::start_with(dir.path(), &["tui", "--data", "pool"], &[]);
    d.wait_for(|s| s.contains(" Kept "), "the main screen");
    d.press(b"e");
    let none = d.wait_for(
        |s| s.contains("No survey of the pairs yet"),
        "how to add a survey",
    );
    assert!(none.contains("pool/outcomes.csv"), "{none}");
    assert!(none.contains("dyad evidence --data pool"), "{none}");

    std::fs::copy(
        dir.path().join("sample-data/outcomes-pilot-2023.csv"),
        pool.join("outcomes.csv"),
    )
    .unwrap();
    d.press(b"r");
    let read = d.wait_for(
        |s| evidence_row(s).contains("supports a higher weight"),
        "the survey read",
    );
    assert!(read.contains("pool/outcomes.csv"), "{read}");
    // Esc and q apart: together a terminal sends them as Alt-q.
    d.press(b"\x1b");
    d.wait_for(|s| !s.contains("Evidence:"), "the view closed");
    d.press(b"q");
    let (status, _) = d.wait_exit(Duration::from_secs(20));
    assert!(status.success(), "{status:?}");
}
