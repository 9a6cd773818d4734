//! How sure each pair on screen is, off the UI thread: for the results shown, draw every weight
//! within ±[`SPREAD`] of the current settings, re-solve each draw exactly and count the draws
//! that keep each pair (`dyad::analysis::robustness`, what `dyad robustness` prints).
//!
//! Only the newest results count: the keeper works in chunks and looks for a newer request
//! between them, dropping the older work unfinished. It reports how far it got after each
//! chunk (at most every [`REPORT`]), and the shares once every draw is solved. Results with the
//! same settings and pins as the last ones finished (a change of baseline, say) get those
//! shares again at once.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use dyad::analysis::robustness::{self, KeptPair, Robustness, WeightRanges};
use dyad::matching::engine::Evaluation;
use dyad::pool::{Overrides, Pool};
use dyad::profile::Profile;

/// Each weight is drawn within this much of its value (the command line's default).
pub const SPREAD: f64 = robustness::DEFAULT_SPREAD;
/// Draws per result on pools up to [`ALL_DRAWS_CELLS`] mentee–mentor pairs: the command line's
/// default.
pub const SAMPLES: usize = 1000;
/// Pools up to this many pairs get [`SAMPLES`] draws; larger ones proportionally fewer (about
/// the same work), at least [`MIN_SAMPLES`].
pub const ALL_DRAWS_CELLS: usize = 300_000;
pub const MIN_SAMPLES: usize = 100;
/// How often progress is reported, at most.
pub const REPORT: Duration = Duration::from_millis(200);
/// A chunk grows while it takes less than this, so that a newer request waits at most about
/// as long.
const CHUNK_TIME: Duration = Duration::from_millis(100);

/// The draws per result on this pool: [`SAMPLES`], or on large pools fewer, in hundreds (a
/// share of 100 draws is within 10 points of the truth 95 % of the time).
pub fn samples_for(pool: &Pool) -> usize {
    let cells = pool.mentees.len().saturating_mul(pool.mentors.len()).max(1);
    if cells <= ALL_DRAWS_CELLS {
        return SAMPLES;
    }
    let scaled = SAMPLES.saturating_mul(ALL_DRAWS_CELLS) / cells;
    (scaled / 100 * 100).max(MIN_SAMPLES)
}

/// Threads for the draws: one per core but one, which is left to rematching and the screen, so
/// that a slider step never waits for the draws; within the memory budget (see
/// [`robustness::threads_for_budget`]); at least one.
pub fn threads_for(pool: &Pool, budget: Option<u64>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    robustness::threads_for_budget(pool.mentees.len(), pool.mentors.len(), budget)
        .min(cores.saturating_sub(1))
        .max(1)
}

/// Results to find the kept shares of: the current evaluation (its pool with the pins and bans,
/// its score table and profile).
#[derive(Clone)]
pub struct Ask {
    pub generation: u64,
    pub ev: Arc<Evaluation>,
}

/// Two requests are the same when they ask about the very same results.
impl PartialEq for Ask {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && Arc::ptr_eq(&self.ev, &other.ev)
    }
}

impl std::fmt::Debug for Ask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ask")
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

/// How far the keeper got with the results of `generation`.
#[derive(Debug, Clone)]
pub struct Tally {
    pub generation: u64,
    /// Draws solved so far, of `samples`.
    pub done: usize,
    pub samples: usize,
    /// Once every draw is solved: the share of draws that keep each pair, or why the draws
    /// could not be solved.
    pub kept: Option<Result<Arc<[KeptPair]>, String>>,
}

/// What the shares depend on: the same settings and pins give the same shares.
#[derive(Clone, PartialEq)]
struct Key {
    profile: Profile,
    overrides: Overrides,
}

impl Key {
    fn of(ev: &Evaluation) -> Key {
        Key {
            profile: ev.profile.clone(),
            overrides: ev.pool.overrides.clone(),
        }
    }
}

/// The keeper: how many draws, on how many threads, and the last shares it finished.
pub struct Keeper {
    samples: usize,
    threads: usize,
    seed: u64,
    last: Option<(Key, Arc<[KeptPair]>)>,
}

impl Keeper {
    /// The keeper of a pool under the settings' memory budget (`None`: none set).
    pub fn new(pool: &Pool, budget: Option<u64>) -> Keeper {
        Keeper::with(samples_for(pool), threads_for(pool, budget))
    }

    pub fn with(samples: usize, threads: usize) -> Keeper {
        Keeper {
            samples,
            threads,
            seed: robustness::DEFAULT_SEED,
            last: None,
        }
    }

    /// Works out `ask`, reporting each step to `report`; gives up (returning the newer request)
    /// as soon as `newer` has one. `None` when done, or when `report` says to stop.
    pub fn answer(
        &mut self,
        ask: Ask,
        newer: &mut dyn FnMut() -> Option<Ask>,
        report: &mut dyn FnMut(Tally) -> bool,
    ) -> Result<Option<Ask>, Stop> {
        let key = Key::of(&ask.ev);
        let (generation, samples) = (ask.generation, self.samples);
        let tally = |done, kept| Tally {
            generation,
            done,
            samples,
            kept,
        };
        if let Some((k, kept)) = &self.last
            && *k == key
        {
            let t = tally(samples, Some(Ok(kept.clone())));
            return if report(t) { Ok(None) } else { Err(Stop) };
        }
        let ev = &ask.ev;
        let ranges = WeightRanges::around(&ev.profile.weights, SPREAD);
        let started = Robustness::on(
            ev.pool.clone(),
            ev.table.clone(),
            &ev.profile,
            ranges,
            self.seed,
        );
        let mut r = match started {
            Ok(r) => r.with_threads(self.threads),
            Err(e) => {
                let t = tally(0, Some(Err(e.to_string())));
                return if report(t) { Ok(None) } else { Err(Stop) };
            }
        };
        let mut chunk = self.threads;
        let mut reported = Instant::now();
        while r.samples() < samples {
            if let Some(n) = newer() {
                return Ok(Some(n));
            }
            let n = chunk.min(samples - r.samples());
            let start = Instant::now();
            if let Err(e) = r.run(n) {
                let t = tally(r.samples(), Some(Err(e.to_string())));
                return if report(t) { Ok(None) } else { Err(Stop) };
            }
            if start.elapsed() < CHUNK_TIME / 2 {
                chunk *= 2;
            }
            if r.samples() < samples && reported.elapsed() >= REPORT {
                reported = Instant::now();
                if !report(tally(r.samples(), None)) {
                    return Err(Stop);
                }
            }
        }
        let kept: Arc<[KeptPair]> = r.kept().into();
        self.last = Some((key, kept.clone()));
        if report(tally(r.samples(), Some(Ok(kept)))) {
            Ok(None)
        } else {
            Err(Stop)
        }
    }
}

/// The screen is gone: the keeper stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop;

/// The newest request waiting, if any; `Err` when the sender is gone.
fn newest_waiting(rx: &Receiver<Ask>) -> Result<Option<Ask>, Stop> {
    let mut found = None;
    loop {
        match rx.try_recv() {
            Ok(a) => found = Some(a),
            Err(TryRecvError::Empty) => return Ok(found),
            Err(TryRecvError::Disconnected) => return found.map(Some).ok_or(Stop),
        }
    }
}

/// Starts the keeper's thread: send asks into the returned channel; each report goes to
/// `deliver`. The thread ends when the sender is dropped or `deliver` returns false. Should the
/// thread not start, the column keeps saying "…"; nothing else breaks.
pub fn spawn(mut keeper: Keeper, deliver: impl Fn(Tally) -> bool + Send + 'static) -> Sender<Ask> {
    let (tx, rx) = channel::<Ask>();
    let thread = std::thread::Builder::new().name("kept".into());
    let _ = thread.spawn(move || {
        let mut next = None;
        loop {
            let ask = match next.take() {
                Some(a) => a,
                None => match crate::tui::jobs::latest::newest(&rx) {
                    Some(a) => a,
                    None => return,
                },
            };
            let mut gone = false;
            let mut newer = || match newest_waiting(&rx) {
                Ok(a) => a,
                Err(Stop) => {
                    gone = true;
                    None
                }
            };
            match keeper.answer(ask, &mut newer, &mut |t| deliver(t)) {
                Ok(n) => next = n,
                Err(Stop) => return,
            }
            if gone && next.is_none() {
                return;
            }
        }
    });
    tx
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::embedded;
    use dyad::matching::engine::Engine;

    fn ask(generation: u64, weight0: f64) -> Ask {
        let mut e = Engine::new(
            embedded::sample_pool(),
            dyad::criteria::specialty::builtin().clone(),
        );
        let mut p = embedded::fall_profile();
        p.weights[0] = weight0;
        Ask {
            generation,
            ev: Arc::new(e.evaluate(&p).unwrap()),
        }
    }

    /// Answers `a` to the end, with no newer request; the reports.
    fn run(k: &mut Keeper, a: Ask) -> Vec<Tally> {
        let mut out = Vec::new();
        let next = k.answer(a, &mut || None, &mut |t| {
            out.push(t);
            true
        });
        assert!(matches!(next, Ok(None)));
        out
    }

    #[test]
    fn the_shares_are_those_of_dyad_robustness_for_the_same_settings() {
        let a = ask(3, 0.5);
        let mut k = Keeper::with(40, 2);
        let reports = run(&mut k, a.clone());
        let last = reports.last().unwrap();
        assert_eq!((last.generation, last.done, last.samples), (3, 40, 40));
        let got = last.kept.clone().unwrap().unwrap();
        let mut engine = Engine::new(
            embedded::sample_pool(),
            dyad::criteria::specialty::builtin().clone(),
        );
        let ranges = WeightRanges::around(&a.ev.profile.weights, SPREAD);
        let mut r =
            Robustness::new(&mut engine, &a.ev.profile, ranges, robustness::DEFAULT_SEED).unwrap();
        r.run(40).unwrap();
        assert_eq!(&got[..], &r.kept()[..]);
        // The pairs are the results' own.
        let pairs: Vec<(usize, usize)> = got.iter().map(|p| (p.mentee, p.mentor)).collect();
        let shown: Vec<(usize, usize)> =
            a.ev.matching
                .pairs
                .iter()
                .map(|p| (p.mentee, p.mentor))
                .collect();
        assert_eq!(pairs, shown);
    }

    #[test]
    fn a_newer_request_ends_the_older_work_unfinished() {
        let mut k = Keeper::with(1000, 1);
        let mut asked = 0;
        let mut reports = Vec::new();
        let next = k.answer(
            ask(1, 0.5),
            &mut || {
                asked += 1;
                (asked == 2).then(|| ask(2, 0.6))
            },
            &mut |t| {
                reports.push(t);
                true
            },
        );
        let Ok(Some(newer)) = next else {
            panic!("the newer request comes back")
        };
        assert_eq!(newer.generation, 2);
        assert!(
            reports.iter().all(|t| t.kept.is_none()),
            "no shares of gen 1"
        );
    }

    #[test]
    fn the_same_settings_again_get_the_last_shares_at_once() {
        let mut k = Keeper::with(30, 1);
        let first = run(&mut k, ask(1, 0.5));
        let again = run(&mut k, ask(2, 0.5));
        assert_eq!(again.len(), 1, "no draws solved again");
        assert_eq!(again[0].generation, 2);
        let shares = |r: &[Tally]| r.last().unwrap().kept.clone().unwrap().unwrap();
        assert_eq!(shares(&first)[..], shares(&again)[..]);
        // Other weights are other settings: their own shares, not the last ones.
        let other = run(&mut k, ask(3, 0.9));
        let fresh = run(&mut Keeper::with(30, 1), ask(3, 0.9));
        assert_eq!(shares(&other)[..], shares(&fresh)[..]);
        assert_ne!(shares(&other)[..], shares(&first)[..]);
    }

    #[test]
    fn large_pools_get_fewer_draws_in_hundreds() {
        assert_eq!(samples_for(&embedded::sample_pool()), SAMPLES);
        let mut big = embedded::sample_pool();
        let mentees = big.mentees.clone();
        while big.mentees.len() * big.mentors.len() <= 4 * ALL_DRAWS_CELLS {
            big.mentees.extend(mentees.iter().cloned());
        }
        let n = samples_for(&big);
        assert!((MIN_SAMPLES..SAMPLES).contains(&n), "{n}");
        assert_eq!(n % 100, 0);
    }

    #[test]
    fn the_thread_delivers_the_newest_shares() {
        let (out_tx, out_rx) = channel();
        let tx = spawn(Keeper::with(20, 1), move |t| out_tx.send(t).is_ok());
        for g in 1..=3 {
            tx.send(ask(g, 0.1 * g as f64)).unwrap();
        }
        loop {
            let t = out_rx
                .recv_timeout(Duration::from_secs(60))
                .expect("a report");
            if t.kept.is_some() && t.generation == 3 {
                break;
            }
            assert!(t.generation <= 3);
        }
    }
}
