//! How much each pair depends on the exact weights: draw every weight at random around the
//! profile's (uniformly within ±spread, clamped to [0, 1]) or within the council members' own
//! range, re-solve each draw exactly, and count how often each pair of the profile's matching
//! survives (`kept`) and how many different mentors each mentee gets.
//!
//! The draws are re-solved warm in [`Session`]s of their own (the same session type the
//! [`Engine`] keeps), so a caller's engine keeps its own warm state. Work comes in chunks:
//! [`Robustness::run`] adds some draws and returns, so a background job can report partial
//! results and stop between chunks. The stream of draws is ChaCha8 from the seed: the same seed
//! gives the same figures, whatever the chunk sizes.
//!
//! The draws are independent, so a chunk is shared out among threads (one session each, see
//! [`Robustness::threads`]): the weights are drawn from the one stream first, in order, and each
//! thread solves a contiguous slice of them. A session solves exactly what a cold solve gives
//! (see [`Session::solve`]), and the tallies are sums and unions, so the figures are the same
//! for any number of threads.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::criteria::{self, Weights};
use crate::error::InputError;
use crate::matching::engine::{Engine, Session};
use crate::matching::scoring::ScoreTable;
use crate::matching::{Matching, Reason};
use crate::pool::Pool;
use crate::profile::Profile;

use super::council::{Member, Spread};

/// The spread used when none is given.
pub const DEFAULT_SPREAD: f64 = 0.1;
/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 1;

/// Where each weight is drawn from: uniformly in `[lo, hi]` for each criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightRanges(pub [(f64, f64); criteria::N]);

impl WeightRanges {
    /// Each weight within ±`spread` of its value, clamped to [0, 1].
    pub fn around(weights: &Weights, spread: f64) -> WeightRanges {
        WeightRanges(std::array::from_fn(|k| {
            (
                (weights[k] - spread).clamp(0.0, 1.0),
                (weights[k] + spread).clamp(0.0, 1.0),
            )
        }))
    }

    /// Each weight within the lowest and highest the council members gave it. Panics on no
    /// members.
    pub fn of_council(members: &[Member]) -> WeightRanges {
        WeightRanges(std::array::from_fn(|k| {
            let v: Vec<f64> = members.iter().map(|m| m.profile.weights[k]).collect();
            let s = Spread::of(&v);
            (s.min, s.max)
        }))
    }

    /// One draw of all weights.
    pub fn draw(&self, rng: &mut ChaCha8Rng) -> Weights {
        std::array::from_fn(|k| {
            let (lo, hi) = self.0[k];
            // Always draw, so each draw uses the same amount of the stream.
            let u: f64 = rng.random();
            lo + (hi - lo) * u
        })
    }
}

/// A pair of the profile's matching and the share of draws that keep it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeptPair {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Index of the mentor in the pool.
    pub mentor: usize,
    /// Share of the draws in which this mentee has this mentor.
    pub kept: f64,
}

/// How one mentee fares over the draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MenteeSpread {
    /// Index of the mentee in the pool.
    pub mentee: usize,
    /// Different mentors over all draws.
    pub mentors: usize,
    /// Draws that leave the mentee unmatched.
    pub unmatched: usize,
}

/// At most this many threads share a chunk: each holds a session of its own (about 9 bytes
/// per mentee–mentor pair, 17 while `min_score` is above 0).
pub const MAX_THREADS: usize = 8;

/// Bytes a session of its own costs per mentee–mentor pair, at most.
const SESSION_BYTES_PER_PAIR: u64 = 17;

/// Threads for a pool of this many mentee–mentor pairs: one per core
/// (`std::thread::available_parallelism`), at most [`MAX_THREADS`], and only as many sessions
/// as fit in half the memory the machine has free.
pub fn default_threads(pairs: usize) -> usize {
    let session = session_bytes(pairs);
    let fit = (crate::matching::memory::available() / 2 / session).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores
        .min(MAX_THREADS)
        .min(usize::try_from(fit).unwrap_or(usize::MAX))
}

/// Threads for a pool under the memory budget of the settings (`memory.budget_mb`, `None`:
/// none set): [`default_threads`], and no more sessions than the budget holds beyond what the
/// pool's matching needs ([`crate::matching::memory::need`], the first session included), so a
/// pool that just fits its budget is drawn on one thread instead of going over it.
pub fn threads_for_budget(mentees: usize, mentors: usize, budget: Option<u64>) -> usize {
    let pairs = mentees.saturating_mul(mentors);
    let threads = default_threads(pairs);
    let Some(budget) = budget else {
        return threads;
    };
    let spare = budget.saturating_sub(crate::matching::memory::need(mentees, mentors));
    let more = usize::try_from(spare / session_bytes(pairs)).unwrap_or(usize::MAX);
    threads.min(more.saturating_add(1))
}

fn session_bytes(pairs: usize) -> u64 {
    (pairs as u64).saturating_mul(SESSION_BYTES_PER_PAIR).max(1)
}

/// What a slice of draws did: counts to add up.
struct Tally {
    /// Per pair of the base matching: draws that keep it.
    kept: Vec<usize>,
    /// Per mentee: the mentors seen (sorted).
    seen: Vec<Vec<usize>>,
    /// Per mentee: draws that leave an eligible mentee unmatched.
    unmatched: Vec<usize>,
}

impl Tally {
    fn new(pairs: usize, mentees: usize) -> Tally {
        Tally {
            kept: vec![0; pairs],
            seen: vec![Vec::new(); mentees],
            unmatched: vec![0; mentees],
        }
    }

    /// Adds one draw's matching.
    fn add(&mut self, base: &Matching, eligible: &[bool], m: &Matching) {
        for (k, pair) in base.pairs.iter().enumerate() {
            if m.mentor_of[pair.mentee] == Some(pair.mentor) {
                self.kept[k] += 1;
            }
        }
        for (i, mentor) in m.mentor_of.iter().enumerate() {
            match mentor {
                Some(j) => see(&mut self.seen[i], *j),
                None if eligible[i] => self.unmatched[i] += 1,
                None => {}
            }
        }
    }

    /// Adds another tally (sums, and unions of the mentors seen).
    fn merge(&mut self, other: Tally) {
        for (a, b) in self.kept.iter_mut().zip(other.kept) {
            *a += b;
        }
        for (a, b) in self.unmatched.iter_mut().zip(other.unmatched) {
            *a += b;
        }
        for (a, b) in self.seen.iter_mut().zip(other.seen) {
            for j in b {
                see(a, j);
            }
        }
    }
}

/// Adds a mentor to a sorted set.
fn see(seen: &mut Vec<usize>, j: usize) {
    if let Err(at) = seen.binary_search(&j) {
        seen.insert(at, j);
    }
}

/// Solves each weighting of `draws` in `session` and tallies the matchings.
fn solve_all(
    session: &mut Session,
    profile: &Profile,
    draws: &[Weights],
    base: &Matching,
    eligible: &[bool],
) -> Result<Tally, InputError> {
    let mut tally = Tally::new(base.pairs.len(), eligible.len());
    let mut p = profile.clone();
    for w in draws {
        p.weights = *w;
        let m = session.solve(&p)?;
        tally.add(base, eligible, &m);
    }
    Ok(tally)
}

/// The draws so far, ready to resume.
pub struct Robustness {
    pool: Arc<Pool>,
    table: Arc<ScoreTable>,
    /// One per thread used so far; the first solved the profile's own matching.
    sessions: Vec<Session>,
    threads: usize,
    profile: Profile,
    ranges: WeightRanges,
    rng: ChaCha8Rng,
    /// The profile's own matching.
    pub base: Matching,
    samples: usize,
    tally: Tally,
    /// Mentees the profile's eligibility admits (the same in every draw).
    eligible: Vec<bool>,
}

impl std::fmt::Debug for Robustness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Robustness")
            .field("ranges", &self.ranges)
            .field("samples", &self.samples)
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

impl Robustness {
    /// Starts from the profile's own matching on the engine's pool (the engine's score table
    /// for the profile's criterion parameters is shared, its warm session left alone). Errors
    /// are the matching's (pins the profile cannot keep).
    pub fn new(
        engine: &mut Engine,
        profile: &Profile,
        ranges: WeightRanges,
        seed: u64,
    ) -> Result<Robustness, InputError> {
        let table = engine.table(&profile.params);
        Robustness::on(engine.pool.clone(), table, profile, ranges, seed)
    }

    /// The same on a pool (with its pins and bans) and the score table of the profile's
    /// criterion parameters, such as an [`crate::matching::engine::Evaluation`]'s.
    pub fn on(
        pool: Arc<Pool>,
        table: Arc<ScoreTable>,
        profile: &Profile,
        ranges: WeightRanges,
        seed: u64,
    ) -> Result<Robustness, InputError> {
        let mut session = Session::new(pool.clone(), Arc::clone(&table));
        let base = session.solve(profile)?;
        let mentees = pool.mentees.len();
        let mut eligible = vec![true; mentees];
        for &(i, reason) in &base.unmatched {
            if reason == Reason::Ineligible {
                eligible[i] = false;
            }
        }
        let threads = default_threads(mentees.saturating_mul(pool.mentors.len()));
        Ok(Robustness {
            tally: Tally::new(base.pairs.len(), mentees),
            eligible,
            pool,
            table,
            sessions: vec![session],
            threads,
            profile: profile.clone(),
            ranges,
            rng: ChaCha8Rng::seed_from_u64(seed),
            base,
            samples: 0,
        })
    }

    /// Shares each chunk among this many threads from now on (at least one); the figures do
    /// not depend on it. The default is [`default_threads`].
    pub fn with_threads(mut self, threads: usize) -> Robustness {
        self.threads = threads.max(1);
        self
    }

    /// The threads a chunk is shared among.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Draws and solves `samples` more weightings. On an error (which a draw cannot cause
    /// unless the profile itself cannot be matched) none of them counts.
    pub fn run(&mut self, samples: usize) -> Result<(), InputError> {
        let draws: Vec<Weights> = (0..samples)
            .map(|_| self.ranges.draw(&mut self.rng))
            .collect();
        let threads = self.threads.min(samples).max(1);
        while self.sessions.len() < threads {
            let s = Session::new(self.pool.clone(), self.table.clone());
            self.sessions.push(s);
        }
        let (profile, base, eligible) = (&self.profile, &self.base, &self.eligible[..]);
        let tallies: Vec<Result<Tally, InputError>> = if threads == 1 {
            vec![solve_all(
                &mut self.sessions[0],
                profile,
                &draws,
                base,
                eligible,
            )]
        } else {
            let slice = samples.div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = self
                    .sessions
                    .iter_mut()
                    .zip(draws.chunks(slice))
                    .map(|(session, part)| {
                        scope.spawn(move || solve_all(session, profile, part, base, eligible))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        let mut sum = Tally::new(self.base.pairs.len(), self.eligible.len());
        for t in tallies {
            sum.merge(t?);
        }
        self.tally.merge(sum);
        self.samples += samples;
        Ok(())
    }

    /// Draws solved so far.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// The range each weight is drawn from.
    pub fn ranges(&self) -> &WeightRanges {
        &self.ranges
    }

    /// Each pair of the profile's matching with its share kept (0 before any draw).
    pub fn kept(&self) -> Vec<KeptPair> {
        let n = self.samples.max(1) as f64;
        self.base
            .pairs
            .iter()
            .zip(&self.tally.kept)
            .map(|(p, &k)| KeptPair {
                mentee: p.mentee,
                mentor: p.mentor,
                kept: k as f64 / n,
            })
            .collect()
    }

    /// Every eligible mentee: how many different mentors the draws gave them, and how often
    /// none.
    pub fn mentees(&self) -> Vec<MenteeSpread> {
        (0..self.tally.seen.len())
            .filter(|&i| self.eligible[i])
            .map(|i| MenteeSpread {
                mentee: i,
                mentors: self.tally.seen[i].len(),
                unmatched: self.tally.unmatched[i],
            })
            .collect()
    }
}
