//! After each change the status line names the pairs that moved against the results shown
//! before it, the first of them is kept in view, and the matches panel says how many rows are
//! above and below the window.

use std::sync::Arc;

use dyad::analysis::compare::{PairChange, changes};
use dyad::embedded;

use crate::tui::action::{Action, Msg, ProfileEntry, Step};
use crate::tui::state::{Focus, Level, Status};
use crate::tui::testkit::Harness;

fn moved(h: &Harness) -> Vec<PairChange> {
    match &h.m.status {
        Some(Status {
            moved: Some(moved), ..
        }) => moved.clone(),
        other => panic!("no moved pairs said: {other:?}"),
    }
}

fn shown(h: &Harness) -> Arc<dyad::Evaluation> {
    h.m.solve.results.as_ref().unwrap().current.clone()
}

/// The status line (the line above the key hints, and the hints' line when it takes two).
fn status_lines(h: &mut Harness, w: u16, hgt: u16) -> String {
    let screen = h.screen(w, hgt);
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 2..].join("\n")
}

#[test]
fn a_weight_step_names_the_pairs_it_moved() {
    let mut h = Harness::new();
    let before = shown(&h);
    // Proximity 0.90 → 0.95: the stable range ends at 0.91.
    h.send(Action::Change(Step::Up));
    let after = shown(&h);
    let want = changes(&before.matching, &after.matching);
    assert!(!want.is_empty());
    assert_eq!(moved(&h), want);
    let pool = h.m.document.pool.clone();
    for (w, hgt) in [(120, 40), (80, 24)] {
        let line = status_lines(&mut h, w, hgt);
        assert!(
            line.contains(&format!("Moved {}", want[0].line(&pool))),
            "{line}"
        );
    }
    // The next key clears it, as any message.
    h.send(Action::SwitchPanel);
    assert_eq!(h.m.status, None);
}

#[test]
fn a_step_that_moves_nobody_says_so() {
    let mut h = Harness::new();
    // Goals covered 0.80 → 0.79, well inside its stable range.
    h.send(Action::Down).send(Action::Change(Step::FineDown));
    assert_eq!(moved(&h), Vec::new());
    assert!(status_lines(&mut h, 120, 40).contains("No pair moved"));
}

#[test]
fn undo_and_redo_say_what_they_changed_and_what_moved() {
    let mut h = Harness::new();
    h.send(Action::Change(Step::Up));
    let there = moved(&h);
    h.send(Action::Undo);
    let s = h.m.status.clone().unwrap();
    assert_eq!(
        s.text,
        "Undone: Geographic proximity 0.95 → 0.90 (Ctrl-r redoes)"
    );
    // The same pairs, back where they were.
    let back: Vec<PairChange> = there
        .iter()
        .map(|c| PairChange {
            mentee: c.mentee,
            old_mentor: c.new_mentor,
            new_mentor: c.old_mentor,
        })
        .collect();
    assert_eq!(s.moved.as_deref(), Some(&back[..]));
    let line = status_lines(&mut h, 120, 40);
    assert!(
        line.contains("Undone: Geographic proximity 0.95 → 0.90 (Ctrl-r redoes) · moved"),
        "{line}"
    );
    h.send(Action::Redo);
    let s = h.m.status.clone().unwrap();
    assert_eq!(s.text, "Redone: Geographic proximity 0.90 → 0.95");
    assert_eq!(s.moved, Some(there));
}

#[test]
fn a_burst_of_keys_is_compared_with_the_screen_before_the_first() {
    let mut h = Harness::new();
    let before = shown(&h);
    let first = h.send_only(Action::Change(Step::Up));
    let second = h.send_only(Action::Change(Step::Up));
    // The first key's results arrive while the second is being matched: not yet said.
    h.carry_out(first);
    assert_eq!(h.m.status.as_ref().and_then(|s| s.moved.clone()), None);
    h.carry_out(second);
    assert_eq!(h.m.document.current.weights[0], 1.0);
    assert_eq!(moved(&h), changes(&before.matching, &shown(&h).matching));
}

#[test]
fn bans_pins_and_opening_a_profile_name_the_moved_pairs() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel);
    let row = h.m.selected().unwrap().clone();
    let before = shown(&h);
    h.send(Action::Ban);
    let s = h.m.status.clone().unwrap();
    assert!(s.text.starts_with("Banned "), "{}", s.text);
    let moved = s.moved.unwrap();
    assert_eq!(moved, changes(&before.matching, &shown(&h).matching));
    assert!(
        moved
            .iter()
            .any(|c| c.mentee == row.mentee && c.old_mentor == row.mentor)
    );
    // Opening the pilot as the current profile moves many pairs.
    h.send(Action::Undo).send(Action::OpenProfiles);
    h.send(Msg::ProfilesListed(vec![ProfileEntry {
        file: None,
        profile: Ok(embedded::pilot_profile()),
    }]));
    let before = shown(&h);
    h.send(Action::Accept);
    let s = h.m.status.clone().unwrap();
    assert!(s.text.starts_with("Opened"), "{}", s.text);
    assert_eq!(s.level, Level::Info);
    let moved = s.moved.unwrap();
    assert!(moved.len() > 3);
    assert_eq!(moved, changes(&before.matching, &shown(&h).matching));
}

#[test]
fn the_first_moved_pair_is_scrolled_into_view() {
    let mut h = Harness::new();
    h.send(Msg::Resize(80, 24))
        .send(Action::SwitchPanel)
        .send(Action::Bottom);
    let height = h.m.matches.scroll.page();
    assert!(
        h.m.matches.rows.len() > height,
        "the table scrolls at 80x24"
    );
    let offset = h.m.matches.scroll.offset;
    assert!(offset > 0);
    // Back to the weights: proximity up moves pairs listed above the window.
    h.send(Action::SwitchPanel).send(Action::Change(Step::Up));
    let moved: Vec<usize> = moved(&h).iter().map(|c| c.mentee).collect();
    let t = &h.m.matches;
    let visible = t.scroll.offset..t.scroll.offset + t.scroll.page();
    let first = t
        .rows
        .iter()
        .position(|r| moved.contains(&r.mentee))
        .unwrap();
    assert!(visible.contains(&first), "{visible:?} {first}");
    assert_eq!(t.selected_mentee, Some(t.rows[first].mentee));
    assert_eq!(h.m.focus, Focus::Weights, "the focus stays where it was");
}

/// Whether the screen has a marker of rows out of view ("▼ 12 more"; the sorted column's
/// heading has a ▼ too).
fn marks(screen: &str, arrow: char) -> bool {
    screen
        .match_indices(&format!("{arrow} ")[..])
        .any(|(i, a)| screen[i + a.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn the_matches_panel_says_how_many_rows_are_out_of_view() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel);
    for (w, hgt) in [(80, 24), (120, 40)] {
        h.send(Action::Top);
        let screen = h.screen(w, hgt);
        let t = &h.m.matches;
        let below = t.rows.len() - t.scroll.page();
        assert!(screen.contains(&format!("▼ {below} more")), "{screen}");
        assert!(!marks(&screen, '▲'), "{screen}");
        h.send(Action::Bottom);
        let screen = h.screen(w, hgt);
        let t = &h.m.matches;
        let above = t.scroll.offset;
        // The rows above are the changed ones (changes first), and say so where there is room.
        let changed = t.rows[..above].iter().filter(|r| r.changed()).count();
        assert!(
            screen.contains(&format!("▲ {above} more, {changed} changed"))
                || screen.contains(&format!("▲ {above} more ")),
            "{screen}"
        );
        assert!(!marks(&screen, '▼'), "{screen}");
    }
}

#[test]
fn status_after_a_weight_change_80x24_and_120x40() {
    let mut h = Harness::new();
    h.send(Action::Change(Step::Up));
    insta::assert_snapshot!("moved_120x40", h.screen(120, 40));
    insta::assert_snapshot!("moved_80x24", h.screen(80, 24));
}

#[test]
fn taking_a_council_consensus_names_the_pairs_it_moved() {
    let mut h = Harness::new();
    h.m.document.configs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("configs");
    h.send(Action::OpenCouncil);
    let listed = crate::tui::disk::list_council(&h.m.document.configs);
    h.send(Msg::CouncilListed(listed)).send(Action::Accept);
    let before = shown(&h);
    // Enter takes the consensus as the current settings (nothing unsaved: no question).
    h.send(Action::Accept);
    let s = h.m.status.clone().unwrap();
    assert!(s.text.contains("is now the current settings"), "{}", s.text);
    let moved = s.moved.unwrap();
    assert!(!moved.is_empty());
    assert_eq!(moved, changes(&before.matching, &shown(&h).matching));
}
