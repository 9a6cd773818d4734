//! The real `dyad` binary on the command line: every subcommand on the sample data, on generated
//! pools and on the hostile corpus under `tests/fixtures/`, file safety (kill during save, the
//! lock) and the privacy reports.

mod analysis;
mod anonymize;
mod big_inputs;
mod commands;
mod evidence;
mod fairness;
mod hostile;
mod hostile_faults;
mod hostile_intake;
mod hostile_outputs;
mod install;
mod intake;
mod intake_answers;
mod intake_form;
mod kill_save;
mod lock;
mod outcomes_survey;
mod outputs;
mod privacy;
mod record;
mod rematch;
mod run;
mod yardstick;
