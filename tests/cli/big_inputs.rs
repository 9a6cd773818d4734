//! Big inputs through the real binary: a 200 MB pool file is refused before it is read (dyad
//! keeps memory bounded by refusing files over its documented limit), and a pool of 100,000
//! mentees loads and is audited.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use dyad::pool::files::{MENTEES, MENTORS};

use crate::run::dyad_in;

const HEADER: &str = "id,zip3,specialty,health_system,training_completed,identities,wants_shared,goals,challenges,meeting_format,hours_per_month,languages\n";

const SPECIALTIES: [&str; 4] = [
    "internal medicine",
    "pediatrics",
    "family medicine",
    "surgery",
];
const ZIP3S: [&str; 5] = ["010", "011", "016", "021", "024"];

fn mentee_row(i: usize) -> String {
    format!(
        "ME-{i:06},{},{},HS-{:02},{},{},,leadership;research,burnout,{},{},english\n",
        ZIP3S[i % ZIP3S.len()],
        SPECIALTIES[i % SPECIALTIES.len()],
        i % 7,
        2015 + i % 9,
        ["woman", "img", "urm;woman", ""][i % 4],
        ["in-person", "virtual", "either"][i % 3],
        1 + i % 4,
    )
}

/// Writes a mentees file of `rows` rows, or of at least `min_bytes` bytes.
fn write_mentees(path: &Path, rows: usize, min_bytes: usize) {
    let mut w = BufWriter::new(std::fs::File::create(path).unwrap());
    w.write_all(HEADER.as_bytes()).unwrap();
    let mut written = HEADER.len();
    let mut i = 0;
    while i < rows || written < min_bytes {
        let row = mentee_row(i);
        w.write_all(row.as_bytes()).unwrap();
        written += row.len();
        i += 1;
    }
    w.flush().unwrap();
}

fn copy_mentors(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("sample-data").join(MENTORS), dir.join(MENTORS)).unwrap();
}

#[test]
fn a_200_mb_pool_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    copy_mentors(&data);
    // Real rows, not a sparse file: 200 MB.
    write_mentees(&data.join(MENTEES), 0, 200 * 1024 * 1024);
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();

    let start = Instant::now();
    let out = dyad_in(dir.path(), &["check", "--data", "data"]);
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with("error: data/mentees.csv:"), "{err}");
    assert!(err.contains("at most 64 MB"), "{err}");
    assert!(out.stdout.is_empty());
    // Refused from its size alone: reading 200 MB would take far longer.
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before.len());
}

#[test]
fn a_pool_of_100000_mentees_loads_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    write_mentees(&dir.path().join(MENTEES), 100_000, 0);
    copy_mentors(dir.path());
    let out = dyad_in(dir.path(), &["check", "--data", "."]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("100000 mentees"), "{text}");
    assert!(text.contains("mentees: 100000 records"), "{text}");
}
