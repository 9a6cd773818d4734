//! Any text as a profile: parsing never panics, every message is safe to print, and a profile
//! that parses is saved and read back unchanged (after the first save, which rounds numbers to
//! the six decimals a profile keeps).

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

use dyad::profile::{self, Profile};
use dyad::io::safetext::has_unsafe;

fn round_trip(p: &Profile) -> Profile {
    let text = profile::to_toml(p);
    profile::parse(&text, Path::new("saved.toml"))
        .unwrap_or_else(|e| panic!("a saved profile does not parse: {e}\n{text}"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match profile::parse(text, Path::new("fuzz.toml")) {
        Ok(p) => {
            let once = round_trip(&p);
            assert_eq!(round_trip(&once), once);
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!has_unsafe(&msg), "unsafe message: {msg:?}");
        }
    }
    if let Err(e) = dyad::profile::settings::parse(text, Path::new("dyad-settings.toml")) {
        assert!(!has_unsafe(&e.to_string()));
    }
});
