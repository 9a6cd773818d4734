//! End to end: mid-cycle in the real `dyad` binary. The sample's pairs exported, MR-012 gone and
//! two late mentees added; `dyad tui --current pairs.csv` opens on the curve, → selects the next
//! point, Enter writes its pairs beside the pairs file and a second Enter does not replace it.

use std::path::Path;
use std::process::Command;

use crate::pty::*;

#[path = "../common/mid_cycle.rs"]
mod now_pool;

/// The workspace with `pairs.csv` (the sample's pairs, as `export` writes them) and `now/`, the
/// pool as it is now.
fn mid_cycle() -> tempfile::TempDir {
    let dir = workspace();
    let export = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["export", "--data", "sample-data", "--out", "pairs.csv"])
        .args(["--profile", "configs/fall-2023.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(export.status.success(), "{export:?}");
    now_pool::write_now(&dir.path().join("sample-data"), &dir.path().join("now"));
    dir
}

#[test]
fn the_curve_opens_at_once_and_enter_writes_the_point_beside_the_pairs() {
    let dir = mid_cycle();
    let written = dir.path().join("pairs-rematch-1.csv");
    let mut d = Dyad::start_with(
        dir.path(),
        &["tui", "--data", "now", "--current", "pairs.csv"],
        &[],
    );
    let curve = d.wait_for(|s| s.contains("Pairs that move"), "the curve");
    assert!(curve.contains("Mid-cycle"), "{curve}");
    assert!(curve.contains("2 forced to change"), "{curve}");
    assert!(curve.contains("MR-012 (mentor-left)"), "{curve}");
    d.press(b"l");
    d.wait_for(|s| s.contains("At most 1 change:"), "the next point");
    d.press(b"\r");
    let status = d.wait_for(|s| s.contains("Wrote the new pairs"), "the file written");
    assert!(status.contains("pairs-rematch-1.csv"), "{status}");
    let csv = std::fs::read_to_string(&written).unwrap();
    assert!(csv.starts_with("mentee,mentor,score"), "{csv}");
    // Again: never over the file just written.
    d.press(b"\r");
    d.wait_for(|s| s.contains("never replaces"), "the refusal");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), csv);
    d.press(b"\x1b");
    d.wait_for(|s| !s.contains("Mid-cycle:"), "the view closed");
    d.press(b"q");
    let (status, _) = d.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    d.assert_restored();
}

#[test]
fn a_pairs_file_of_another_pool_is_refused_before_the_screen_is_taken() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("pairs.csv"),
        "mentee,mentor,score\nXX-001,YY-002,50.0\n",
    )
    .unwrap();
    let mut d = Dyad::start_with(
        dir.path(),
        &["tui", "--data", "sample-data", "--current", "pairs.csv"],
        &[],
    );
    let (status, _) = d.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 2);
    let text = d.wait_for(|s| s.contains("error:"), "the error");
    assert!(text.contains("pairs.csv:2:"), "{text}");
    assert!(Path::new(&dir.path().join("pairs.csv")).exists());
}
