//! Solving the settings again off the UI thread (what the screen calls rematching).
//!
//! Every change of settings becomes a [`Request`] with a generation number. The worker thread
//! takes the newest request waiting (older ones are dropped unsolved), solves it, and sends back
//! an [`Outcome`] tagged with that generation; the UI ignores outcomes older than what it shows.
//! The baseline is re-evaluated only when the baseline profile or the overrides change, and on
//! a clone of the engine: the current profile's warm session survives a change of baseline, so
//! the current profile is re-solved warm even then.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use dyad::analysis::compare::Comparison;
use dyad::analysis::overview::Overview;
use dyad::analysis::overview_memo::OverviewMemo;
use dyad::matching::engine::{Engine, Evaluation};
use dyad::pool::{Action, Overrides, Pool};
use dyad::profile::Profile;

/// Everything the matching depends on; the newest one wins.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub generation: u64,
    pub current: Profile,
    pub baseline: Profile,
    pub overrides: Overrides,
}

/// The matchings of the current profile and of the baseline, and what changed between them.
#[derive(Debug, Clone)]
pub struct Results {
    /// The request these results answer.
    pub generation: u64,
    /// The pool as matched: with the council's pins and bans.
    pub pool: Arc<Pool>,
    pub current: Arc<Evaluation>,
    pub baseline: Arc<Evaluation>,
    /// Baseline → current.
    pub comparison: Arc<Comparison>,
    /// Both sides' measures, groups and mentor loads, on the current profile's yardstick.
    pub overview: Arc<Overview>,
    /// The baseline could not keep every pin and was matched with the bans only.
    pub baseline_without_pins: bool,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub generation: u64,
    pub results: Result<Results, String>,
    /// Time spent matching (both profiles when the baseline was redone).
    pub elapsed: Duration,
}

/// What rematches each request: the engine (its current profile's session kept warm) and the
/// last baseline evaluation, reused while the baseline does not change.
pub struct Solver {
    /// Matches the current profile and keeps its session warm between requests. Also caches the
    /// score tables of both profiles.
    engine: Engine,
    /// The last baseline: its profile, the overrides, its evaluation, whether pins were dropped.
    baseline: Option<(Profile, Overrides, Arc<Evaluation>, bool)>,
    /// The groups, the facts of the pairs of the last overview and the criteria of the
    /// baseline's pairs, so that a step's comparison and overview recompute those of the pairs
    /// that moved only.
    overview: OverviewMemo,
}

impl Solver {
    pub fn new(engine: Engine) -> Solver {
        Solver {
            engine,
            baseline: None,
            overview: OverviewMemo::new(),
        }
    }

    pub fn solve(&mut self, req: Request) -> Outcome {
        let start = Instant::now();
        let results = self.results(&req);
        Outcome {
            generation: req.generation,
            results,
            elapsed: start.elapsed(),
        }
    }

    fn results(&mut self, req: &Request) -> Result<Results, String> {
        if self.engine.pool.overrides != req.overrides {
            self.engine.set_overrides(req.overrides.clone());
        }
        let kept = match &self.baseline {
            Some((p, o, ev, unpinned)) if *p == req.baseline && *o == req.overrides => {
                Some((ev.clone(), *unpinned))
            }
            _ => None,
        };
        let ((baseline, baseline_without_pins), current) = match kept {
            Some(kept) => (kept, evaluate(&mut self.engine, &req.current)?),
            None => {
                let (base, current) = self.both(req);
                let (ev, unpinned) = base?;
                let ev = Arc::new(ev);
                let memo = (
                    req.baseline.clone(),
                    req.overrides.clone(),
                    ev.clone(),
                    unpinned,
                );
                self.baseline = Some(memo);
                ((ev, unpinned), current?)
            }
        };
        let current = Arc::new(current);
        let comparison = Arc::new(self.overview.comparison(&baseline, &current));
        let overview: Overview = self.overview.overview(&baseline, &current);
        let overview = Arc::new(overview);
        Ok(Results {
            generation: req.generation,
            pool: self.engine.pool.clone(),
            current,
            baseline,
            comparison,
            overview,
            baseline_without_pins,
        })
    }

    /// The baseline's evaluation (see [`baseline_on`]) and the current profile's. Both score
    /// tables are built first, in the engine (cached there; the baseline's shares the matrices
    /// that do not depend on the criterion parameters with the current one's); then the two
    /// solves run side by side when the free memory holds two sessions (about 9 bytes per
    /// mentee–mentor pair each), one after the other otherwise. Each is exact, so the results
    /// are the same either way.
    #[allow(clippy::type_complexity)]
    fn both(
        &mut self,
        req: &Request,
    ) -> (
        Result<(Evaluation, bool), String>,
        Result<Evaluation, String>,
    ) {
        self.engine.table(&req.baseline.params);
        self.engine.table(&req.current.params);
        let mut other = self.engine.clone();
        let (n, m) = (
            self.engine.pool.mentees.len(),
            self.engine.pool.mentors.len(),
        );
        if dyad::analysis::threads::for_sessions(n, m) < 2 {
            let base = baseline_on(&mut other, req);
            drop(other);
            return (base, evaluate(&mut self.engine, &req.current));
        }
        let engine = &mut self.engine;
        std::thread::scope(|scope| {
            let base = scope.spawn(move || baseline_on(&mut other, req));
            let current = evaluate(engine, &req.current);
            let base = base.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (base, current)
        })
    }
}

/// The baseline's matching with the council's pins and bans; when the baseline cannot keep a
/// pin (say, the mentee is not eligible under it), with the bans only. Matched on `engine`, a
/// clone of the rematcher's (same pool and overrides, same score tables, no session), so that
/// the rematcher's session stays the current profile's; the clone's session is dropped at the
/// end.
fn baseline_on(engine: &mut Engine, req: &Request) -> Result<(Evaluation, bool), String> {
    let pinned = req.overrides.iter().any(|o| o.action == Action::Pin);
    let result = match evaluate(engine, &req.baseline) {
        Ok(ev) => Ok((ev, false)),
        Err(_) if pinned => {
            let mut bans = Overrides::default();
            for o in req.overrides.iter().filter(|o| o.action == Action::Ban) {
                bans.set(o.mentee, o.mentor, Some(Action::Ban));
            }
            engine.set_overrides(bans);
            evaluate(engine, &req.baseline).map(|ev| (ev, true))
        }
        Err(e) => Err(e),
    };
    engine.forget_session();
    result
}

fn evaluate(engine: &mut Engine, profile: &Profile) -> Result<Evaluation, String> {
    engine.evaluate(profile).map_err(|e| e.to_string())
}

/// Starts the worker thread. Send requests into the returned channel; each outcome is passed to
/// `deliver`. The thread ends when the sender is dropped or `deliver` returns false.
pub fn spawn(
    mut solver: Solver,
    deliver: impl Fn(Outcome) -> bool + Send + 'static,
) -> Sender<Request> {
    #[cfg(debug_assertions)]
    let delay = std::env::var(TEST_SOLVE_DELAY_MS)
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis);
    crate::tui::jobs::latest::spawn(
        "solve",
        move |req| {
            #[cfg(debug_assertions)]
            if let Some(delay) = delay {
                std::thread::sleep(delay);
            }
            solver.solve(req)
        },
        deliver,
    )
}

/// Debug builds only: with this variable set to a number of milliseconds, the worker waits that
/// long before each solve (after taking the newest request, as if the solve took that long), so
/// the end-to-end tests can press keys while a rematch is still running.
#[cfg(debug_assertions)]
const TEST_SOLVE_DELAY_MS: &str = "DYAD_TEST_SOLVE_DELAY_MS";

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::embedded;
    use std::sync::mpsc::channel;

    fn solver() -> Solver {
        Solver::new(Engine::new(
            embedded::sample_pool(),
            dyad::criteria::specialty::builtin().clone(),
        ))
    }

    fn request(generation: u64) -> Request {
        Request {
            generation,
            current: embedded::fall_profile(),
            baseline: embedded::pilot_profile(),
            overrides: Overrides::default(),
        }
    }

    #[test]
    fn solves_current_and_baseline() {
        let out = solver().solve(request(1));
        let r = out.results.unwrap();
        assert_eq!(out.generation, 1);
        assert!(!r.current.matching.pairs.is_empty());
        assert_eq!(r.baseline.profile, embedded::pilot_profile());
    }

    #[test]
    fn baseline_is_reused_until_it_changes() {
        let mut s = solver();
        let a = s.solve(request(1)).results.unwrap();
        let mut req = request(2);
        req.current.weights[0] = 0.0;
        let b = s.solve(req.clone()).results.unwrap();
        assert!(Arc::ptr_eq(&a.baseline, &b.baseline));
        req.generation = 3;
        req.overrides.set(0, 0, Some(dyad::pool::Action::Ban));
        let c = s.solve(req).results.unwrap();
        assert!(!Arc::ptr_eq(&b.baseline, &c.baseline));
    }

    #[test]
    fn after_a_change_of_baseline_the_current_matching_is_still_the_cold_one() {
        let proximity = dyad::criteria::index_of("proximity").unwrap();
        let mut s = solver();
        let mut req = request(1);
        s.solve(req.clone()).results.unwrap();
        // A slider step: warm.
        req.generation = 2;
        req.current.weights[proximity] = 0.5;
        s.solve(req.clone()).results.unwrap();
        // A new baseline with other criterion parameters (another score table), and another
        // slider step in the same request; then one more step.
        req.generation = 3;
        req.baseline = embedded::fall_profile();
        req.baseline.params.proximity_max_km += 40.0;
        for step in [0.2, 0.75] {
            req.current.weights[proximity] = step;
            let warm = s.solve(req.clone()).results.unwrap();
            let cold = solver().solve(req.clone()).results.unwrap();
            assert_eq!(warm.current.matching, cold.current.matching, "at {step}");
            assert_eq!(warm.baseline.matching, cold.baseline.matching, "at {step}");
            assert_eq!(warm.comparison.differing(), cold.comparison.differing());
            req.generation += 1;
        }
    }

    #[test]
    fn a_pin_the_baseline_cannot_keep_is_left_out_of_the_baseline() {
        let mut s = solver();
        let pool = embedded::sample_pool();
        let pilot = embedded::pilot_profile();
        let fall = embedded::fall_profile();
        let mentee = (0..pool.mentees.len())
            .find(|&i| {
                let year = pool.mentees[i].training_completed;
                fall.eligibility.eligible(year) && !pilot.eligibility.eligible(year)
            })
            .expect("a mentee eligible in the fall only");
        let mut req = request(1);
        req.overrides.set(mentee, 0, Some(Action::Pin));
        req.overrides.set(mentee, 1, Some(Action::Ban));
        let r = s.solve(req).results.unwrap();
        assert!(r.baseline_without_pins);
        assert_eq!(r.current.matching.mentor_of[mentee], Some(0));
        assert!(r.current.matching.pair_of(mentee).unwrap().pinned);
    }

    #[test]
    fn only_the_newest_waiting_request_is_solved() {
        let (tx, rx) = channel();
        for g in 1..=5 {
            tx.send(request(g)).unwrap();
        }
        assert_eq!(crate::tui::jobs::latest::newest(&rx).unwrap().generation, 5);
        drop(tx);
        assert!(crate::tui::jobs::latest::newest(&rx).is_none());
    }

    #[test]
    fn the_thread_answers_with_the_last_generation() {
        let (out_tx, out_rx) = channel();
        let tx = spawn(solver(), move |o| out_tx.send(o.generation).is_ok());
        for g in 1..=3 {
            tx.send(request(g)).unwrap();
        }
        let mut last = 0;
        while last < 3 {
            let g = out_rx
                .recv_timeout(Duration::from_secs(20))
                .expect("an outcome");
            assert!(g > last, "outcomes arrive in order");
            last = g;
        }
    }
}
