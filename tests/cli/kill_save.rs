//! Saving survives being killed: a child process saves a profile over and over (the way dyad
//! saves: atomically, keeping the previous version as a backup), the parent kills it at random
//! points, and after every kill the profile must parse as one of the two versions being saved,
//! as must every backup. 1,000 saves in all.
//!
//! The child is this test binary itself, started with a filter that runs only
//! `child_saves_until_killed` and an environment variable naming the profile to save.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use rand::{Rng, SeedableRng};

use dyad::io::Mode;
use dyad::profile::{self, Profile};

const CHILD: &str = "DYAD_KILL_SAVE_PROFILE";
const SAVES: usize = 1000;

/// The two versions saved in turn: different in every section, and long enough that a write
/// takes more than one system call's worth of bytes.
fn versions() -> [Profile; 2] {
    let mut a = dyad::embedded::fall_profile();
    let mut b = dyad::embedded::pilot_profile();
    a.description = "a".repeat(20_000);
    b.description = "b".repeat(30_000);
    [a, b]
}

fn same(p: &Profile, q: &Profile) -> bool {
    Profile {
        saved: None,
        ..p.clone()
    } == Profile {
        saved: None,
        ..q.clone()
    }
}

fn save(path: &Path, p: &Profile) {
    let mut p = p.clone();
    p.saved = Some(profile::now_stamp());
    dyad::io::write_atomic(
        path,
        profile::to_toml(&p).as_bytes(),
        Mode::ReplaceWithBackup,
    )
    .unwrap();
}

/// The child: does nothing unless started by the parent below.
#[test]
fn child_saves_until_killed() {
    let Some(path) = std::env::var_os(CHILD).map(PathBuf::from) else {
        return;
    };
    let versions = versions();
    for i in 0.. {
        save(&path, &versions[i % 2]);
        println!("saved {i}");
    }
}

fn check(path: &Path, versions: &[Profile; 2], seed: u64) {
    let p = profile::load(path).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    assert!(
        versions.iter().any(|v| same(v, &p)),
        "seed {seed}: neither version"
    );
}

#[test]
fn a_profile_killed_mid_save_is_always_the_old_or_the_new_version() {
    let seed: u64 = rand::rng().random();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    // A kill loses no data from the page cache, so what this tests (a reader sees a whole old or
    // new file) holds the same in memory; /dev/shm keeps the thousands of syncs fast.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let path = dir.path().join("council.toml");
    let versions = versions();
    save(&path, &versions[0]);

    let mut saves = 0;
    let mut kills = 0;
    while saves < SAVES {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "kill_save::child_saves_until_killed",
                "--exact",
                "--nocapture",
            ])
            .args(["--test-threads", "1"])
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it finish some saves, then kill it somewhere inside the next one.
        let wanted = rng.random_range(1..=60).min(SAVES - saves);
        let mut done = 0;
        while done < wanted {
            match lines.next() {
                Some(Ok(l)) if l.starts_with("saved ") => done += 1,
                Some(_) => {}
                None => panic!("seed {seed}: the child stopped by itself"),
            }
        }
        std::thread::sleep(Duration::from_micros(rng.random_range(0..3000)));
        child.kill().unwrap();
        child.wait().unwrap();
        // Saves it reported after the count was reached also happened.
        done += lines
            .map_while(Result::ok)
            .filter(|l| l.starts_with("saved "))
            .count();
        saves += done;
        kills += 1;
        check(&path, &versions, seed);
    }

    // Every previous version kept is whole too.
    let backups = dyad::io::list_backups(&path);
    assert!(backups.len() >= SAVES, "{} backups", backups.len());
    for b in backups.iter().step_by(7) {
        check(b, &versions, seed);
    }
    assert!(kills >= 10, "{kills} kills");
    let temps = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".dyad-tmp-")
            })
            .count()
    };
    let torn = temps(dir.path());
    eprintln!("{saves} saves, {kills} kills, {torn} of them in the middle of writing a file");
    // The next save clears what the killed ones left behind, and leaves nothing of its own.
    dyad::io::write_atomic(&path, b"after = true\n", Mode::ReplaceWithBackup).unwrap();
    assert_eq!(temps(dir.path()), 0);
    assert_eq!(temps(&dyad::io::backup_dir(&path)), 0);
}
