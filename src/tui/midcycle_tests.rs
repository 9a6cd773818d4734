//! The mid-cycle view (`M`): `update` without a terminal (opening with and without pairs in
//! place, the curve asked for once per results and older answers dropped, the point selected,
//! its pairs written beside the pairs file and never over a file) and snapshots at 80 × 24 and
//! 120 × 40. The pool is the sample as it is mid-cycle: MR-012 gone, two late mentees.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyModifiers};

use dyad::embedded;
use dyad::matching::engine::Engine;
use dyad::matching::rematch::CurrentPair;
use dyad::pool::{LoadOptions, Pool, files, pool_from_csv};

use crate::tui::action::{Action, Effect, Task};
use crate::tui::keys::Mode;
use crate::tui::state::Top;
use crate::tui::state::midcycle::PairsInPlace;
use crate::tui::testkit::Harness;

fn snap(name: &str, h: &mut Harness, w: u16, hgt: u16) {
    insta::assert_snapshot!(name, h.screen(w, hgt));
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The sample mid-cycle, and its pairs in place: the fall profile's matching of the sample as
/// it was, read from `file`.
fn mid_cycle(file: PathBuf) -> (Pool, PairsInPlace) {
    let before = embedded::sample_pool();
    let mut engine = Engine::new(before.clone(), dyad::criteria::specialty::builtin().clone());
    let ev = engine.evaluate(&embedded::fall_profile()).unwrap();
    let mentors: String = text(embedded::SAMPLE_MENTORS)
        .lines()
        .filter(|l| !l.starts_with("MR-012,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mentees = text(embedded::SAMPLE_MENTEES);
    let mut late = mentees.clone();
    for l in mentees.lines().rev().take(2) {
        late.push_str(&l.replacen("ME-0", "ME-1", 1));
        late.push('\n');
    }
    let files = (Path::new(files::MENTEES), Path::new(files::MENTORS));
    let now = pool_from_csv(
        (files.0, late.as_bytes()),
        (files.1, mentors.as_bytes()),
        &LoadOptions::default(),
    )
    .unwrap();
    let pairs = CurrentPair::from_matching(&before, &now, &ev.matching.pairs);
    let pairs = PairsInPlace {
        file,
        pairs: Arc::new(pairs),
    };
    (now, pairs)
}

fn harness(file: PathBuf) -> Harness {
    let (now, pairs) = mid_cycle(file);
    let mut h = Harness::with_pool(now);
    h.m.set_pairs_in_place(pairs);
    h
}

fn is_task(e: &Effect) -> bool {
    matches!(e, Effect::Run(t) if t.lane == "midcycle")
}

/// The one mid-cycle task among `effects`.
fn task(effects: Vec<Effect>) -> Task {
    let mut tasks = effects.into_iter().filter_map(|e| match e {
        Effect::Run(t) if t.lane == "midcycle" => Some(t),
        _ => None,
    });
    let t = tasks.next().expect("a mid-cycle task");
    assert!(tasks.next().is_none());
    t
}

fn press(h: &mut Harness, code: KeyCode) {
    h.key(code, KeyModifiers::NONE);
}

#[test]
fn without_pairs_in_place_the_view_says_how_to_give_them() {
    let mut h = Harness::new();
    h.key(KeyCode::Char('M'), KeyModifiers::NONE);
    assert!(matches!(h.m.top, Top::Midcycle));
    assert_eq!(h.m.mode(), Mode::Midcycle);
    assert!(!h.effects.iter().any(is_task), "nothing to re-match");
    let s = h.screen(80, 24);
    assert!(s.contains("No pairs in place"), "{s}");
    assert!(s.contains("--current"), "{s}");
    snap("midcycle_none_80x24", &mut h, 80, 24);
    press(&mut h, KeyCode::Esc);
    assert!(h.m.top.is_main());
}

#[test]
fn the_curve_is_asked_for_once_per_results_and_the_point_selected_moves_pairs() {
    let mut h = harness(PathBuf::from("pairs.csv"));
    // Held back: the view says it is computing.
    let effects = h.send_only(Action::OpenMidcycle);
    assert_eq!(effects.iter().filter(|e| is_task(e)).count(), 1);
    let s = h.screen(80, 24);
    assert!(s.contains("computing…"), "{s}");
    h.carry_out(effects);
    let r = h.m.midcycle.rematch().expect("the curve").clone();
    // What `dyad rematch` computes on the same pool, profile and pairs.
    let ev = h.m.solve.results.as_ref().unwrap().current.clone();
    let pairs = h.m.midcycle.pairs.clone().unwrap().pairs;
    let want = dyad::matching::rematch::rematch(
        &ev.pool,
        &ev.table,
        &ev.profile,
        &pairs,
        dyad::matching::rematch::LIMITS,
    )
    .unwrap();
    assert_eq!(r, want);
    // MR-012's mentees are forced, not counted; every point is proven on the sample.
    assert!(!r.forced.is_empty());
    assert!(r.curve.iter().all(|p| p.proven_optimal));
    assert_eq!(h.m.midcycle.point(), Some(&r.keep_first));
    // Reopened on the same results: nothing asked again.
    press(&mut h, KeyCode::Esc);
    h.send(Action::OpenMidcycle);
    assert!(!h.effects.iter().any(is_task), "{:?}", h.effects);
    // → (and ↓) one change more, ← (and ↑) one fewer, stopping at the ends.
    for _ in 0..r.curve.len() + 2 {
        press(&mut h, KeyCode::Right);
    }
    assert_eq!(h.m.midcycle.point(), r.curve.last());
    press(&mut h, KeyCode::Up);
    assert_eq!(h.m.midcycle.point(), r.curve.iter().rev().nth(1));
    let p = h.m.midcycle.point().unwrap().clone();
    let s = h.screen(120, 40);
    for mv in &p.moved {
        let line = format!(
            "{}: {} → ",
            ev.pool.mentees[mv.mentee].id, ev.pool.mentors[mv.from].id
        );
        assert!(s.contains(&line), "{line} in\n{s}");
    }
}

#[test]
fn an_answer_to_an_older_request_is_dropped() {
    let mut h = harness(PathBuf::from("pairs.csv"));
    let old = task(h.send_only(Action::OpenMidcycle));
    // New settings while the view waits (the results change): a new request.
    h.send_only(Action::Close);
    h.send(Action::Down);
    h.send(Action::Change(crate::tui::action::Step::Up));
    let new = task(h.send_only(Action::OpenMidcycle));
    assert_eq!((old.lane, new.lane), ("midcycle", "midcycle"));
    assert!(new.id > old.id);
    let mut engine = Engine::new(
        (*h.m.document.pool).clone(),
        dyad::criteria::specialty::builtin().clone(),
    );
    h.send((old.run)(&mut engine));
    assert!(
        h.m.midcycle.shown().is_none(),
        "the older answer is dropped"
    );
    h.send((new.run)(&mut engine));
    assert!(h.m.midcycle.rematch().is_some());
}

#[test]
fn enter_writes_the_point_beside_the_pairs_file_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path().join("pairs.csv"));
    h.files = true;
    h.send(Action::OpenMidcycle);
    press(&mut h, KeyCode::Right);
    let p = h.m.midcycle.point().unwrap().clone();
    let want = dir
        .path()
        .join(format!("pairs-rematch-{}.csv", p.max_changes));
    press(&mut h, KeyCode::Enter);
    assert!(h.effects.iter().any(|e| matches!(e, Effect::WritePairs(_))));
    let status = h.m.status.clone().expect("a status").text;
    assert!(status.contains("Wrote the new pairs to"), "{status}");
    assert!(status.contains(&format!("pairs-rematch-{}.csv", p.max_changes)));
    let written = std::fs::read_to_string(&want).unwrap();
    // One line per pair, in export's format, each pair as the point has it.
    assert_eq!(written.lines().count(), p.matching.pairs.len() + 1);
    let pool = &h.m.solve.results.as_ref().unwrap().current.pool;
    for q in &p.matching.pairs {
        let start = format!(
            "{},{},",
            pool.mentees[q.mentee].id, pool.mentors[q.mentor].id
        );
        assert!(written.lines().any(|l| l.starts_with(&start)), "{start}");
    }
    // Again: the file is there, so nothing is written over it.
    std::fs::write(&want, "mine\n").unwrap();
    press(&mut h, KeyCode::Enter);
    let status = h.m.status.clone().expect("a status").text;
    assert!(status.contains("Not written"), "{status}");
    assert_eq!(std::fs::read_to_string(&want).unwrap(), "mine\n");
}

#[test]
fn snapshots_of_the_curve() {
    let mut h = harness(PathBuf::from("pairs.csv"));
    h.send(Action::OpenMidcycle);
    press(&mut h, KeyCode::Right);
    press(&mut h, KeyCode::Right);
    snap("midcycle_120x40", &mut h, 120, 40);
    snap("midcycle_80x24", &mut h, 80, 24);
}
