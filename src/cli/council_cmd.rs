//! `dyad council FILES...`: the members' profiles side by side, where their matchings agree and
//! disagree, and a consensus profile with its matching.

use clap::Args;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use dyad::analysis::council::{self, Council, Member, capacity_text, settings};
use dyad::criteria::CRITERIA;
use dyad::error::{InputError, Result};
use dyad::pool::Pool;
use dyad::profile::{self, Profile};

use super::common_args::{DataArgs, TableOrJson};
use super::report::{self, delta_of, fig};
use super::sensitivity_cmd::{num, weight};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct CouncilArgs {
    /// One profile per council member, e.g. configs/members/*.toml, or a folder of them such as
    /// configs/members (at least two members in all)
    #[arg(value_name = "FILES", num_args = 1.., required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
    /// Save the consensus profile to this new file (never replaces an existing one)
    #[arg(long, value_name = "FILE")]
    pub save_consensus: Option<PathBuf>,
}

fn label_of(path: &Path) -> String {
    // A label is shown: nothing in a file name may drive the terminal.
    dyad::error::escape(&path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    ))
}

fn mentor_id(pool: &Pool, j: Option<usize>) -> Value {
    j.map_or(Value::Null, |j| Value::String(pool.mentors[j].id.clone()))
}

fn mentor_text(pool: &Pool, j: Option<usize>) -> String {
    j.map_or("-".into(), |j| pool.mentors[j].id.clone())
}

fn weights_json(p: &Profile) -> Value {
    let m: Map<String, Value> = CRITERIA
        .iter()
        .zip(p.weights)
        .map(|(c, w)| (c.key.to_string(), json!(w)))
        .collect();
    Value::Object(m)
}

fn settings_json(p: &Profile) -> Value {
    json!({
        "max_years_since_training": p.eligibility.max_years_since_training,
        "reference_year": p.eligibility.reference_year,
        "proximity_max_km": p.params.proximity_max_km,
        "seniority_min_gap": p.params.seniority_min_gap,
        "seniority_max_gap": p.params.seniority_max_gap,
        "in_person_max_km": p.constraints.in_person_max_km,
        "require_outside_system": p.constraints.require_outside_system,
        "mentor_capacity": capacity_text(p.constraints.mentor_capacity),
        "min_score": p.constraints.min_score,
        "objective": p.objective.as_str(),
    })
}

fn to_json(pool: &Pool, c: &Council, files: &[String], saved: Option<&Path>) -> Value {
    let members: Vec<Value> = c
        .members
        .iter()
        .zip(&c.evaluations)
        .zip(&c.fits)
        .zip(files)
        .map(|(((m, ev), fit), file)| {
            json!({
                "label": m.label,
                "name": m.profile.name,
                "file": file,
                "weights": weights_json(&m.profile),
                "settings": settings_json(&m.profile),
                "matched": ev.summary.matched,
                "mean": num(ev.summary.stats.mean),
                "min": num(ev.summary.stats.min),
                "distance": {
                    "changed": fit.changes.len(),
                    "changes": fit.changes.iter().map(|x| json!({
                        "mentee": pool.mentees[x.change.mentee].id,
                        "member_mentor": mentor_id(pool, x.change.old_mentor),
                        "consensus_mentor": mentor_id(pool, x.change.new_mentor),
                        "member_score": x.member_score.map(num),
                        "consensus_score": x.consensus_score.map(num),
                    })).collect::<Vec<_>>(),
                    "own_mean": num(fit.own.mean),
                    "own_min": num(fit.own.min),
                    "consensus_mean": num(fit.consensus.mean),
                    "consensus_min": num(fit.consensus.min),
                    "mean_delta": num(fit.mean_delta()),
                    "min_delta": num(fit.min_delta()),
                },
            })
        })
        .collect();
    let spread: Map<String, Value> = CRITERIA
        .iter()
        .zip(&c.spread)
        .map(|(cr, s)| {
            (
                cr.key.to_string(),
                json!({"min": s.min, "median": s.median, "max": s.max}),
            )
        })
        .collect();
    let cons = &c.consensus;
    let disagreements: Vec<Value> = c
        .disagreements
        .iter()
        .map(|d| {
            let by: Map<String, Value> = c
                .members
                .iter()
                .zip(&d.mentors)
                .map(|(m, j)| (m.label.clone(), mentor_id(pool, *j)))
                .collect();
            json!({
                "mentee": pool.mentees[d.mentee].id,
                "mentors": by,
                "consensus": mentor_id(pool, d.consensus),
                "support": d.support(),
            })
        })
        .collect();
    json!({
        "members": members,
        "spread": spread,
        "consensus": {
            "name": cons.profile.name,
            "weights": weights_json(&cons.profile),
            "settings": settings_json(&cons.profile),
            "matched": cons.summary.matched,
            "eligible": cons.summary.eligible,
            "mean": num(cons.summary.stats.mean),
            "min": num(cons.summary.stats.min),
            "pairs": cons.matching.pairs.iter().map(|p| json!({
                "mentee": pool.mentees[p.mentee].id,
                "mentor": pool.mentors[p.mentor].id,
                "score": num(p.score),
            })).collect::<Vec<_>>(),
            "saved": saved.map(|p| p.display().to_string()),
        },
        "agreement": {
            "considered": c.considered(),
            "agreed": c.agreed_pairs.len() + c.agreed_unmatched.len(),
            "disagreed": c.disagreements.len(),
            "agreed_pairs": c.agreed_pairs.iter().map(|(i, j)| json!({
                "mentee": pool.mentees[*i].id,
                "mentor": pool.mentors[*j].id,
            })).collect::<Vec<_>>(),
            "agreed_unmatched": c.agreed_unmatched.iter().map(|i| pool.mentees[*i].id.clone()).collect::<Vec<_>>(),
            "disagreements": disagreements,
        },
    })
}

fn to_text(pool: &Pool, c: &Council, saved: Option<&Path>) -> String {
    let labels: Vec<&str> = c.members.iter().map(|m| m.label.as_str()).collect();
    let mut text = format!(
        "Council of {} members on {}\n",
        c.members.len(),
        pool.source.label()
    );
    for m in &c.members {
        text.push_str(&format!("  {}: {}\n", m.label, m.profile.name));
    }

    text.push_str("\nWeights (spread across members; the consensus takes the median)\n");
    let mut header = vec!["criterion".to_string()];
    header.extend(labels.iter().map(|l| l.to_string()));
    header.extend(["min".into(), "median".into(), "max".into(), "range".into()]);
    let mut rows = vec![header];
    for (k, cr) in CRITERIA.iter().enumerate() {
        let s = &c.spread[k];
        let mut row = vec![cr.key.to_string()];
        row.extend(c.members.iter().map(|m| weight(m.profile.weights[k])));
        row.extend([
            weight(s.min),
            weight(s.median),
            weight(s.max),
            weight(s.range()),
        ]);
        rows.push(row);
    }
    text.push_str(&report::table(&rows));
    let widest: Vec<String> = c
        .widest()
        .into_iter()
        .map(|k| {
            let s = &c.spread[k];
            format!(
                "{} ({} to {})",
                CRITERIA[k].key,
                weight(s.min),
                weight(s.max)
            )
        })
        .collect();
    if !widest.is_empty() {
        text.push_str(&format!(
            "Widest disagreement on a weight: {}\n",
            widest.join(", ")
        ));
    }

    text.push_str("\nOther settings (median for numbers, majority for choices)\n");
    let mut header = vec!["setting".to_string()];
    header.extend(labels.iter().map(|l| l.to_string()));
    header.push("consensus".into());
    let mut rows = vec![header];
    let per_member: Vec<Vec<(&str, String)>> =
        c.members.iter().map(|m| settings(&m.profile)).collect();
    for (s, (name, value)) in settings(&c.consensus.profile).into_iter().enumerate() {
        let mut row = vec![name.to_string()];
        row.extend(per_member.iter().map(|v| v[s].1.clone()));
        row.push(value);
        rows.push(row);
    }
    text.push_str(&report::table(&rows));

    text.push_str(
        "\nEach member's matching against the consensus matching (scores by the member's own profile)\n",
    );
    let mut rows = vec![vec![
        "member".to_string(),
        "matched".into(),
        "placed differently".into(),
        "own mean".into(),
        "consensus mean".into(),
        "delta".into(),
        "own worst".into(),
        "consensus worst".into(),
        "delta".into(),
    ]];
    for ((m, ev), fit) in c.members.iter().zip(&c.evaluations).zip(&c.fits) {
        rows.push(vec![
            m.label.clone(),
            format!("{}/{}", ev.summary.matched, ev.summary.eligible),
            fit.changes.len().to_string(),
            fig(fit.own.mean),
            fig(fit.consensus.mean),
            delta_of(fit.own.mean, fit.consensus.mean),
            fig(fit.own.min),
            fig(fit.consensus.min),
            delta_of(fit.own.min, fit.consensus.min),
        ]);
    }
    text.push_str(&report::table(&rows));
    let cs = &c.consensus.summary;
    text.push_str(&format!(
        "Consensus: {}/{} matched, mean {}, worst {}\n",
        cs.matched,
        cs.eligible,
        fig(cs.stats.mean),
        fig(cs.stats.min)
    ));

    text.push_str(&format!(
        "\nAgreement: of {} mentees eligible under at least one profile, the members agree on {} ({} identical pairs, {} left unmatched by all) and disagree on {}\n",
        c.considered(),
        c.agreed_pairs.len() + c.agreed_unmatched.len(),
        c.agreed_pairs.len(),
        c.agreed_unmatched.len(),
        c.disagreements.len()
    ));
    if !c.disagreements.is_empty() {
        text.push_str("\nWhere the members disagree, least support first (- = unmatched; support = members giving the consensus mentor)\n");
        let mut header = vec!["mentee".to_string()];
        header.extend(labels.iter().map(|l| l.to_string()));
        header.extend(["consensus".into(), "support".into()]);
        let mut rows = vec![header];
        // The pairs the council most needs to talk about first, as in the terminal UI.
        let mut order: Vec<_> = c.disagreements.iter().collect();
        order.sort_by_key(|d| (d.support(), d.mentee));
        for d in order {
            let mut row = vec![pool.mentees[d.mentee].id.clone()];
            row.extend(d.mentors.iter().map(|j| mentor_text(pool, *j)));
            row.push(mentor_text(pool, d.consensus));
            row.push(format!("{}/{}", d.support(), c.members.len()));
            rows.push(row);
        }
        text.push_str(&report::table(&rows));
    }
    if let Some(p) = saved {
        text.push_str(&format!(
            "\nSaved the consensus profile to {}\n",
            dyad::error::escape(&p.display().to_string())
        ));
    }
    text
}

/// The members' profile files: each file given, and the `.toml` profiles of each folder given.
fn member_files(given: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in given {
        if path.is_dir() {
            files.extend(profile::list_dir(path).into_iter().map(|(p, _)| p));
        } else {
            files.push(path.clone());
        }
    }
    if files.len() < 2 {
        let shown = given.first().map_or_else(PathBuf::new, PathBuf::clone);
        return Err(InputError::new(
            shown,
            "the profiles of at least two council members: files, or a folder holding them",
        )
        .problem(match files.len() {
            0 => "this gives no profile".to_string(),
            _ => "this gives one profile".to_string(),
        })
        .into());
    }
    Ok(files)
}

/// The members' profiles from files and folders given on the command line, each file once,
/// with the file each came from.
pub fn load_members(given: &[PathBuf]) -> Result<Vec<(Member, PathBuf)>> {
    let paths = member_files(given)?;
    let mut members = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        // One member, one vote: the same profile given twice would count twice.
        if let Some(first) = paths[..i]
            .iter()
            .find(|earlier| inputs::same_file(earlier, path))
        {
            return Err(
                InputError::new(path, "each member's profile once: one member, one vote")
                    .problem(format!(
                        "this file is given twice (first as {})",
                        first.display()
                    ))
                    .into(),
            );
        }
        let member = Member {
            label: label_of(path),
            profile: profile::load(path)?,
        };
        members.push((member, path.clone()));
    }
    Ok(members)
}

pub fn run(args: &CouncilArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let (members, paths): (Vec<Member>, Vec<PathBuf>) =
        load_members(&args.files)?.into_iter().unzip();
    let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if let Some(out) = &args.save_consensus
        && out.exists()
    {
        return Err(InputError::new(
            out,
            "a new file for the consensus profile (dyad never replaces a profile here; choose another name)",
        )
        .value("file exists")
        .into());
    }
    let c = council::convene(&mut engine, members)?;
    if let Some(out) = &args.save_consensus {
        let mut p = c.consensus.profile.clone();
        p.saved = Some(profile::now_stamp());
        profile::save(out, &p, false)?;
    }
    let saved = args.save_consensus.as_deref();
    let pool = &engine.pool;
    match args.format {
        TableOrJson::Json => emit_json(&to_json(pool, &c, &files, saved)),
        TableOrJson::Table => emit(&to_text(pool, &c, saved)),
    }
}
