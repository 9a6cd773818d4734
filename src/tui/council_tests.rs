//! The council in the TUI: choosing members, convening them, scrolling the view, and taking the
//! consensus as current settings, baseline or a new profile; snapshots of both popups.

use std::path::PathBuf;

use dyad::analysis::council::median;
use dyad::criteria::N;
use dyad::profile::Profile;

use crate::tui::action::{Action, Effect, Msg, ProfileEntry, Step};
use crate::tui::disk;
use crate::tui::jobs::council::Convened;
use crate::tui::state::{Pending, Top};
use crate::tui::testkit::Harness;
use crate::tui::view::council::{body_height, line_count};

/// The repository's configs folder, as dyad started in the repository sees it (tests run there).
fn configs() -> PathBuf {
    PathBuf::from("configs")
}

/// The shipped profiles: the two programme profiles and the four members'.
fn shipped() -> Vec<ProfileEntry> {
    disk::list_council(&configs())
}

fn members(entries: &[ProfileEntry]) -> Vec<Profile> {
    entries
        .iter()
        .filter(|e| {
            e.file
                .as_ref()
                .unwrap()
                .parent()
                .unwrap()
                .ends_with("members")
        })
        .map(|e| e.profile.clone().unwrap())
        .collect()
}

/// The picker with the shipped profiles listed.
fn picking() -> Harness {
    let mut h = Harness::new();
    h.m.document.configs = configs();
    h.send(Action::OpenCouncil);
    assert_eq!(h.effects, [Effect::ListCouncil]);
    h.send(Msg::CouncilListed(shipped()));
    h
}

/// The shipped members' council, convened.
fn convened() -> Harness {
    let mut h = picking();
    h.send(Action::Accept);
    h
}

fn chosen(h: &Harness) -> Vec<bool> {
    match &h.m.top {
        Top::CouncilPick(p) => p.chosen.clone(),
        other => panic!("not picking: {other:?}"),
    }
}

fn council(h: &Harness) -> std::sync::Arc<dyad::analysis::council::Council> {
    match &h.m.top {
        Top::Council(v) => v.council.clone().expect("convened").expect("no error"),
        other => panic!("no council: {other:?}"),
    }
}

fn status(h: &Harness) -> String {
    h.m.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_members_folder_is_chosen_at_first() {
    let h = picking();
    let entries = shipped();
    let want: Vec<bool> = entries
        .iter()
        .map(|e| {
            e.file
                .as_ref()
                .unwrap()
                .parent()
                .unwrap()
                .ends_with("members")
        })
        .collect();
    assert_eq!(want.iter().filter(|c| **c).count(), 4);
    assert_eq!(chosen(&h), want);
}

#[test]
fn fewer_than_two_members_convene_nothing() {
    let mut h = picking();
    let n = chosen(&h).len();
    // Take out every member but the last.
    for i in 0..n - 1 {
        if chosen(&h)[i] {
            h.send(Action::Toggle);
        }
        h.send(Action::Down);
    }
    assert_eq!(chosen(&h).iter().filter(|c| **c).count(), 1);
    h.send(Action::Accept);
    assert!(h.effects.is_empty());
    assert!(status(&h).contains("at least two"), "{}", status(&h));
    assert!(matches!(h.m.top, Top::CouncilPick(_)));
}

#[test]
fn a_profile_that_does_not_load_cannot_be_chosen() {
    let mut h = Harness::new();
    h.send(Action::OpenCouncil);
    let broken = ProfileEntry {
        file: Some(PathBuf::from("configs/members/broken.toml")),
        profile: Err("line 1".into()),
    };
    h.send(Msg::CouncilListed(vec![broken]));
    assert_eq!(chosen(&h), [false]);
    h.send(Action::Toggle);
    assert_eq!(chosen(&h), [false]);
    assert!(status(&h).contains("does not load"));
}

#[test]
fn convening_matches_every_member_and_the_median_consensus() {
    let mut h = picking();
    h.send(Action::Accept);
    let [Effect::Run(task)] = &h.effects[..] else {
        panic!("{:?}", h.effects);
    };
    assert_eq!(task.lane, "council");
    let c = council(&h);
    let labels: Vec<&str> = c.members.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "early-career",
            "img",
            "senior-physicians",
            "women-physicians"
        ]
    );
    let profiles = members(&shipped());
    for k in 0..N {
        let ws: Vec<f64> = profiles.iter().map(|p| p.weights[k]).collect();
        assert_eq!(c.consensus.profile.weights[k], median(&ws), "criterion {k}");
    }
    assert_eq!(c.evaluations.len(), 4);
    // The same numbers as convening outside the TUI.
    let mut engine = dyad::matching::engine::Engine::new(
        (*h.m.document.pool).clone(),
        dyad::criteria::specialty::builtin().clone(),
    );
    let direct = dyad::analysis::council::convene(&mut engine, c.members.clone()).unwrap();
    assert_eq!(direct.disagreements, c.disagreements);
    assert_eq!(direct.agreed_pairs, c.agreed_pairs);
}

#[test]
fn the_council_is_matched_with_the_councils_pins() {
    let mut h = Harness::new();
    h.m.document.configs = configs();
    let fall = h.m.solve.results.as_ref().unwrap().current.clone();
    // Pin the first mentee to a mentor the fall matching does not give them.
    let mentee = fall.matching.pairs[0].mentee;
    let other = fall.matching.pairs[1].mentor;
    h.m.matches.selected_mentee = Some(mentee);
    h.m.document
        .overrides
        .set(mentee, other, Some(dyad::pool::Action::Pin));
    h.send(Action::OpenCouncil)
        .send(Msg::CouncilListed(shipped()))
        .send(Action::Accept);
    let c = council(&h);
    assert_eq!(c.consensus.matching.mentor_of[mentee], Some(other));
    assert!(
        c.evaluations
            .iter()
            .all(|e| e.matching.mentor_of[mentee] == Some(other))
    );
}

#[test]
fn an_answer_to_an_older_council_is_not_shown() {
    let mut h = picking();
    let effects = h.send_only(Action::Accept);
    assert!(matches!(&effects[..], [Effect::Run(t)] if t.lane == "council"));
    let id = h.m.document.councils;
    h.send(Msg::Convened(Box::new(Convened {
        id: id - 1,
        council: Err("old".into()),
        elapsed: Default::default(),
    })));
    match &h.m.top {
        Top::Council(v) => assert!(v.council.is_none()),
        other => panic!("{other:?}"),
    }
    // Nothing to take while convening.
    h.send(Action::Accept);
    assert!(status(&h).contains("still being convened"));
    assert!(h.effects.is_empty());
    // Once it comes, that no longer holds.
    h.send(Msg::Convened(Box::new(Convened {
        id,
        council: Err("none".into()),
        elapsed: Default::default(),
    })));
    assert_eq!(status(&h), "");
}

#[test]
fn scrolling_stops_at_the_end() {
    let mut h = convened();
    let (size, lines) = match &h.m.top {
        Top::Council(v) => (h.m.size, line_count(&h.m.document.pool, v, h.m.size)),
        _ => unreachable!(),
    };
    let end = lines - usize::from(body_height(size));
    for _ in 0..lines + 5 {
        h.send(Action::Down);
    }
    let scroll = |h: &Harness| match &h.m.top {
        Top::Council(v) => v.scroll.offset,
        _ => unreachable!(),
    };
    assert_eq!(scroll(&h), end);
    h.send(Action::PageUp);
    assert_eq!(scroll(&h), end - usize::from(body_height(size)));
    h.send(Action::PageDown).send(Action::PageDown);
    assert_eq!(scroll(&h), end);
}

#[test]
fn enter_takes_the_consensus_as_the_current_settings() {
    let mut h = convened();
    let consensus = council(&h).consensus.profile.clone();
    h.send(Action::Accept);
    assert_eq!(h.m.top, Top::Main);
    assert_eq!(h.m.document.current, consensus);
    assert_eq!(h.m.document.current_file, None);
    // Not saved anywhere yet, so it counts as a change.
    assert!(h.m.profile_modified());
    assert!(matches!(&h.effects[..], [Effect::Recompute(_)]));
    // The matching shown is the consensus's, the same as the council's.
    let shown = &h.m.solve.results.as_ref().unwrap().current;
    assert_eq!(shown.profile, consensus);
}

#[test]
fn taking_the_consensus_asks_before_dropping_unsaved_changes() {
    let mut h = Harness::new();
    h.m.document.configs = configs();
    h.send(Action::Change(Step::Up));
    let changed = h.m.document.current.clone();
    h.send(Action::OpenCouncil)
        .send(Msg::CouncilListed(shipped()))
        .send(Action::Accept)
        .send(Action::Accept);
    match &h.m.top {
        Top::Confirm(c) => {
            assert!(c.question.contains("drop the unsaved changes"));
            assert!(matches!(c.on_yes, Pending::Adopt { save: false, .. }));
        }
        other => panic!("{other:?}"),
    }
    h.send(Action::No);
    assert_eq!(h.m.document.current, changed);
    h.send(Action::OpenCouncil)
        .send(Msg::CouncilListed(shipped()))
        .send(Action::Accept)
        .send(Action::Accept)
        .send(Action::Yes);
    assert_eq!(h.m.document.current.name, "Council consensus");
}

#[test]
fn b_makes_the_consensus_the_baseline() {
    let mut h = convened();
    let consensus = council(&h).consensus.profile.clone();
    let current = h.m.document.current.clone();
    h.send(Action::LoadAsBaseline);
    assert_eq!(h.m.document.baseline, consensus);
    assert_eq!(h.m.document.baseline_file, None);
    assert_eq!(h.m.document.current, current);
    assert_eq!(
        h.m.solve.results.as_ref().unwrap().baseline.profile,
        consensus
    );
}

#[test]
fn s_saves_the_consensus_as_a_new_profile() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = convened();
    let consensus = council(&h).consensus.profile.clone();
    h.files = true;
    h.m.document.configs = dir.path().join("configs");
    h.send(Action::SaveAs);
    match &h.m.top {
        Top::SaveAs(form) => assert_eq!(form.name, "Council consensus"),
        other => panic!("{other:?}"),
    }
    h.send(Action::Accept).send(Action::Accept);
    let file = dir.path().join("configs/council-consensus.toml");
    let back = dyad::profile::load(&file).unwrap();
    assert_eq!(back.weights, consensus.weights);
    assert_eq!(back.constraints, consensus.constraints);
    assert!(back.description.contains("Median weights"));
    assert_eq!(h.m.document.current_file, Some(file));
    assert!(!h.m.profile_modified());
}

#[test]
fn c_in_the_council_chooses_the_same_members_again() {
    let mut h = picking();
    // Take the first member out, convene, then choose again.
    let first = chosen(&h).iter().position(|c| *c).unwrap();
    for _ in 0..first {
        h.send(Action::Down);
    }
    h.send(Action::Toggle).send(Action::Accept);
    assert_eq!(council(&h).members.len(), 3);
    h.send(Action::OpenCouncil)
        .send(Msg::CouncilListed(shipped()));
    assert_eq!(chosen(&h).iter().filter(|c| **c).count(), 3);
    assert!(!chosen(&h)[first]);
}

fn snap(name: &str, h: &mut Harness, w: u16, hgt: u16) {
    insta::assert_snapshot!(name, h.screen(w, hgt));
}

#[test]
fn snapshots() {
    let mut h = picking();
    snap("council_pick_120x40", &mut h, 120, 40);
    h.send(Action::Accept);
    snap("council_120x40", &mut h, 120, 40);
    for _ in 0..30 {
        h.send(Action::Down);
    }
    snap("council_scrolled_120x40", &mut h, 120, 40);
    let mut h = convened();
    snap("council_80x24", &mut h, 80, 24);
}

#[test]
fn taking_the_consensus_can_be_undone() {
    let mut h = convened();
    let (before, file) = (
        h.m.document.current.clone(),
        h.m.document.current_file.clone(),
    );
    h.send(Action::Accept);
    assert_eq!(h.m.document.current.name, "Council consensus");
    h.send(Action::Undo);
    assert_eq!(h.m.document.current, before);
    assert_eq!(h.m.document.current_file, file);
    assert!(!h.m.profile_modified());
    h.send(Action::Redo);
    assert_eq!(h.m.document.current.name, "Council consensus");
    assert_eq!(h.m.document.current_file, None);
}
