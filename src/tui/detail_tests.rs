//! The pair explained: both pairs on one yardstick, how far apart they are, and only what a
//! shared screen may show of the two people unless full detail is asked for.

use crate::tui::action::{Action, Msg};
use crate::tui::state::Top;
use crate::tui::state::detail::Detail;
use crate::tui::state::matches::Change;
use crate::tui::testkit::Harness;

fn detail(h: &Harness) -> &Detail {
    match &h.m.top {
        Top::Detail(d) => d,
        other => panic!("no pair explained: {other:?}"),
    }
}

/// Selects the first row whose pair changed in this way.
fn select(h: &mut Harness, change: Change) {
    let row =
        h.m.matches
            .rows
            .iter()
            .position(|r| r.change == change)
            .unwrap();
    h.m.matches.selected_mentee = Some(h.m.matches.rows[row].mentee);
}

#[test]
fn the_baseline_pair_is_scored_on_the_yardstick_as_in_the_table() {
    let mut h = Harness::new();
    let mut moved = 0;
    for i in 0..h.m.matches.rows.len() {
        let row = h.m.matches.rows[i].clone();
        if row.change != Change::NewMentor {
            continue;
        }
        h.m.matches.selected_mentee = Some(row.mentee);
        h.send(Action::OpenDetail);
        let d = detail(&h);
        let base = d.baseline.as_ref().unwrap();
        // The table's Δ and the popup compare the same two figures.
        assert!(
            (base.score - row.base_score.unwrap()).abs() < 1e-9,
            "{row:?}"
        );
        let points: f64 = base.lines.iter().map(|l| l.2).sum();
        assert!((points - base.score).abs() < 0.01);
        // On the current weights, not the baseline's own.
        let now = d.current.as_ref().unwrap();
        for (b, c) in base.lines.iter().zip(&now.lines) {
            assert_eq!(b.1, c.1);
        }
        h.send(Action::Close);
        moved += 1;
    }
    assert!(moved > 10);
    // The baseline profile's weights differ, so its own score of a pair would differ too.
    assert_ne!(h.m.document.baseline.weights, h.m.document.current.weights);
    // An unchanged pair is the same pair on both sides.
    select(&mut h, Change::Same);
    h.send(Action::OpenDetail);
    let d = detail(&h);
    assert_eq!(d.current, d.baseline);
}

#[test]
fn the_distance_of_each_pair_is_shown_in_km() {
    let mut h = Harness::new();
    select(&mut h, Change::NewMentor);
    h.send(Action::OpenDetail);
    let d = detail(&h).clone();
    let table = &h.m.solve.results.as_ref().unwrap().current.table;
    let (now, base) = (d.current.unwrap(), d.baseline.unwrap());
    assert_eq!(now.km, table.distance_km(d.mentee, now.mentor));
    assert_eq!(base.km, table.distance_km(d.mentee, base.mentor));
    for w in [(80, 24), (120, 40)] {
        let screen = h.screen(w.0, w.1);
        for km in [now.km.unwrap(), base.km.unwrap()] {
            assert!(screen.contains(&format!("{km:.1} km")), "{screen}");
        }
    }
}

/// Whether a line about a person shows anything of their health system or identities.
fn tells(text: &str, system: &str, identities: &[String]) -> bool {
    text.contains(system)
        || text.contains("identities:")
        || identities
            .iter()
            .any(|i| text.split([' ', ',']).any(|w| w == i))
}

#[test]
fn a_shared_screen_shows_a_person_only_as_far_as_k_allows() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel);
    let pool = h.m.document.pool.clone();
    for i in 0..h.m.matches.rows.len() {
        let mentee = h.m.matches.rows[i].mentee;
        h.m.matches.selected_mentee = Some(mentee);
        h.send(Action::OpenDetail);
        let d = detail(&h);
        let me = &pool.mentees[mentee];
        // Every mentee of the sample is unique on the five quasi-identifiers: none is whole.
        assert!(!d.withheld.is_empty());
        assert!(
            !d.about_mentee.contains(&me.health_system),
            "{}",
            d.about_mentee
        );
        assert!(!d.about_mentee.contains("wants shared"));
        if let (Some(s), Some(text)) = (&d.current, &d.about_mentor) {
            let mr = &pool.mentors[s.mentor];
            assert!(!tells(text, &mr.health_system, &mr.identities), "{text}");
        }
        h.send(Action::Close);
    }
}

#[test]
fn full_detail_is_asked_for_and_says_it_is_not_for_a_shared_screen() {
    let mut h = Harness::new();
    h.send(Action::OpenDetail);
    let me = h.m.document.pool.mentees[detail(&h).mentee].clone();
    let shared = h.screen(120, 40);
    assert!(!shared.contains("FULL DETAIL"));
    assert!(shared.contains("f full detail"));
    h.send(Action::ToggleFullDetail);
    let d = detail(&h);
    assert!(d.full && d.withheld.is_empty());
    assert!(d.about_mentee.contains(&me.health_system));
    assert!(
        d.about_mentee
            .contains(&format!("trained {}", me.training_completed))
    );
    assert!(d.about_mentee.contains("wants shared"));
    let full = h.screen(120, 40);
    assert!(
        full.contains("FULL DETAIL: not for a shared screen"),
        "{full}"
    );
    assert!(full.contains("f shared view"));
    // The next mentee keeps it; a popup opened anew does not.
    h.send(Action::Down);
    assert!(detail(&h).full);
    h.send(Action::Close).send(Action::OpenDetail);
    assert!(!detail(&h).full);
    // And the key is the one the footer names.
    h.send(Msg::Action(Action::ToggleFullDetail));
    assert!(detail(&h).full);
    h.send(Action::ToggleFullDetail);
    assert!(!detail(&h).full);
}

#[test]
fn full_detail_80x24_and_120x40() {
    let mut h = Harness::new();
    h.send(Action::OpenDetail).send(Action::ToggleFullDetail);
    insta::assert_snapshot!("detail_full_120x40", h.screen(120, 40));
    insta::assert_snapshot!("detail_full_80x24", h.screen(80, 24));
}
