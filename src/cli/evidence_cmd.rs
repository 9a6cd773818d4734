//! `dyad evidence`: what a survey of past pairs says about each criterion's weight.

use std::path::Path;

use dyad::analysis::association::{Association, LEVEL, MIN_ANSWERS, RESAMPLES, tested};
use dyad::analysis::evidence::{
    Contrast, Evidence, Row, YES_NO_MEASURES, evidence, measure_columns,
};
use dyad::error::{InputError, Result};
use dyad::io::csvread::CsvFile;
use dyad::pool::files::OUTCOMES;
use dyad::pool::{OutcomeKind, Outcomes, Pool, load_outcomes};
use serde_json::{Map, Value, json};

use super::analysis_args::EvidenceArgs;
use super::args::TableOrJson;
use super::{emit, emit_json, inputs};

/// The survey shipped with the sample pool.
pub const SAMPLE_OUTCOMES: &str = "sample-data/outcomes-pilot-2023.csv";

/// How the figures are computed, in words (also in `--help` and the README).
fn method() -> String {
    format!(
        "Kendall's tau-b over the pairs that answered; {:.0} % interval: bootstrap percentile, \
         {RESAMPLES} resamples; p: two-sided permutation test, {RESAMPLES} permutations; a \
         verdict needs the interval clear of 0 and p below {:.2} after a Holm adjustment over \
         the criteria of the outcome (the measures are a family of their own), so the chance \
         of any \"supports\" appearing by chance is at most {:.0} % per family; no verdict \
         below {MIN_ANSWERS} answers",
        100.0 * LEVEL,
        1.0 - LEVEL,
        100.0 * (1.0 - LEVEL)
    )
}

/// Reads the survey: `--outcomes`, else `outcomes.csv` beside the pool, else (for the sample
/// pool) the shipped sample survey or its built-in copy.
fn read_outcomes(args: &EvidenceArgs, pool: &Pool) -> Result<(Outcomes, String)> {
    let file = match (&args.outcomes, inputs::pool_dir(&args.data)) {
        (Some(f), _) => CsvFile::read(f)?,
        (None, Some(dir)) if dir.join(OUTCOMES).exists() => CsvFile::read(&dir.join(OUTCOMES))?,
        (None, None) => CsvFile::parse(
            Path::new("(built-in) sample-data/outcomes-pilot-2023.csv"),
            dyad::embedded::SAMPLE_OUTCOMES,
        )?,
        (None, Some(_)) if args.data.data.is_none() && Path::new(SAMPLE_OUTCOMES).exists() => {
            CsvFile::read(Path::new(SAMPLE_OUTCOMES))?
        }
        (None, Some(dir)) => {
            return Err(InputError::new(
                dir.join(OUTCOMES),
                format!("a survey of pairs: {OUTCOMES} beside the pool, or --outcomes FILE"),
            )
            .problem("there is no such file")
            .into());
        }
    };
    let label = dyad::error::escape(&file.path.display().to_string());
    Ok((load_outcomes(&file, pool)?, label))
}

fn assoc_json(a: &Association, measure: bool) -> Value {
    json!({
        "tau": a.tau,
        "ci": a.ci.map(|(lo, hi)| [lo, hi]),
        "p": a.p,
        "p_holm": a.p_adjusted,
        "n": a.n,
        "verdict": if measure { a.verdict.measure_text(a.n) } else { a.verdict.text(a.n) },
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

fn rows_json(rows: &[Row]) -> Value {
    let m: Map<String, Value> = rows
        .iter()
        .map(|r| {
            let mut v = assoc_json(&r.association, r.contrast.is_some());
            if let Some(c) = &r.contrast {
                v["contrast"] = contrast_json(c);
            }
            (r.key.clone(), v)
        })
        .collect();
    Value::Object(m)
}

fn to_json(e: &Evidence, file: &str, profile: &str) -> Value {
    let outcomes: Map<String, Value> = e
        .outcomes
        .iter()
        .map(|o| {
            (
                o.name.clone(),
                json!({
                    "kind": o.kind.as_str(),
                    "answered": o.answered,
                    "criteria": rows_json(&o.criteria),
                    "measures": rows_json(&o.measures),
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
        "  {title:w$}  {:>6}  {:>15}  {:>6}  {:>6}  verdict\n",
        "tau", "95 % interval", "p", "p holm"
    ));
    for r in rows {
        let a = &r.association;
        let ci = a.ci.map_or_else(
            || "–".to_string(),
            |(lo, hi)| format!("[{lo:+.2}, {hi:+.2}]"),
        );
        s.push_str(&format!(
            "  {:w$}  {:>6}  {ci:>15}  {:>6}  {:>6}  {}\n",
            r.key,
            a.tau
                .map_or_else(|| "–".to_string(), |t| format!("{t:+.2}")),
            p_text(a.p),
            p_text(a.p_adjusted),
            if measure {
                a.verdict.measure_text(a.n)
            } else {
                a.verdict.text(a.n)
            }
        ));
    }
}

/// "pairs with km ≤ 21.3 (median): mean 4.2 (n = 12) vs mean 3.1 for km > 21.3 (n = 13),
/// 1.35× as much"; for a yes/no measure "pairs with outside_system: … vs … without".
fn contrast_text(key: &str, kind: OutcomeKind, c: &Contrast) -> String {
    let show = |v: f64| match kind {
        OutcomeKind::YesNo => format!("{:.0} % yes", 100.0 * v),
        OutcomeKind::Number => format!("mean {v:.2}"),
    };
    let ratio = match c.ratio() {
        Some(r) if r >= 1.0 => format!("; {r:.2}× as much for the first"),
        Some(r) => format!("; {:.2}× as much for the second", 1.0 / r),
        None => String::new(),
    };
    let (low, high) = if YES_NO_MEASURES.contains(&key) {
        (format!("without {key}"), format!("with {key}"))
    } else {
        let (cmp, rest) = if c.inclusive {
            ("≤", ">")
        } else {
            ("<", "≥")
        };
        let t = c.threshold;
        (
            format!("with {key} {cmp} {t:.2} (the median)"),
            format!("with {key} {rest} {t:.2}"),
        )
    };
    format!(
        "pairs {low}: {} (n = {}); pairs {high}: {} (n = {}){ratio}",
        show(c.low.mean),
        c.low.n,
        show(c.high.mean),
        c.high.n,
    )
}

fn to_text(e: &Evidence, file: &str, profile: &str) -> String {
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
        if !o.measures.is_empty() {
            table(&mut s, "measure", &o.measures);
            for r in &o.measures {
                if let Some(c) = &r.contrast {
                    s.push_str(&format!("  {}\n", contrast_text(&r.key, o.kind, c)));
                }
            }
        }
    }
    s
}

pub fn run(args: &EvidenceArgs) -> Result<()> {
    let mut engine = inputs::engine(&args.data)?;
    let profile = inputs::current_profile(args.profile.as_deref())?;
    let (outcomes, file) = read_outcomes(args, &engine.pool)?;
    let table = engine.table(&profile.profile.params);
    let measures = measure_columns(&engine.pool, &engine.families, &outcomes);
    let e = evidence(&table, &outcomes, &measures, args.seed);
    match args.format {
        TableOrJson::Json => emit_json(&to_json(&e, &file, &profile.label())),
        TableOrJson::Table => emit(&to_text(&e, &file, &profile.label())),
    }
}
