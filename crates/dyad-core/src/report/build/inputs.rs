//! The last section: the pins and bans in force, and the inputs' fingerprints.

use crate::pool::Action;
use crate::report::record::{Block, Section, Table};

use super::{RecordInputs, count};

pub(super) fn section(inp: &RecordInputs) -> Section {
    let pool = inp.pool;
    let mut blocks = Vec::new();
    blocks.push(Block::Subheading("Pins and bans in force".into()));
    let mut overrides: Vec<_> = pool.overrides.iter().collect();
    overrides.sort_by_key(|o| (o.action, o.mentee, o.mentor));
    let pins = overrides.iter().filter(|o| o.action == Action::Pin).count();
    blocks.push(Block::Para(if overrides.is_empty() {
        "None: the pool has no overrides.csv, or it lists no pair.".into()
    } else {
        format!(
            "{} (a pinned pair is kept whatever the weights) and {} (a banned pair is never \
             made), from the pool's overrides.csv; they apply to the baseline too.",
            count(pins, "pin", "pins"),
            count(overrides.len() - pins, "ban", "bans")
        )
    }));
    if !overrides.is_empty() {
        let mut t = Table::text(
            "Pins and bans",
            vec!["mentee".into(), "mentor".into(), "override".into()],
        );
        for o in overrides {
            t.row(vec![
                pool.mentees[o.mentee].id.clone(),
                pool.mentors[o.mentor].id.clone(),
                o.action.as_str().into(),
            ]);
        }
        blocks.push(Block::Table(t));
    }
    blocks.push(Block::Subheading("Fingerprints of the inputs".into()));
    blocks.push(Block::Para(
        "The SHA-256 of each file this record was made from: `sha256sum FILE` on the files in \
         hand prints the same digests when they are the same files."
            .into(),
    ));
    let mut t = Table::text(
        "Input files and their SHA-256",
        vec!["input".into(), "file".into(), "SHA-256".into()],
    );
    for f in &inp.fingerprints {
        t.row(vec![f.what.clone(), f.file.clone(), f.sha256.clone()]);
    }
    blocks.push(Block::Table(t));
    Section {
        id: "inputs",
        heading: "Overrides and inputs".into(),
        blocks,
    }
}
