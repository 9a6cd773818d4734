//! The fairness view (`F`): `update` without a terminal (opening asks for the curve and says
//! it is computing, the answer gives one row per point, an older answer is dropped, Enter sets
//! the floor through the profile's history so undo takes it back) and snapshots at 80 × 24 and
//! 120 × 40. The profile is the sample's fall profile with one mentee per mentor, where the
//! floors bind (the matching changes from a floor of 64 % on).

use crossterm::event::{KeyCode, KeyModifiers};

use dyad::matching::engine::Engine;
use dyad::profile::Capacity;

use crate::tui::action::{Action, Effect, Task};
use crate::tui::keys::Mode;
use crate::tui::state::Top;
use crate::tui::testkit::Harness;

fn snap(name: &str, h: &mut Harness, w: u16, hgt: u16) {
    insta::assert_snapshot!(name, h.screen(w, hgt));
}

/// The sample with one mentee per mentor: the floors bind.
fn harness() -> Harness {
    let mut h = Harness::new();
    let fx = h.m.edit_profile(false, |p| {
        p.constraints.mentor_capacity = Capacity::Fixed(1)
    });
    h.carry_out(fx);
    h
}

/// The one fairness task among `effects`.
fn task(effects: Vec<Effect>) -> Task {
    let mut tasks = effects.into_iter().filter_map(|e| match e {
        Effect::Run(t) if t.lane == "fairness" => Some(t),
        _ => None,
    });
    let t = tasks.next().expect("a fairness task");
    assert!(tasks.next().is_none());
    t
}

fn press(h: &mut Harness, code: KeyCode) {
    h.key(code, KeyModifiers::NONE);
}

fn engine(h: &Harness) -> Engine {
    Engine::new(
        (*h.m.document.pool).clone(),
        dyad::criteria::specialty::builtin().clone(),
    )
}

#[test]
fn opening_computes_then_shows_one_row_per_point_and_the_reason_at_the_end() {
    let mut h = harness();
    let t = task(h.send_only(Action::OpenFairness));
    assert!(matches!(h.m.top, Top::Fairness));
    assert_eq!(h.m.mode(), Mode::Fairness);
    assert!(h.m.fairness.curve().is_none());
    let s = h.screen(80, 24);
    assert!(s.contains("computing…"), "{s}");
    // The answer is what the library computes for the current profile.
    let mut e = engine(&h);
    // ... as a room may see it (where it ends withheld when that could tell who among the
    // unmatched is in a group).
    let cells = dyad::privacy::SmallCells::new(e.small_cell_k);
    let found = dyad::analysis::fairness::curve(&mut e, &h.m.document.current).unwrap();
    let want = dyad::analysis::fairness::for_room(found, &h.m.document.current, cells).0;
    h.send((t.run)(&mut engine(&h)));
    let curve = h.m.fairness.curve().expect("the curve").to_vec();
    assert_eq!(curve, want);
    assert!(curve.len() > 2, "the floors bind: {curve:?}");
    assert_eq!(curve[0].floor, None);
    let s = h.screen(120, 40);
    assert!(!s.contains("computing…"), "{s}");
    assert!(s.contains("  off "), "{s}");
    for p in curve.iter().skip(1).filter(|p| !p.withheld()) {
        let f = format!("{:.0} %", p.floor.unwrap() * 100.0);
        assert!(s.contains(&f), "{f} in\n{s}");
    }
    // The last point is the first floor that cannot be met, and says why, or says that the
    // higher floors are not shown.
    let last = curve.last().unwrap();
    if last.withheld() {
        assert!(s.contains("higher") && s.contains("not shown"), "{s}");
    } else if let Err(why) = &last.outcome {
        assert!(s.contains("cannot be met"), "{s}");
        let start: String = why.chars().take(20).collect();
        assert!(s.contains(&start), "{start} in\n{s}");
    }
}

#[test]
fn the_groups_of_the_point_selected_go_through_the_room_rule() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    let curve = h.m.fairness.curve().unwrap().to_vec();
    // ↓ moves along the curve and stops at its end; ↑ back.
    for _ in 0..curve.len() + 2 {
        press(&mut h, KeyCode::Down);
    }
    assert_eq!(h.m.fairness.point(), curve.last());
    press(&mut h, KeyCode::Up);
    press(&mut h, KeyCode::Up);
    assert_eq!(h.m.fairness.point(), curve.iter().rev().nth(2));
    let o = h.m.fairness.point().unwrap().outcome.clone().unwrap();
    let s = h.screen(120, 40);
    let cells = h.m.document.small_cells;
    let whole = dyad::privacy::room::Whole {
        eligible: o.eligible,
        matched: o.matched,
    };
    let r = h.m.solve.results.clone().unwrap();
    let seen = [
        &r.current.matching.mentor_of,
        &r.baseline.matching.mentor_of,
    ];
    for g in &o.groups {
        let label = crate::tui::view::scores::groups::group_label(&g.name);
        let row = s
            .lines()
            .find(|l| l.contains(&format!(" {label} ")))
            .unwrap_or_else(|| panic!("{label} in\n{s}"));
        // The row's last figure, its mean.
        let after = row.split(&format!(" {label} ")).nth(1).unwrap();
        let shown_mean = after.split('│').next().unwrap().split_whitespace().last();
        let group = dyad::privacy::room::Group {
            eligible: g.eligible,
            matched: g.matched,
            scores: &g.scores,
        };
        let alone = cells.row(whole, group);
        // A mean only where the point alone may show one and, told apart from the matchings
        // of the main screen, it rests on k or more of the group and k others; then the
        // group's mean.
        let apart = |m: &Vec<Option<usize>>| {
            cells.changes(dyad::privacy::changed(m, &o.mentor_of, &g.members))
        };
        if !seen.iter().all(|m| apart(m)) || alone.is_none_or(|r| !r.scores()) {
            assert_eq!(shown_mean, Some(cells.label().as_str()), "{label}: {row}");
        } else if shown_mean != Some(cells.label().as_str()) {
            let mean = g.mean_score.map(|x| format!("{x:.1}"));
            assert_eq!(shown_mean, mean.as_deref(), "{label}: {row}");
        }
        // No group's extremes: its lowest pair is never shown.
        if let Some(&low) = g.scores.first()
            && g.scores.len() > 1
            && Some(low) != g.mean_score
        {
            let after = row.split(&label).nth(1).unwrap();
            assert!(!after.contains(&format!(" {low:.1}")), "{row}");
        }
    }
}

#[test]
fn an_answer_to_an_older_request_is_dropped() {
    let mut h = harness();
    let old = task(h.send_only(Action::OpenFairness));
    h.send_only(Action::Close);
    let _ = h.m.edit_profile(false, |p| p.weights[0] = 0.0);
    let new = task(h.send_only(Action::OpenFairness));
    assert!(new.id > old.id);
    h.send((old.run)(&mut engine(&h)));
    assert!(
        h.m.fairness.shown().is_none(),
        "the older answer is dropped"
    );
    h.send((new.run)(&mut engine(&h)));
    assert!(h.m.fairness.curve().is_some());
}

#[test]
fn enter_sets_the_floor_closes_the_view_and_undo_takes_it_back() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    press(&mut h, KeyCode::Down);
    let p = h.m.fairness.point().unwrap().clone();
    let want = p.outcome.clone().unwrap();
    let floor = p.floor.expect("a floor");
    let effects = h.send_only(Action::Accept);
    assert!(h.m.top.is_main());
    assert_eq!(h.m.document.current.constraints.coverage_floor, Some(floor));
    let status = h.m.status.clone().expect("a status").text;
    assert!(
        status.contains(&format!("set to {:.0} %", floor * 100.0)),
        "{status}"
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Recompute(_))),
        "the matching is re-solved: {effects:?}"
    );
    h.carry_out(effects);
    // The matching now is the point's.
    let ev = &h.m.solve.results.as_ref().unwrap().current;
    assert_eq!(ev.matching.pairs.len(), want.matched);
    assert!((ev.matching.total() - want.total).abs() < 1e-6);
    // Undo: no floor again.
    h.send(Action::Undo);
    assert_eq!(h.m.document.current.constraints.coverage_floor, None);
}

#[test]
fn enter_on_the_floor_that_cannot_be_met_sets_nothing() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    let n = h.m.fairness.curve().unwrap().len();
    for _ in 0..n {
        press(&mut h, KeyCode::Down);
    }
    let last = h.m.fairness.point().unwrap().clone();
    assert!(last.outcome.is_err());
    press(&mut h, KeyCode::Enter);
    assert!(matches!(h.m.top, Top::Fairness));
    assert_eq!(h.m.document.current.constraints.coverage_floor, None);
    let status = h.m.status.clone().expect("a status").text;
    let said = if last.withheld() {
        "not shown"
    } else {
        "cannot be met"
    };
    assert!(status.contains(said), "{status}");
}

#[test]
fn snapshots_of_the_curve() {
    let mut h = harness();
    press(&mut h, KeyCode::Char('F'));
    assert!(matches!(h.m.top, Top::Fairness));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Down);
    snap("fairness_120x40", &mut h, 120, 40);
    snap("fairness_80x24", &mut h, 80, 24);
}
