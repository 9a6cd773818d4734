//! What a survey of past pairs says about each criterion: for every outcome, each criterion's
//! pair score (under a profile's criterion parameters) and each weight-free measure against the
//! outcome over the pairs that answered (see [`crate::analysis::association`]), and for each
//! measure a contrast a council can read ("pairs at most 21 km apart met 2.4× as often").
//!
//! Multiple comparisons: the verdicts on the criteria of one outcome form one Holm family, and
//! those on the measures of one outcome another, so for each outcome the chance that any
//! "supports" verdict of a family appears by chance alone is at most 5 %.

use crate::criteria;
use crate::criteria::Params;
use crate::criteria::specialty::SpecialtyFamilies;
use crate::matching::scoring::ScoreTable;
use crate::pool::{OutcomeKind, Outcomes, Pool};

use super::measures::PairFacts;

use super::association::{Association, associate, decide, stream_seed};
use super::council::median;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 2023;

/// One group of a contrast: pairs on one side of the split, with the outcome's mean there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// Pairs on this side.
    pub n: usize,
    /// Mean outcome (for yes/no: the share answering yes).
    pub mean: f64,
}

/// The outcome among pairs whose measure is at most `threshold` against the others. The split
/// is at the median of the measure over the pairs that answered; when every pair at or below
/// the median has the same value as the top, the split is "below the median" instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contrast {
    /// The measure's median over the answered pairs: where the pairs are split.
    pub threshold: f64,
    /// true: `low` holds pairs with measure ≤ threshold; false: < threshold.
    pub inclusive: bool,
    /// Pairs whose measure is at or below (or below) the threshold.
    pub low: Side,
    /// The other pairs.
    pub high: Side,
}

impl Contrast {
    /// low.mean / high.mean, when both are positive.
    pub fn ratio(&self) -> Option<f64> {
        (self.low.mean > 0.0 && self.high.mean > 0.0).then(|| self.low.mean / self.high.mean)
    }
}

/// Splits the answered pairs at the median of `x` and compares the mean of `y` on both sides.
pub fn contrast(x: &[Option<f64>], y: &[Option<f64>]) -> Option<Contrast> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .unzip();
    if xs.len() < 2 {
        return None;
    }
    let t = median(&xs);
    let side = |keep: &dyn Fn(f64) -> bool| {
        let v: Vec<f64> = xs
            .iter()
            .zip(&ys)
            .filter(|(a, _)| keep(**a))
            .map(|(_, b)| *b)
            .collect();
        Side {
            n: v.len(),
            mean: v.iter().sum::<f64>() / v.len().max(1) as f64,
        }
    };
    for inclusive in [true, false] {
        let low = side(&|a| if inclusive { a <= t } else { a < t });
        let high = side(&|a| if inclusive { a > t } else { a >= t });
        if low.n > 0 && high.n > 0 {
            return Some(Contrast {
                threshold: t,
                inclusive,
                low,
                high,
            });
        }
    }
    None
}

/// One quantity (a criterion or a measure) against one outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The criterion or measure's key (`proximity`, `km_median` …).
    pub key: String,
    /// Kendall's tau-b between it and the outcome, with its interval, p-value and verdict.
    pub association: Association,
    /// For measures only.
    pub contrast: Option<Contrast>,
}

/// Everything about one outcome column.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeEvidence {
    /// The outcome column's name in `outcomes.csv`.
    pub name: String,
    /// Numbers or yes/no.
    pub kind: OutcomeKind,
    /// Pairs that answered it.
    pub answered: usize,
    /// One row per criterion, in [`crate::criteria::CRITERIA`] order.
    pub criteria: Vec<Row>,
    /// One row per weight-free measure.
    pub measures: Vec<Row>,
}

/// The evidence of a survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Pairs in the survey file.
    pub pairs: usize,
    /// Pairs that answered at least one question.
    pub responded: usize,
    /// The seed of the permutation tests and bootstrap intervals: the same seed, the same figures.
    pub seed: u64,
    /// One per outcome column, in file order.
    pub outcomes: Vec<OutcomeEvidence>,
}

/// Per-pair values of one weight-free measure, parallel to [`Outcomes::pairs`] (`None` where
/// the measure is undefined for a pair, e.g. a mentee without goals).
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureColumn {
    /// The measure's key.
    pub key: String,
    /// One value per pair of the survey.
    pub values: Vec<Option<f64>>,
}

/// One per-pair measure read from a pair's facts.
type Getter = fn(&PairFacts) -> Option<f64>;

/// Keys of the measures that are yes/no for a pair (1 or 0).
pub const YES_NO_MEASURES: [&str; 4] = [
    "outside_system",
    "same_specialty",
    "same_family",
    "hours_short",
];

/// The weight-free measures of each surveyed pair ([`PairFacts`]): `km` apart, the shares
/// `goals_covered`, `challenges_covered` and `identity_requests_met` (undefined when the mentee
/// asked for none), and the yes/no facts of [`YES_NO_MEASURES`] as 1 / 0.
pub fn measure_columns(
    pool: &Pool,
    families: &SpecialtyFamilies,
    outcomes: &Outcomes,
) -> Vec<MeasureColumn> {
    let facts: Vec<PairFacts> = outcomes
        .pairs
        .iter()
        .map(|&(i, j)| PairFacts::of(pool, families, i, j))
        .collect();
    let getters: [(&str, Getter); 8] = [
        ("km", |f| f.km),
        ("goals_covered", |f| f.goals.share()),
        ("challenges_covered", |f| f.challenges.share()),
        ("identity_requests_met", |f| f.identity_requests.share()),
        ("outside_system", |f| {
            Some(f64::from(u8::from(f.outside_system)))
        }),
        ("same_specialty", |f| {
            Some(f64::from(u8::from(f.same_specialty)))
        }),
        ("same_family", |f| Some(f64::from(u8::from(f.same_family)))),
        ("hours_short", |f| Some(f64::from(u8::from(f.hours_short)))),
    ];
    getters
        .iter()
        .map(|(key, get)| MeasureColumn {
            key: key.to_string(),
            values: facts.iter().map(get).collect(),
        })
        .collect()
}

/// Each criterion's score of each surveyed pair, under the table's criterion parameters.
pub fn criterion_columns(table: &ScoreTable, outcomes: &Outcomes) -> Vec<Vec<Option<f64>>> {
    let scores: Vec<[f64; criteria::N]> = outcomes
        .pairs
        .iter()
        .map(|&(i, j)| table.criteria(i, j))
        .collect();
    (0..criteria::N)
        .map(|k| scores.iter().map(|s| Some(s[k])).collect())
        .collect()
}

/// Each criterion's score of each surveyed pair, scored pair by pair
/// ([`ScoreTable::pair_criteria`]): the same figures as [`criterion_columns`] without a table
/// of the whole pool.
pub fn pair_criterion_columns(
    pool: &Pool,
    params: &Params,
    families: &SpecialtyFamilies,
    outcomes: &Outcomes,
) -> Vec<Vec<Option<f64>>> {
    let scores: Vec<[f64; criteria::N]> = outcomes
        .pairs
        .iter()
        .map(|&(i, j)| ScoreTable::pair_criteria(pool, params, families, i, j))
        .collect();
    (0..criteria::N)
        .map(|k| scores.iter().map(|s| Some(s[k])).collect())
        .collect()
}

/// Threads for the tests of [`evidence`]: one per core, at most 8.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// Relates every criterion and measure to every outcome. Deterministic per `seed`.
pub fn evidence(
    table: &ScoreTable,
    outcomes: &Outcomes,
    measures: &[MeasureColumn],
    seed: u64,
) -> Evidence {
    let crit = criterion_columns(table, outcomes);
    relate(&crit, outcomes, measures, seed, default_threads())
}

/// One test to run: a quantity against an outcome, with its own seed.
struct Job<'a> {
    x: &'a [Option<f64>],
    y: &'a [Option<f64>],
    seed: u64,
}

/// Runs the tests on `threads` threads. Each test has its own seed, so the results are the
/// same whatever the number of threads.
fn run_all(jobs: &[Job], threads: usize) -> Vec<Association> {
    let threads = threads.clamp(1, jobs.len().max(1));
    if threads == 1 {
        return jobs.iter().map(|j| associate(j.x, j.y, j.seed)).collect();
    }
    let mut out: Vec<Option<Association>> = vec![None; jobs.len()];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..jobs.len())
                        .step_by(threads)
                        .map(|k| (k, associate(jobs[k].x, jobs[k].y, jobs[k].seed)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (k, a) in h.join().expect("an evidence thread does not panic") {
                out[k] = Some(a);
            }
        }
    });
    out.into_iter()
        .map(|a| a.expect("every test is run"))
        .collect()
}

/// [`evidence`] from the criterion columns ([`criterion_columns`] or
/// [`pair_criterion_columns`]), its tests run on `threads` threads (the result does not depend
/// on how many).
pub fn relate(
    crit: &[Vec<Option<f64>>],
    outcomes: &Outcomes,
    measures: &[MeasureColumn],
    seed: u64,
    threads: usize,
) -> Evidence {
    let keys: Vec<&str> = criteria::CRITERIA.iter().map(|c| c.key).collect();
    // The seeds in the order the tests were always numbered: per outcome, the criteria, then
    // the measures.
    let mut jobs = Vec::new();
    for o in &outcomes.outcomes {
        for x in crit
            .iter()
            .map(Vec::as_slice)
            .chain(measures.iter().map(|m| &m.values[..]))
        {
            jobs.push(Job {
                x,
                y: &o.values,
                seed: stream_seed(seed, jobs.len() as u64 + 1),
            });
        }
    }
    let mut results = run_all(&jobs, threads).into_iter();
    let out = outcomes
        .outcomes
        .iter()
        .map(|o| {
            let mut criteria: Vec<Row> = keys
                .iter()
                .take(crit.len())
                .map(|key| Row {
                    key: key.to_string(),
                    association: results.next().expect("one result per test"),
                    contrast: None,
                })
                .collect();
            let mut measures: Vec<Row> = measures
                .iter()
                .map(|m| Row {
                    key: m.key.clone(),
                    association: results.next().expect("one result per test"),
                    contrast: contrast(&m.values, &o.values),
                })
                .collect();
            for family in [&mut criteria, &mut measures] {
                let mut a: Vec<Association> =
                    family.iter().map(|r| r.association.clone()).collect();
                decide(&mut a);
                for (r, a) in family.iter_mut().zip(a) {
                    r.association = a;
                }
            }
            OutcomeEvidence {
                name: o.name.clone(),
                kind: o.kind,
                answered: o.answered(),
                criteria,
                measures,
            }
        })
        .collect();
    Evidence {
        pairs: outcomes.pairs.len(),
        responded: outcomes.responded(),
        seed,
        outcomes: out,
    }
}
