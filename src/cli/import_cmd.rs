//! `dyad import`: a form tool's response export becomes an anonymized pool through a mapping.
//! Every problem of the export is reported in one run, and then nothing is written.

use clap::Args;

use std::path::{Path, PathBuf};

use dyad::error::{Error, Result};
use dyad::intake::{self, Anonymized, Export, Mapping, source};
use dyad::io::csvread::CsvFile;

use super::anonymize_cmd::{KEY_NOTE, Output, shown, summary};
use super::common_args::ExportArgs;
use super::emit;
use super::inputs;

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(flatten)]
    pub export: ExportArgs,
    /// The mapping of the export's columns and answers onto the pool (TOML, see README)
    #[arg(long, value_name = "FILE", required_unless_present = "suggest")]
    pub mapping: Option<PathBuf>,
    /// Folder to write the anonymized pool into (created if missing)
    #[arg(long, value_name = "DIR", required_unless_present = "suggest")]
    pub out: Option<PathBuf>,
    /// The pseudonymization key: created with 32 random bytes when missing; must lie outside
    /// the export's folder and DIR. The same key gives the same pseudonyms
    #[arg(long, value_name = "FILE", required_unless_present = "suggest")]
    pub key_file: Option<PathBuf>,
    /// Replace mentees.csv / mentors.csv when they already exist in DIR
    #[arg(long)]
    pub force: bool,
    /// Print a draft mapping for the export instead of importing it
    #[arg(long, conflicts_with_all = ["mapping", "out", "key_file", "force"])]
    pub suggest: bool,
}

/// The raw export, read: one file per side.
pub struct RawExport {
    pub mentees: CsvFile,
    pub mentors: CsvFile,
    /// The files read, with what each is (never to be written over).
    pub files: Vec<(PathBuf, &'static str)>,
}

/// The folder a file is in.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Reads the mapping file.
pub fn mapping(path: &Path) -> Result<Mapping> {
    let text = dyad::io::read_text(path, dyad::io::MAX_TOML_BYTES)?;
    Ok(Mapping::parse(&text, path)?)
}

/// Reads the export (splitting a single one by its role column).
pub fn read_export(args: &ExportArgs, mapping: &Mapping) -> Result<RawExport> {
    let sheet = args.sheet.as_deref();
    match (&args.mentees, &args.mentors, &args.responses) {
        (Some(me), Some(mr), _) => Ok(RawExport {
            mentees: source::read_export(me, sheet)?,
            mentors: source::read_export(mr, sheet)?,
            files: vec![
                (me.clone(), "the mentees' export"),
                (mr.clone(), "the mentors' export"),
            ],
        }),
        (_, _, Some(all)) => {
            let file = source::read_export(all, sheet)?;
            let mut errors = Vec::new();
            let (mentees, mentors) = intake::import::split_responses(&file, mapping, &mut errors);
            if !errors.is_empty() {
                return Err(Error::Many(errors));
            }
            Ok(RawExport {
                mentees,
                mentors,
                files: vec![(all.clone(), "the responses export")],
            })
        }
        _ => Err(dyad::error::InputError::new(
            "(command line)",
            "--mentees FILE --mentors FILE, or --responses FILE",
        )
        .into()),
    }
}

/// The completeness and vocabulary part of the summary, and the mapping's entries no answer uses.
fn completeness(result: &Anonymized, mapping: &Path) -> String {
    let mut text = String::new();
    for e in &result.unused_labels {
        text.push_str(&format!(
            "  warning: {}:{}: [values.{}] \"{}\": no answer uses this entry (a typo?)\n",
            shown(mapping),
            e.line.unwrap_or(1),
            e.table,
            dyad::error::escape(&e.label)
        ));
    }
    for (name, r) in [("mentees", &result.mentees), ("mentors", &result.mentors)] {
        let answered: Vec<String> = r
            .answered
            .iter()
            .map(|(field, n)| format!("{field} {n}"))
            .collect();
        text.push_str(&format!(
            "  answers of {} {name}: {}\n",
            r.people,
            answered.join(", ")
        ));
        for (id, fields) in &r.incomplete {
            text.push_str(&format!(
                "    {id} cannot be matched and is left out: no answer for {}\n",
                fields.join(", ")
            ));
        }
    }
    if result.unknown_terms.is_empty() {
        text.push_str("  vocabulary: every answer is a known term (or a language ISO 639 names)\n");
    } else {
        text.push_str("  vocabulary: answers kept that are not known terms\n");
        for u in &result.unknown_terms {
            let near = if u.nearest.is_empty() {
                String::new()
            } else {
                format!("; did you mean \"{}\"?", u.nearest.join("\" or \""))
            };
            text.push_str(&format!(
                "    {}: \"{}\" ({} {}){near}\n",
                u.column,
                dyad::error::escape(&u.term),
                u.people,
                if u.people == 1 { "person" } else { "people" }
            ));
        }
    }
    text
}

pub fn run(args: &ImportArgs) -> Result<()> {
    let (Some(mapping_path), Some(out), Some(key_file)) =
        (&args.mapping, &args.out, &args.key_file)
    else {
        unreachable!("clap requires --mapping, --out and --key-file without --suggest");
    };
    let mapping = mapping(mapping_path)?;
    let vocab = inputs::vocabulary()?;
    let raw = read_export(&args.export, &mapping)?;
    let mut files = raw.files.clone();
    files.push((mapping_path.clone(), "the mapping"));
    let output = Output {
        out,
        force: args.force,
        key_file,
        raw_dirs: raw.files.iter().map(|(p, _)| folder_of(p)).collect(),
        raw: files,
        overrides: false,
    };
    output.check()?;
    let export = Export {
        mentees: &raw.mentees,
        mentors: &raw.mentors,
        overrides: None,
    };
    let (result, existing_key) =
        output.write(|key| intake::import(&export, &mapping, &vocab, key).map_err(Error::from))?;
    let from = raw
        .files
        .iter()
        .map(|(p, _)| shown(p))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut text = summary("Imported", &from, &output, &result, existing_key)?;
    text.push_str(&completeness(&result, mapping_path));
    text.push_str(KEY_NOTE);
    emit(&text)
}
