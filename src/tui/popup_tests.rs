//! Unit tests of `update` in the popups: detail, search and profiles.

use std::path::PathBuf;

use dyad::embedded;

use crate::tui::action::{Action, Effect, Msg, ProfileEntry};
use crate::tui::state::Top;
use crate::tui::state::search::Target;
use crate::tui::testkit::Harness;

fn entries() -> Vec<ProfileEntry> {
    let e = |name: &str, p| ProfileEntry {
        file: Some(PathBuf::from(format!("configs/{name}.toml"))),
        profile: Ok(p),
    };
    vec![
        e("fall-2023", embedded::fall_profile()),
        e("pilot-2023", embedded::pilot_profile()),
        ProfileEntry {
            file: Some(PathBuf::from("configs/broken.toml")),
            profile: Err("configs/broken.toml:3:9: weights.goals: found \"2\", expected a number from 0 to 1".into()),
        },
    ]
}

fn confirm_question(h: &Harness) -> String {
    match &h.m.top {
        Top::Confirm(c) => c.question.clone(),
        other => panic!("no question: {other:?}"),
    }
}

#[test]
fn detail_explains_the_selected_pair_and_follows_the_table() {
    let mut h = Harness::new();
    h.send(Action::OpenDetail);
    let Top::Detail(d) = &h.m.top else { panic!() };
    assert_eq!(d.mentee, h.m.matches.rows[0].mentee);
    assert_eq!(d.alternatives.len(), 5);
    let cur = d.current.as_ref().unwrap();
    let sum: f64 = cur.lines.iter().map(|l| l.2).sum();
    assert!((sum - cur.score).abs() < 0.01);
    h.send(Action::Down);
    let Top::Detail(d) = &h.m.top else { panic!() };
    assert_eq!(d.mentee, h.m.matches.rows[1].mentee);
    let (mentee, mentor) = (d.mentee, d.current.as_ref().unwrap().mentor);
    h.send(Action::Ban);
    let Top::Detail(d) = &h.m.top else { panic!() };
    assert_eq!(d.mentee, mentee, "the popup stays on the mentee");
    assert_ne!(d.current.as_ref().map(|s| s.mentor), Some(mentor));
    h.send(Action::Close);
    assert_eq!(h.m.top, Top::Main);
}

#[test]
fn search_filters_and_jumps_to_a_mentee() {
    let mut h = Harness::new();
    h.send(Action::OpenSearch);
    let target = h.m.document.pool.mentees.len() - 1;
    let id = h.m.document.pool.mentees[target].id.clone();
    for c in id.chars() {
        h.send(Msg::Input(c));
    }
    let Top::Search(s) = &h.m.top else { panic!() };
    assert_eq!(
        h.m.document.entries[s.hits[0].entry].target,
        Target::Mentee(target)
    );
    h.send(Action::Backspace)
        .send(Msg::Input(id.chars().last().unwrap()));
    h.send(Action::Down).send(Action::Up).send(Action::Accept);
    assert_eq!(h.m.top, Top::Main);
    assert_eq!(h.m.matches.selected_mentee, Some(target));
    assert_eq!(h.m.focus, crate::tui::state::Focus::Matches);
}

#[test]
fn search_jumps_to_a_mentors_first_mentee_and_shows_hidden_rows() {
    let mut h = Harness::new();
    h.send(Action::ToggleChangedOnly);
    let same = (0..h.m.document.pool.mentees.len())
        .find(|i| !h.m.matches.rows.iter().any(|r| r.mentee == *i))
        .unwrap();
    let mentor =
        h.m.solve
            .results
            .as_ref()
            .unwrap()
            .current
            .matching
            .mentor_of[same];
    crate::tui::update::search::jump(&mut h.m, Target::Mentee(same));
    assert!(!h.m.matches.changed_only);
    assert_eq!(h.m.matches.selected_mentee, Some(same));
    if let Some(j) = mentor {
        crate::tui::update::search::jump(&mut h.m, Target::Mentor(j));
        let first =
            h.m.solve
                .results
                .as_ref()
                .unwrap()
                .current
                .matching
                .pairs
                .iter()
                .find(|p| p.mentor == j);
        assert_eq!(h.m.matches.selected_mentee, first.map(|p| p.mentee));
    }
    h.send(Action::OpenSearch)
        .send(Msg::Input('x'))
        .send(Action::ClearField);
    let Top::Search(s) = &h.m.top else { panic!() };
    assert!(s.query.is_empty() && !s.hits.is_empty());
}

#[test]
fn profiles_open_as_current_or_baseline() {
    let mut h = Harness::new();
    h.send(Action::OpenProfiles);
    assert_eq!(h.effects, vec![Effect::ListProfiles]);
    h.send(Msg::ProfilesListed(entries()));
    let Top::Profiles(p) = &h.m.top else { panic!() };
    assert_eq!(p.selected, 0, "the current profile is selected");
    h.send(Action::Down).send(Action::Accept);
    assert_eq!(h.m.document.current, embedded::pilot_profile());
    assert_eq!(h.m.top, Top::Main);
    assert!(!h.m.profile_modified());
    assert_eq!(
        h.m.solve.results.as_ref().unwrap().current.profile,
        h.m.document.current
    );
    h.send(Action::OpenProfiles)
        .send(Msg::ProfilesListed(entries()));
    h.send(Action::Up).send(Action::LoadAsBaseline);
    assert_eq!(h.m.document.baseline, embedded::fall_profile());
    assert_eq!(
        h.m.solve.results.as_ref().unwrap().baseline.profile,
        h.m.document.baseline
    );
    // A file that does not load says why.
    h.send(Action::OpenProfiles)
        .send(Msg::ProfilesListed(entries()));
    h.send(Action::Down).send(Action::Down).send(Action::Accept);
    assert!(h.m.status.as_ref().unwrap().text.contains("weights.goals"));
}

#[test]
fn opening_a_profile_over_unsaved_changes_asks_first() {
    let mut h = Harness::new();
    h.send(Action::Change(crate::tui::action::Step::Down));
    h.send(Action::OpenProfiles)
        .send(Msg::ProfilesListed(entries()))
        .send(Action::Down);
    h.send(Action::Accept);
    assert!(confirm_question(&h).contains("unsaved changes"));
    h.send(Action::No);
    assert!(h.m.profile_modified());
    h.send(Action::OpenProfiles)
        .send(Msg::ProfilesListed(entries()))
        .send(Action::Down);
    h.send(Action::Accept).send(Action::Yes);
    assert_eq!(h.m.document.current, embedded::pilot_profile());
    assert!(h.m.document.history.undo.is_empty());
}
