//! `dyad check`: validate the pool and profiles, and audit the pool's anonymity.

use std::path::PathBuf;

use dyad::error::{Error, Result, escape};
use dyad::profile;

use super::args::CheckArgs;
use super::audit::Audit;
use super::{emit, inputs};

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
        match result {
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
                    if p.weights.iter().all(|w| *w == 0.0) {
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
    text.push_str(&audit.text(&pool, &args.data.ignore_columns, settings.small_cell_k));
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
