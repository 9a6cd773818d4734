//! `dyad backups FILE` lists the previous versions dyad kept of a profile (or overrides file);
//! `dyad restore BACKUP_FILE` puts one back, keeping the version it replaces as a backup too.

use std::path::PathBuf;

use clap::Args;

use dyad::error::{Error, InputError, Result};
use dyad::io;
use dyad::pool::files::OVERRIDES;
use dyad::profile;

use super::emit;
use super::report::table;

#[derive(Args, Debug)]
pub struct BackupsArgs {
    /// The profile (or overrides.csv) whose previous versions to list
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// A previous version, as `dyad backups FILE` lists it; the current version is kept as a
    /// backup in turn
    #[arg(value_name = "BACKUP_FILE")]
    pub backup: PathBuf,
}

/// A path as shown: nothing in a file name may drive the terminal.
fn shown(path: &std::path::Path) -> String {
    dyad::error::escape(&path.display().to_string())
}

fn is_toml(p: &std::path::Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
}

pub fn list(args: &BackupsArgs) -> Result<()> {
    if args.file.is_dir() {
        return Err(
            InputError::new(&args.file, format!("a file: a profile or {OVERRIDES}"))
                .problem("this is a folder")
                .into(),
        );
    }
    let backups = io::list_backups(&args.file);
    // A missing file with backups is listed: it may have been deleted by mistake.
    if backups.is_empty() && !args.file.exists() {
        return Err(InputError::new(
            &args.file,
            format!("a profile or {OVERRIDES} that dyad has saved"),
        )
        .problem(format!(
            "no such file and no previous versions of it in {}",
            io::backup_dir(&args.file).display()
        ))
        .into());
    }
    if backups.is_empty() {
        return emit(&format!(
            "No previous versions of {} (they are kept in {} when it is saved over)\n",
            shown(&args.file),
            shown(&io::backup_dir(&args.file))
        ));
    }
    let mut rows = vec![vec![
        "saved over at".to_string(),
        "what it holds".into(),
        "backup file".into(),
    ]];
    // Newest first: the version most likely wanted back.
    for b in backups.iter().rev() {
        let holds = if is_toml(&args.file) {
            match profile::load(b) {
                Ok(p) => format!("\"{}\"", p.name),
                Err(_) => "(not a valid profile)".to_string(),
            }
        } else {
            String::new()
        };
        rows.push(vec![
            io::backup_time(b).unwrap_or_default(),
            holds,
            shown(b),
        ]);
    }
    let versions = match backups.len() {
        1 => "1 previous version".to_string(),
        n => format!("{n} previous versions"),
    };
    let mut text = format!("{versions} of {}, newest first\n", shown(&args.file));
    text.push_str(&table(&rows));
    text.push_str("Put one back with: dyad restore BACKUP_FILE\n");
    emit(&text)
}

pub fn restore(args: &RestoreArgs) -> Result<()> {
    let Some(target) = io::backup_target(&args.backup) else {
        return Err(InputError::new(
            &args.backup,
            "a backup file in a .dyad-backup folder (list them with dyad backups FILE)",
        )
        .into());
    };
    if !args.backup.is_file() {
        return Err(Error::io(
            &args.backup,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    if target.is_dir() {
        return Err(
            InputError::new(&target, "a file to put the backup back in place of")
                .problem("this is a folder (move it away first)")
                .into(),
        );
    }
    // A file is restored only if it is one of its kind: a damaged backup must not replace a good
    // file (a profile, specialty families, the settings).
    profile::check_restorable(&args.backup, &target)?;
    let (target, kept) = io::restore(&args.backup)?;
    let mut text = format!("Restored {} from {}\n", shown(&target), shown(&args.backup));
    if let Some(kept) = kept {
        text.push_str(&format!(
            "The version it replaced is kept as {}\n",
            shown(&kept)
        ));
    }
    emit(&text)
}
