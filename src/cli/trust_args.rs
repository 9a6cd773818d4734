//! Arguments of the subcommands that guard the participants' privacy and the council's saved
//! decisions: anonymize, backups and restore.

use std::path::PathBuf;

use clap::Args;

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
