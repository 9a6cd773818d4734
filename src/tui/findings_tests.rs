//! The review's small findings, each kept fixed: what 80 × 24 and 120 × 40 must show, search,
//! the reference year, save-as, the title, long ids.

use dyad::embedded;

use crate::tui::action::{Action, Msg, Step};
use crate::tui::state::Top;
use crate::tui::state::weights::Setting;
use crate::tui::testkit::Harness;

/// The sample pool with ids as `dyad anonymize` writes them: a prefix and ten hex digits.
fn long_ids() -> dyad::Pool {
    let mut pool = embedded::sample_pool();
    for (i, m) in pool.mentees.iter_mut().enumerate() {
        m.id = format!("ME-{:010x}", 0x003f_a9c0_e1b2_u64 + i as u64 * 7919);
    }
    for (j, m) in pool.mentors.iter_mut().enumerate() {
        m.id = format!("MR-{:010x}", 0x007d_410c_9a55_u64 + j as u64 * 104_729);
    }
    pool
}

#[test]
fn long_ids_are_cut_with_an_ellipsis_never_silently() {
    let pool = long_ids();
    let ids: Vec<String> = pool
        .mentees
        .iter()
        .map(|m| m.id.clone())
        .chain(pool.mentors.iter().map(|m| m.id.clone()))
        .collect();
    let mut h = Harness::with_pool(pool);
    let screens = [
        ("main", h.screen(120, 40)),
        ("main_80", h.screen(80, 24)),
        ("detail", h.send(Action::OpenDetail).screen(120, 40)),
        ("detail_80", h.screen(80, 24)),
    ];
    for (name, screen) in &screens {
        // Every run of id characters starting with a prefix is a whole id, or ends in "…".
        for line in screen.lines() {
            for (at, _) in line.match_indices("M") {
                let rest = &line[at..];
                if !(rest.starts_with("ME-") || rest.starts_with("MR-")) {
                    continue;
                }
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                let after = rest[word.len()..].chars().next();
                assert!(
                    ids.contains(&word) || after == Some('…'),
                    "{name}: {word:?} cut without an ellipsis in\n{line}"
                );
            }
        }
    }
    insta::assert_snapshot!("long_ids_120x40", screens[0].1.clone());
    insta::assert_snapshot!("long_ids_detail_120x40", screens[2].1.clone());
}

#[test]
fn the_title_keeps_the_pool_once_the_profile_is_modified() {
    let mut h = Harness::new();
    let source = h.m.document.pool.source.label();
    for (w, hgt) in [(120, 40), (80, 24)] {
        let top = h.screen(w, hgt).lines().next().unwrap().to_string();
        assert!(top.contains(&source), "{top}");
    }
    h.send(Action::Change(Step::Up));
    for (w, hgt) in [(120, 40), (80, 24)] {
        let top = h.screen(w, hgt).lines().next().unwrap().to_string();
        assert!(top.contains(&source), "{top}");
        assert!(top.contains("(modified"), "{top}");
    }
}

#[test]
fn a_reference_year_before_everyone_s_training_is_warned_about() {
    let mut h = Harness::new();
    let first =
        h.m.document
            .pool
            .mentees
            .iter()
            .map(|m| m.training_completed)
            .min()
            .unwrap();
    let at = (0..Setting::COUNT)
        .position(|i| Setting::at(i) == Setting::ReferenceYear)
        .unwrap();
    h.m.weights.scroll.selected = at;
    // Down to the first training year: no warning yet.
    while h.m.document.current.eligibility.reference_year > first {
        h.send(Action::Change(Step::Down));
        if h.m.document.current.eligibility.reference_year >= first {
            assert!(h.m.reference_year_warning().is_none());
        }
    }
    h.send(Action::Change(Step::Down));
    let s = h.m.status.clone().unwrap();
    assert_eq!(s.level, crate::tui::state::Level::Warning);
    assert!(
        s.text.contains(&format!("the first: {first}")),
        "{}",
        s.text
    );
    // It stays on the status line after the next key, until the year is put right.
    h.send(Action::SwitchPanel);
    let status = h.screen(120, 40).lines().rev().nth(1).unwrap().to_string();
    assert!(status.contains("Reference year"), "{status}");
    h.send(Action::Undo);
    assert!(h.m.reference_year_warning().is_none());
}

#[test]
fn save_as_starts_with_an_empty_description_and_shows_the_old_one() {
    let mut h = Harness::new();
    let old = h.m.document.current.description.clone();
    assert!(!old.is_empty());
    h.send(Action::SaveAs);
    let Top::SaveAs(form) = &h.m.top else {
        panic!()
    };
    assert_eq!(form.description, "");
    assert_eq!(form.was, old);
    let screen = h.screen(120, 40);
    assert!(screen.contains(&format!("was: {}", &old[..30])), "{screen}");
    insta::assert_snapshot!("save_as_120x40", screen);
    insta::assert_snapshot!("save_as_80x24", h.screen(80, 24));
    for c in "Draft".chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept);
    // Typing starts a new description; nothing of the old one is kept by accident.
    h.send(Msg::Input('X'));
    let Top::SaveAs(form) = &h.m.top else {
        panic!()
    };
    assert_eq!(form.description, "X");
}

#[test]
fn the_explain_window_shows_the_goals_at_80x24() {
    let mut h = Harness::new();
    h.send(Action::OpenDetail);
    let me = h.m.document.pool.mentees[h.m.matches.selected().unwrap().mentee].clone();
    assert!(!me.goals.is_empty());
    let screen = h.screen(80, 24);
    // The goals may wrap; each is on screen whole.
    for g in &me.goals {
        assert!(screen.contains(g.as_str()), "{g}:\n{screen}");
    }
}

#[test]
fn search_lists_an_id_first_at_80x24_and_120x40() {
    let mut h = Harness::new();
    h.send(Action::OpenSearch);
    for c in "ME 019".chars() {
        h.send(Msg::Input(c));
    }
    for (w, hgt) in [(80, 24), (120, 40)] {
        let screen = h.screen(w, hgt);
        let first = screen
            .lines()
            .find(|l| l.contains("mentee ·") || l.contains("mentor ·"));
        assert!(first.unwrap().contains("ME-019"), "{screen}");
        insta::assert_snapshot!(format!("search_id_{w}x{hgt}"), screen);
    }
}

/// The mentee and mentor cells of the matches table's rows on a screen.
fn id_cells(screen: &str) -> Vec<(String, String)> {
    screen
        .lines()
        .filter_map(|line| {
            let table = line.split('│').nth(3)?;
            let words: Vec<&str> = table.split_whitespace().collect();
            let at = words
                .iter()
                .position(|w| w.starts_with("ME-") || w.starts_with('…'))?;
            Some((words[at].to_string(), words.get(at + 1)?.to_string()))
        })
        .collect()
}

/// The one id of `ids` that a cell shows (whole, or `…` and its end); panics when none or
/// several.
fn the_id<'a>(cell: &str, ids: &'a [String]) -> &'a str {
    let matching: Vec<&String> = match cell.strip_prefix('…') {
        Some(end) => ids.iter().filter(|id| id.ends_with(end)).collect(),
        None => ids.iter().filter(|id| *id == cell).collect(),
    };
    assert_eq!(matching.len(), 1, "{cell} reads as {matching:?}");
    matching[0]
}

#[test]
fn ids_never_collide_and_the_kept_column_stays_on_an_imported_pool() {
    let mut pool = long_ids();
    // Pseudonyms ending alike, as 50 mentees with ten hex digits often have.
    pool.mentees[0].id = "ME-3fa9c2013d".into();
    pool.mentees[1].id = "ME-77b0e4113d".into();
    pool.mentors[0].id = "MR-0c1d2e3f4a".into();
    pool.mentors[1].id = "MR-9b8a7c6f4a".into();
    let mentees: Vec<String> = pool.mentees.iter().map(|m| m.id.clone()).collect();
    let mentors: Vec<String> = pool.mentors.iter().map(|m| m.id.clone()).collect();
    let mut h = Harness::with_pool(pool);
    for (w, hgt) in [(120, 40), (80, 24), (200, 50)] {
        let screen = h.screen(w, hgt);
        let cells = id_cells(&screen);
        assert!(cells.len() > 5, "{screen}");
        let mut seen = std::collections::HashSet::new();
        for (mentee, mentor) in &cells {
            assert!(
                seen.insert(the_id(mentee, &mentees)),
                "{mentee} twice\n{screen}"
            );
            if mentor != "—" {
                the_id(mentor, &mentors);
            }
        }
        if w >= 120 {
            let header = screen.lines().find(|l| l.contains("Mentee")).unwrap();
            assert!(header.contains("Kept"), "{w}×{hgt}: {header}");
        }
        if w == 200 {
            // With room, ids whole.
            assert!(cells.iter().all(|(m, _)| !m.starts_with('…')), "{screen}");
        }
    }
    // The two that end alike are told apart at 120 wide (tall enough for every row).
    let shown: Vec<String> = id_cells(&h.screen(120, 70))
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    let alike: Vec<&String> = shown.iter().filter(|m| m.ends_with("13d")).collect();
    assert!(alike.len() == 2 && alike[0] != alike[1], "{shown:?}");
    insta::assert_snapshot!("imported_ids_120x40", h.screen(120, 40));
}
