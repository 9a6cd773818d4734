//! Writing a decision record into a folder (the terminal UI's `reports/` beside `configs/`):
//! one call from the current and baseline evaluations to the path of the new HTML file.

use std::path::{Path, PathBuf};

use crate::analysis::council::Council;
use crate::error::{Error, Result};
use crate::io::{self, Mode};
use crate::matching::engine::Evaluation;
use crate::pool::Pool;
use crate::privacy::SmallCells;
use crate::report::build::{self, Decision, RecordInputs};
use crate::report::fingerprint::Fingerprint;
use crate::report::record::Record;
use crate::report::{fingerprint, html};

/// An evaluated profile and the file it was loaded from (`None`: built in, or changed and not
/// saved; its fingerprint is then that of its TOML as dyad would save it).
#[derive(Debug, Clone, Copy)]
pub struct Evaluated<'a> {
    /// The profile, its matching and its summary.
    pub evaluation: &'a Evaluation,
    /// The file the profile was loaded from.
    pub file: Option<&'a Path>,
}

/// The fingerprints of a record's inputs: the pool's files, then each profile's.
pub fn fingerprints(
    pool: &Pool,
    profiles: &[(&str, Evaluated)],
) -> Result<Vec<fingerprint::Fingerprint>> {
    let mut out = fingerprint::of_pool(pool)?;
    for (what, e) in profiles {
        out.push(fingerprint::of_profile(
            what,
            e.file,
            &e.evaluation.profile,
        )?);
    }
    Ok(out)
}

/// The decision record of `current` against `baseline` (and the council, with its members'
/// files' fingerprints in `extra`), fingerprinting the pool and both profiles.
pub fn record(
    pool: &Pool,
    current: Evaluated,
    baseline: Option<Evaluated>,
    council: Option<&Council>,
    extra: Vec<Fingerprint>,
    cells: SmallCells,
    generated: &str,
) -> Result<Record> {
    let mut profiles = vec![("profile", current)];
    profiles.extend(baseline.map(|b| ("baseline profile", b)));
    let mut prints = fingerprints(pool, &profiles)?;
    prints.extend(extra);
    let names: Vec<Option<String>> = profiles
        .iter()
        .map(|(_, e)| e.file.map(fingerprint::file_name))
        .collect();
    let inputs = RecordInputs {
        pool,
        current: Decision {
            evaluation: current.evaluation,
            file: names[0].as_deref(),
        },
        baseline: baseline.map(|b| Decision {
            evaluation: b.evaluation,
            file: names[1].as_deref(),
        }),
        council,
        fingerprints: prints,
        generated: generated.to_string(),
        cells,
    };
    Ok(build::build(&inputs)?)
}

/// The longest profile part of a record's file name, in characters: with the time stamp and a
/// counter the name stays far below the 255 bytes file systems allow, whatever the profile's
/// name (a long name is cut at a word).
const MAX_STEM: usize = 60;

/// The profile part of a record's file name: the profile's name as a file name, shortened.
fn record_stem(profile_name: &str) -> String {
    let slug = crate::profile::file_name_for(profile_name);
    let slug = slug.trim_end_matches(".toml");
    if slug.len() <= MAX_STEM {
        return slug.to_string();
    }
    // The slug is ASCII: letters, digits and single hyphens.
    let cut = &slug[..MAX_STEM];
    let cut = cut.rsplit_once('-').map_or(cut, |(head, _)| head);
    cut.trim_end_matches('-').to_string()
}

/// Writes the decision record of `current` against `baseline` into `dir` (created when
/// missing) as `decision-<profile name>-<time>.html`, never replacing a file, and returns its
/// path. `generated` is the time stamp (RFC 3339) written in the record and in its name. The
/// terminal UI's key for "write the record into reports/" calls this.
pub fn write_record(
    dir: &Path,
    pool: &Pool,
    current: Evaluated,
    baseline: Option<Evaluated>,
    cells: SmallCells,
    generated: &str,
) -> Result<PathBuf> {
    let rec = record(pool, current, baseline, None, Vec::new(), cells, generated)?;
    let page = html::render(&rec);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let stem = record_stem(&current.evaluation.profile.name);
    let stamp: String = generated
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!("decision-{stem}-{stamp}{suffix}.html"));
        if path.exists() {
            continue;
        }
        io::write_atomic(&path, page.as_bytes(), Mode::Create)?;
        return Ok(path);
    }
    Err(Error::Other(format!(
        "{}: no free name for the decision record",
        dir.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_profile_name_gives_a_short_file_name_cut_at_a_word() {
        assert_eq!(record_stem("Fall 2023 program"), "fall-2023-program");
        let long = "Council draft after the second meeting ".repeat(9);
        let stem = record_stem(&long);
        assert!(stem.len() <= MAX_STEM, "{stem}");
        assert!(stem.starts_with("council-draft-after-the-second-meeting-council"));
        assert!(!stem.ends_with('-'));
        assert!(
            "council-draft-after-the-second-meeting".contains(stem.rsplit('-').next().unwrap())
        );
        assert_eq!(record_stem(&"x".repeat(325)).len(), MAX_STEM);
    }
}
