//! Carrying out the effects `update` asks for that touch the file system. Each returns the
//! message that reports how it went.

use std::path::{Path, PathBuf};

use dyad::embedded;
use dyad::io::{Mode, write_atomic};
use dyad::profile::{self, now_stamp};

use crate::tui::action::{
    Effect, Msg, PairsOrder, ProfileEntry, RecordOrder, SaveError, SaveResult,
};

/// Runs a file effect; the jobs are the router's business and yield nothing here.
pub fn execute(effect: Effect, configs: &Path) -> Option<Msg> {
    match effect {
        Effect::Recompute(_)
        | Effect::Analyse(_)
        | Effect::Examine(_)
        | Effect::Keep(_)
        | Effect::Run(_) => None,
        Effect::ListProfiles => Some(Msg::ProfilesListed(list(configs))),
        Effect::ListCouncil => Some(Msg::CouncilListed(list_council(configs))),
        Effect::SaveProfile {
            path,
            mut profile,
            replace,
        } => {
            profile.saved = Some(now_stamp());
            let outcome = save(&path, &profile, replace);
            Some(Msg::Saved(Box::new(SaveResult {
                path,
                profile: *profile,
                outcome,
            })))
        }
        Effect::SaveOverrides { path, csv } => Some(Msg::OverridesSaved(
            write_atomic(&path, csv.as_bytes(), Mode::ReplaceWithBackup).map_err(|e| e.to_string()),
        )),
        Effect::WriteRecord(order) => Some(Msg::RecordWritten(write_record(&order, configs))),
        Effect::WritePairs(order) => Some(Msg::PairsWritten(write_pairs(&order))),
    }
}

/// A re-match point's pairs, as `dyad export` writes pairs, to a new file: never over an
/// existing one, and atomically (all or nothing).
fn write_pairs(order: &PairsOrder) -> Result<PathBuf, String> {
    let ev = &order.ev;
    let csv = dyad::report::export::matching_csv(&ev.pool, ev, &order.point.matching);
    let path = order.path.as_path();
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "{} exists and dyad never replaces it",
            dyad::error::escape(&path.display().to_string())
        ));
    }
    dyad::io::write_set(&[(path, csv.as_bytes())], &[], Mode::Create)
        .map(|_| order.path.clone())
        .map_err(|e| e.to_string())
}

/// The profiles in the configs folder; the built-in ones when it has none.
pub fn list(configs: &Path) -> Vec<ProfileEntry> {
    let found: Vec<ProfileEntry> = profile::list_dir(configs)
        .into_iter()
        .map(|(path, r)| ProfileEntry {
            file: Some(path),
            profile: r.map_err(|e| e.to_string()),
        })
        .collect();
    if !found.is_empty() {
        return found;
    }
    [embedded::fall_profile(), embedded::pilot_profile()]
        .into_iter()
        .map(|p| ProfileEntry {
            file: None,
            profile: Ok(p),
        })
        .collect()
}

/// The profiles a council can be made of: those in the configs folder, then those in its
/// members folder; the built-in ones when there are none.
pub fn list_council(configs: &Path) -> Vec<ProfileEntry> {
    let mut all = list(configs);
    let members = configs.join(crate::tui::state::council::MEMBERS);
    let found = profile::list_dir(&members)
        .into_iter()
        .map(|(path, r)| ProfileEntry {
            file: Some(path),
            profile: r.map_err(|e| e.to_string()),
        });
    if all.iter().all(|e| e.file.is_none()) {
        // Only the built-in profiles: members, when there are any, come alone.
        let found: Vec<ProfileEntry> = found.collect();
        if !found.is_empty() {
            all = found;
        }
    } else {
        all.extend(found);
    }
    all
}

fn save(
    path: &Path,
    p: &profile::Profile,
    replace: bool,
) -> Result<Option<std::path::PathBuf>, SaveError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| SaveError::Failed(format!("{}: {e}", dir.display())))?;
    }
    if !replace && path.exists() {
        return Err(SaveError::Exists);
    }
    profile::save(path, p, replace).map_err(|e| {
        if !replace && path.exists() {
            SaveError::Exists
        } else {
            SaveError::Failed(e.to_string())
        }
    })
}

/// The folder for decision records: `reports/` beside the configs folder.
pub fn reports_dir(configs: &Path) -> std::path::PathBuf {
    configs
        .parent()
        .map_or_else(|| Path::new("reports").to_path_buf(), |p| p.join("reports"))
}

/// Writes the record of an order into the reports folder.
fn write_record(order: &RecordOrder, configs: &Path) -> Result<std::path::PathBuf, String> {
    use dyad::report::folder::{Evaluated, write_record};
    let r = &order.results;
    write_record(
        &reports_dir(configs),
        &r.pool,
        Evaluated {
            evaluation: &r.current,
            file: order.current_file.as_deref(),
        },
        Some(Evaluated {
            evaluation: &r.baseline,
            file: order.baseline_file.as_deref(),
        }),
        order.cells,
        &now_stamp(),
    )
    .map_err(|e| e.to_string())
}

/// The decision record written off the UI thread: on a large pool building and writing the page
/// takes seconds, and the keys never wait (the status line says the record is being written).
/// Writes the record of `order` into the reports folder beside `configs` on a thread of its own
/// and hands the outcome (its path, or why not) to `done`. Returns at once; an error when no
/// thread could be started (then nothing is written and `done` is never called).
pub fn spawn_record(
    order: Box<RecordOrder>,
    configs: PathBuf,
    done: impl FnOnce(Result<PathBuf, String>) + Send + 'static,
) -> Result<(), String> {
    let job = move || {
        let outcome = match execute(Effect::WriteRecord(order), &configs) {
            Some(Msg::RecordWritten(r)) => r,
            _ => Err("the record job got no result".to_string()),
        };
        done(outcome);
    };
    std::thread::Builder::new()
        .name("record".into())
        .spawn(job)
        .map(drop)
        .map_err(|e| format!("no thread to write it on: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save_msg(dir: &Path, replace: bool) -> SaveResult {
        let effect = Effect::SaveProfile {
            path: dir.join("configs/new.toml"),
            profile: Box::new(embedded::fall_profile()),
            replace,
        };
        match execute(effect, dir) {
            Some(Msg::Saved(r)) => *r,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn saving_creates_then_refuses_then_replaces_with_backup() {
        let dir = tempfile::tempdir().unwrap();
        let first = save_msg(dir.path(), false);
        assert_eq!(first.outcome, Ok(None));
        assert!(first.profile.saved.is_some());
        let back = profile::load(&first.path).unwrap();
        assert_eq!(back.weights, embedded::fall_profile().weights);
        assert_eq!(save_msg(dir.path(), false).outcome, Err(SaveError::Exists));
        let again = save_msg(dir.path(), true);
        assert!(matches!(again.outcome, Ok(Some(_))));
    }

    #[test]
    fn a_council_is_chosen_from_the_profiles_and_the_members_folder() {
        let dir = tempfile::tempdir().unwrap();
        let members = dir.path().join("members");
        std::fs::create_dir_all(&members).unwrap();
        let text = profile::to_toml(&embedded::pilot_profile());
        std::fs::write(members.join("a.toml"), &text).unwrap();
        std::fs::write(members.join("b.toml"), "not = [toml").unwrap();
        // Only members: the built-in profiles are not offered beside them.
        let l = list_council(dir.path());
        assert_eq!(l.len(), 2);
        assert!(l[0].profile.is_ok() && l[1].profile.is_err());
        std::fs::write(dir.path().join("fall.toml"), &text).unwrap();
        let l = list_council(dir.path());
        let files: Vec<_> = l.iter().map(|e| e.file.clone().unwrap()).collect();
        assert_eq!(
            files,
            [
                dir.path().join("fall.toml"),
                members.join("a.toml"),
                members.join("b.toml")
            ]
        );
    }

    #[test]
    fn listing_falls_back_to_built_in_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let l = list(dir.path());
        assert_eq!(l.len(), 2);
        assert!(l.iter().all(|e| e.file.is_none() && e.profile.is_ok()));
    }
}
