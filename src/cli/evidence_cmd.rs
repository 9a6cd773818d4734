//! `dyad evidence`: what a survey of past pairs says about each criterion's weight.

use std::path::PathBuf;

use clap::Args;

use std::path::Path;

use dyad::analysis::association::{
    ASYMPTOTIC_FROM, Association, LEVEL, MIN_ANSWERS, RESAMPLES, mc_error, tested,
};
use dyad::analysis::evidence::{
    Contrast, Evidence, Row, default_threads, measure_columns, pair_criterion_columns, relate,
};
use dyad::analysis::evidence_words::{
    contrast_words, criterion_verdict, measure_verdict, sentence,
};
use dyad::criteria::{CRITERIA, Weights};
use dyad::error::{InputError, Result};
use dyad::io::csvread::CsvFile;
use dyad::pool::files::OUTCOMES;
use dyad::pool::{Outcomes, Pool, load_outcomes};
use serde_json::{Map, Value, json};

use super::common_args::{DataArgs, TableOrJson};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct EvidenceArgs {
    /// The survey of pairs: mentee,mentor and outcome columns (numbers or yes/no, blank for no
    /// answer) [default: outcomes.csv beside the pool; for the sample pool,
    /// sample-data/outcomes-pilot-2023.csv, or its built-in copy]
    #[arg(long, value_name = "FILE")]
    pub outcomes: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// The profile whose criterion parameters score the pairs (its weights only shape the plain
    /// sentences: "could weigh it more", "already at the top of the scale")
    /// [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// Seed of the bootstrap intervals (percentile method, 2000 resamples) and the permutation
    /// p-values (2000 permutations) below 50 answers; the same seed gives the same figures
    #[arg(long, default_value_t = dyad::analysis::evidence::DEFAULT_SEED)]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

/// How the figures are computed, in words (also in `--help` and the README).
fn method() -> String {
    format!(
        "Kendall's tau-b over the pairs that answered; p: two-sided permutation test; below \
         {ASYMPTOTIC_FROM} answers a {:.0} % bootstrap percentile interval ({RESAMPLES} \
         resamples) and {RESAMPLES} random permutations (p's Monte Carlo error at most \
         ±{:.3}), from {ASYMPTOTIC_FROM} answers their normal approximations (tau-b's \
         asymptotic standard error; S against its exact permutation variance); a verdict needs \
         the interval clear of 0 and p below {:.2} after a Holm adjustment over the criteria of \
         the outcome (the measures are a family of their own), so the chance of any \
         \"supports\" appearing by chance is at most {:.0} % per family; an interval clear of 0 \
         without a verdict is not shown; no interval, p or verdict below {MIN_ANSWERS} answers",
        100.0 * LEVEL,
        mc_error(),
        1.0 - LEVEL,
        100.0 * (1.0 - LEVEL)
    )
}

/// A row's verdict in the words of every evidence view.
fn verdict(a: &Association, measure: bool) -> &'static str {
    if measure {
        measure_verdict(a.verdict)
    } else {
        criterion_verdict(a.verdict)
    }
}

/// Reads the survey: `--outcomes`, else `outcomes.csv` beside the pool, else (for the sample
/// pool) the shipped sample survey or its built-in copy (see [`inputs::survey`]).
fn read_outcomes(args: &EvidenceArgs, pool: &Pool) -> Result<(Outcomes, String)> {
    if let Some(f) = &args.outcomes {
        let file = CsvFile::read(f)?;
        let label = dyad::error::escape(&file.path.display().to_string());
        return Ok((load_outcomes(&file, pool)?, label));
    }
    let survey = inputs::survey(&args.data);
    match survey.load(pool)? {
        Some(found) => Ok(found),
        None => Err(InputError::new(
            survey.wanted().unwrap_or(Path::new(OUTCOMES)),
            format!("a survey of pairs: {OUTCOMES} beside the pool, or --outcomes FILE"),
        )
        .problem("there is no such file")
        .into()),
    }
}

fn assoc_json(a: &Association, measure: bool) -> Value {
    json!({
        "tau": a.tau,
        "ci": a.ci.map(|(lo, hi)| [lo, hi]),
        "p": a.p,
        "p_holm": a.p_adjusted,
        "n": a.n,
        "verdict": verdict(a, measure),
    })
}

fn contrast_json(c: &Contrast) -> Value {
    json!({
        "split": "median",
        "threshold": c.threshold,
        "low": {"at_most": c.inclusive, "n": c.low.n, "mean": c.low.mean},
        "high": {"n": c.high.n, "mean": c.high.mean},
        "ratio": c.ratio(),
    })
}

/// The rows of one family; for criteria (`said` is `Some`), each with its plain sentence.
fn rows_json(rows: &[Row], said: Option<&dyn Fn(&Row) -> String>) -> Value {
    let m: Map<String, Value> = rows
        .iter()
        .map(|r| {
            let mut v = assoc_json(&r.association, said.is_none());
            if let Some(c) = &r.contrast {
                v["contrast"] = contrast_json(c);
            }
            if let Some(said) = said {
                v["in_words"] = Value::String(said(r));
            }
            (r.key.clone(), v)
        })
        .collect();
    Value::Object(m)
}

/// The plain sentence about a criterion's row, under the profile's weights.
fn in_words(r: &Row, o: &dyad::analysis::evidence::OutcomeEvidence, weights: &Weights) -> String {
    let w = CRITERIA
        .iter()
        .position(|c| c.key == r.key)
        .map(|k| weights[k]);
    sentence(
        &r.key,
        &o.name,
        o.kind,
        r.association.verdict,
        r.association.n,
        w,
    )
}

fn to_json(e: &Evidence, file: &str, profile: &str, weights: &Weights) -> Value {
    let outcomes: Map<String, Value> = e
        .outcomes
        .iter()
        .map(|o| {
            (
                o.name.clone(),
                json!({
                    "kind": o.kind.as_str(),
                    "answered": o.answered,
                    "criteria": rows_json(&o.criteria, Some(&|r: &Row| in_words(r, o, weights))),
                    "measures": rows_json(&o.measures, None),
                }),
            )
        })
        .collect();
    json!({
        "file": file,
        "profile": profile,
        "seed": e.seed,
        "method": method(),
        "responded": e.responded,
        "pairs": e.pairs,
        "outcomes": outcomes,
    })
}

fn num(v: Option<f64>, prec: usize) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.prec$}"))
}

fn p_text(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<0.001".into(),
        p => num(p, 3),
    }
}

fn table(s: &mut String, title: &str, rows: &[Row]) {
    let measure = title == "measure";
    let w = rows
        .iter()
        .map(|r| r.key.len())
        .max()
        .unwrap_or(0)
        .max(title.len());
    s.push_str(&format!(
        "  {title:w$}  {:>6}  {:>15}  {:>6}  {:>6}  {:>6}  verdict\n",
        "tau", "95 % interval", "p", "p holm", "n"
    ));
    for r in rows {
        let a = &r.association;
        let ci = a.ci.map_or_else(
            || "–".to_string(),
            |(lo, hi)| format!("[{lo:+.2}, {hi:+.2}]"),
        );
        s.push_str(&format!(
            "  {:w$}  {:>6}  {ci:>15}  {:>6}  {:>6}  {:>6}  {}\n",
            r.key,
            a.tau
                .map_or_else(|| "–".to_string(), |t| format!("{t:+.2}")),
            p_text(a.p),
            p_text(a.p_adjusted),
            a.n,
            verdict(a, measure)
        ));
    }
}

fn to_text(e: &Evidence, file: &str, profile: &str, weights: &Weights) -> String {
    let mut s = format!(
        "Evidence from {file}, pairs scored with {profile}'s criterion parameters; seed {}\n",
        e.seed
    );
    let pct = 100.0 * e.responded as f64 / e.pairs.max(1) as f64;
    s.push_str(&format!(
        "Responded: {} of {} pairs ({pct:.0} %); {} did not answer any question.\n",
        e.responded,
        e.pairs,
        e.pairs - e.responded
    ));
    s.push_str(&format!("Method: {}.\n", method()));
    for o in &e.outcomes {
        s.push_str(&format!(
            "\n{} ({}, {} of {} pairs answered)\n",
            o.name,
            o.kind.as_str(),
            o.answered,
            e.pairs
        ));
        if o.answered < MIN_ANSWERS {
            s.push_str(&format!(
                "  Fewer than {MIN_ANSWERS} answers: no verdicts.\n"
            ));
        }
        table(&mut s, "criterion", &o.criteria);
        let m = tested(
            &o.criteria
                .iter()
                .map(|r| r.association.clone())
                .collect::<Vec<_>>(),
        );
        if m > 0 {
            s.push_str(&format!(
                "  Without the adjustment, about {:.1} of these {m} criteria would show an interval clear of 0 by chance alone.\n",
                m as f64 * (1.0 - LEVEL)
            ));
        }
        s.push_str("  In plain words:\n");
        for r in &o.criteria {
            s.push_str(&format!("  - {}\n", in_words(r, o, weights)));
        }
        if !o.measures.is_empty() {
            table(&mut s, "measure", &o.measures);
            for r in &o.measures {
                if let Some(c) = &r.contrast {
                    s.push_str(&format!("  {}\n", contrast_words(&r.key, o.kind, c)));
                }
            }
        }
    }
    s
}

pub fn run(args: &EvidenceArgs) -> Result<()> {
    let engine = inputs::engine(&args.data)?;
    let profile = inputs::current_profile(args.profile.as_deref())?;
    let (outcomes, file) = read_outcomes(args, &engine.pool)?;
    // Only the surveyed pairs are scored: a table of the whole pool is not needed.
    let crit = pair_criterion_columns(
        &engine.pool,
        &profile.profile.params,
        &engine.families,
        &outcomes,
    );
    let measures = measure_columns(&engine.pool, &engine.families, &outcomes);
    let e = relate(&crit, &outcomes, &measures, args.seed, default_threads());
    let weights = &profile.profile.weights;
    match args.format {
        TableOrJson::Json => emit_json(&to_json(&e, &file, &profile.label(), weights)),
        TableOrJson::Table => emit(&to_text(&e, &file, &profile.label(), weights)),
    }
}
