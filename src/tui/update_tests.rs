//! Unit tests of `update`: every message, without a terminal.

use crossterm::event::{KeyCode, KeyModifiers};

use dyad::criteria::N;

use crate::tui::action::{Action, Effect, Mouse, MouseKind, Msg, Step};
use crate::tui::keys::Mode;
use crate::tui::state::matches::Sort;
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, Level, Scores, Top};
use crate::tui::testkit::Harness;

fn weight(h: &Harness, i: usize) -> f64 {
    h.m.document.current.weights[i]
}

#[test]
fn first_results_arrive_and_rows_are_built() {
    let h = Harness::new();
    assert!(h.m.solve.results.is_some());
    assert_eq!(h.m.matches.rows.len(), h.m.document.pool.mentees.len());
    assert!(h.m.selected_row() == Some(0));
    assert!(!h.m.busy());
}

#[test]
fn selecting_settings_stays_in_bounds() {
    let mut h = Harness::new();
    h.send(Action::Up);
    assert_eq!(h.m.weights.scroll.selected, 0);
    for _ in 0..Setting::COUNT + 5 {
        h.send(Action::Down);
    }
    assert_eq!(h.m.weights.scroll.selected, Setting::COUNT - 1);
    h.send(Action::Top);
    assert_eq!(h.m.weights.scroll.selected, 0);
    h.send(Action::Bottom);
    assert_eq!(h.m.weights.scroll.selected, Setting::COUNT - 1);
}

#[test]
fn sliders_stay_between_0_and_1_and_every_change_rematches() {
    let mut h = Harness::new();
    let g = h.m.solve.generation;
    h.send(Action::Change(Step::Up));
    assert!(matches!(h.effects[..], [Effect::Recompute(ref r)] if r.generation == g + 1));
    assert_eq!(h.m.solve.shown, g + 1);
    for _ in 0..30 {
        h.send(Action::Change(Step::Up));
    }
    assert_eq!(weight(&h, 0), 1.0);
    // At the bound nothing changes, so nothing is rematched.
    assert!(h.send_only(Action::Change(Step::Up)).is_empty());
    for _ in 0..30 {
        h.send(Action::Change(Step::Down));
    }
    assert_eq!(weight(&h, 0), 0.0);
    h.send(Action::Change(Step::FineUp));
    assert_eq!(weight(&h, 0), 0.01);
    h.send(Action::Change(Step::FineDown))
        .send(Action::Change(Step::FineDown));
    assert_eq!(weight(&h, 0), 0.0);
    assert!(h.m.profile_modified());
}

#[test]
fn zero_and_the_all_zero_warning() {
    let mut h = Harness::new();
    h.send(Action::Down).send(Action::Zero);
    assert_eq!(weight(&h, 1), 0.0);
    for i in 0..N {
        h.m.weights.scroll.selected = i;
        h.send(Action::Zero);
    }
    assert!(h.m.all_weights_zero());
    assert!(h.screen(120, 40).contains("All weights are 0"));
    // The reference year has no zero: it says so and stays.
    h.m.weights.scroll.selected = Setting::COUNT - 1;
    let year = h.m.document.current.eligibility.reference_year;
    h.send(Action::Zero);
    assert_eq!(h.m.document.current.eligibility.reference_year, year);
    assert!(h.m.status.as_ref().unwrap().text.contains("no zero"));
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut h = Harness::new();
    let start = h.m.document.current.clone();
    h.send(Action::Change(Step::Down))
        .send(Action::Change(Step::Down));
    let two = h.m.document.current.clone();
    h.send(Action::Undo);
    assert_eq!(weight(&h, 0), 0.85);
    h.send(Action::Undo);
    assert_eq!(h.m.document.current, start);
    assert!(!h.m.profile_modified());
    h.send(Action::Undo);
    assert_eq!(h.m.status.as_ref().unwrap().text, "Nothing to undo");
    h.send(Action::Redo).send(Action::Redo);
    assert_eq!(h.m.document.current, two);
    h.send(Action::Redo);
    assert_eq!(h.m.status.as_ref().unwrap().text, "Nothing to redo");
    // A new edit drops what could be redone.
    h.send(Action::Undo).send(Action::Change(Step::Up));
    assert!(h.m.document.history.redo.is_empty());
}

#[test]
fn moving_through_the_matches() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel);
    assert_eq!(h.m.focus, Focus::Matches);
    h.send(Action::Down).send(Action::Down);
    assert_eq!(h.m.selected_row(), Some(2));
    h.send(Action::Up);
    assert_eq!(h.m.selected_row(), Some(1));
    h.send(Action::Bottom);
    assert_eq!(h.m.selected_row(), Some(h.m.matches.rows.len() - 1));
    h.send(Action::Down);
    assert_eq!(h.m.selected_row(), Some(h.m.matches.rows.len() - 1));
    h.send(Action::PageUp);
    assert!(h.m.selected_row().unwrap() < h.m.matches.rows.len() - 1);
    h.send(Action::Top).send(Action::PageDown);
    assert!(h.m.selected_row().unwrap() > 1);
    assert!(h.m.matches.scroll.offset <= h.m.selected_row().unwrap());
    h.send(Action::SwitchPanel);
    assert_eq!(h.m.focus, Focus::Weights);
}

#[test]
fn sort_cycles_and_the_changed_filter_toggles() {
    let mut h = Harness::new();
    assert_eq!(h.m.matches.sort, Sort::Changed);
    assert!(h.m.matches.rows[0].changed());
    h.send(Action::CycleSort);
    assert_eq!(h.m.matches.sort, Sort::Score);
    let scores: Vec<f64> = h.m.matches.rows.iter().filter_map(|r| r.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    h.send(Action::CycleSort);
    assert_eq!(h.m.matches.sort, Sort::Id);
    assert!(
        h.m.matches
            .rows
            .windows(2)
            .all(|w| w[0].mentee < w[1].mentee)
    );
    h.send(Action::CycleSort);
    assert_eq!(h.m.matches.sort, Sort::Changed);
    let all = h.m.matches.rows.len();
    h.send(Action::ToggleChangedOnly);
    let differing = h.m.solve.results.as_ref().unwrap().comparison.differing();
    assert_eq!(h.m.matches.rows.len(), differing);
    assert!(h.m.matches.rows.iter().all(|r| r.changed()));
    h.send(Action::ToggleChangedOnly);
    assert_eq!(h.m.matches.rows.len(), all);
}

#[test]
fn groups_view_toggles() {
    let mut h = Harness::new();
    h.send(Action::ToggleGroups);
    assert_eq!(h.m.scores, Scores::Groups);
    h.send(Action::ToggleGroups);
    assert_eq!(h.m.scores, Scores::All);
}

fn select_matched(h: &mut Harness) -> (usize, usize) {
    h.send(Action::SwitchPanel);
    while h.m.selected().unwrap().mentor.is_none() {
        h.send(Action::Down);
    }
    let r = h.m.selected().unwrap();
    (r.mentee, r.mentor.unwrap())
}

#[test]
fn ban_rematches_and_can_be_lifted_or_undone() {
    let mut h = Harness::new();
    let (mentee, mentor) = select_matched(&mut h);
    h.send(Action::Ban);
    assert_eq!(
        h.m.document.overrides.get(mentee, mentor),
        Some(dyad::pool::Action::Ban)
    );
    let now =
        h.m.solve
            .results
            .as_ref()
            .unwrap()
            .current
            .matching
            .mentor_of[mentee];
    assert_ne!(now, Some(mentor));
    assert_eq!(h.m.selected().unwrap().bans, 1);
    assert!(h.m.overrides_modified());
    h.send(Action::Unban);
    assert!(h.m.document.overrides.is_empty());
    h.send(Action::Undo);
    assert_eq!(
        h.m.document.overrides.get(mentee, mentor),
        Some(dyad::pool::Action::Ban)
    );
    h.send(Action::Undo);
    assert!(h.m.document.overrides.is_empty());
}

#[test]
fn pin_toggles_and_survives_weight_changes() {
    let mut h = Harness::new();
    let (mentee, mentor) = select_matched(&mut h);
    h.send(Action::Pin);
    assert!(h.m.selected().unwrap().pinned);
    h.m.focus = Focus::Weights;
    for _ in 0..20 {
        h.send(Action::Change(Step::Down));
    }
    let cur = &h.m.solve.results.as_ref().unwrap().current.matching;
    assert_eq!(cur.mentor_of[mentee], Some(mentor));
    h.send(Action::Pin);
    assert_eq!(h.m.document.overrides.get(mentee, mentor), None);
}

#[test]
fn pin_or_ban_without_a_pair_only_warns() {
    let mut h = Harness::new();
    h.m.document.current.eligibility.max_years_since_training = 0;
    h.send(Action::Change(Step::Up))
        .send(Action::Change(Step::Down));
    h.send(Action::SwitchPanel).send(Action::Top);
    let unmatched =
        h.m.matches
            .rows
            .iter()
            .position(|r| r.mentor.is_none())
            .unwrap();
    h.m.matches.selected_mentee = Some(h.m.matches.rows[unmatched].mentee);
    assert!(h.send_only(Action::Pin).is_empty());
    assert_eq!(h.m.status.as_ref().unwrap().level, Level::Warning);
    assert!(h.send_only(Action::Ban).is_empty());
}

#[test]
fn outcomes_older_than_the_shown_one_are_dropped() {
    let mut h = Harness::new();
    let shown = h.m.solve.results.as_ref().unwrap().current.profile.clone();
    let req = h.m.request();
    let mut old = crate::tui::jobs::solve::Solver::new(dyad::matching::engine::Engine::new(
        (*h.m.document.pool).clone(),
        dyad::criteria::specialty::builtin().clone(),
    ))
    .solve(req);
    h.send(Action::Change(Step::Down));
    old.generation = 1;
    h.send(Msg::Computed(Box::new(old)));
    assert_ne!(h.m.solve.results.as_ref().unwrap().current.profile, shown);
    assert_eq!(
        h.m.solve.results.as_ref().unwrap().current.profile,
        h.m.document.current
    );
}

#[test]
fn a_failed_rematch_keeps_the_last_results_and_says_why() {
    let mut h = Harness::new();
    h.analysing_shown();
    let range = h.m.solve.analyses.stability[0].clone();
    assert!(range.is_some());
    let (_, _) = select_matched(&mut h);
    h.send(Action::Pin);
    let before = h.m.solve.results.as_ref().unwrap().current.profile.clone();
    // Nobody is eligible any more, so the pin cannot be kept.
    h.send(Action::SwitchPanel);
    h.m.weights.scroll.selected = N;
    for _ in 0..10 {
        h.send(Action::Change(Step::Down));
    }
    assert!(h.m.solve.match_error.is_some());
    assert!(!h.m.busy());
    assert_ne!(
        h.m.solve.results.as_ref().unwrap().current.profile,
        h.m.document.current
    );
    let screen = h.screen(120, 40);
    assert!(screen.contains("Cannot match these settings"));
    assert!(screen.contains("Not matched: pairs of earlier settings"));
    // No stable range beside settings it does not belong to.
    h.m.solve.analyses.stability[0] = range;
    assert!(h.m.stability(0).is_none());
    for _ in 0..10 {
        h.send(Action::Undo);
    }
    assert!(h.m.solve.match_error.is_none());
    assert_eq!(h.m.solve.results.as_ref().unwrap().current.profile, before);
}

#[test]
fn arrows_in_the_matches_change_nothing_and_say_where_they_work() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel);
    let before = h.m.document.current.clone();
    h.send(Action::Change(Step::Up));
    assert_eq!(h.m.document.current, before);
    assert!(h.m.status.as_ref().unwrap().text.contains("Tab goes back"));
    h.send(Action::SwitchPanel).send(Action::Change(Step::Up));
    assert_ne!(h.m.document.current, before);
}

#[test]
fn opening_a_profile_that_cannot_be_matched_says_so_at_once() {
    let mut h = Harness::new();
    // A pin the pilot cannot keep: a mentee eligible in the fall only.
    let pilot = dyad::embedded::pilot_profile();
    let pool = h.m.document.pool.clone();
    let mentee = (0..pool.mentees.len())
        .find(|&i| {
            !pilot
                .eligibility
                .eligible(pool.mentees[i].training_completed)
        })
        .unwrap();
    h.m.document
        .overrides
        .set(mentee, 0, Some(dyad::pool::Action::Pin));
    h.send(Action::OpenProfiles)
        .send(Msg::ProfilesListed(vec![
            crate::tui::action::ProfileEntry {
                file: None,
                profile: Ok(pilot),
            },
        ]))
        .send(Action::Accept);
    assert!(h.m.solve.match_error.is_some());
    // The error shows, not the "Opened …" message of the key that led to it.
    assert!(h.m.status.is_none());
    let screen = h.screen(120, 40);
    assert!(screen.contains("Cannot match these settings"), "{screen}");
    assert!(
        screen.contains("Not matched: pairs of earlier settings"),
        "{screen}"
    );
}

#[test]
fn mouse_sets_weights_selects_rows_and_scrolls() {
    let mut h = Harness::new();
    h.send(Msg::Resize(120, 40));
    let area = crate::tui::layout::Areas::of(ratatui::layout::Rect::new(0, 0, 120, 40));
    let inner = crate::tui::layout::inner(area.weights);
    let (_, r) = crate::tui::layout::weights::geometry(inner, 0)[2];
    let bar = crate::tui::layout::weights::bar_area(r);
    let at = |kind, column| {
        Msg::Mouse(Mouse {
            kind,
            column,
            row: bar.y,
        })
    };
    h.send(at(MouseKind::Press, bar.x));
    assert_eq!((h.m.weights.scroll.selected, weight(&h, 1)), (1, 0.0));
    let undo_len = h.m.document.history.undo.len();
    h.send(at(MouseKind::Drag, bar.right() - 1));
    assert_eq!(weight(&h, 1), 1.0);
    h.send(at(MouseKind::Drag, bar.right() + 30));
    assert_eq!(weight(&h, 1), 1.0);
    assert_eq!(
        h.m.document.history.undo.len(),
        undo_len,
        "a drag is one undo step"
    );
    h.send(at(MouseKind::Release, 0));
    assert_eq!(h.m.weights.dragging, None);
    let body = crate::tui::layout::matches_body(area.matches);
    h.send(Msg::Mouse(Mouse {
        kind: MouseKind::Press,
        column: body.x + 3,
        row: body.y + 2,
    }));
    assert_eq!((h.m.focus, h.m.selected_row()), (Focus::Matches, Some(2)));
    h.send(Msg::Mouse(Mouse {
        kind: MouseKind::ScrollDown,
        column: body.x,
        row: body.y,
    }));
    assert_eq!(h.m.selected_row(), Some(5));
    h.send(Msg::Mouse(Mouse {
        kind: MouseKind::ScrollDown,
        column: inner.x,
        row: inner.y,
    }));
    assert_eq!(h.m.weights.scroll.selected, 2);
}

#[test]
fn resizing_keeps_the_selection_visible() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel).send(Action::Bottom);
    h.send(Msg::Resize(80, 24));
    let body = crate::tui::layout::matches_body_height(
        crate::tui::layout::Areas::of(ratatui::layout::Rect::new(0, 0, 80, 24)).matches,
    );
    let sel = h.m.selected_row().unwrap();
    assert!(
        sel >= h.m.matches.scroll.offset && sel < h.m.matches.scroll.offset + usize::from(body)
    );
    h.m.focus = Focus::Weights;
    h.send(Action::Bottom);
    assert!(h.m.weights.scroll.offset > 0);
}

#[test]
fn modes_follow_the_popups() {
    let mut h = Harness::new();
    assert_eq!(h.m.mode(), Mode::Main);
    h.key(KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(h.m.mode(), Mode::Help);
    h.send(Action::Down).send(Action::Down).send(Action::Up);
    assert!(matches!(h.m.top, Top::Help { scroll } if scroll.offset == 1));
    h.key(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.m.mode(), Mode::Main);
}

#[test]
fn a_start_that_cannot_be_matched_says_why_instead_of_matching_forever() {
    let mut pool = dyad::embedded::sample_pool();
    let fall = dyad::embedded::fall_profile();
    let ineligible = (0..pool.mentees.len())
        .find(|&i| {
            !fall
                .eligibility
                .eligible(pool.mentees[i].training_completed)
        })
        .unwrap();
    pool.overrides
        .set(ineligible, 0, Some(dyad::pool::Action::Pin));
    let mut h = Harness::with_pool(pool);
    assert!(h.m.solve.results.is_none());
    assert!(!h.m.busy());
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("These settings cannot be matched"),
        "{screen}"
    );
    assert!(screen.contains("Not matched"), "{screen}");
    assert!(!screen.contains("Matching…"), "{screen}");
    // The message names the profile that cannot keep the pin.
    let why = h.m.solve.match_error.clone().unwrap();
    assert!(why.contains("under \"Fall 2023 program\""), "{why}");
}

#[test]
fn deltas_are_on_one_yardstick_and_an_unchanged_pair_has_none() {
    use crate::tui::state::matches::Change;
    let h = Harness::new();
    let r = h.m.solve.results.as_ref().unwrap();
    let mut same = 0;
    for row in &h.m.matches.rows {
        match row.change {
            Change::Same => {
                same += 1;
                assert_eq!(row.base_score, None, "{row:?}");
            }
            Change::NewMentor => {
                let delta = row.score.unwrap() - row.base_score.unwrap();
                assert_eq!(Some(delta), r.comparison.delta_of(row.mentee), "{row:?}");
            }
            _ => {}
        }
    }
    assert!(same > 0, "the sample keeps some pairs");
    // The Scores panel compares with the baseline as the current profile scores it.
    let mut h = Harness::new();
    let screen = h.screen(120, 40);
    let base_mean = format!("{:.1}", r.comparison.a.stats.mean);
    let line = screen
        .lines()
        .find(|l| l.contains("Mean  "))
        .unwrap()
        .to_string();
    assert!(line.contains(&base_mean), "{line} vs {base_mean}");
}
