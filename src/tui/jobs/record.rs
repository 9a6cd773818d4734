//! The decision record written off the UI thread: on a large pool building and writing the page
//! takes seconds, and the keys never wait (the status line says the record is being written).

use std::path::PathBuf;

use crate::tui::action::{Effect, Msg, RecordOrder};
use crate::tui::disk;

/// Writes the record of `order` into the reports folder beside `configs` on a thread of its own
/// and hands the outcome (its path, or why not) to `done`. Returns at once; an error when no
/// thread could be started (then nothing is written and `done` is never called).
pub fn spawn(
    order: Box<RecordOrder>,
    configs: PathBuf,
    done: impl FnOnce(Result<PathBuf, String>) + Send + 'static,
) -> Result<(), String> {
    let job = move || {
        let outcome = match disk::execute(Effect::WriteRecord(order), &configs) {
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
    use std::sync::{Arc, Barrier, mpsc};

    use super::*;
    use crate::tui::action::Action;
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
        spawn(order, configs, move |r| {
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
}
