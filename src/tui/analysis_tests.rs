//! Unit tests of the analyses in the UI: stable ranges and the jump keys, the influence popup,
//! why an unmatched mentee is unmatched; and of read-only mode, small-cell suppression and the
//! status line at the smallest comfortable size.

use dyad::analysis::unmatched::Relaxation;
use dyad::criteria::N;

use crate::tui::action::{Action, Effect, Msg, Step};
use crate::tui::state::{Focus, Level, Top};
use crate::tui::testkit::Harness;

fn stability(h: &Harness, k: usize) -> dyad::analysis::stability::Stability {
    h.m.solve.analyses.stability[k]
        .clone()
        .expect("computed")
        .expect("found")
}

fn mentor_of(h: &Harness) -> Vec<Option<usize>> {
    h.m.solve
        .results
        .as_ref()
        .unwrap()
        .current
        .matching
        .mentor_of
        .clone()
}

#[test]
fn every_weight_gets_its_stable_range_for_the_results_shown() {
    let mut h = Harness::new();
    assert!(h.m.solve.analyses.stability.iter().all(Option::is_none));
    h.analysing();
    let shown = h.m.solve.results.as_ref().unwrap().generation;
    assert_eq!(h.m.solve.analyses.generation, shown);
    for k in 0..N {
        let s = stability(&h, k);
        assert_eq!(s.weight, h.m.document.current.weights[k]);
        assert!(s.stable_low <= s.weight && s.weight <= s.stable_high);
    }
    assert!(h.m.solve.analyses.influence.iter().all(|i| i.is_some()));
    // A new result starts over: nothing of the old one is kept.
    h.send(Action::Change(Step::Down));
    let s = stability(&h, 0);
    assert_eq!(s.weight, 0.85);
    // An analysis of older results is dropped.
    let old = crate::tui::jobs::analyses::Analysis {
        generation: shown,
        found: crate::tui::jobs::analyses::Found::Stability(0, Err("old".into())),
    };
    h.send(Msg::Analysed(Box::new(old)));
    assert!(h.m.solve.analyses.stability[0].as_ref().unwrap().is_ok());
}

#[test]
fn the_jump_keys_move_a_weight_to_where_the_pairs_change() {
    let mut h = Harness::new();
    h.analysing_shown();
    let before = mentor_of(&h);
    let s = stability(&h, 0);
    let up = crate::tui::state::stable::jump(&s, true).expect("proximity changes the pairs above");
    h.send(Action::JumpUp);
    assert_eq!(h.m.document.current.weights[0], up);
    assert_ne!(mentor_of(&h), before, "the pairs changed at the jump");
    assert!(
        h.m.status
            .as_ref()
            .unwrap()
            .text
            .contains("where the pairs change")
    );
    // One step back down is inside the old stable range: the old pairs again.
    h.send(Action::Change(Step::FineDown));
    assert_eq!(mentor_of(&h), before);
    h.send(Action::Undo).send(Action::Undo);
    assert_eq!(h.m.document.current.weights[0], 0.9);
    let down = crate::tui::state::stable::jump(&stability(&h, 0), false).unwrap();
    h.send(Action::JumpDown);
    assert_eq!(h.m.document.current.weights[0], down);
    assert!(down < s.stable_low);
    assert_ne!(mentor_of(&h), before);
}

/// The effects but the analyst's order: the test moves the selection without a message, so
/// the next message tells the analyst of it.
fn work(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|e| !matches!(e, Effect::Analyse(_)))
        .collect()
}

#[test]
fn jumping_says_why_when_it_cannot() {
    let mut h = Harness::new();
    assert!(h.send_only(Action::JumpUp).is_empty());
    assert!(h.m.status.as_ref().unwrap().text.contains("Still finding"));
    h.m.weights.scroll.selected = N;
    assert!(work(h.send_only(Action::JumpDown)).is_empty());
    assert!(
        h.m.status
            .as_ref()
            .unwrap()
            .text
            .contains("select a criterion")
    );
    // Stable all the way up: nothing to jump to.
    h.m.weights.scroll.selected = 0;
    h.analysing();
    let k = (0..N)
        .find(|&k| stability(&h, k).next_high.is_none())
        .expect("a weight stable up to 1");
    h.m.weights.scroll.selected = k;
    assert!(work(h.send_only(Action::JumpUp)).is_empty());
    assert!(
        h.m.status
            .as_ref()
            .unwrap()
            .text
            .contains("no pair changes")
    );
}

#[test]
fn the_stable_range_shows_on_the_slider_and_in_the_status_line() {
    let mut h = Harness::new();
    h.analysing_shown();
    let range = crate::tui::state::stable::text(&stability(&h, 0));
    let screen = h.screen(120, 40);
    assert!(screen.contains("stable range"));
    let bar_line = screen.lines().nth(4).unwrap();
    assert!(bar_line.contains(&range), "{bar_line}");
    assert!(screen.contains(&format!("(stable {range}):")));
    let small = h.screen(80, 24);
    assert!(small.contains(&format!("(stable {range}")));
}

#[test]
fn the_influence_popup_lists_every_criterion_and_goes_to_a_slider() {
    let mut h = Harness::new();
    h.analysing_shown();
    h.send(Action::OpenInfluence);
    assert_eq!(h.m.top, Top::Influence { selected: 0 });
    let order = h.m.influence_order();
    let swings: Vec<usize> = order
        .iter()
        .map(|&k| {
            h.m.solve.analyses.influence[k]
                .as_ref()
                .unwrap()
                .as_ref()
                .unwrap()
                .swing()
        })
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    let screen = h.screen(120, 40);
    for c in dyad::criteria::CRITERIA {
        let start: String = c.label.chars().take(15).collect();
        assert!(screen.contains(&start), "{}", c.label);
    }
    // ↓ from the top row, then Enter: that criterion's slider.
    h.m.top = Top::Influence { selected: order[0] };
    h.send(Action::Down).send(Action::Accept);
    assert_eq!(h.m.top, Top::Main);
    assert_eq!(
        (h.m.weights.scroll.selected, h.m.focus),
        (order[1], Focus::Weights)
    );
}

#[test]
fn an_unmatched_mentee_opens_with_what_keeps_them_unmatched() {
    let mut h = Harness::new();
    h.analysing_shown().send(Action::SwitchPanel);
    let row =
        h.m.matches
            .rows
            .iter()
            .find(|r| r.mentor.is_none())
            .unwrap();
    let mentee = row.mentee;
    h.m.matches.selected_mentee = Some(mentee);
    h.send(Action::OpenDetail);
    assert!(matches!(&h.m.top, Top::Detail(d) if d.mentee == mentee));
    let diagnosis =
        h.m.solve
            .analyses
            .diagnosis(mentee)
            .unwrap()
            .clone()
            .unwrap()
            .unwrap();
    assert!(!diagnosis.suggestions.is_empty());
    let screen = h.screen(120, 40);
    let id = &h.m.document.pool.mentees[mentee].id;
    assert!(screen.contains(&format!("Why {id} has no mentor")));
    assert!(screen.contains("checked by rematching"));
    // The first suggestion, applied through the sliders, matches the mentee.
    let first = &diagnosis.suggestions[0];
    let shown = first
        .relaxation
        .describe(&h.m.document.pool)
        .replace(" -> ", " → ");
    assert!(screen.contains(&shown), "{shown}");
    if let Relaxation::InPersonDistance { to: Some(km), .. } = first.relaxation {
        h.send(Action::Close);
        h.m.focus = crate::tui::state::Focus::Weights;
        h.m.document.current.constraints.in_person_max_km = Some(km);
        h.send(Action::Change(Step::FineUp))
            .send(Action::Change(Step::FineDown));
        assert_eq!(mentor_of(&h)[mentee], Some(first.mentor));
    }
}

#[test]
fn read_only_mode_saves_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new();
    h.files = true;
    h.m.document.configs = dir.path().to_path_buf();
    h.m.document.read_only = Some("another dyad is using the profiles in configs/".into());
    h.send(Action::Change(Step::Up));
    for msg in [Action::Save, Action::SaveAs, Action::SaveOverrides] {
        h.send(msg);
        assert!(h.effects.is_empty(), "{msg:?}");
        assert_eq!(h.m.top, Top::Main, "{msg:?}");
        let status = h.m.status.as_ref().unwrap();
        assert_eq!(status.level, Level::Warning);
        assert!(status.text.contains("read-only"), "{}", status.text);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(h.screen(120, 40).contains("READ-ONLY"));
    assert!(h.screen(80, 24).contains("READ-ONLY"));
    // Quitting still asks: the changes are lost.
    h.send(Action::Quit);
    assert!(matches!(h.m.top, Top::Confirm(_)));
}

#[test]
fn long_messages_stay_readable_at_80_columns() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel).send(Action::Ban);
    let text = h.m.status.as_ref().unwrap().text.clone();
    assert!(text.chars().count() > 60);
    let screen = h.screen(80, 24);
    let bottom: Vec<&str> = screen.lines().rev().take(2).collect();
    let joined = format!("{} {}", bottom[1].trim(), bottom[0].trim());
    // Every word of the message is on screen, and so is the rematch time.
    for word in text.split_whitespace() {
        assert!(joined.contains(word), "{word} missing from:\n{joined}");
    }
    assert!(bottom[1].trim_end().ends_with("ms"), "{}", bottom[1]);
    // The next key clears the message and the hints come back.
    h.send(Action::Down);
    assert!(h.screen(80, 24).lines().last().unwrap().contains("help"));
}

#[test]
fn the_recompute_time_is_on_the_status_line_at_any_width() {
    let mut h = Harness::new();
    for (w, hgt) in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let screen = h.screen(w, hgt);
        let status = screen.lines().nth(usize::from(hgt) - 2).unwrap();
        assert!(status.trim_end().ends_with("0.4 ms"), "{w}x{hgt}: {status}");
    }
    assert!(h.screen(200, 60).contains("Rematched in 0.4 ms"));
    assert!(h.screen(80, 24).contains("rematch 0.4 ms"));
    let effects = h.send_only(Action::Change(Step::Up));
    assert!(matches!(effects[..], [Effect::Recompute(_)]));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Rematching… "), "{screen}");
}
