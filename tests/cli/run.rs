//! Running the real `dyad` binary and reading what it says: the helpers of the command-line
//! tests.

// Not every test file needs every helper.

use std::path::Path;
use std::process::{Command, Output};

use dyad::pool::files::{MENTEES, MENTORS};
use serde_json::Value;

/// `dyad ARGS` in the repository (its `configs/` and `sample-data/`).
pub fn dyad(args: &[&str]) -> Output {
    dyad_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// `dyad ARGS` in `dir`.
pub fn dyad_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("dyad runs")
}

/// The standard output of a run that succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// The JSON printed by `dyad ARGS` in the repository, which must succeed.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(&dyad(args))).expect("valid JSON")
}

/// The message of a run refused as bad input: exit 2 and one line starting `error: `.
pub fn bad(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

/// A file only its owner may read or write (mode 0600), as every file with people's data is.
pub fn assert_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
}

/// The text of `dir/file`.
pub fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

/// Copies the sample pool's two files into `dir` (which must exist).
pub fn copy_sample_pool(dir: &Path) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for f in [MENTEES, MENTORS] {
        std::fs::copy(sample.join(f), dir.join(f)).unwrap();
    }
}

/// A working copy of the repository's inputs (configs/ with members, sample-data/) in a
/// temporary folder, so that a test of what dyad must never overwrite cannot damage the real
/// files if dyad does.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["configs", "configs/members", "sample-data"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(root.join(sub)).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|x| x.to_str());
            if p.is_file() && matches!(ext, Some("toml" | "csv")) {
                std::fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// `dyad export --profile configs/fall-2023.toml --force`, with `extra` arguments, in `dir`.
pub fn export_forced(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["export", "--profile", "configs/fall-2023.toml", "--force"];
    args.extend_from_slice(extra);
    dyad_in(dir, &args)
}

/// The arguments of `dyad generate` for a pool of 10 mentees and 10 mentors in `out`.
pub fn generate_small(out: &str) -> Vec<&str> {
    vec![
        "generate",
        "--mentees",
        "10",
        "--mentors",
        "10",
        "--out",
        out,
    ]
}

/// Runs dyad with `args` in `dir` (no standard input), killed after a minute if it has not
/// finished: a hang (on a named pipe, a device) is a failure, not a wait.
pub fn dyad_within_a_minute<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(
    dir: &std::path::Path,
    args: &[S],
) -> std::process::Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("dyad {args:?} hung");
}
