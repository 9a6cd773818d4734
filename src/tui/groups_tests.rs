//! The Scores panel's groups and measures views and its yardstick line, and the mentors view
//! of the matches panel: snapshots at 80 × 24 and 120 × 40, and what they must say.

use std::path::PathBuf;

use dyad::analysis::overview::ALL;
use dyad::embedded;
use dyad::privacy::{Matched, SmallCells};

use ratatui::layout::Rect;

use crate::tui::action::{Action, Mouse, MouseKind, Msg, ProfileEntry, Step};
use crate::tui::layout::{Areas, matches_body};
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, Scores};
use crate::tui::testkit::Harness;
use crate::tui::view::scores::groups::group_label;

fn snap(name: &str, h: &mut Harness, w: u16, hgt: u16) {
    insta::assert_snapshot!(name, h.screen(w, hgt));
}

/// The Scores panel's lines at 120 × 40 (the right-hand third of the screen), trimmed.
fn panel(h: &mut Harness) -> Vec<String> {
    h.screen(120, 40)
        .lines()
        .skip(2)
        .take(36)
        .map(|l| {
            l.chars()
                .skip(83)
                .take(36)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn groups_view_snapshots() {
    let mut h = Harness::new();
    h.send(Action::ToggleGroups);
    snap("groups_120x40", &mut h, 120, 40);
    snap("groups_80x24", &mut h, 80, 24);
    snap("groups_100x30", &mut h, 100, 30);
}

#[test]
fn measures_view_snapshots() {
    let mut h = Harness::new();
    h.send(Action::ToggleMeasures);
    snap("measures_120x40", &mut h, 120, 40);
    snap("measures_80x24", &mut h, 80, 24);
}

#[test]
fn mentors_view_snapshots() {
    let mut h = Harness::new();
    h.send(Action::ToggleMentors);
    snap("mentors_120x40", &mut h, 120, 40);
    snap("mentors_80x24", &mut h, 80, 24);
}

#[test]
fn g_and_v_switch_the_scores_panel_between_its_three_views() {
    let mut h = Harness::new();
    let mut seen = Vec::new();
    for a in [
        Action::ToggleMeasures,
        Action::ToggleGroups,
        Action::ToggleMeasures,
        Action::ToggleMeasures,
        Action::ToggleGroups,
        Action::ToggleGroups,
    ] {
        h.send(a);
        seen.push(h.m.scores);
    }
    use Scores::{All, Groups, Measures};
    assert_eq!(seen, [Measures, Groups, Measures, All, Groups, All]);
}

#[test]
fn every_view_of_the_scores_panel_names_the_baseline_and_the_yardstick() {
    let mut h = Harness::new();
    for view in [
        None,
        Some(Action::ToggleGroups),
        Some(Action::ToggleMeasures),
    ] {
        if let Some(a) = view {
            h.send(a);
        }
        let first = panel(&mut h)[0].clone();
        assert!(first.contains("vs pilot-2023"), "{first}");
        let scored = h.m.scores != Scores::Measures;
        assert_eq!(first.contains("scored by fall-2023"), scored, "{first}");
        // At 80 × 24 too, cut to the panel's width.
        let small = h.screen(80, 24);
        assert!(small.contains("vs pilot-2023"), "{small}");
    }
    // Once the settings change, the yardstick is no longer the saved file.
    h.send(Action::ToggleMeasures)
        .send(Action::Change(Step::Up));
    assert_eq!(h.m.scores, Scores::All);
    let wide = h.screen(110, 30);
    assert!(
        wide.contains("Δ vs pilot-2023, both scored by the current settings"),
        "{wide}"
    );
    assert!(panel(&mut h)[0].contains("vs pilot-2023, scored as now"));
}

/// The lines of a group's block in the groups view at 120 × 40: from its heading to the next
/// heading.
fn block(lines: &[String], label: &str) -> Vec<String> {
    let at = lines
        .iter()
        .position(|l| l == label || l.starts_with(&format!("{label} ")))
        .unwrap_or_else(|| panic!("no {label} in\n{}", lines.join("\n")));
    let mut out = vec![lines[at].clone()];
    out.extend(
        lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with(['m', 'w', 's', ' ']))
            .cloned(),
    );
    out
}

#[test]
fn groups_show_what_the_room_rule_allows_and_name_no_member() {
    let mut h = Harness::new();
    h.send(Action::ToggleGroups);
    let r = h.m.solve.results.clone().unwrap();
    let o = &r.overview;
    let cells = h.m.document.small_cells;
    let lines = panel(&mut h);
    assert_eq!(lines[2], "All mentees", "{}", lines.join("\n"));
    let mut hidden = 0;
    for (i, g) in o.now.groups.iter().enumerate() {
        let label = if g.name == ALL {
            "All mentees".to_string()
        } else {
            group_label(&g.name)
        };
        let text = block(&lines, &label).join("\n");
        let id = |p: Option<dyad::matching::Pair>| r.pool.mentees[p.unwrap().mentee].id.clone();
        // Only the row of all mentees names whose the worst pair is: under a group the id
        // would tie a mentee to an identity on a shared screen.
        assert_eq!(g.name == ALL, text.contains(&id(g.worst)), "{text}");
        match o.now.shown(cells, i) {
            None => {
                assert!(!text.contains(&format!("/{}", g.eligible)), "{text}");
                hidden += 1;
            }
            Some(s) => {
                let (eligible, matched) = s.counts.unwrap();
                let shown = match matched {
                    Matched::Exact(n) => format!("{n}/{eligible}"),
                    Matched::AtLeast(n) => format!("≥{n}/{eligible}"),
                };
                assert!(text.contains(&shown), "{shown} in {text}");
                let low = if i == 0 { "worst pair" } else { "mean, low 5" };
                let row = text.lines().find(|l| l.starts_with(low)).unwrap();
                match s.lowest {
                    Some((_, v)) => {
                        assert!(row.contains(&dyad::present::screen_fig(v, 1)), "{text}")
                    }
                    None => assert!(row.contains("<5"), "{text}"),
                }
            }
        }
        // A change only where the rule allows it.
        if !o.changes_shown(cells, i) {
            assert!(!text.contains('+') && !text.contains('−'), "{text}");
        }
    }
    assert!(
        hidden > 0 && hidden < o.now.groups.len(),
        "the sample has small and large groups"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("<5: would rest on fewer than 5"))
    );
    // The coordinator's full detail hides no group and says it is not for a shared screen.
    h.m.set_small_cells(SmallCells::full_detail());
    let all = h.screen(120, 40);
    assert!(!all.contains("<1"), "{all}");
    assert!(all.contains("full detail: not for a shared"), "{all}");
    let full = panel(&mut h);
    for g in &o.now.groups[1..] {
        let text = block(&full, &group_label(&g.name)).join("\n");
        let worst = dyad::present::screen_fig(g.worst.unwrap().score, 1);
        assert!(
            text.contains("worst pair") && text.contains(&worst),
            "{text}"
        );
    }
}

#[test]
fn the_baseline_side_is_scored_on_the_current_yardstick() {
    let mut h = Harness::new();
    h.send(Action::ToggleGroups);
    let r = h.m.solve.results.clone().unwrap();
    // The pilot scores its own pairs otherwise than the fall profile does.
    let own = format!("{:.1}", r.baseline.summary.stats.mean);
    let yardstick = format!("{:.1}", r.comparison.a.stats.mean);
    assert_ne!(own, yardstick);
    let lines = panel(&mut h);
    let mean = block(&lines, "All mentees")
        .into_iter()
        .find(|l| l.starts_with("mean score"))
        .unwrap();
    assert!(mean.contains(&yardstick), "{mean}");
    assert!(!mean.contains(&own), "{mean}");
}

#[test]
fn a_baseline_equal_to_the_current_settings_shows_no_change_anywhere() {
    let mut h = Harness::new();
    h.send(Action::OpenProfiles);
    h.send(Msg::ProfilesListed(vec![ProfileEntry {
        file: Some(PathBuf::from("configs/fall-2023.toml")),
        profile: Ok(embedded::fall_profile()),
    }]));
    h.send(Action::LoadAsBaseline);
    assert_eq!(h.m.document.baseline, h.m.document.current);
    for a in [Action::ToggleGroups, Action::ToggleMeasures] {
        h.send(a);
        let lines = panel(&mut h);
        for l in &lines[2..] {
            assert!(
                !l.contains('+') && !l.contains('−'),
                "{l}\n{}",
                lines.join("\n")
            );
        }
        assert!(lines.iter().filter(|l| l.ends_with(" =")).count() > 5);
    }
}

#[test]
fn measures_are_in_km_and_percent_and_within_uses_the_yardsticks_limit() {
    let mut h = Harness::new();
    h.send(Action::ToggleMeasures);
    let r = h.m.solve.results.clone().unwrap();
    let (now, base) = (&r.overview.now.measures, &r.overview.baseline.measures);
    let lines = panel(&mut h);
    let row = |label: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in\n{}", lines.join("\n")))
            .clone()
    };
    let km = row("km apart, mean");
    let (a, b) = (base.pool.km_mean.unwrap(), now.pool.km_mean.unwrap());
    assert!(
        km.contains(&format!("{b:.1}")) && km.contains(&format!("{a:.1}")),
        "{km}"
    );
    let idle = row("mentors idle");
    let words: Vec<&str> = idle.split_whitespace().collect();
    assert_eq!(
        words[2..4],
        [now.mentors_idle.to_string(), base.mentors_idle.to_string()]
    );
    let within = row("within 60 km");
    assert!(within.contains('%'), "{within}");
    // A wider in-person limit in the current settings measures the baseline's pairs with it
    // too: the baseline's share within the limit grows.
    let before = base.pool.within_in_person_km.unwrap();
    h.send(Action::ToggleMeasures).send(Action::ToggleMeasures);
    for _ in 0..=dyad::criteria::N {
        h.send(Action::Down);
    }
    assert_eq!(
        Setting::at(h.m.weights.scroll.selected),
        Setting::InPersonKm
    );
    for _ in 0..10 {
        h.send(Action::Change(Step::Up));
    }
    assert_eq!(
        h.m.document.current.constraints.in_person_max_km,
        Some(160.0)
    );
    let r = h.m.solve.results.clone().unwrap();
    let after = r
        .overview
        .baseline
        .measures
        .pool
        .within_in_person_km
        .unwrap();
    assert!(after > before, "{before} {after}");
    assert!(panel(&mut h).iter().any(|l| l.starts_with("within 160 km")));
}

#[test]
fn the_mentors_view_lists_idle_mentors_first_then_by_load() {
    let mut h = Harness::new();
    h.send(Action::ToggleMentors);
    let r = h.m.solve.results.clone().unwrap();
    let cur = &r.current.matching;
    let n = r.pool.mentors.len();
    let idle = (0..n).filter(|&j| cur.mentees_of(j).is_empty()).count();
    let was = (0..n)
        .filter(|&j| r.baseline.matching.mentees_of(j).is_empty())
        .count();
    assert!(idle > 0);
    let screen = h.screen(120, 40);
    let title = format!("Mentors: {idle} idle of {n} (baseline {was})");
    assert!(screen.contains(&title), "{screen}");
    let rows = &h.m.mentors.rows;
    assert_eq!(rows.len(), n);
    let loads: Vec<usize> = rows
        .iter()
        .map(|r| cur.mentees_of(r.mentor).len())
        .collect();
    assert!(loads.windows(2).all(|w| w[0] <= w[1]), "{loads:?}");
    assert!(loads[..idle].iter().all(|&l| l == 0));
    for row in rows {
        let mut want = cur.mentees_of(row.mentor);
        want.sort();
        assert_eq!(row.mentees, want);
    }
    // The first mentor with two mentees shows both ids on its line.
    let two = rows.iter().find(|r| r.mentees.len() == 2).unwrap();
    let id = &r.pool.mentors[two.mentor].id;
    let line = screen.lines().find(|l| l.contains(id.as_str())).unwrap();
    for &i in &two.mentees {
        assert!(line.contains(&r.pool.mentees[i].id), "{line}");
    }
}

#[test]
fn moving_in_the_mentors_view_keeps_the_selection_on_screen() {
    let mut h = Harness::new();
    h.send(Msg::Resize(80, 24)).send(Action::ToggleMentors);
    let first = h.m.mentors.rows[0].mentor;
    assert_eq!(h.m.mentors.selected, Some(first));
    // The borders say how many mentors are out of view.
    let n = h.m.mentors.rows.len();
    let shown = h.m.mentors.scroll.page();
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(&format!("▼ {} more", n - shown)),
        "{screen}"
    );
    assert!(!screen.contains('▲'), "{screen}");
    assert!(h.screen(120, 40).contains(&format!("▼ {} more", n - 34)));
    h.send(Action::Bottom);
    assert!(h.screen(80, 24).contains(&format!("▲ {} more", n - shown)));
    let last = h.m.mentors.rows.last().unwrap().mentor;
    assert_eq!(h.m.mentors.selected, Some(last));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(h.m.document.pool.mentors[last].id.as_str()),
        "{screen}"
    );
    assert!(
        !screen.contains(h.m.document.pool.mentors[first].id.as_str()),
        "{screen}"
    );
    h.send(Action::PageUp).send(Action::Top);
    assert_eq!(h.m.mentors.selected, Some(first));
    assert_eq!(h.m.mentors.scroll.offset, 0);
    // The mentees' table did not move meanwhile.
    assert_eq!(h.m.matches.scroll.offset, 0);
}

#[test]
fn enter_on_a_mentor_goes_to_their_mentees_and_m_comes_back() {
    let mut h = Harness::new();
    h.send(Action::ToggleMentors);
    // An idle mentor: nowhere to go, and the status line says so.
    h.send(Action::OpenDetail);
    assert!(h.m.mentors.shown);
    assert!(h.m.top.is_main());
    let status = h.m.status.clone().unwrap().text;
    assert!(status.contains("has no mentee"), "{status}");
    // A mentor with two mentees: the table, on one of them.
    let j = h.m.mentors.rows.iter().position(|r| r.load == 2).unwrap();
    h.send(Action::Top);
    for _ in 0..j {
        h.send(Action::Down);
    }
    let row = h.m.mentors.selected().unwrap().clone();
    h.send(Action::OpenDetail);
    assert!(!h.m.mentors.shown);
    assert!(row.mentees.contains(&h.m.matches.selected_mentee.unwrap()));
    let status = h.m.status.clone().unwrap().text;
    assert!(
        status.contains(&h.m.document.pool.mentors[row.mentor].id),
        "{status}"
    );
    // m: the mentors again, on the same mentor.
    h.send(Action::ToggleMentors);
    assert!(h.m.mentors.shown);
    assert_eq!(h.m.mentors.selected, Some(row.mentor));
}

#[test]
fn pair_keys_do_nothing_to_an_unseen_pair_in_the_mentors_view() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel).send(Action::ToggleMentors);
    let before = h.m.document.overrides.clone();
    for a in [Action::Ban, Action::Pin, Action::Unban] {
        let effects = h.send_only(a);
        assert!(effects.is_empty(), "{a:?}");
        assert_eq!(h.m.document.overrides, before, "{a:?}");
        assert!(
            h.m.status
                .as_ref()
                .unwrap()
                .text
                .contains("m shows the mentees")
        );
    }
}

#[test]
fn the_mouse_selects_a_mentor_and_the_wheel_moves_the_selection() {
    let mut h = Harness::new();
    h.send(Msg::Resize(120, 40)).send(Action::ToggleMentors);
    let panel = Areas::of(Rect::new(0, 0, 120, 40)).matches;
    let body = matches_body(panel);
    let click = |row: u16| Mouse {
        kind: MouseKind::Press,
        column: body.x + 3,
        row,
    };
    h.send(Action::SwitchPanel);
    assert_eq!(h.m.focus, Focus::Weights);
    h.send(Msg::Mouse(click(body.y + 4)));
    assert_eq!(h.m.focus, Focus::Matches);
    assert_eq!(h.m.mentors.selected, Some(h.m.mentors.rows[4].mentor));
    // The mentees' table did not take the click.
    let mentee = h.m.matches.selected_mentee;
    let wheel = Mouse {
        kind: MouseKind::ScrollDown,
        column: body.x + 3,
        row: body.y + 1,
    };
    h.send(Msg::Mouse(wheel)).send(Msg::Mouse(wheel));
    assert_eq!(h.m.mentors.selected, Some(h.m.mentors.rows[6].mentor));
    assert_eq!(h.m.matches.selected_mentee, mentee);
}

#[test]
fn finding_a_mentor_in_the_mentors_view_selects_them_even_when_idle() {
    let mut h = Harness::new();
    h.send(Action::ToggleMentors);
    let idle =
        h.m.mentors
            .rows
            .iter()
            .rev()
            .find(|r| r.idle())
            .unwrap()
            .mentor;
    let id = h.m.document.pool.mentors[idle].id.clone();
    h.send(Action::OpenSearch);
    for c in id.chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept);
    assert!(h.m.mentors.shown);
    assert_eq!(h.m.mentors.selected, Some(idle));
    // A mentee found: the mentees' table, on them.
    let mentee = h.m.document.pool.mentees[5].id.clone();
    h.send(Action::OpenSearch);
    for c in mentee.chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept);
    assert!(!h.m.mentors.shown);
    assert_eq!(h.m.matches.selected_mentee, Some(5));
}

#[test]
fn long_pseudonyms_leave_the_groups_view_its_labels() {
    let mut pool = embedded::sample_pool();
    for (i, m) in pool.mentees.iter_mut().enumerate() {
        m.id = format!("ME-{i:04}-7f3a9c21d");
    }
    let mut h = Harness::with_pool(pool);
    h.send(Action::ToggleGroups);
    let lines = panel(&mut h);
    let block = block(&lines, "All mentees");
    assert!(
        block.iter().any(|l| l.starts_with("shared id. met")),
        "{block:?}"
    );
    let mentee = block.iter().find(|l| l.starts_with("  mentee")).unwrap();
    assert!(mentee.contains("ME-00") && mentee.contains('…'), "{mentee}");
}

#[test]
fn long_mentor_pseudonyms_leave_the_mentors_view_its_mentees_column() {
    let mut pool = embedded::sample_pool();
    for (j, m) in pool.mentors.iter_mut().enumerate() {
        m.id = format!("MR-7f3a9c21d0b4e8{j:04x}");
    }
    let mut h = Harness::with_pool(pool);
    h.send(Action::ToggleMentors);
    let two =
        h.m.mentors
            .rows
            .iter()
            .find(|r| r.load == 2)
            .unwrap()
            .clone();
    let first = h.m.document.pool.mentees[two.mentees[0]].id.clone();
    let id = h.m.document.pool.mentors[two.mentor].id.clone();
    let tail: String = id.chars().skip(id.chars().count() - 5).collect();
    for (w, hgt) in [(120, 40), (80, 24)] {
        h.send(Action::Top);
        let top = h.screen(w, hgt);
        assert!(top.contains("none (was 1)"), "{top}");
        while h.m.mentors.selected != Some(two.mentor) {
            h.send(Action::Down);
        }
        let screen = h.screen(w, hgt);
        // The mentor's id cut in the middle, its end (what tells pseudonyms apart) kept, and
        // the first of their mentees whole beside it.
        let line = screen
            .lines()
            .find(|l| l.contains("MR-…") && l.contains(&tail))
            .unwrap_or_else(|| panic!("no MR-…{tail} in\n{screen}"));
        assert!(line.contains(&first), "{line}");
    }
}

#[test]
fn the_hint_line_says_what_keys_do_in_the_panel_selected() {
    let mut h = Harness::new();
    let hints = |h: &mut Harness| h.screen(120, 40).lines().last().unwrap().to_string();
    assert_eq!(h.m.focus, Focus::Weights);
    let line = hints(&mut h);
    assert!(
        line.contains("←→ change") && line.contains("Enter explain"),
        "{line}"
    );
    h.send(Action::SwitchPanel);
    let line = hints(&mut h);
    assert!(
        !line.contains("←→") && line.contains("Enter explain"),
        "{line}"
    );
    h.send(Action::ToggleMentors);
    assert_eq!(h.m.focus, Focus::Matches);
    let line = hints(&mut h);
    assert!(
        line.contains("Enter mentees") && !line.contains("explain"),
        "{line}"
    );
}
