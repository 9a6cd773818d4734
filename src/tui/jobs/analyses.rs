//! Analyses that follow each result, on a thread of their own so that neither input nor
//! rematching ever waits for them: each weight's stable range (`stability::stability`), each
//! weight's influence at 0 and 1 (`stability::influence`, the tornado) and, for an unmatched
//! mentee being explained, what keeps them unmatched and what would fix it (`unmatched::diagnose`).
//!
//! The analyst works one criterion (or one mentee) at a time and looks for newer work between
//! tasks: a new result makes everything of the old one moot. What it does ahead of being asked
//! depends on the pool's size ([`Scope`]): on pools like the sample (a whole analysis takes tens
//! of milliseconds) everything; on larger ones only the selected weight's range and what a
//! popup shows.

use std::sync::Arc;
use std::sync::mpsc::{Sender, TryRecvError, channel};

use dyad::analysis::stability::{self, Influence, Stability};
use dyad::analysis::unmatched::{self, Diagnosis};
use dyad::criteria::N;
use dyad::matching::engine::Evaluation;
use dyad::pool::Pool;

/// Pools up to this many mentee–mentor pairs are analysed completely after each result (about a
/// second of background work at this size).
pub const ALL_CELLS: usize = 300_000;
/// Above this many pairs one stable range takes minutes, so none is computed.
pub const STABILITY_CELLS: usize = 4_000_000;

/// How much is computed without being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every stable range and the whole tornado after each result.
    All,
    /// The selected weight's stable range; the tornado and diagnoses while they are shown.
    Selected,
    /// No stable ranges; the tornado and diagnoses while they are shown.
    Shown,
}

impl Scope {
    pub fn of(pool: &Pool) -> Scope {
        let cells = pool.mentees.len().saturating_mul(pool.mentors.len());
        if cells <= ALL_CELLS {
            Scope::All
        } else if cells <= STABILITY_CELLS {
            Scope::Selected
        } else {
            Scope::Shown
        }
    }
}

/// A result to analyse: the current evaluation and the pool (with the overrides) it was made on.
#[derive(Clone)]
pub struct Job {
    pub generation: u64,
    pub pool: Arc<Pool>,
    pub ev: Arc<Evaluation>,
}

/// What the screen needs now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wants {
    /// The selected weight.
    pub criterion: Option<usize>,
    /// The influence popup is open.
    pub influence: bool,
    /// The detail popup explains this unmatched mentee.
    pub diagnose: Option<usize>,
}

/// What the analyses thread is told: a new result to analyse, or what the screen wants now.
#[derive(Clone)]
pub enum Order {
    Job(Job),
    Wants(Wants),
}

/// Two orders are the same when they are of the very same result (not an equal-looking one),
/// or want the same.
impl PartialEq for Order {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Order::Job(a), Order::Job(b)) => {
                a.generation == b.generation
                    && Arc::ptr_eq(&a.pool, &b.pool)
                    && Arc::ptr_eq(&a.ev, &b.ev)
            }
            (Order::Wants(a), Order::Wants(b)) => a == b,
            _ => false,
        }
    }
}

impl std::fmt::Debug for Order {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Order::Job(j) => f.debug_tuple("Job").field(&j.generation).finish(),
            Order::Wants(w) => f.debug_tuple("Wants").field(w).finish(),
        }
    }
}

/// Something found about the result of `generation`.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub generation: u64,
    pub found: Found,
}

#[derive(Debug, Clone)]
pub enum Found {
    Stability(usize, Result<Stability, String>),
    Influence(usize, Result<Influence, String>),
    Diagnosis(usize, Result<Option<Diagnosis>, String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    Stability(usize),
    Influence(usize),
    Diagnose(usize),
}

/// The analyst's state: the newest job, what the screen wants, and what is done of the job.
pub struct Analyst {
    scope: Scope,
    job: Option<Job>,
    wants: Wants,
    stability: [bool; N],
    influence: [bool; N],
    diagnosed: Vec<usize>,
}

impl Analyst {
    pub fn new(pool: &Pool) -> Analyst {
        Analyst::with_scope(Scope::of(pool))
    }

    pub fn with_scope(scope: Scope) -> Analyst {
        Analyst {
            scope,
            job: None,
            wants: Wants::default(),
            stability: [false; N],
            influence: [false; N],
            diagnosed: Vec::new(),
        }
    }

    pub fn take(&mut self, r: Order) {
        match r {
            Order::Job(job) => {
                self.job = Some(job);
                self.stability = [false; N];
                self.influence = [false; N];
                self.diagnosed.clear();
            }
            Order::Wants(w) => self.wants = w,
        }
    }

    /// The most wanted task not done yet: what the screen shows first, then (on small pools)
    /// the rest.
    fn next(&self) -> Option<Task> {
        self.job.as_ref()?;
        let w = self.wants;
        let stab = self.scope != Scope::Shown;
        if let Some(i) = w.diagnose.filter(|i| !self.diagnosed.contains(i)) {
            return Some(Task::Diagnose(i));
        }
        if let Some(k) = w.criterion.filter(|&k| stab && !self.stability[k]) {
            return Some(Task::Stability(k));
        }
        let influence = (0..N).find(|&k| !self.influence[k]).map(Task::Influence);
        if w.influence && influence.is_some() {
            return influence;
        }
        if self.scope == Scope::All {
            return (0..N)
                .find(|&k| !self.stability[k])
                .map(Task::Stability)
                .or(influence);
        }
        None
    }

    /// Does the next task; `None` when there is nothing to do.
    pub fn step(&mut self) -> Option<Analysis> {
        let task = self.next()?;
        let job = self.job.as_ref()?;
        let (pool, ev) = (&*job.pool, &*job.ev);
        let text = |e: dyad::error::InputError| e.to_string();
        let found = match task {
            Task::Stability(k) => {
                self.stability[k] = true;
                Found::Stability(k, stability::stability(pool, ev, k).map_err(text))
            }
            Task::Influence(k) => {
                self.influence[k] = true;
                Found::Influence(k, stability::influence(pool, ev, k).map_err(text))
            }
            Task::Diagnose(i) => {
                self.diagnosed.push(i);
                Found::Diagnosis(i, unmatched::diagnose(pool, ev, i).map_err(text))
            }
        };
        Some(Analysis {
            generation: job.generation,
            found,
        })
    }
}

/// Starts the analyst's thread. Requests go into the returned channel; each analysis is passed
/// to `deliver`. The thread ends when the sender is dropped or `deliver` returns false.
pub fn spawn(
    mut analyst: Analyst,
    deliver: impl Fn(Analysis) -> bool + Send + 'static,
) -> Sender<Order> {
    let (tx, rx) = channel::<Order>();
    let thread = std::thread::Builder::new().name("analysis".into());
    let spawned = thread.spawn(move || {
        loop {
            loop {
                match rx.try_recv() {
                    Ok(r) => analyst.take(r),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => return,
                }
            }
            match analyst.step() {
                Some(a) => {
                    if !deliver(a) {
                        return;
                    }
                }
                None => match rx.recv() {
                    Ok(r) => analyst.take(r),
                    Err(_) => return,
                },
            }
        }
    });
    // Without the thread the screen simply shows no analyses.
    drop(spawned);
    tx
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::embedded;
    use dyad::matching::engine::Engine;

    fn job() -> Job {
        let mut e = Engine::new(
            embedded::sample_pool(),
            dyad::criteria::specialty::builtin().clone(),
        );
        let ev = e.evaluate(&embedded::fall_profile()).unwrap();
        Job {
            generation: 7,
            pool: e.pool.clone(),
            ev: Arc::new(ev),
        }
    }

    fn tasks(a: &mut Analyst) -> Vec<Task> {
        let mut out = Vec::new();
        while let Some(t) = a.next() {
            match t {
                Task::Stability(k) => a.stability[k] = true,
                Task::Influence(k) => a.influence[k] = true,
                Task::Diagnose(i) => a.diagnosed.push(i),
            }
            out.push(t);
        }
        out
    }

    #[test]
    fn what_the_screen_shows_comes_first_and_small_pools_get_everything() {
        let mut a = Analyst::with_scope(Scope::All);
        assert_eq!(a.next(), None, "nothing to do without a job");
        a.take(Order::Job(job()));
        a.take(Order::Wants(Wants {
            criterion: Some(3),
            influence: false,
            diagnose: Some(5),
        }));
        let t = tasks(&mut a);
        assert_eq!(t[..2], [Task::Diagnose(5), Task::Stability(3)]);
        assert_eq!(t.len(), 2 + (N - 1) + N);
    }

    #[test]
    fn large_pools_get_only_what_is_shown() {
        let mut a = Analyst::with_scope(Scope::Selected);
        a.take(Order::Job(job()));
        a.take(Order::Wants(Wants {
            criterion: Some(2),
            ..Wants::default()
        }));
        assert_eq!(tasks(&mut a), [Task::Stability(2)]);
        a.take(Order::Wants(Wants {
            criterion: Some(2),
            influence: true,
            diagnose: None,
        }));
        assert_eq!(tasks(&mut a).len(), N);
        let mut a = Analyst::with_scope(Scope::Shown);
        a.take(Order::Job(job()));
        a.take(Order::Wants(Wants {
            criterion: Some(2),
            ..Wants::default()
        }));
        assert!(tasks(&mut a).is_empty());
    }

    #[test]
    fn a_new_job_starts_over_and_steps_carry_its_generation() {
        let mut a = Analyst::with_scope(Scope::Selected);
        a.take(Order::Job(job()));
        a.take(Order::Wants(Wants {
            criterion: Some(0),
            ..Wants::default()
        }));
        let first = a.step().unwrap();
        assert_eq!(first.generation, 7);
        let Found::Stability(0, Ok(s)) = first.found else {
            panic!("{first:?}")
        };
        assert!(s.stable_low <= s.weight && s.weight <= s.stable_high);
        assert!(a.step().is_none());
        a.take(Order::Job(job()));
        assert!(a.step().is_some());
    }

    #[test]
    fn the_scope_follows_the_pool_size() {
        assert_eq!(Scope::of(&embedded::sample_pool()), Scope::All);
    }
}
