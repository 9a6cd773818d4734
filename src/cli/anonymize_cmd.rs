//! `dyad anonymize`: a raw intake export becomes an anonymized pool. Everything is checked
//! before anything is written; the output files are written atomically and never replace
//! existing ones without `--force`; the summary names columns and counts, never a value.

use clap::Args;

use std::path::{Path, PathBuf};

use dyad::error::{Error, InputError, Result};
use dyad::intake::{self, Anonymized, FileReport, key};
use dyad::io::{self, Mode};
use dyad::pool::files::{MENTEES, MENTORS, OVERRIDES};
use dyad::privacy;

use super::{emit, inputs};

#[derive(Args, Debug)]
pub struct AnonymizeArgs {
    /// Folder with the raw intake export: mentees.csv, mentors.csv and optionally overrides.csv
    #[arg(long, value_name = "RAW_DIR")]
    pub input: PathBuf,
    /// Folder to write the anonymized pool into (created if missing). Rows are written in
    /// pseudonym order: the raw export's row order is not kept
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The pseudonymization key: created with 32 random bytes when missing; must lie outside
    /// RAW_DIR and DIR. Keep it to get the same pseudonyms next time
    #[arg(long, value_name = "FILE")]
    pub key_file: PathBuf,
    /// Replace mentees.csv / mentors.csv / overrides.csv when they already exist in DIR
    #[arg(long)]
    pub force: bool,
}

/// A path as shown: nothing in a file name may drive the terminal.
pub fn shown(path: &std::path::Path) -> String {
    dyad::error::escape(&path.display().to_string())
}

fn refuse(path: &Path, expected: impl Into<String>) -> Error {
    InputError::new(path, expected).into()
}

fn file_lines(name: &str, r: &FileReport) -> String {
    let mut text = if r.people == r.rows {
        format!("  {name}: {} rows\n", r.rows)
    } else {
        format!("  {name}: {} rows, {} people\n", r.rows, r.people)
    };
    for (kept, dropped) in &r.duplicates {
        let rows: Vec<String> = dropped.iter().map(usize::to_string).collect();
        text.push_str(&format!(
            "    submitted more than once: row {kept} kept (the latest), row {} left out\n",
            rows.join(", ")
        ));
    }
    let identifiers: Vec<String> = r
        .dropped
        .iter()
        .filter_map(|(col, kind)| {
            kind.map(|k| format!("{} ({})", dyad::error::escape(col), k.describe()))
        })
        .collect();
    // Headers come from the export: nothing in them may drive the terminal.
    let others: Vec<String> = r
        .dropped
        .iter()
        .filter(|(_, kind)| kind.is_none())
        .map(|(col, _)| dyad::error::escape(col))
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
    if r.zips_zero_restored > 0 {
        text.push_str(&format!(
            "    warning: {} ZIP codes had 4 digits (a spreadsheet held them as numbers and dropped \
             the leading zero): read with the zero back, check them\n",
            r.zips_zero_restored
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

/// Where a run writes the pool, checked before anything is read: never over an input, never
/// over an existing pool without `--force`, never beside the raw export or the key.
pub struct Output<'a> {
    pub out: &'a Path,
    pub force: bool,
    pub key_file: &'a Path,
    /// The files the run reads (never written over).
    pub raw: Vec<(PathBuf, &'static str)>,
    /// The folders of the raw export.
    pub raw_dirs: Vec<PathBuf>,
    pub overrides: bool,
}

impl Output<'_> {
    fn targets(&self) -> Vec<PathBuf> {
        let mut t = vec![self.out.join(MENTEES), self.out.join(MENTORS)];
        if self.overrides {
            t.push(self.out.join(OVERRIDES));
        }
        t
    }

    /// An `overrides.csv` of an earlier run that this run does not write: left beside the new
    /// pool it would pin and ban other people, so it counts as part of the old set.
    fn stale(&self) -> Vec<PathBuf> {
        if self.overrides {
            Vec::new()
        } else {
            vec![self.out.join(OVERRIDES)]
        }
    }

    /// Refuses a run whose output would land somewhere it must not.
    pub fn check(&self) -> Result<()> {
        let out = key::resolve(self.out);
        let key = key::resolve(self.key_file);
        // One rule for the pool and the key: neither in the raw export's folder nor in any
        // folder inside it.
        for folder in &self.raw_dirs {
            let folder = key::resolve(folder);
            if out.starts_with(&folder) {
                return Err(refuse(
                    self.out,
                    "an output folder outside the raw export's folder and its subfolders (the \
                     anonymized pool must not sit beside the raw data)",
                ));
            }
            if key.starts_with(&folder) {
                return Err(refuse(
                    self.key_file,
                    "a key file outside the raw export's folder and its subfolders (keep the key \
                     apart from the data it protects)",
                ));
            }
        }
        intake::check_location(self.key_file, &[self.out])?;
        key::check_key_path(self.key_file)?;
        let mut read = self.raw.clone();
        read.push((self.key_file.to_path_buf(), "the key file"));
        read.extend(inputs::config_files());
        for t in &self.targets() {
            inputs::refuse_folder(t, "--out", "a folder where the pool's files are files")?;
            inputs::refuse_inputs(t, "--out", &read)?;
        }
        if self.out.exists() && !self.out.is_dir() {
            return Err(
                InputError::new(self.out, "a folder to write the anonymized pool into")
                    .field("--out")
                    .problem("this is a file, not a folder")
                    .into(),
            );
        }
        // Found here, before a key is made, rather than by the writer.
        for t in self.targets().iter().chain(&self.stale()) {
            io::refuse_non_regular(t)?;
        }
        if !self.force
            && let Some(existing) = self
                .targets()
                .iter()
                .chain(&self.stale())
                .find(|p| p.exists())
        {
            return Err(InputError::new(
                existing,
                "a folder without a pool (add --force to replace it)",
            )
            .value("file exists")
            .into());
        }
        Ok(())
    }

    /// Runs `make` with the key (a new key is created only once `make` succeeded), writes the
    /// pool's files, and returns the result and whether the key existed.
    pub fn write(
        &self,
        make: impl FnOnce(&key::Key) -> Result<Anonymized>,
    ) -> Result<(Anonymized, bool)> {
        let existing_key = self.key_file.exists();
        let the_key = if existing_key {
            key::load(self.key_file)?
        } else {
            key::generate()?
        };
        let result = make(&the_key)?;
        if !existing_key {
            key::create(self.key_file, &the_key)?;
        }
        // A run that fails from here on leaves no new key behind: nothing was written with it.
        self.write_pool(&result).inspect_err(|_| {
            if !existing_key {
                let _ = std::fs::remove_file(self.key_file);
            }
        })?;
        Ok((result, existing_key))
    }

    /// Writes the pool's files as one set.
    fn write_pool(&self, result: &Anonymized) -> Result<()> {
        inputs::create_out_dir(self.out, "--out")?;
        // A replaced file is kept in .dyad-backup beside it: --force never loses a file.
        let mode = if self.force {
            Mode::ReplaceWithBackup
        } else {
            Mode::Create
        };
        let mut files = vec![&result.mentees_csv, &result.mentors_csv];
        if let Some(o) = &result.overrides_csv {
            files.push(o);
        }
        let targets = self.targets();
        let files: Vec<(&Path, &[u8])> = targets
            .iter()
            .zip(files)
            .map(|(p, t)| (p.as_path(), t.as_bytes()))
            .collect();
        let stale = self.stale();
        let stale: Vec<&Path> = stale.iter().map(PathBuf::as_path).collect();
        // One set: a kill or a full disk leaves the old pool or the new one, never a mix.
        io::write_set(&files, &stale, mode)?;
        Ok(())
    }
}

/// The summary of a run: what each file became, and the k-anonymity of the pool.
pub fn summary(
    verb: &str,
    from: &str,
    args: &Output,
    result: &Anonymized,
    existing_key: bool,
) -> Result<String> {
    let k = inputs::settings()?.k_anonymity;
    let (me, mr) = privacy::k_anonymity(&result.pool, k);
    let mut text = format!(
        "{verb} {from} into {} ({} key {})\n",
        shown(args.out),
        if existing_key {
            "with the"
        } else {
            "with a new"
        },
        shown(args.key_file)
    );
    text.push_str(&file_lines(MENTEES, &result.mentees));
    text.push_str(&file_lines(MENTORS, &result.mentors));
    if result.overrides_csv.is_some() {
        text.push_str(&format!(
            "  {OVERRIDES}: {} pins and bans\n",
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
        shown(args.out)
    ));
    Ok(text)
}

pub const KEY_NOTE: &str = "Ids and health systems are keyed pseudonyms; the mapping back to real ids is not \
     written anywhere. Keep the key file private: the same key gives the same pseudonyms.\n";

pub fn run(args: &AnonymizeArgs) -> Result<()> {
    if !args.input.is_dir() {
        return Err(refuse(
            &args.input,
            format!("a folder with the raw {MENTEES} and {MENTORS}"),
        ));
    }
    let has_overrides = args.input.join(OVERRIDES).exists();
    let output = Output {
        out: &args.out,
        force: args.force,
        key_file: &args.key_file,
        raw_dirs: vec![args.input.clone()],
        raw: vec![
            (args.input.join(MENTEES), "the raw mentees.csv"),
            (args.input.join(MENTORS), "the raw mentors.csv"),
            (args.input.join(OVERRIDES), "the raw overrides.csv"),
        ],
        overrides: has_overrides,
    };
    output.check()?;
    let (result, existing_key) = output.write(|key| intake::anonymize_dir(&args.input, key))?;
    let mut text = summary(
        "Anonymized",
        &shown(&args.input),
        &output,
        &result,
        existing_key,
    )?;
    text.push_str(KEY_NOTE);
    emit(&text)
}
