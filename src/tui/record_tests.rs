//! The decision record is written on a thread of its own, so the keys never wait.

use std::sync::{Arc, Barrier, mpsc};

use crate::tui::action::{Action, Effect};
use crate::tui::disk::spawn_record;
use crate::tui::testkit::Harness;

/// The job returns before the record is written: the UI thread goes back to the keys while
/// the page is built. (The job's end is held until the caller has its answer, so a job
/// that wrote the page before returning could never finish.)
#[test]
fn the_record_is_written_on_its_own_thread() {
    let dir = tempfile::tempdir().unwrap();
    let configs = dir.path().join("configs");
    std::fs::create_dir(&configs).unwrap();
    let mut h = Harness::new();
    let order = match h.send_only(Action::WriteRecord).pop() {
        Some(Effect::WriteRecord(order)) => order,
        other => panic!("{other:?}"),
    };
    let status = h.m.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with("Writing the decision record"),
        "{status}"
    );
    let gate = Arc::new(Barrier::new(2));
    let (tx, rx) = mpsc::channel();
    let held = gate.clone();
    spawn_record(order, configs, move |r| {
        held.wait();
        tx.send(r).unwrap();
    })
    .unwrap();
    // Back here while the job waits at the gate: the caller was never blocked.
    gate.wait();
    let path = rx.recv().unwrap().unwrap();
    assert!(path.starts_with(dir.path().join("reports")), "{path:?}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("<svg"));
}
