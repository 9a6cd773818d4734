//! `dyad bench`: how instant the matching feels at a given pool size.
//!
//! Generates a pool (or loads one with `--data`), builds the score tables of the current and the
//! baseline profile, times a cold solve of the current profile, then times slider steps: one
//! random weight moved by 0.01, 0.05 or 0.25 (`--steps` of each), each step being the whole
//! recompute the TUI's worker does — rescoring, re-solving, the summary, the comparison against
//! the baseline, and both sides' measures, groups and mentor loads. Each step is also broken
//! down by phase (see [`PHASES`]), and so is the cold start. Peak memory is the process's
//! high-water mark (`VmHWM`, Linux).

use std::path::PathBuf;

use clap::Args;

use std::path::Path;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use dyad::analysis::compare::Comparison;
use dyad::analysis::overview::Overview;
use dyad::analysis::overview_memo::OverviewMemo;
use dyad::error::Result;
use dyad::matching::engine::{Engine, Evaluation};
use dyad::pool::{LoadOptions, pool_from_csv};
use dyad::profile::Profile;

use super::common_args::{DataArgs, TableOrJson};
use super::{emit, emit_json, inputs};

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Number of mentees of the generated pool (10 to 10000)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(10..=10_000))]
    pub mentees: u32,
    /// Number of mentors of the generated pool (10 to 10000)
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(10..=10_000))]
    pub mentors: u32,
    /// Slider steps timed for each move (0.01, 0.05 and 0.25)
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub steps: u32,
    /// Random seed of the generated pool and of the steps
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Time this pool folder instead of a generated pool (not with `--mentees` or
    /// `--mentors`; `--seed` then only chooses the steps)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["mentees", "mentors"])]
    pub data: Option<PathBuf>,
    /// The current profile [default: configs/fall-2023.toml, or the built-in copy]
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The baseline compared against at each step [default: configs/pilot-2023.toml, or the
    /// built-in copy]
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

/// The slider moves timed: a fine step (Shift), a key press, a big jump.
const DELTAS: [f64; 3] = [0.01, 0.05, 0.25];

/// Cold solves timed (the median is reported).
const COLD_RUNS: usize = 3;

/// The phases of a rematch, in the order they run: the frame of constraints (rebuilt only when
/// the hard rules change), the full re-sum of every pair's numerator (a cold start; a
/// single-weight step adds the moved criterion inside the solver's first sweep, so it counts in
/// `solve`), the solver and the matching's assembly, the summary, the comparison with the
/// baseline, the overview (both sides' measures, groups and mentor loads), and — part of the
/// overview, timed apart by a second call outside the step — the current side's measures.
const PHASES: [&str; 7] = [
    "frame",
    "rescoring",
    "solve",
    "summary",
    "comparison",
    "overview",
    "measures",
];

/// One rematch's time per phase (ms), as [`PHASES`] names them.
type Phases = [f64; 7];

/// Step times of one slider move.
struct Steps {
    delta: f64,
    ms: Vec<f64>,
    phases: Vec<Phases>,
}

impl Steps {
    /// The `q`-quantile of the step times.
    fn quantile(&self, q: f64) -> f64 {
        quantile(&self.ms, q)
    }

    /// The `q`-quantile of one phase's times.
    fn phase_quantile(&self, phase: usize, q: f64) -> f64 {
        let v: Vec<f64> = self.phases.iter().map(|p| p[phase]).collect();
        quantile(&v, q)
    }
}

/// The `q`-quantile (nearest rank) of some times.
fn quantile(ms: &[f64], q: f64) -> f64 {
    let mut v = ms.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

pub fn run(args: &BenchArgs) -> Result<()> {
    let (pool, source) = match &args.data {
        Some(dir) => {
            let data = DataArgs {
                data: Some(dir.clone()),
                ignore_columns: Vec::new(),
            };
            (inputs::load_pool(&data)?, "loaded")
        }
        None => {
            let g =
                dyad::generate::generate(args.mentees as usize, args.mentors as usize, args.seed);
            let opts = LoadOptions::default();
            let pool = pool_from_csv(
                (
                    Path::new(dyad::pool::files::MENTEES),
                    g.mentees_csv.as_bytes(),
                ),
                (
                    Path::new(dyad::pool::files::MENTORS),
                    g.mentors_csv.as_bytes(),
                ),
                &opts,
            )?;
            (pool, "generated")
        }
    };
    let (n, m) = (pool.mentees.len(), pool.mentors.len());
    let mut current = inputs::current_profile(args.profile.as_deref())?.profile;
    let baseline = inputs::baseline_profile(args.baseline.as_deref())?.profile;
    let mut engine = Engine::new(pool, inputs::load_families()?);

    let start = Instant::now();
    engine.table(&current.params);
    engine.table(&baseline.params);
    let scoring_ms = ms(start.elapsed());

    let start = Instant::now();
    let base = engine.evaluate(&baseline)?;
    let baseline_ms = ms(start.elapsed());

    let mut cold = Vec::new();
    let mut cold_phases = Vec::new();
    let mut memo = OverviewMemo::new();
    let mut matched = 0;
    for _ in 0..COLD_RUNS {
        engine.forget_session();
        memo = OverviewMemo::new();
        let (ev, _, _, _, phases) = step(&mut engine, &mut memo, &base, &current)?;
        // The evaluation alone (frame, rescoring, solve, summary), as before the phases.
        cold.push(phases[..4].iter().sum());
        cold_phases.push(phases);
        matched = ev.matching.pairs.len();
    }
    let cold_ms = quantile(&cold, 0.5);
    let cold_phases: Phases = std::array::from_fn(|p| {
        quantile(&cold_phases.iter().map(|c| c[p]).collect::<Vec<_>>(), 0.5)
    });

    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut series = Vec::new();
    for delta in DELTAS {
        let mut s = Steps {
            delta,
            ms: Vec::with_capacity(args.steps as usize),
            phases: Vec::with_capacity(args.steps as usize),
        };
        for _ in 0..args.steps {
            nudge(&mut current, &mut rng, delta);
            let (_ev, cmp, overview, total, phases) =
                step(&mut engine, &mut memo, &base, &current)?;
            s.ms.push(total);
            s.phases.push(phases);
            std::hint::black_box((cmp.differing(), overview.now.measures.mentors_idle));
        }
        series.push(s);
    }
    let peak = peak_rss_mb();

    match args.format {
        TableOrJson::Json => {
            let steps: serde_json::Map<String, serde_json::Value> = series
                .iter()
                .map(|s| {
                    let phases: serde_json::Map<String, serde_json::Value> = PHASES
                        .iter()
                        .enumerate()
                        .map(|(p, name)| {
                            let q = json!({"p50": s.phase_quantile(p, 0.5),
                                           "p99": s.phase_quantile(p, 0.99)});
                            (name.to_string(), q)
                        })
                        .collect();
                    (
                        format!("{}", s.delta),
                        json!({"p50": s.quantile(0.5), "p90": s.quantile(0.9),
                               "p99": s.quantile(0.99), "max": s.quantile(1.0),
                               "phases": phases}),
                    )
                })
                .collect();
            let cold_by_phase: serde_json::Map<String, serde_json::Value> = PHASES
                .iter()
                .zip(cold_phases)
                .map(|(name, t)| (name.to_string(), json!(t)))
                .collect();
            emit_json(&json!({
                "mentees": n,
                "mentors": m,
                "cold_ms": cold_ms,
                "cold_phases_ms": cold_by_phase,
                "steps": steps,
                "peak_rss_mb": peak,
            }))
        }
        TableOrJson::Table => {
            let mut out = format!(
                "pool: {n} mentees x {m} mentors ({source}{}), {matched} matched cold\n",
                if source == "generated" {
                    format!(", seed {}", args.seed)
                } else {
                    String::new()
                }
            );
            out.push_str(&format!(
                "score tables (current and baseline): {scoring_ms:>9.2} ms\n"
            ));
            out.push_str(&format!(
                "baseline evaluation:                  {baseline_ms:>9.2} ms\n"
            ));
            out.push_str(&format!(
                "cold solve of the current profile:    {cold_ms:>9.2} ms (median of {COLD_RUNS})\n"
            ));
            out.push_str(&format!(
                "slider steps ({} each; rescoring, re-solving, summary, comparison, overview), ms:\n",
                args.steps
            ));
            out.push_str("  move      p50      p90      p99      max\n");
            for s in &series {
                out.push_str(&format!(
                    "  {:<5} {:>8.3} {:>8.3} {:>8.3} {:>8.3}\n",
                    s.delta,
                    s.quantile(0.5),
                    s.quantile(0.9),
                    s.quantile(0.99),
                    s.quantile(1.0)
                ));
            }
            out.push_str(&phase_table(&cold_phases, &series));
            out.push_str(&match peak {
                Some(mb) => format!("peak memory: {mb:.1} MB\n"),
                None => "peak memory: not available on this system\n".to_string(),
            });
            emit(&out)
        }
    }
}

/// Where the time goes: each phase's median cold and its p50 / p99 for each slider move.
fn phase_table(cold: &Phases, series: &[Steps]) -> String {
    let mut out =
        String::from("where the time goes, ms (measures: part of the overview, timed apart):\n");
    out.push_str("  phase          cold");
    for s in series {
        out.push_str(&format!(" {:>17}", format!("move {} p50/p99", s.delta)));
    }
    out.push('\n');
    for (p, name) in PHASES.iter().enumerate() {
        out.push_str(&format!("  {name:<10} {:>8.3}", cold[p]));
        for s in series {
            let (p50, p99) = (s.phase_quantile(p, 0.5), s.phase_quantile(p, 0.99));
            out.push_str(&format!(" {:>17}", format!("{p50:.3} / {p99:.3}")));
        }
        out.push('\n');
    }
    out
}

/// One slider step as the TUI's worker does it: the current profile's matching and summary
/// (warm), its comparison with the baseline, and both sides' measures, groups and mentor loads
/// on the current yardstick (the facts of the pairs that did not move and the criteria of the
/// baseline's pairs kept from the last step, as the worker does); with its time (ms) and the
/// time of each phase (the last, the current side's measures as the overview makes them, timed
/// by a second call after the step).
fn step(
    engine: &mut Engine,
    memo: &mut OverviewMemo,
    base: &Evaluation,
    current: &Profile,
) -> Result<(Evaluation, Comparison, Overview, f64, Phases)> {
    let began = Instant::now();
    let (ev, times) = engine.evaluate_timed(current)?;
    let start = Instant::now();
    let cmp = memo.comparison(base, &ev);
    let comparison = start.elapsed();
    let start = Instant::now();
    let overview: Overview = memo.overview(base, &ev);
    let overview_time = start.elapsed();
    let total = ms(began.elapsed());
    let start = Instant::now();
    let measures = memo.measures(&ev);
    let measures_time = start.elapsed();
    std::hint::black_box(measures.mentors_idle);
    let phases = [
        times.solve.frame,
        times.solve.rescore,
        times.solve.solve,
        times.summary,
        comparison,
        overview_time,
        measures_time,
    ]
    .map(ms);
    Ok((ev, cmp, overview, total, phases))
}

/// Moves one random weight by `delta`, up or down at random (the other way at a bound).
fn nudge(profile: &mut Profile, rng: &mut ChaCha8Rng, delta: f64) {
    let k = rng.random_range(0..profile.weights.len());
    let w = profile.weights[k];
    let up = rng.random_bool(0.5);
    let moved = if up { w + delta } else { w - delta };
    let moved = if (0.0..=1.0).contains(&moved) {
        moved
    } else if up {
        w - delta
    } else {
        w + delta
    };
    profile.weights[k] = moved.clamp(0.0, 1.0);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The process's peak resident memory in MB (`VmHWM` in `/proc/self/status`), where available.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}
