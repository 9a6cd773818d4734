//! End to end: the council asks "who gets nobody?" and "what are the pairs like in km?": `m`
//! lists the mentors with the idle ones first, Enter goes to a mentor's mentees, `v` shows the
//! weight-free measures and `g` the groups with their worst pairs, each naming its yardstick.

use crate::pty::*;

#[test]
fn mentors_measures_and_groups_from_the_keyboard() {
    let dir = workspace();
    let mut d = Dyad::start(dir.path(), &[]);
    d.wait_for(|s| changed_count(s).is_some(), "the first matching");

    d.press(b"m");
    let mentors = d.wait_for(|s| s.contains("Mentors: 6 idle of 36"), "the mentors view");
    assert!(mentors.contains("none (baseline 1)"), "{mentors}");
    // Down past the six idle mentors to one with a mentee, then Enter: back to the mentees.
    d.press(b"jjjjjj\r");
    let back = d.wait_for(|s| s.contains(" mentors ME-"), "the mentor's mentees named");
    assert!(
        back.contains("Matches: ") && back.contains("Mentee"),
        "{back}"
    );

    d.press(b"v");
    let measures = d.wait_for(|s| s.contains("km apart, mean"), "the measures view");
    assert!(measures.contains("Δ vs pilot-2023"), "{measures}");
    assert!(measures.contains("within 60 km"), "{measures}");

    d.press(b"g");
    let groups = d.wait_for(|s| s.contains("All mentees"), "the groups view");
    assert!(groups.contains("worst pair"), "{groups}");
    assert!(groups.contains("scored by fall-2023"), "{groups}");
    assert!(groups.contains("<5"), "{groups}");

    d.press(b"q");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    d.assert_restored();
}
