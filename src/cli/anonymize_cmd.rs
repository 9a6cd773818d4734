//! `dyad anonymize`: a raw intake export becomes an anonymized pool. Everything is checked
//! before anything is written; the output files are written atomically and never replace
//! existing ones without `--force`; the summary names columns and counts, never a value.

use std::path::Path;

use dyad::error::{Error, InputError, Result};
use dyad::intake::{self, FileReport, key};
use dyad::io::{self, Mode};
use dyad::privacy;

use super::trust_args::AnonymizeArgs;
use super::{emit, inputs};

/// A path as shown: nothing in a file name may drive the terminal.
fn shown(path: &std::path::Path) -> String {
    dyad::error::escape(&path.display().to_string())
}

fn refuse(path: &Path, expected: impl Into<String>) -> Error {
    InputError::new(path, expected).into()
}

fn file_lines(name: &str, r: &FileReport) -> String {
    let mut text = format!("  {name}: {} rows\n", r.rows);
    let identifiers: Vec<String> = r
        .dropped
        .iter()
        .filter_map(|(col, kind)| kind.map(|k| format!("{col} ({})", k.describe())))
        .collect();
    let others: Vec<&str> = r
        .dropped
        .iter()
        .filter(|(_, kind)| kind.is_none())
        .map(|(col, _)| col.as_str())
        .collect();
    if !identifiers.is_empty() {
        text.push_str(&format!(
            "    dropped direct identifiers: {}\n",
            identifiers.join(", ")
        ));
    }
    if !others.is_empty() {
        text.push_str(&format!(
            "    dropped columns the pool has no place for: {}\n",
            others.join(", ")
        ));
    }
    if r.zip3_suppressed > 0 {
        text.push_str(&format!(
            "    {} ZIP codes in areas under 20,000 people published as 000\n",
            r.zip3_suppressed
        ));
    }
    if r.dates_to_years > 0 {
        text.push_str(&format!(
            "    {} dates of training_completed reduced to their year\n",
            r.dates_to_years
        ));
    }
    text
}

pub fn run(args: &AnonymizeArgs) -> Result<()> {
    let (input, out) = (key::resolve(&args.input), key::resolve(&args.out));
    if out.starts_with(&input) {
        return Err(refuse(
            &args.out,
            "an output folder outside the raw export's folder (the anonymized pool must not sit \
             beside the raw data)",
        ));
    }
    if !args.input.is_dir() {
        return Err(refuse(
            &args.input,
            "a folder with the raw mentees.csv and mentors.csv",
        ));
    }
    intake::check_location(&args.key_file, &[&args.input, &args.out])?;
    let has_overrides = args.input.join("overrides.csv").exists();
    let mut targets = vec![args.out.join("mentees.csv"), args.out.join("mentors.csv")];
    if has_overrides {
        targets.push(args.out.join("overrides.csv"));
    }
    let mut read: Vec<(std::path::PathBuf, &str)> = vec![
        (args.input.join("mentees.csv"), "the raw mentees.csv"),
        (args.input.join("mentors.csv"), "the raw mentors.csv"),
        (args.input.join("overrides.csv"), "the raw overrides.csv"),
        (args.key_file.clone(), "the key file"),
    ];
    read.extend(inputs::config_files());
    for t in &targets {
        inputs::refuse_folder(t, "--out", "a folder where the pool's files are files")?;
        inputs::refuse_inputs(t, "--out", &read)?;
    }
    if args.out.exists() && !args.out.is_dir() {
        return Err(
            InputError::new(&args.out, "a folder to write the anonymized pool into")
                .field("--out")
                .problem("this is a file, not a folder")
                .into(),
        );
    }
    // An overrides.csv from an earlier run counts too: left beside a new pool, it would pin and
    // ban other people.
    let stale = args.out.join("overrides.csv");
    if !args.force
        && let Some(existing) = targets.iter().chain([&stale]).find(|p| p.exists())
    {
        return Err(InputError::new(
            existing,
            "a folder without a pool (add --force to replace it)",
        )
        .value("file exists")
        .into());
    }

    // The key is created only once the export has been anonymized without error.
    let existing_key = args.key_file.exists();
    let the_key = if existing_key {
        key::load(&args.key_file)?
    } else {
        key::generate()?
    };
    let result = intake::anonymize_dir(&args.input, &the_key)?;
    if !existing_key {
        key::create(&args.key_file, &the_key)?;
    }

    inputs::create_out_dir(&args.out, "--out")?;
    // A replaced file is kept in .dyad-backup beside it: --force never loses a file.
    let mode = if args.force {
        Mode::ReplaceWithBackup
    } else {
        Mode::Create
    };
    let mut texts = vec![&result.mentees_csv, &result.mentors_csv];
    if let Some(o) = &result.overrides_csv {
        texts.push(o);
    }
    let files: Vec<(&Path, &[u8])> = targets
        .iter()
        .zip(texts)
        .map(|(p, t)| (p.as_path(), t.as_bytes()))
        .collect();
    // One set: a kill or a full disk leaves the old pool or the new one, never a mix.
    io::write_set(&files, &[&stale], mode)?;

    let k = inputs::settings()?.k_anonymity;
    let (me, mr) = privacy::k_anonymity(&result.pool, k);
    let mut text = format!(
        "Anonymized {} into {} ({} key {})\n",
        shown(&args.input),
        shown(&args.out),
        if existing_key {
            "with the"
        } else {
            "with a new"
        },
        shown(&args.key_file)
    );
    text.push_str(&file_lines("mentees.csv", &result.mentees));
    text.push_str(&file_lines("mentors.csv", &result.mentors));
    if result.overrides_csv.is_some() {
        text.push_str(&format!(
            "  overrides.csv: {} pins and bans\n",
            result.pool.overrides.len()
        ));
    }
    if result.lengthened {
        text.push_str("  two ids shared a short pseudonym, so this run uses full-length ones\n");
    }
    text.push_str(&format!(
        "  k-anonymity (k = {k}): {} of {} mentees and {} of {} mentors in classes smaller than {k}; \
         `dyad check --data {}` gives the full audit\n",
        me.records_below_k,
        me.records,
        mr.records_below_k,
        mr.records,
        shown(&args.out)
    ));
    text.push_str(
        "Ids and health systems are keyed pseudonyms; the mapping back to real ids is not \
         written anywhere. Keep the key file private: the same key gives the same pseudonyms.\n",
    );
    emit(&text)
}
