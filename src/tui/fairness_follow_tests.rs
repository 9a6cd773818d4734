//! The fairness view follows the settings: every way the settings can change around it (pins
//! and bans, an undo after Enter, a change of weight or rule, a profile opened) leaves it asking
//! for the curve of the settings as they are now, saying "computing…" meanwhile, never showing
//! the curve of older settings; what the curve does not depend on (the profile's own floor, a
//! new name on saving) does not ask again. `update` only, no terminal.

use crossterm::event::{KeyCode, KeyModifiers};

use dyad::analysis::fairness::Point;
use dyad::matching::engine::Engine;
use dyad::profile::Capacity;

use crate::tui::action::{Action, Effect, Msg, ProfileEntry, SaveResult, Step, Task};
use crate::tui::state::{Focus, Top};
use crate::tui::testkit::Harness;

/// The sample with one mentee per mentor: the floors bind.
fn harness() -> Harness {
    let mut h = Harness::new();
    let fx = h.m.edit_profile(false, |p| {
        p.constraints.mentor_capacity = Capacity::Fixed(1)
    });
    h.carry_out(fx);
    h
}

/// The fairness tasks among `effects`.
fn tasks(effects: &[Effect]) -> Vec<Task> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Run(t) if t.lane == "fairness" => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// The curve of the settings as they are now, worked out apart from the view (on an engine of
/// the pool with the pins and bans now).
fn curve_now(h: &Harness) -> Vec<Point> {
    let d = &h.m.document;
    let mut e = Engine::new(
        (*d.pool).clone(),
        dyad::criteria::specialty::builtin().clone(),
    );
    e.set_overrides(d.overrides.clone());
    let cells = dyad::privacy::SmallCells::new(e.small_cell_k);
    let curve = dyad::analysis::fairness::curve(&mut e, &d.current).unwrap();
    dyad::analysis::fairness::for_room(curve, &d.current, cells).0
}

/// Sends `msg` as the event loop does, the tasks it asks for held back: returns them.
fn send_holding(h: &mut Harness, msg: impl Into<Msg>) -> Vec<Task> {
    let effects = h.send_only(msg);
    let (held, rest): (Vec<Effect>, Vec<Effect>) = effects
        .into_iter()
        .partition(|e| matches!(e, Effect::Run(t) if t.lane == "fairness"));
    h.carry_out(rest);
    tasks(&held)
}

/// Runs a held task on an engine of the pool as loaded (as a lane's engine starts).
fn answer(h: &mut Harness, t: &Task) {
    let mut e = Engine::new(
        (*h.m.document.pool).clone(),
        dyad::criteria::specialty::builtin().clone(),
    );
    let msg = (t.run)(&mut e);
    h.send(msg);
}

/// Sends `msg`: the view is then open, has asked once (the task is returned, held back) and
/// shows "computing…" until it is answered.
fn asks_once(h: &mut Harness, msg: impl Into<Msg>) -> Task {
    let held = send_holding(h, msg);
    assert!(matches!(h.m.top, Top::Fairness));
    assert_eq!(held.len(), 1, "one request: {held:?}");
    assert!(h.m.fairness.shown().is_none());
    let s = h.screen(80, 24);
    assert!(s.contains("computing…"), "{s}");
    held.into_iter().next().unwrap()
}

/// `F` asks once, and the answer is the curve of the settings now; returns it.
fn opens_computing_then_shows_the_curve_now(h: &mut Harness) -> Vec<Point> {
    let t = asks_once(h, Action::OpenFairness);
    answer(h, &t);
    let curve = h.m.fairness.curve().expect("the curve").to_vec();
    assert_eq!(curve, curve_now(h));
    curve
}

fn press(h: &mut Harness, code: KeyCode) {
    h.key(code, KeyModifiers::NONE);
}

#[test]
fn pins_and_bans_made_before_opening_are_in_the_curve() {
    let mut h = harness();
    let before = curve_now(&h);
    h.m.focus = Focus::Matches;
    h.send(Action::Ban);
    assert!(h.m.overrides_modified());
    let t = asks_once(&mut h, Action::OpenFairness);
    // The task runs on an engine that has not seen the ban, as a lane started earlier has not.
    answer(&mut h, &t);
    let curve = h.m.fairness.curve().expect("the curve").to_vec();
    assert_eq!(curve, curve_now(&h));
    assert_ne!(
        curve, before,
        "the ban changes the matching without a floor"
    );
    // Its point without a floor is the matching on the screen.
    let off = curve[0].outcome.as_ref().unwrap();
    let ev = &h.m.solve.results.as_ref().unwrap().current;
    assert_eq!(off.matched, ev.matching.pairs.len());
    assert!((off.total - ev.matching.total()).abs() < 1e-6);
}

#[test]
fn undo_after_enter_keeps_the_curve_which_tries_every_floor_and_selects_off() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    let curve = h.m.fairness.curve().unwrap().to_vec();
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Down);
    let floor = h.m.fairness.point().unwrap().floor;
    press(&mut h, KeyCode::Enter);
    assert!(h.m.top.is_main());
    assert_eq!(h.m.document.current.constraints.coverage_floor, floor);
    // Opened again under the floor: the same curve at once, its point selected.
    let held = send_holding(&mut h, Action::OpenFairness);
    assert!(
        held.is_empty(),
        "the floor is not what the curve depends on"
    );
    assert_eq!(h.m.fairness.curve().unwrap(), &curve[..]);
    assert_eq!(h.m.fairness.point().unwrap().floor, floor);
    h.send(Action::Close);
    h.send(Action::Undo);
    assert_eq!(h.m.document.current.constraints.coverage_floor, None);
    assert!(send_holding(&mut h, Action::OpenFairness).is_empty());
    assert_eq!(h.m.fairness.curve().unwrap(), &curve_now(&h)[..]);
    assert_eq!(h.m.fairness.point().unwrap().floor, None, "off selected");
}

#[test]
fn a_change_of_weight_or_rule_and_its_undo_each_ask_again() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    let first = h.m.fairness.curve().unwrap().to_vec();
    h.send(Action::Close);
    // A weight: the first row of the panel.
    h.m.focus = Focus::Weights;
    h.send(Action::Change(Step::Up));
    let changed = opens_computing_then_shows_the_curve_now(&mut h);
    assert_ne!(changed, first);
    h.send(Action::Close);
    h.send(Action::Undo);
    assert_eq!(opens_computing_then_shows_the_curve_now(&mut h), first);
    // A rule: the capacity back to the data's.
    h.send(Action::Close);
    let fx = h.m.edit_profile(false, |p| {
        p.constraints.mentor_capacity = Capacity::FromData
    });
    h.carry_out(fx);
    opens_computing_then_shows_the_curve_now(&mut h);
}

#[test]
fn a_profile_opened_asks_again() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    h.send(Action::Close);
    // Opening another profile drops the unsaved change after asking.
    h.send(Action::OpenProfiles);
    h.send(Msg::ProfilesListed(vec![ProfileEntry {
        file: None,
        profile: Ok(dyad::embedded::pilot_profile()),
    }]));
    h.send(Action::Accept);
    h.send(Action::Yes);
    assert_eq!(h.m.document.current, dyad::embedded::pilot_profile());
    opens_computing_then_shows_the_curve_now(&mut h);
}

#[test]
fn a_new_name_on_saving_keeps_the_curve_shown() {
    let mut h = harness();
    h.send(Action::OpenFairness);
    let curve = h.m.fairness.curve().unwrap().to_vec();
    // The answer of a save asked for before the view was opened.
    let mut profile = h.m.document.current.clone();
    profile.name = "Fall, renamed".into();
    profile.saved = Some("2026-12-08T00:00:00Z".into());
    let held = send_holding(
        &mut h,
        Msg::Saved(Box::new(SaveResult {
            path: "configs/renamed.toml".into(),
            profile,
            outcome: Ok(None),
        })),
    );
    assert_eq!(h.m.document.current.name, "Fall, renamed");
    assert!(held.is_empty(), "{held:?}");
    assert!(matches!(h.m.top, Top::Fairness));
    assert_eq!(h.m.fairness.curve().unwrap(), &curve[..]);
}

#[test]
fn settings_changed_while_the_view_is_open_ask_again_and_drop_the_older_answer() {
    let mut h = harness();
    let old = asks_once(&mut h, Action::OpenFairness);
    // No key of the view changes the settings; whatever does (here, the model edited
    // directly), the next message finds the view's curve not of them.
    let _ = h.m.edit_profile(false, |p| p.weights[0] = 0.0);
    let new = asks_once(&mut h, Msg::Resize(120, 40));
    assert!(new.id > old.id);
    answer(&mut h, &old);
    assert!(
        h.m.fairness.shown().is_none(),
        "the older answer is dropped"
    );
    answer(&mut h, &new);
    assert_eq!(h.m.fairness.curve().unwrap(), &curve_now(&h)[..]);
    // The next message asks nothing more.
    assert!(send_holding(&mut h, Msg::Resize(120, 40)).is_empty());
}
