//! SHA-256 fingerprints of a record's inputs, so that anyone can check later, with
//! `sha256sum FILE`, that a record was made from the files in hand. Only file names are kept,
//! never the folders of the user's machine.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::pool::{Pool, files};
use crate::profile::Profile;

/// One input and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// What the input is: "mentees", "profile", "council member", …
    pub what: String,
    /// The file name (no folder), or a note such as "built-in copy".
    pub file: String,
    /// Lower-case hex.
    pub sha256: String,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, read from `file` as the input `what`.
    pub fn of_bytes(what: &str, file: &str, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            what: what.into(),
            file: file.into(),
            sha256: hex::encode(Sha256::digest(bytes)),
        }
    }

    /// The fingerprint of a file, named by its file name only.
    pub fn of_file(what: &str, path: &Path) -> Result<Fingerprint> {
        // Through the bounded reader: a pipe or device at the path is refused, not waited on.
        let bytes = crate::io::read_bounded(path, crate::io::MAX_CSV_BYTES)?;
        Ok(Fingerprint::of_bytes(what, &file_name(path), &bytes))
    }
}

/// A path's last component, made safe to show.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || crate::error::escape(&path.display().to_string()),
        |n| crate::error::escape(&n.to_string_lossy()),
    )
}

/// The pool's files (`mentees.csv`, `mentors.csv`, and `overrides.csv` when present), or the
/// built-in sample's bytes when the pool came from no folder.
pub fn of_pool(pool: &Pool) -> Result<Vec<Fingerprint>> {
    match &pool.source.dir {
        Some(dir) => {
            let mut out = vec![
                Fingerprint::of_file("mentees", &dir.join(files::MENTEES))?,
                Fingerprint::of_file("mentors", &dir.join(files::MENTORS))?,
            ];
            let overrides = dir.join(files::OVERRIDES);
            if overrides.exists() {
                out.push(Fingerprint::of_file("pins and bans", &overrides)?);
            }
            Ok(out)
        }
        None => Ok(vec![
            Fingerprint::of_bytes(
                "mentees",
                &format!("{} (built-in sample)", files::MENTEES),
                crate::embedded::SAMPLE_MENTEES,
            ),
            Fingerprint::of_bytes(
                "mentors",
                &format!("{} (built-in sample)", files::MENTORS),
                crate::embedded::SAMPLE_MENTORS,
            ),
        ]),
    }
}

/// A profile's file, or, for a profile held only in memory (built in, or changed and not
/// saved), its text as dyad would save it.
pub fn of_profile(what: &str, file: Option<&Path>, profile: &Profile) -> Result<Fingerprint> {
    match file {
        Some(path) => Fingerprint::of_file(what, path),
        None => Ok(Fingerprint::of_bytes(
            what,
            "not saved to a file (digest of its TOML as dyad writes it)",
            crate::profile::to_toml(profile).as_bytes(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_sha256_and_names_have_no_folder() {
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        let f = Fingerprint::of_bytes("x", "x", b"abc");
        assert_eq!(
            f.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fall.toml");
        std::fs::write(&p, b"abc").unwrap();
        let f = Fingerprint::of_file("profile", &p).unwrap();
        assert_eq!((f.file.as_str(), f.sha256.len()), ("fall.toml", 64));
        assert!(Fingerprint::of_file("profile", &dir.path().join("nope")).is_err());
    }
}
