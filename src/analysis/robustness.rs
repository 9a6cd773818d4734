//! How much each pair depends on the exact weights: draw every weight at random around the
//! profile's (uniformly within ±spread, clamped to [0, 1]) or within the council members' own
//! range, re-solve each draw exactly, and count how often each pair of the profile's matching
//! survives (`kept`) and how many different mentors each mentee gets.
//!
//! The draws are re-solved warm in one [`Session`] of their own (the same session type the
//! [`Engine`] keeps), so a caller's engine keeps its own warm state. Work comes in chunks:
//! [`Robustness::run`] adds some draws and returns, so a background job can report partial
//! results and stop between chunks. The stream of draws is ChaCha8 from the seed: the same seed
//! gives the same figures, whatever the chunk sizes.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::criteria::{self, Weights};
use crate::error::InputError;
use crate::matching::engine::{Engine, Session};
use crate::matching::{Matching, Reason};
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
    pub mentee: usize,
    pub mentor: usize,
    /// Share of the draws in which this mentee has this mentor.
    pub kept: f64,
}

/// How one mentee fares over the draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MenteeSpread {
    pub mentee: usize,
    /// Different mentors over all draws.
    pub mentors: usize,
    /// Draws that leave the mentee unmatched.
    pub unmatched: usize,
}

/// The draws so far, ready to resume.
pub struct Robustness {
    session: Session,
    profile: Profile,
    ranges: WeightRanges,
    rng: ChaCha8Rng,
    /// The profile's own matching.
    pub base: Matching,
    samples: usize,
    kept: Vec<usize>,
    /// For each mentee, the mentors seen (sorted).
    seen: Vec<Vec<usize>>,
    unmatched: Vec<usize>,
    /// Mentees the profile's eligibility admits (the same in every draw).
    eligible: Vec<bool>,
}

impl std::fmt::Debug for Robustness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Robustness")
            .field("ranges", &self.ranges)
            .field("samples", &self.samples)
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
        let mut session = Session::new(engine.pool.clone(), Arc::clone(&table));
        let base = session.solve(profile)?;
        let mentees = engine.pool.mentees.len();
        let mut eligible = vec![true; mentees];
        for &(i, reason) in &base.unmatched {
            if reason == Reason::Ineligible {
                eligible[i] = false;
            }
        }
        Ok(Robustness {
            eligible,
            session,
            profile: profile.clone(),
            ranges,
            rng: ChaCha8Rng::seed_from_u64(seed),
            kept: vec![0; base.pairs.len()],
            base,
            samples: 0,
            seen: vec![Vec::new(); mentees],
            unmatched: vec![0; mentees],
        })
    }

    /// Draws and solves `samples` more weightings.
    pub fn run(&mut self, samples: usize) -> Result<(), InputError> {
        let mut p = self.profile.clone();
        for _ in 0..samples {
            p.weights = self.ranges.draw(&mut self.rng);
            let m = self.session.solve(&p)?;
            for (k, pair) in self.base.pairs.iter().enumerate() {
                if m.mentor_of[pair.mentee] == Some(pair.mentor) {
                    self.kept[k] += 1;
                }
            }
            for (i, mentor) in m.mentor_of.iter().enumerate() {
                match mentor {
                    Some(j) => {
                        if let Err(at) = self.seen[i].binary_search(j) {
                            self.seen[i].insert(at, *j);
                        }
                    }
                    None if self.eligible[i] => self.unmatched[i] += 1,
                    None => {}
                }
            }
            self.samples += 1;
        }
        Ok(())
    }

    /// Draws solved so far.
    pub fn samples(&self) -> usize {
        self.samples
    }

    pub fn ranges(&self) -> &WeightRanges {
        &self.ranges
    }

    /// Each pair of the profile's matching with its share kept (0 before any draw).
    pub fn kept(&self) -> Vec<KeptPair> {
        let n = self.samples.max(1) as f64;
        self.base
            .pairs
            .iter()
            .zip(&self.kept)
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
        (0..self.seen.len())
            .filter(|&i| self.eligible[i])
            .map(|i| MenteeSpread {
                mentee: i,
                mentors: self.seen[i].len(),
                unmatched: self.unmatched[i],
            })
            .collect()
    }
}
