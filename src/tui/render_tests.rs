//! Rendering tests: snapshots of the screen and every popup (text only), the changed-row
//! highlight in the cell styles, and every size from 1×1 to 200×60 without a panic.

use std::path::PathBuf;

use ratatui::style::Modifier;

use dyad::embedded;

use crate::tui::action::{Action, Msg, ProfileEntry, Step};
use crate::tui::testkit::{Harness, text};
use crate::tui::theme::THEME;

fn snap(name: &str, h: &mut Harness, w: u16, hgt: u16) {
    insta::assert_snapshot!(name, h.screen(w, hgt));
}

#[test]
fn main_screen_80x24() {
    snap("main_80x24", Harness::new().analysing(), 80, 24);
}

#[test]
fn main_screen_120x40() {
    snap("main_120x40", Harness::new().analysing(), 120, 40);
}

#[test]
fn main_screen_after_changes_120x40() {
    let mut h = Harness::new();
    for _ in 0..4 {
        h.send(Action::Change(Step::Up));
    }
    h.send(Action::SwitchPanel)
        .send(Action::Down)
        .send(Action::Pin);
    h.send(Action::Down)
        .send(Action::Ban)
        .send(Action::ToggleGroups)
        .send(Action::CycleSort);
    snap("changed_120x40", &mut h, 120, 40);
}

#[test]
fn too_small() {
    snap("too_small_50x12", &mut Harness::new(), 50, 12);
}

#[test]
fn detail_popup() {
    let mut h = Harness::new();
    h.send(Action::OpenDetail);
    snap("detail_120x40", &mut h, 120, 40);
    snap("detail_80x24", &mut h, 80, 24);
}

#[test]
fn search_popup() {
    let mut h = Harness::new();
    h.send(Action::OpenSearch);
    for c in "pediatrics".chars() {
        h.send(Msg::Input(c));
    }
    // k = 5 shows no pediatrician's specialty but as its family: none is listed, or found, by it.
    let screen = h.screen(100, 30);
    assert!(screen.contains("found"), "{screen}");
    assert!(!screen.contains("pediatrics ·"), "{screen}");
    snap("search_100x30", &mut h, 100, 30);
}

#[test]
fn profiles_popup() {
    let mut h = Harness::new();
    h.send(Action::OpenProfiles);
    let e = |name: &str, p| ProfileEntry {
        file: Some(PathBuf::from(format!("configs/{name}.toml"))),
        profile: Ok(p),
    };
    h.send(Msg::ProfilesListed(vec![
        e("fall-2023", embedded::fall_profile()),
        e("pilot-2023", embedded::pilot_profile()),
    ]));
    snap("profiles_100x30", &mut h, 100, 30);
}

#[test]
fn help_popup() {
    let mut h = Harness::new();
    h.send(Action::OpenHelp);
    snap("help_120x40", &mut h, 120, 40);
}

#[test]
fn save_as_popup() {
    let mut h = Harness::new();
    h.send(Action::Change(Step::Up)).send(Action::SaveAs);
    for c in "Fall 2024 draft".chars() {
        h.send(Msg::Input(c));
    }
    snap("save_as_100x30", &mut h, 100, 30);
}

#[test]
fn confirm_popup() {
    let mut h = Harness::new();
    h.send(Action::Change(Step::Up)).send(Action::Quit);
    snap("confirm_quit_100x30", &mut h, 100, 30);
}

#[test]
fn help_lists_every_binding_of_every_mode() {
    let help: String = crate::tui::keys::help::lines(1000)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    for mode in crate::tui::keys::modes() {
        for b in crate::tui::keys::entries(mode) {
            assert!(help.contains(b.help), "{mode:?}: {}", b.help);
            assert!(help.contains(&crate::tui::keys::hints::keys_text(&b.keys)));
        }
    }
}

#[test]
fn the_help_scrolls_to_its_last_line_at_any_size() {
    use crate::tui::keys::{entries, modes};
    let last_mode = modes().last().unwrap();
    let last = entries(last_mode).last().unwrap().help;
    for (w, hgt) in [(80, 24), (120, 40), (100, 30)] {
        let mut h = Harness::new();
        h.send(Msg::Resize(w, hgt))
            .send(Action::OpenHelp)
            .send(Action::Bottom);
        let screen = h.screen(w, hgt);
        let words: Vec<&str> = last.split_whitespace().take(2).collect();
        assert!(screen.contains(&words.join(" ")), "{w}x{hgt}:\n{screen}");
        // Down at the end stays at the end; one Up moves at once.
        let at_end = h.screen(w, hgt);
        h.send(Action::Down);
        assert_eq!(h.screen(w, hgt), at_end);
        h.send(Action::Up);
        assert_ne!(h.screen(w, hgt), at_end);
    }
}

#[test]
fn changed_rows_are_highlighted_in_colour_and_glyph() {
    let mut h = Harness::new();
    let b = h.buffer(120, 40);
    let screen = text(&b);
    // The first row is selected (shown reversed); look at the second changed one.
    let (y, line) = screen
        .lines()
        .enumerate()
        .skip(3)
        .filter(|(_, l)| l.contains("│●"))
        .nth(1)
        .expect("a changed row");
    let x = line.chars().position(|c| c == '●').unwrap();
    let id_x = x as u16 + 3;
    let cell = &b[(id_x, y as u16)];
    assert_eq!(cell.fg, THEME.changed.fg.unwrap());
    assert!(cell.modifier.contains(Modifier::BOLD));
    // An unchanged row is not.
    let same = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("│   ME-"))
        .map(|(y, _)| y as u16);
    if let Some(y) = same {
        assert_ne!(b[(id_x, y)].fg, THEME.changed.fg.unwrap());
    }
}

#[test]
fn search_highlights_matched_characters() {
    let mut h = Harness::new();
    h.send(Action::OpenSearch)
        .send(Msg::Input('p'))
        .send(Msg::Input('e'))
        .send(Msg::Input('d'));
    let b = h.buffer(100, 30);
    let highlighted = b
        .content()
        .iter()
        .filter(|c| {
            c.modifier.contains(Modifier::UNDERLINED) && c.fg == THEME.match_char.fg.unwrap()
        })
        .count();
    assert!(highlighted >= 3);
}

#[test]
fn every_size_renders_without_panic() {
    let mut h = Harness::new();
    let sizes = (1..=200u16).flat_map(|w| (1..=60u16).map(move |hgt| (w, hgt)));
    for (w, hgt) in sizes.filter(|(w, h)| (*w <= 30 || w % 7 == 0) && (*h <= 20 || h % 5 == 0)) {
        h.buffer(w, hgt);
    }
    // Every popup with its content computed (influence bars, a convened council), at every
    // width around and above the minimum.
    h.analysing_shown();
    h.m.document.configs = PathBuf::from("configs");
    let popups: [&[Action]; 9] = [
        &[Action::OpenEvidence],
        &[Action::OpenDetail],
        &[Action::OpenSearch],
        &[Action::OpenHelp],
        &[Action::SaveAs],
        &[Action::OpenProfiles],
        &[Action::OpenInfluence],
        &[Action::OpenCouncil],
        &[Action::OpenCouncil, Action::Accept],
    ];
    for p in popups {
        h.send(Action::Close).send(Action::Close);
        for msg in p {
            h.send(*msg);
        }
        if matches!(p, [Action::OpenCouncil, ..]) {
            // The picker lists what the event loop would read from configs/.
            let listed = crate::tui::disk::list_council(&h.m.document.configs);
            h.send(Msg::CouncilListed(listed));
            if p.len() > 1 {
                h.send(Action::Accept);
            }
        }
        let widths = (1..=140u16).filter(|w| *w >= 55 || w % 10 == 0);
        for w in widths.chain([200, 300]) {
            for hgt in [1, 16, 23, 24, 30, 40, 90] {
                h.buffer(w, hgt);
            }
        }
    }
}

#[test]
fn unmatched_detail_popup() {
    let mut h = Harness::new();
    h.analysing_shown().send(Action::SwitchPanel);
    let row =
        h.m.matches
            .rows
            .iter()
            .position(|r| r.mentor.is_none())
            .unwrap();
    h.m.matches.selected_mentee = Some(h.m.matches.rows[row].mentee);
    h.send(Action::OpenDetail);
    snap("unmatched_detail_120x40", &mut h, 120, 40);
    snap("unmatched_detail_80x24", &mut h, 80, 24);
}

#[test]
fn influence_popup() {
    let mut h = Harness::new();
    h.analysing_shown().send(Action::OpenInfluence);
    snap("influence_120x40", &mut h, 120, 40);
    snap("influence_80x24", &mut h, 80, 24);
}

/// The README's key tables are generated from the keymap; `UPDATE_README_KEYS=1 cargo test`
/// rewrites them after a change of bindings.
#[test]
fn the_readme_lists_every_key_of_every_mode() {
    const START: &str = "<!-- keys: generated from src/tui/keys/bindings.rs by a test -->\n";
    const END: &str = "<!-- end of keys -->";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let from = readme.find(START).expect("the README's key table markers") + START.len();
    let to = from + readme[from..].find(END).expect("the end marker");
    let want = crate::tui::keys::help::markdown();
    if readme[from..to] == want {
        return;
    }
    if std::env::var_os("UPDATE_README_KEYS").is_some() {
        let updated = format!("{}{want}{}", &readme[..from], &readme[to..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "README.md's key tables differ from the keymap; run UPDATE_README_KEYS=1 cargo test, \
         or put this between the markers:\n{want}"
    );
}
