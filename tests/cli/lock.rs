//! Two dyad processes on one configs folder: while one holds the profiles' lock, the other is
//! told they are in use; when the holder ends, even by being killed, the lock is free again.
//!
//! The holder is this test binary itself, started with a filter that runs only
//! `child_holds_the_lock` and an environment variable naming the folder.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use dyad::io::ProfileLock;

const CHILD: &str = "DYAD_LOCK_TEST_CONFIGS";

/// The child: does nothing unless started by the test below.
#[test]
fn child_holds_the_lock() {
    let Some(dir) = std::env::var_os(CHILD) else {
        return;
    };
    let _lock = ProfileLock::acquire(dir.as_ref()).unwrap().expect("free");
    println!("locked");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn a_second_process_finds_the_profiles_in_use_until_the_first_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["lock::child_holds_the_lock", "--exact", "--nocapture"])
        .env(CHILD, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines.any(|l| l.unwrap() == "locked"),
        "the child never locked"
    );

    let second = ProfileLock::acquire(dir.path()).unwrap();
    assert!(second.is_none(), "two processes hold the lock");

    child.kill().unwrap();
    child.wait().unwrap();
    let third = ProfileLock::acquire(dir.path()).unwrap();
    assert!(third.is_some(), "a killed holder still holds the lock");
}
