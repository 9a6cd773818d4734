//! `dyad import --suggest`: a draft mapping for an export, printed.

use dyad::error::Result;
use dyad::intake::{source, suggest};

use super::common_args::ExportArgs;
use super::emit;
use super::inputs;

pub fn run(args: &ExportArgs) -> Result<()> {
    let vocab = inputs::vocabulary()?;
    let sheet = args.sheet.as_deref();
    let text = match (&args.mentees, &args.mentors, &args.responses) {
        (Some(me), Some(mr), _) => suggest::suggest(
            &source::read_export(me, sheet)?,
            Some(&source::read_export(mr, sheet)?),
            &vocab,
        ),
        (_, _, Some(all)) => suggest::suggest(&source::read_export(all, sheet)?, None, &vocab),
        _ => unreachable!("clap requires --mentees and --mentors, or --responses"),
    };
    emit(&text)
}
