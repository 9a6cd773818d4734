//! Any bytes as a pool file: reading them as CSV, then as mentees, mentors and overrides, never
//! panics; every message is free of anything that could drive a terminal, and every value that
//! loads is too.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use dyad::io::csvread::CsvFile;
use dyad::error::InputError;
use dyad::pool::{self, LoadOptions, Pool};
use dyad::io::safetext::has_unsafe;

fn sample() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(dyad::embedded::sample_pool)
}

fn clean_message(e: &InputError) {
    let msg = e.to_string();
    assert!(!has_unsafe(&msg), "unsafe message: {msg:?}");
}

fuzz_target!(|data: &[u8]| {
    let file = match CsvFile::parse(Path::new("fuzz.csv"), data) {
        Ok(f) => f,
        Err(e) => return clean_message(&e),
    };
    let opts = LoadOptions {
        ignore_columns: vec!["notes".into()],
    };
    match pool::load_mentees(&file, &opts) {
        Ok(mentees) => {
            for m in &mentees {
                let texts = [&m.id, &m.zip3, &m.specialty, &m.health_system];
                assert!(texts.iter().all(|t| !has_unsafe(t)), "{m:?}");
                let lists = [&m.identities, &m.wants_shared, &m.goals, &m.challenges];
                assert!(lists.iter().flat_map(|l| l.iter()).all(|t| !has_unsafe(t)));
            }
        }
        Err(e) => clean_message(&e),
    }
    match pool::load_mentors(&file, &opts) {
        Ok(mentors) => assert!(mentors.iter().all(|m| !has_unsafe(&m.specialty))),
        Err(e) => clean_message(&e),
    }
    if let Err(e) = pool::load_overrides(&file, sample()) {
        clean_message(&e);
    }
});
