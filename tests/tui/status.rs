//! The status line after a change, end to end: the real binary says which pairs moved against
//! the screen before the change, and what an undo changed back.

use crate::pty::*;

/// The line above the key hints (and the hints' line, which a long message takes too).
fn status(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)..].join("\n")
}

#[test]
fn a_weight_change_names_the_pairs_it_moved_and_undo_says_what_it_undid() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[]);
    d.wait_for(
        |s| proximity_line(s).contains("0.90") && changed_count(s).is_some(),
        "proximity at 0.90 and the matches",
    );
    // → raises proximity from 0.90 to 0.95, past the end of its stable range (0.91): ME-014
    // moves from MR-031 to MR-034 (the sample pool and the fall profile, as shipped).
    d.press(b"\x1b[C");
    let moved = d.wait_for(
        |s| status(s).contains("Moved ME-014: MR-031 → MR-034"),
        "the moved pair on the status line",
    );
    assert!(proximity_line(&moved).contains("0.95"), "{moved}");
    // A key that changes nothing clears it.
    d.press(b"\t");
    d.wait_for(|s| !status(s).contains("Moved"), "the message gone");
    // u: back to 0.90, and the same pair back.
    d.press(b"u");
    let undone = d.wait_for(
        |s| status(s).contains("moved ME-014: MR-034 → MR-031"),
        "the undo and the pair moved back",
    );
    assert!(
        status(&undone).contains("Undone: Geographic proximity 0.95 → 0.90"),
        "{undone}"
    );
    // Back to the profile as saved: q quits without asking.
    d.press(b"q");
    let (exit, _) = d.wait_exit(WAIT);
    assert!(exit.success(), "{exit:?}");
    d.assert_restored();
}
