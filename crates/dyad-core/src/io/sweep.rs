//! Temporary files of saves that never finished. A save writes `.dyad-tmp-<pid>-…` beside its
//! target and renames it into place; a dyad killed in between leaves that file behind (the
//! target itself is whole: the old version or the new). After each save dyad removes the ones
//! whose process is gone, so they do not pile up in a profiles folder. Files of a live process
//! (another dyad saving right now) and files it cannot tell the owner of are left alone.

use std::path::Path;

use super::stage::{JOURNAL, PREFIX};

/// The process that made a temporary file, from its name.
fn owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    rest.split_once('-')?.0.parse().ok()
}

/// Whether a process is running; `true` where that cannot be told.
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Removes the temporary files in `dir` left by dyad processes no longer running; returns how
/// many.
pub fn sweep(dir: &Path) -> usize {
    // A set of files being switched owns its staged files until the switch is complete.
    if dir.join(JOURNAL).exists() {
        return 0;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            owner(&name.to_string_lossy()).is_some_and(|pid| !alive(pid))
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::stage::prefix;
    use super::*;

    #[test]
    fn the_owner_is_read_from_the_name() {
        assert_eq!(owner(".dyad-tmp-4242-a1B2c3"), Some(4242));
        assert_eq!(owner(".dyad-tmp-a1B2c3"), None);
        assert_eq!(owner("fall.toml"), None);
        assert!(prefix().starts_with(PREFIX));
        assert_eq!(owner(&format!("{}x", prefix())), Some(std::process::id()));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_files_of_ended_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!("{PREFIX}{dead}-abc"));
        let live = dir.path().join(format!("{}def", prefix()));
        let unknown = dir.path().join(format!("{PREFIX}ghi"));
        let other = dir.path().join("fall.toml");
        for f in [&stale, &live, &unknown, &other] {
            std::fs::write(f, "x").unwrap();
        }
        assert_eq!(sweep(dir.path()), 1);
        assert!(!stale.exists());
        assert!(live.exists() && unknown.exists() && other.exists());
    }
}
