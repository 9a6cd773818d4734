//! `dyad check`: validate the pool and profiles, and audit the pool's anonymity.

use clap::Args;

use std::path::PathBuf;

use dyad::error::{Error, InputError, Result, escape};
use dyad::matching::{self, PinProblem};
use dyad::pool::Pool;
use dyad::profile::{self, Profile};

use super::audit::Audit;
use super::common_args::DataArgs;
use super::{emit, inputs};

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Profiles to validate [default: every configs/*.toml, or the built-in copies]
    pub profiles: Vec<PathBuf>,
    /// The k of the k-anonymity audit [default: k_anonymity in configs/dyad-settings.toml, or 5]
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub k: Option<u16>,
    /// Exit with status 2 when the pool is not k-anonymous
    #[arg(long)]
    pub strict: bool,
}

/// Whether a profile can keep every pin of the pool's `overrides.csv`, by the rules `dyad match`
/// applies (an eligible mentee; no more pins of a mentor than its capacity): the first pin it
/// cannot keep is an error at that pin's line and column, naming the profile. The message gives
/// ids and the profile's settings, never a participant's data.
fn pins_kept(pool: &Pool, p: &Profile, label: &str) -> Result<()> {
    let file = pool.source.dir.as_ref().map_or_else(
        || PathBuf::from(dyad::pool::files::OVERRIDES),
        |d| d.join(dyad::pool::files::OVERRIDES),
    );
    let (field, id, expected) = match matching::place_pins(pool, p) {
        Ok(_) => return Ok(()),
        Err(PinProblem::Ineligible { mentee, .. }) => (
            "mentee",
            &pool.mentees[mentee].id,
            format!(
                "a mentee eligible under {label}, which cannot keep this pin (the mentee \
                 trained more than {} years before {})",
                p.eligibility.max_years_since_training, p.eligibility.reference_year
            ),
        ),
        Err(PinProblem::OverCapacity { mentor, .. }) => (
            "mentor",
            &pool.mentors[mentor].id,
            format!(
                "no more pins of this mentor than its capacity under {label} ({}), which \
                 cannot keep this pin",
                matching::capacities(pool, p)[mentor]
            ),
        ),
    };
    let mut e = InputError::new(&file, expected)
        .field(field)
        .value(id.as_str());
    if let Some((line, col)) = inputs::pin_position(&file, field, id) {
        e = e.at(line, col);
    }
    Err(e.into())
}

pub fn run(args: &CheckArgs) -> Result<()> {
    let pool = inputs::load_pool(&args.data)?;
    let slots: u32 = pool.mentors.iter().map(|m| m.capacity).sum();
    let mut text = format!(
        "Pool {}: valid\n  {} mentees, {} mentors offering {} places, {} overrides\n",
        pool.source.label(),
        pool.mentees.len(),
        pool.mentors.len(),
        slots,
        pool.overrides.len()
    );
    let unknown = pool.mentees.iter().filter(|m| m.location.is_none()).count()
        + pool.mentors.iter().filter(|m| m.location.is_none()).count();
    if unknown > 0 {
        text.push_str(&format!(
            "  {unknown} participants have ZIP3 000 (unknown location: proximity 0, never in-person-only pairs)\n"
        ));
    }

    let mut failures = Vec::new();
    // The specialty families, read and checked exactly as `dyad match` reads them.
    let families_path = inputs::families_path();
    let families_label = if families_path.exists() {
        escape(&families_path.display().to_string())
    } else {
        "(built-in)".to_string()
    };
    match inputs::load_families() {
        Ok(f) => text.push_str(&format!(
            "Specialty families {families_label}: valid, {} specialties in {} families\n",
            f.len(),
            f.families().count()
        )),
        Err(e) => {
            text.push_str(&format!("Specialty families {families_label}: invalid\n"));
            failures.push(e);
        }
    }

    let profiles: Vec<(String, std::result::Result<profile::Profile, Error>)> =
        if args.profiles.is_empty() {
            let dir = PathBuf::from(inputs::CONFIGS);
            if dir.is_dir() {
                profile::list_dir(&dir)
                    .into_iter()
                    .map(|(p, r)| (escape(&p.display().to_string()), r))
                    .collect()
            } else {
                vec![
                    (
                        "(built-in) fall-2023".into(),
                        Ok(dyad::embedded::fall_profile()),
                    ),
                    (
                        "(built-in) pilot-2023".into(),
                        Ok(dyad::embedded::pilot_profile()),
                    ),
                ]
            }
        } else {
            args.profiles
                .iter()
                .map(|p| (escape(&p.display().to_string()), profile::load(p)))
                .collect()
        };
    text.push_str("\nProfiles\n");
    for (label, result) in profiles {
        match result.and_then(|p| pins_kept(&pool, &p, &label).map(|()| p)) {
            Ok(p) => {
                let eligible = pool
                    .mentees
                    .iter()
                    .filter(|m| p.eligibility.eligible(m.training_completed))
                    .count();
                text.push_str(&format!(
                    "  {label}: valid: \"{}\", {eligible} of {} mentees eligible{}\n",
                    p.name,
                    pool.mentees.len(),
                    if dyad::matching::weights_inert(&p.weights) {
                        " (warning: every weight is 0)"
                    } else {
                        ""
                    }
                ));
            }
            Err(e) => {
                text.push_str(&format!("  {label}: invalid\n"));
                failures.push(e);
            }
        }
    }

    let settings = inputs::settings()?;
    let k = args.k.map_or(settings.k_anonymity, usize::from);
    let audit = Audit::of(&pool, k);
    text.push_str(&audit.text(&pool, &args.data.ignore_columns, settings.small_cells()));
    let (vocabulary, joined) = super::vocab_check::report(&pool)?;
    text.push_str(&vocabulary);
    if vocabulary.contains(super::vocab_check::JOINED) {
        text = text.replacen(
            ": valid\n",
            ": invalid (answers joined with commas: see Vocabulary below)\n",
            1,
        );
    }
    failures.extend(joined);
    emit(&text)?;

    // Every invalid profile is reported; the last one is returned for the exit status.
    if let Some(last) = failures.pop() {
        for e in failures {
            eprintln!("error: {e}");
        }
        return Err(last);
    }
    if args.strict {
        audit.failure(&pool)?;
    }
    Ok(())
}
