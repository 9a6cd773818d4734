//! Unit tests of `update` for saving profiles and overrides, and for quitting.

use std::path::PathBuf;

use dyad::embedded;

use crate::tui::action::{Action, Effect, Msg, SaveError, SaveResult};
use crate::tui::state::{Field, Pending, Top};
use crate::tui::testkit::Harness;

fn confirm_question(h: &Harness) -> String {
    match &h.m.top {
        Top::Confirm(c) => c.question.clone(),
        other => panic!("no question: {other:?}"),
    }
}

#[test]
fn save_asks_before_replacing_the_file() {
    let mut h = Harness::new();
    h.send(Action::Save);
    assert!(
        h.m.status
            .as_ref()
            .unwrap()
            .text
            .starts_with("No changes to save")
    );
    h.send(Action::Change(crate::tui::action::Step::Up))
        .send(Action::Save);
    assert!(confirm_question(&h).contains("Replace configs/fall-2023.toml"));
    assert!(confirm_question(&h).contains(".dyad-backup"));
    h.send(Action::No);
    assert_eq!(h.m.top, Top::Main);
    h.send(Action::Save).send(Action::Yes);
    let [
        Effect::SaveProfile {
            path,
            profile,
            replace: true,
        },
    ] = &h.effects[..]
    else {
        panic!("{:?}", h.effects)
    };
    assert_eq!(path, &PathBuf::from("configs/fall-2023.toml"));
    assert_eq!(profile.weights[0], 0.95);
}

#[test]
fn a_built_in_profile_is_saved_as_a_new_one() {
    let mut h = Harness::new();
    h.m.document.current_file = None;
    h.send(Action::Save);
    assert!(matches!(h.m.top, Top::SaveAs(_)));
}

#[test]
fn save_as_takes_a_name_and_description_and_never_overwrites_silently() {
    let mut h = Harness::new();
    h.send(Action::Change(crate::tui::action::Step::Up))
        .send(Action::SaveAs);
    h.send(Action::Accept);
    assert!(h.m.status.as_ref().unwrap().text.contains("name"));
    for c in "Fall 2024 draft".chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Backspace)
        .send(Msg::Input('t'))
        .send(Action::Accept);
    let Top::SaveAs(f) = &h.m.top else { panic!() };
    assert_eq!(
        (f.name.as_str(), f.field),
        ("Fall 2024 draft", Field::Description)
    );
    h.send(Action::ClearField);
    for c in "More proximity".chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept);
    let [
        Effect::SaveProfile {
            path,
            profile,
            replace: false,
        },
    ] = &h.effects[..]
    else {
        panic!("{:?}", h.effects)
    };
    assert_eq!(path, &PathBuf::from("configs/fall-2024-draft.toml"));
    assert_eq!(
        (profile.name.as_str(), profile.description.as_str()),
        ("Fall 2024 draft", "More proximity")
    );
    let (path, profile) = (path.clone(), (**profile).clone());
    // The file exists: ask, then replace with a backup.
    h.send(Msg::Saved(Box::new(SaveResult {
        path: path.clone(),
        profile: profile.clone(),
        outcome: Err(SaveError::Exists),
    })));
    assert!(confirm_question(&h).contains("already exists"));
    h.send(Action::Yes);
    assert!(matches!(
        &h.effects[..],
        [Effect::SaveProfile { replace: true, .. }]
    ));
    let mut written = profile.clone();
    written.saved = Some("2026-01-01T00:00:00Z".into());
    h.send(Msg::Saved(Box::new(SaveResult {
        path: path.clone(),
        profile: written,
        outcome: Ok(None),
    })));
    assert_eq!(h.m.document.current_file, Some(path));
    assert_eq!(h.m.document.current.name, "Fall 2024 draft");
    assert!(!h.m.profile_modified());
    h.send(Msg::Saved(Box::new(SaveResult {
        path: PathBuf::from("x.toml"),
        profile,
        outcome: Err(SaveError::Failed("disk full".into())),
    })));
    assert!(h.m.status.as_ref().unwrap().text.contains("disk full"));
}

#[test]
fn save_as_writes_a_profile_that_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new();
    h.files = true;
    h.m.document.configs = dir.path().join("configs");
    h.send(Action::Change(crate::tui::action::Step::FineUp))
        .send(Action::SaveAs);
    for c in "Test profile".chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept).send(Action::Accept);
    let file = dir.path().join("configs/test-profile.toml");
    let back = dyad::profile::load(&file).unwrap();
    assert_eq!(back.weights[0], 0.91);
    assert!(back.saved.is_some());
    assert!(!h.m.profile_modified());
    // Saving as the same name again asks; yes keeps a backup.
    h.send(Action::SaveAs);
    for c in "Test profile".chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept).send(Action::Accept);
    assert!(confirm_question(&h).contains("already exists"));
    h.send(Action::Yes);
    assert_eq!(dyad::io::list_backups(&file).len(), 1);
}

/// After "save as", `R` files the record under the profile as saved: its name, description,
/// file and saved time, not those of the profile the weights were first matched under.
#[test]
fn a_record_after_save_as_names_the_profile_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new();
    h.files = true;
    h.m.document.configs = dir.path().join("configs");
    let old = h.m.document.current.name.clone();
    h.send(Action::Change(crate::tui::action::Step::FineUp))
        .send(Action::SaveAs);
    let name = "Council draft after second meeting";
    for c in name.chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept);
    for c in "Weights agreed at the second meeting".chars() {
        h.send(Msg::Input(c));
    }
    h.send(Action::Accept);
    let file = dir
        .path()
        .join("configs/council-draft-after-second-meeting.toml");
    assert!(file.exists());
    let saved = h.m.document.current.saved.clone().unwrap();
    let order = match &h.send_only(Action::WriteRecord)[..] {
        [Effect::WriteRecord(order)] => order.clone(),
        other => panic!("{other:?}"),
    };
    let profile = &order.results.current.profile;
    assert_eq!(profile.name, name);
    assert_eq!(profile.description, "Weights agreed at the second meeting");
    assert_eq!(profile.saved.as_deref(), Some(saved.as_str()));
    assert_eq!(order.current_file.as_deref(), Some(file.as_path()));
    h.send(Action::WriteRecord);
    let written: Vec<PathBuf> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let page = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        page.contains(name),
        "the record is titled with the saved name"
    );
    assert!(page.contains("Weights agreed at the second meeting"));
    assert!(!page.contains(&format!("<h1>{old}")), "not the old name");
    assert!(
        written[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("decision-council-draft-after-second-meeting-")
    );
}

#[test]
fn quitting_asks_only_with_unsaved_changes() {
    let mut h = Harness::new();
    h.send(Action::Quit);
    assert!(h.m.quit);
    let mut h = Harness::new();
    h.send(Action::Change(crate::tui::action::Step::Up))
        .send(Action::Quit);
    assert!(!h.m.quit);
    assert!(confirm_question(&h).contains("Fall 2023 program"));
    h.send(Action::No);
    assert!(!h.m.quit && h.m.top.is_main());
    h.send(Action::Quit).send(Action::Yes);
    assert!(h.m.quit);
    // Ctrl-c in a popup asks too; at the question it quits at once.
    let mut h = Harness::new();
    h.send(Action::Change(crate::tui::action::Step::Up))
        .send(Action::OpenSearch)
        .send(Action::Quit);
    assert!(confirm_question(&h).contains("Quit without saving"));
    let mut h = Harness::new();
    h.send(Action::Change(crate::tui::action::Step::Up))
        .send(Action::Quit)
        .send(Action::Quit);
    assert!(h.m.quit);
}

#[test]
fn overrides_are_written_only_for_a_pool_from_a_folder() {
    let mut h = Harness::new();
    h.send(Action::SwitchPanel)
        .send(Action::Ban)
        .send(Action::SaveOverrides);
    assert!(h.effects.is_empty());
    assert!(h.m.status.as_ref().unwrap().text.contains("no folder"));
    assert!(confirm_question(h.send(Action::Quit)).contains("pins and bans"));

    let dir = tempfile::tempdir().unwrap();
    let mut pool = embedded::sample_pool();
    pool.source.dir = Some(dir.path().to_path_buf());
    let mut h = Harness::with_pool(pool);
    h.files = true;
    h.send(Action::SwitchPanel)
        .send(Action::Ban)
        .send(Action::SaveOverrides);
    assert!(matches!(&h.effects[..], [Effect::SaveOverrides { .. }]));
    let csv = std::fs::read_to_string(dir.path().join("overrides.csv")).unwrap();
    assert!(csv.starts_with("mentee,mentor,action\n") && csv.contains(",ban"));
    assert!(!h.m.overrides_modified());
    h.send(Msg::OverridesSaved(Err("read-only".into())));
    assert!(h.m.status.as_ref().unwrap().text.contains("read-only"));
}

#[test]
fn pending_replace_keeps_the_profile_to_write() {
    let mut h = Harness::new();
    h.send(Action::Change(crate::tui::action::Step::Up))
        .send(Action::Save);
    let Top::Confirm(c) = &h.m.top else { panic!() };
    assert!(matches!(&c.on_yes, Pending::Replace { profile, .. } if profile.weights[0] == 0.95));
}

#[test]
fn settings_without_a_file_are_saved_as_a_new_profile_named_like_them() {
    let mut h = Harness::new();
    h.m.document.current_file = None;
    h.send(Action::Save);
    match &h.m.top {
        Top::SaveAs(form) => assert_eq!(form.name, h.m.document.current.name),
        other => panic!("{other:?}"),
    }
    // With a file, a new profile needs a new name.
    let mut h = Harness::new();
    h.send(Action::SaveAs);
    match &h.m.top {
        Top::SaveAs(form) => assert_eq!(form.name, ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_name_is_refused_inside_the_form() {
    let mut h = Harness::new();
    h.send(Action::SaveAs).send(Action::Accept);
    assert!(matches!(h.m.top, Top::SaveAs(_)));
    let screen = h.screen(100, 30);
    let form: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Type a name for the new profile first"))
        .collect();
    // In the form itself (between its borders), not only on the status line.
    assert!(form.iter().any(|l| l.contains('│')), "{screen}");
}

#[test]
fn typing_replaces_a_filled_in_name_and_backspace_edits_it() {
    let mut h = Harness::new();
    h.m.document.current_file = None;
    let name = h.m.document.current.name.clone();
    h.send(Action::SaveAs);
    for c in "Draft".chars() {
        h.send(Msg::Input(c));
    }
    let form = |h: &Harness| match &h.m.top {
        Top::SaveAs(f) => f.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(form(&h).name, "Draft");
    // Filled in again, Backspace edits it instead.
    h.send(Action::Close)
        .send(Action::SaveAs)
        .send(Action::Backspace);
    let mut shorter = name.clone();
    shorter.pop();
    assert_eq!(form(&h).name, shorter);
    h.send(Msg::Input('!'));
    assert_eq!(form(&h).name, format!("{shorter}!"));
    // Enter keeps a filled-in name; the description is filled in too, and typing replaces it.
    h.send(Action::Close)
        .send(Action::SaveAs)
        .send(Action::Accept);
    assert_eq!(form(&h).name, name);
    assert_eq!(form(&h).field, Field::Description);
    h.send(Msg::Input('x'));
    assert_eq!(form(&h).description, "x");
}

#[test]
fn r_writes_the_decision_record_into_reports_beside_configs_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new();
    h.m.document.configs = dir.path().join("configs");
    std::fs::create_dir(&h.m.document.configs).unwrap();
    // A changed profile is fingerprinted as it stands, not as the file it came from.
    h.send(Action::Change(crate::tui::action::Step::Up));
    let effects = h.send_only(Action::WriteRecord);
    match &effects[..] {
        [Effect::WriteRecord(order)] => assert_eq!(order.current_file, None),
        other => panic!("{other:?}"),
    }
    h.files = true;
    h.send(Action::WriteRecord);
    let status = h.m.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with("Wrote the decision record to "),
        "{status}"
    );
    let written: Vec<PathBuf> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(status.contains(&*written[0].file_name().unwrap().to_string_lossy()));
    let page = std::fs::read_to_string(&written[0]).unwrap();
    assert!(
        page.contains("<svg") && page.contains(&h.m.document.current.name),
        "a page of the decision"
    );
    // Before any result there is nothing to write.
    let mut fresh = Harness::new();
    fresh.m.solve.results = None;
    assert!(fresh.send_only(Action::WriteRecord).is_empty());
    assert!(
        fresh
            .m
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("No matching yet")
    );
}
