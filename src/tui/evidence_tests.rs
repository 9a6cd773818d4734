//! The evidence view (`e`) and the matches table's Kept column: `update` without a terminal
//! (opening, switching outcomes, closing, asking again only when the criterion parameters
//! change, answers and shares of older requests dropped) and snapshots of both at 80 × 24 and
//! 120 × 40.

use std::path::Path;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dyad::embedded;
use dyad::pool::Survey;

use crate::tui::action::{Action, Effect, Msg, ProfileEntry, Step};
use crate::tui::jobs::evidence::{Answer, Found};
use crate::tui::jobs::kept::{self, Keeper, Tally};
use crate::tui::keys::{self, Mode};
use crate::tui::state::Top;
use crate::tui::state::weights::Setting;
use crate::tui::testkit::Harness;

fn snap(name: &str, h: &mut Harness, w: u16, hgt: u16) {
    insta::assert_snapshot!(name, h.screen(w, hgt));
}

/// The outcomes of the evidence shown.
fn outcomes(h: &Harness) -> Vec<String> {
    let e = h.m.evidence.evidence().expect("evidence shown");
    e.outcomes.iter().map(|o| o.name.clone()).collect()
}

fn selected_outcome(h: &Harness) -> String {
    h.m.evidence.selected().expect("an outcome").name.clone()
}

#[test]
fn the_view_opens_on_the_sample_survey_switches_outcomes_and_closes() {
    let mut h = Harness::new();
    h.send(Action::OpenEvidence);
    assert!(matches!(h.m.top, Top::Evidence { .. }));
    assert_eq!(h.m.mode(), Mode::Evidence);
    assert!(matches!(&h.effects[..], [Effect::Examine(_)]));
    assert_eq!(
        outcomes(&h),
        ["satisfaction", "meetings", "would_recommend"]
    );
    assert_eq!(selected_outcome(&h), "satisfaction");
    // → and Tab go forward, ← and Shift-Tab back, round the ends.
    let press = |h: &mut Harness, code| {
        h.key(code, KeyModifiers::NONE);
    };
    press(&mut h, KeyCode::Right);
    assert_eq!(selected_outcome(&h), "meetings");
    press(&mut h, KeyCode::Tab);
    assert_eq!(selected_outcome(&h), "would_recommend");
    press(&mut h, KeyCode::Tab);
    assert_eq!(selected_outcome(&h), "satisfaction");
    press(&mut h, KeyCode::Left);
    assert_eq!(selected_outcome(&h), "would_recommend");
    press(&mut h, KeyCode::BackTab);
    assert_eq!(selected_outcome(&h), "meetings");
    // Switching reads nothing again.
    assert!(h.effects.is_empty());
    // e closes it, as Esc does; the outcome is kept for the next opening.
    press(&mut h, KeyCode::Char('e'));
    assert_eq!(h.m.top, Top::Main);
    h.send(Action::OpenEvidence);
    assert_eq!(selected_outcome(&h), "meetings");
    h.key(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.m.top, Top::Main);
}

#[test]
fn the_figures_are_those_of_dyad_evidence() {
    let mut h = Harness::new();
    h.send(Action::OpenEvidence);
    let Some(Ok(Found::Evidence { file, evidence })) = h.m.evidence.shown().cloned() else {
        panic!("evidence")
    };
    assert_eq!(file, dyad::pool::survey::BUILT_IN);
    let r = h.m.solve.results.as_ref().unwrap();
    let (o, _) = Survey::BuiltIn.load(&r.pool).unwrap().unwrap();
    let measures = dyad::analysis::evidence::measure_columns(&r.pool, &r.current.families, &o);
    let want = dyad::analysis::evidence::evidence(
        &r.current.table,
        &o,
        &measures,
        dyad::analysis::evidence::DEFAULT_SEED,
    );
    assert_eq!(*evidence, want);
}

#[test]
fn evidence_is_asked_again_when_the_criterion_parameters_change_not_the_weights() {
    let mut h = Harness::new();
    // A weight moves; its rematch is still on its way when the view opens.
    let weight_step = h.send_only(Action::Change(Step::Up));
    h.send(Action::OpenEvidence);
    let asked = h.m.evidence.asked;
    h.carry_out(weight_step);
    assert_eq!(h.m.evidence.asked, asked, "same parameters: nothing asked");
    assert!(h.m.evidence.shown().is_some());
    // A criterion parameter moves (proximity's distance), then the view opens again.
    h.send(Action::Close);
    let km = (0..Setting::COUNT)
        .find(|&i| Setting::at(i) == Setting::ProximityKm)
        .unwrap();
    h.m.weights.scroll.selected = km;
    let before = h.m.document.current.params.proximity_max_km;
    let km_step = h.send_only(Action::Change(Step::Up));
    h.send(Action::OpenEvidence);
    let asked = h.m.evidence.asked;
    let shown_params = h.m.solve.results.as_ref().unwrap().current.profile.params;
    assert_eq!(shown_params.proximity_max_km, before);
    h.carry_out(km_step);
    assert!(h.m.evidence.asked > asked, "new parameters: asked again");
    let now = h.m.evidence.params.unwrap();
    assert!(now.proximity_max_km > before);
    assert_eq!(now, h.m.document.current.params);
    assert!(h.m.evidence.shown().is_some(), "and answered");
}

#[test]
fn the_view_says_computing_until_the_answer_comes() {
    let mut h = Harness::new();
    let asked = h.send_only(Action::OpenEvidence);
    let screen = h.screen(120, 40);
    assert!(screen.contains("computing…"), "{screen}");
    assert!(!screen.contains("supports a higher weight"), "{screen}");
    h.carry_out(asked);
    let screen = h.screen(120, 40);
    assert!(!screen.contains("computing…"), "{screen}");
    assert!(screen.contains("supports a higher weight"), "{screen}");
}

#[test]
fn an_answer_to_an_older_request_is_dropped() {
    let mut h = Harness::new();
    h.send(Action::OpenEvidence);
    let old = h.m.evidence.asked;
    // r reads the survey again: a new request.
    h.key(KeyCode::Char('r'), KeyModifiers::NONE);
    assert!(h.m.evidence.asked > old);
    assert!(matches!(&h.effects[..], [Effect::Examine(a)] if a.id == h.m.evidence.asked));
    h.send(Msg::Examined(Box::new(Answer {
        id: old,
        found: Ok(Found::NoSurvey(None)),
    })));
    assert!(h.m.evidence.evidence().is_some(), "the newer answer stays");
}

#[test]
fn the_survey_beside_a_pool_is_read_when_added_and_its_errors_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new();
    h.m.evidence.survey = Survey::beside(dir.path(), None);
    h.send(Action::OpenEvidence);
    assert!(matches!(
        h.m.evidence.shown(),
        Some(Ok(Found::NoSurvey(Some(p)))) if p == &dir.path().join("outcomes.csv")
    ));
    // A survey with an answer that is neither a number nor yes/no: its line and column, never
    // the answer.
    let file = dir.path().join("outcomes.csv");
    std::fs::write(&file, "mentee,mentor,met\nME-002,MR-015,perhaps so\n").unwrap();
    h.key(KeyCode::Char('r'), KeyModifiers::NONE);
    let screen = h.screen(120, 40);
    assert!(screen.contains("outcomes.csv:2:3"), "{screen}");
    assert!(screen.contains("press r to read it again"), "{screen}");
    assert!(!screen.contains("perhaps"), "{screen}");
    // Five answers: the view says there is no verdict.
    let five = "mentee,mentor,met\nME-002,MR-015,4\nME-004,MR-004,5\nME-005,MR-003,3\n\
                ME-007,MR-005,3\nME-009,MR-007,2\n";
    std::fs::write(&file, five).unwrap();
    h.key(KeyCode::Char('r'), KeyModifiers::NONE);
    let o = h.m.evidence.selected().expect("an outcome");
    assert_eq!(o.answered, 5);
    let verdicts = o.criteria.iter().chain(&o.measures);
    assert!(verdicts.clone().all(|r| !matches!(
        r.association.verdict,
        dyad::analysis::association::Verdict::Higher | dyad::analysis::association::Verdict::Lower
    )));
    let screen = h.screen(120, 40);
    assert!(screen.contains("fewer than 8, so no verdicts"), "{screen}");
    assert!(screen.contains("too few answers"), "{screen}");
    assert!(!screen.contains("supports a"), "{screen}");
}

/// A survey file that is a named pipe: the view says so on one line, at the smallest size too,
/// and waits for no writer.
#[cfg(unix)]
#[test]
fn a_survey_that_is_a_named_pipe_is_named_in_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("outcomes.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .unwrap();
    assert!(made.success());
    let mut h = Harness::new();
    h.m.evidence.survey = Survey::beside(dir.path(), None);
    h.send(Msg::Resize(80, 24)).send(Action::OpenEvidence);
    assert!(matches!(h.m.evidence.shown(), Some(Err(_))));
    let screen = h.screen(80, 24);
    assert!(screen.contains("outcomes.csv"), "{screen}");
    assert!(screen.contains("named pipe"), "{screen}");
}

#[test]
fn the_evidence_view_keys_are_in_the_keymap() {
    let k = |code| keys::action(Mode::Evidence, &KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(k(KeyCode::Right), Some(Action::NextOutcome));
    assert_eq!(k(KeyCode::Tab), Some(Action::NextOutcome));
    assert_eq!(k(KeyCode::Left), Some(Action::PrevOutcome));
    assert_eq!(k(KeyCode::Char('r')), Some(Action::Reload));
    assert_eq!(k(KeyCode::Char('e')), Some(Action::Close));
    let normal = keys::action(
        Mode::Main,
        &KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE),
    );
    assert_eq!(normal, Some(Action::OpenEvidence));
}

#[test]
fn the_evidence_view_scrolls_to_its_last_line_at_80x24() {
    let mut h = Harness::new();
    h.send(Msg::Resize(80, 24)).send(Action::OpenEvidence);
    let top = h.screen(80, 24);
    assert!(top.contains("Geographic proximity"), "{top}");
    for _ in 0..120 {
        h.send(Action::Down);
    }
    let end = h.screen(80, 24);
    assert!(end.contains("and the method."), "{end}");
    // The head stays put while the rows scroll.
    assert!(end.contains("25 of 33 pairs answered"), "{end}");
    h.send(Action::Down);
    assert_eq!(h.screen(80, 24), end, "no further than the end");
    h.send(Action::Up);
    assert_ne!(h.screen(80, 24), end);
}

#[test]
fn evidence_view_with_the_sample_survey() {
    let mut h = Harness::new();
    h.send(Action::OpenEvidence);
    snap("evidence_120x40", &mut h, 120, 40);
    snap("evidence_80x24", &mut h, 80, 24);
}

#[test]
fn evidence_view_without_a_survey() {
    let mut h = Harness::new();
    h.m.evidence.survey = Survey::beside(Path::new("pool"), None);
    h.send(Action::OpenEvidence);
    snap("evidence_none_120x40", &mut h, 120, 40);
    snap("evidence_none_80x24", &mut h, 80, 24);
}

/// The keeper's reports on the results shown now, with `samples` draws.
fn tallies(h: &Harness, samples: usize) -> Vec<Tally> {
    let r = h.m.solve.results.as_ref().unwrap();
    let ask = kept::Ask {
        generation: r.generation,
        ev: Arc::clone(&r.current),
    };
    let mut out = Vec::new();
    let done = Keeper::with(samples, 1).answer(ask, &mut || None, &mut |t| {
        out.push(t);
        true
    });
    assert!(matches!(done, Ok(None)));
    out
}

/// A row's Kept cell: the mentee's id, the cell's text, and where it is on screen.
struct KeptCell {
    id: String,
    text: String,
    x: u16,
    y: u16,
}

/// The Kept cells of the rows on screen (the column under the "Kept" heading).
fn kept_cells(screen: &str) -> Vec<KeptCell> {
    let header = screen
        .lines()
        .find(|l| l.contains("Kept"))
        .expect("a Kept column");
    let at = header.find("Kept").unwrap();
    let col = header[..at].chars().count();
    screen
        .lines()
        .enumerate()
        .filter_map(|(y, l)| {
            let id = l.split_whitespace().find(|w| w.starts_with("ME-"))?;
            let cell: String = l.chars().skip(col).take(4).collect();
            let pad = cell.chars().take_while(|c| *c == ' ').count();
            Some(KeptCell {
                id: id.to_string(),
                text: cell.trim().to_string(),
                x: (col + pad) as u16,
                y: y as u16,
            })
        })
        .collect()
}

#[test]
fn the_kept_column_arrives_only_for_the_newest_results() {
    let mut h = Harness::new();
    let first = h.send_only(Action::Change(Step::Up));
    let second = h.send_only(Action::Change(Step::Up));
    // The first change's results arrive, and ask the keeper for their shares.
    h.carry_out(first);
    let stale = tallies(&h, 30);
    let stale_gen = stale[0].generation;
    assert_eq!(h.m.kept.asked, stale_gen);
    // The second change's results arrive before the keeper answered the first.
    h.carry_out(second);
    assert!(h.m.kept.asked > stale_gen);
    for t in stale {
        h.send(Msg::Kept(Box::new(t)));
    }
    assert!(h.m.kept.shares.is_none(), "no shares of older results");
    let cells = kept_cells(&h.screen(120, 40));
    assert!(!cells.is_empty());
    assert!(cells.iter().all(|c| c.text == "…" || c.text.is_empty()));
    assert!(cells.iter().any(|c| c.text == "…"));
    // Its own shares show.
    for t in tallies(&h, 30) {
        h.send(Msg::Kept(Box::new(t)));
    }
    let cells = kept_cells(&h.screen(120, 40));
    assert!(cells.iter().any(|c| c.text.ends_with('%')));
    assert!(cells.iter().all(|c| c.text != "…"));
}

#[test]
fn a_change_of_baseline_keeps_the_shares_a_change_of_weights_does_not() {
    let mut h = Harness::new();
    h.keeping(30);
    let shares = h.m.kept.shares.clone();
    assert!(matches!(shares, Some(Ok(_))));
    h.send(Action::OpenProfiles);
    h.send(Msg::ProfilesListed(vec![ProfileEntry {
        file: None,
        profile: Ok(embedded::fall_profile()),
    }]));
    h.send(Action::LoadAsBaseline);
    assert_eq!(h.m.document.baseline, embedded::fall_profile());
    assert_eq!(
        h.m.kept.shares, shares,
        "the same settings and pins: the same shares"
    );
    h.send(Action::Change(Step::Up));
    assert!(h.m.kept.asked == h.m.solve.results.as_ref().unwrap().generation);
    assert!(matches!(h.m.kept.shares, Some(Ok(_))), "worked out again");
}

/// The fall profile with proximity lowered from 0.90 to 0.50, where some pairs are fragile
/// (`dyad robustness` keeps ME-044's pair in about 10 % of draws).
fn proximity_at_half() -> Harness {
    let mut h = Harness::new();
    for _ in 0..8 {
        h.send(Action::Change(Step::Down));
    }
    assert_eq!(h.m.document.current.weights[0], 0.5);
    h
}

#[test]
fn fragile_pairs_are_marked_in_the_warning_colour() {
    let mut h = proximity_at_half();
    h.keeping(200);
    let b = h.buffer(120, 40);
    let cells = kept_cells(&crate::tui::testkit::text(&b));
    let warning = crate::tui::theme::THEME.warning.bg;
    let fragile = cells.iter().find(|c| c.text.starts_with('!'));
    let c = fragile.expect("the sample has a fragile pair at ±0.1");
    let share =
        h.m.kept
            .share(h.m.document.pool.mentee_index(&c.id).unwrap());
    assert!(share.is_some_and(|s| s < 0.5), "{}: {share:?}", c.id);
    assert_eq!(Some(b[(c.x, c.y)].bg), warning);
    // A firm one is not.
    let c = cells
        .iter()
        .find(|c| c.text == "100%")
        .expect("a firm pair");
    assert_ne!(Some(b[(c.x, c.y)].bg), warning);
}

#[test]
fn matches_with_the_kept_column() {
    let mut h = proximity_at_half();
    h.keeping(kept::SAMPLES).send(Action::SwitchPanel);
    snap("kept_120x40", &mut h, 120, 40);
    // At 80 × 24 the column is left out; the status line gives the selected pair's share.
    snap("kept_80x24", &mut h, 80, 24);
}
