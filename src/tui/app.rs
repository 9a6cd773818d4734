//! The event loop: terminal events and the answers of every job (solving, analyses, the survey's
//! evidence, the kept shares, the record, each lane of tasks) arrive on one channel; each batch
//! of waiting events is applied through `update`, its effects carried out through the one
//! router (`router`) by the threads here, before one redraw; only the newest solve request of a
//! batch goes to the solver. Signals are looked at between batches, at least every
//! [`terminal::TICK`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::DefaultTerminal;

use dyad::error::{Error, Result, escape};
use dyad::io::ProfileLock;
use dyad::matching::engine::Engine;

use crate::inputs::{self, DataArgs};

use crate::tui::action::{Action, Effect, Mouse, MouseKind, Msg, RecordOrder, Task};
use crate::tui::disk;
use crate::tui::jobs::analyses::{self, Analysis, Analyst};
use crate::tui::jobs::evidence::{self, Answer};
use crate::tui::jobs::kept::{self, Keeper, Tally};
use crate::tui::jobs::latest;
use crate::tui::jobs::solve::{self, Outcome, Request, Solver};
use crate::tui::keys;
use crate::tui::router::{self, Workers};
use crate::tui::scroll::Drawn;
use crate::tui::state::Model;
use crate::tui::state::midcycle::PairsInPlace;
use crate::tui::terminal::{self, Signal, Signals};
use crate::tui::theme;
use crate::tui::view::view;

enum Incoming {
    Term(Event),
    Computed(Outcome),
    Analysed(Analysis),
    Examined(Answer),
    Kept(Tally),
    Recorded(std::result::Result<std::path::PathBuf, String>),
    /// A task's answer (see [`Task`]).
    Answered(Msg),
    Interrupt,
}

/// How the event loop ended.
enum End {
    Quit,
    Signal(Signal),
}

/// What the TUI opens: the pool and the two profiles (each `None`: the default path, or the
/// built-in copy).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub data: DataArgs,
    pub profile: Option<std::path::PathBuf>,
    pub baseline: Option<std::path::PathBuf>,
    /// `--theme`, which wins over the settings file's `[display] theme`.
    pub theme: Option<dyad::profile::settings::ThemeName>,
    /// The pairs in place, for the mid-cycle view (opened at once when given).
    pub current: Option<PathBuf>,
}

pub fn run(args: Options) -> Result<()> {
    // Load everything before taking over the terminal, so errors print plainly.
    let engine = inputs::engine(&args.data)?;
    let current = inputs::current_profile(args.profile.as_deref())?;
    let baseline = inputs::baseline_profile(args.baseline.as_deref())?;
    let settings = inputs::settings()?;
    let pairs = match &args.current {
        Some(file) => {
            let csv = dyad::io::csvread::CsvFile::read(file)?;
            let pairs = dyad::matching::rematch::load_current(&csv, &engine.pool)?;
            Some(PairsInPlace {
                file: file.clone(),
                pairs: Arc::new(pairs),
            })
        }
        None => None,
    };
    theme::choose(
        args.theme.unwrap_or(settings.theme),
        theme::no_colour_asked(),
    );
    // Read before the terminal is taken: the UI thread opens no files.
    let vocabulary = inputs::vocabulary_problems(&engine.pool);
    let configs = PathBuf::from(inputs::CONFIGS);
    // Held until dyad ends; the operating system lets go of it however dyad ends.
    let (_lock, read_only) =
        lock_profiles(&ProfileLock::folder_for(current.file.as_deref(), &configs));
    let pool = engine.pool.clone();
    let families = engine.families.clone();
    let signals = Signals::register().map_err(|e| Error::Other(format!("signals: {e}")))?;

    terminal::install_panic_hook();
    let guard = terminal::Guard;
    let mut term =
        terminal::enter().map_err(|e| Error::Other(format!("cannot use this terminal: {e}")))?;

    let (tx, rx) = channel();
    let stop = Arc::new(AtomicBool::new(false));
    input_thread(tx.clone(), stop.clone());
    let lanes = engine.clone();
    let results = tx.clone();
    let worker = solve::spawn(Solver::new(engine), move |o| {
        results.send(Incoming::Computed(o)).is_ok()
    });
    let analyses = tx.clone();
    let analyst = analyses::spawn(Analyst::new(&pool), move |a| {
        analyses.send(Incoming::Analysed(a)).is_ok()
    });
    let answers = tx.clone();
    let examiner = evidence::spawn(move |a| answers.send(Incoming::Examined(a)).is_ok());
    let tallies = tx.clone();
    let keeper = kept::spawn(Keeper::new(&pool, settings.memory_budget), move |t| {
        tallies.send(Incoming::Kept(t)).is_ok()
    });

    let size = term.size().map_err(|e| Error::Other(e.to_string()))?;
    let (mut model, first) = Model::new(
        pool,
        (current.profile, current.file),
        (baseline.profile, baseline.file),
        configs,
        (size.width, size.height),
    );
    model.set_small_cells(settings.small_cells());
    model.set_survey(inputs::survey(&args.data));
    model.set_disclosure(dyad::privacy::Disclosure::of(
        &model.document.pool,
        &families,
        settings.k_anonymity,
    ));
    if let Some(why) = read_only {
        model.set_read_only(why);
    }
    match vocabulary {
        Ok(0) => {}
        Ok(1) => model.warn(
            "1 answer of the pool is not in the vocabulary: it matches only the same spelling, \
             never a synonym; `dyad check` lists it",
        ),
        Ok(n) => model.warn(format!(
            "{n} answers of the pool are not in the vocabulary: each matches only the same \
             spelling, never a synonym; `dyad check` lists them"
        )),
        Err(e) => model.warn(format!("The pool's terms were not checked: {e}")),
    }
    let _ = worker.send(first);
    let mut threads = Threads {
        rx: &rx,
        solver: &worker,
        newest: None,
        analyst: &analyst,
        examiner: &examiner,
        keeper: &keeper,
        back: &tx,
        signals: &signals,
        engine: lanes,
        lanes: HashMap::new(),
    };
    if let Some(pairs) = pairs {
        // The view asks for its curve when the first results come.
        model.set_pairs_in_place(pairs);
        router::apply(&mut model, Msg::Action(Action::OpenMidcycle), &mut threads);
    }
    let end = event_loop(&mut term, model, threads);
    stop.store(true, Ordering::Relaxed);
    drop(guard);
    terminal::remove_panic_hook();
    if let Ok(End::Signal(sig)) = end {
        eprintln!(
            "dyad: ended by {}; changes that were not saved are lost.",
            sig.name()
        );
        std::process::exit(sig.status());
    }
    end.map(|_| ())
}

/// Takes the profiles' lock of the configs folder; `Some(why)` when the profiles have to be
/// opened read-only (another dyad holds them, or the lock cannot be taken). Without a configs
/// folder (the built-in profiles) there is nothing to lock.
fn lock_profiles(configs: &Path) -> (Option<ProfileLock>, Option<String>) {
    if !configs.is_dir() {
        return (None, None);
    }
    let folder = escape(&configs.display().to_string());
    match ProfileLock::acquire(configs) {
        Ok(Some(lock)) => (Some(lock), None),
        Ok(None) => (
            None,
            Some(format!("another dyad is using the profiles in {folder}/")),
        ),
        Err(e) => (
            None,
            Some(format!("the profiles in {folder}/ cannot be locked ({e})")),
        ),
    }
}

fn input_thread(tx: Sender<Incoming>, stop: Arc<AtomicBool>) {
    let thread = std::thread::Builder::new().name("input".into());
    let _ = thread.spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match event::poll(terminal::TICK) {
                Ok(true) => match event::read() {
                    Ok(e) => {
                        if tx.send(Incoming::Term(e)).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        }
    });
}

/// The threads the event loop's effects go to (through the one router, see `router`), and
/// the channel they all answer on.
struct Threads<'a> {
    rx: &'a Receiver<Incoming>,
    solver: &'a Sender<Request>,
    /// The newest solve asked for in this batch: only it goes to the solver.
    newest: Option<Request>,
    analyst: &'a Sender<analyses::Order>,
    examiner: &'a Sender<evidence::Ask>,
    keeper: &'a Sender<kept::Ask>,
    /// Where jobs started by the loop itself (the record, the tasks) send their outcome.
    back: &'a Sender<Incoming>,
    signals: &'a Signals,
    /// What each lane of tasks starts from, and the lanes started so far.
    engine: Engine,
    lanes: HashMap<&'static str, Sender<Task>>,
}

impl Workers for Threads<'_> {
    fn solve(&mut self, req: Request) {
        self.newest = Some(req);
    }

    fn analyse(&mut self, order: analyses::Order) {
        let _ = self.analyst.send(order);
    }

    fn examine(&mut self, ask: evidence::Ask) {
        let _ = self.examiner.send(ask);
    }

    fn keep(&mut self, ask: kept::Ask) {
        let _ = self.keeper.send(ask);
    }

    fn record(&mut self, order: RecordOrder, configs: &Path) -> std::result::Result<(), String> {
        let back = self.back.clone();
        disk::spawn_record(Box::new(order), configs.to_path_buf(), move |r| {
            let _ = back.send(Incoming::Recorded(r));
        })
    }

    fn run(&mut self, task: Task) {
        let lane = self.lanes.entry(task.lane).or_insert_with(|| {
            let mut engine = self.engine.clone();
            let back = self.back.clone();
            latest::spawn(
                task.lane,
                move |t: Task| (t.run)(&mut engine),
                move |msg| back.send(Incoming::Answered(msg)).is_ok(),
            )
        });
        let _ = lane.send(task);
    }

    fn files(&mut self, effect: Effect, configs: &Path) -> Option<Msg> {
        disk::execute(effect, configs)
    }
}

/// Waits for events (looking at the signals at least every [`terminal::TICK`]), applies each
/// batch through `update` (its effects through the router), then sends the newest solve
/// request and redraws once.
fn event_loop(term: &mut DefaultTerminal, mut model: Model, mut th: Threads) -> Result<End> {
    let mut dirty = true;
    let mut last_drawn = Drawn::default();
    #[cfg(debug_assertions)]
    let test_panic = std::env::var_os(TEST_PANIC).is_some();
    loop {
        if dirty {
            let mut drawn = Drawn::default();
            term.draw(|f| drawn = view(f, &model))
                .map_err(|e| Error::Other(format!("cannot draw: {e}")))?;
            dirty = false;
            // What was drawn goes back to update, which scrolls with it; when the viewports
            // changed (a resize, a popup opened), selections may have moved: draw again.
            router::apply(&mut model, Msg::Drawn(drawn), &mut th);
            if drawn != last_drawn {
                last_drawn = drawn;
                dirty = true;
            }
            #[cfg(debug_assertions)]
            if test_panic && model.solve.results.is_some() {
                panic!("a test panic, whose message names ME-001 and must not be printed");
            }
        }
        let mut batch = Vec::new();
        match th.signals.take() {
            Some(Signal::Interrupt) => batch.push(Incoming::Interrupt),
            Some(sig) => return Ok(End::Signal(sig)),
            None => match th.rx.recv_timeout(terminal::TICK) {
                Ok(first) => batch.push(first),
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(End::Quit),
            },
        }
        batch.extend(th.rx.try_iter());
        for incoming in batch {
            let Some(msg) = to_msg(&model, incoming) else {
                continue;
            };
            dirty = true;
            router::apply(&mut model, msg, &mut th);
            if model.quit {
                return Ok(End::Quit);
            }
        }
        if let Some(r) = th.newest.take() {
            let _ = th.solver.send(r);
        }
    }
}

/// Debug builds only: with this variable set, dyad panics after its first complete frame, so
/// the end-to-end tests can check what a panic leaves behind.
#[cfg(debug_assertions)]
const TEST_PANIC: &str = "DYAD_TEST_PANIC";

fn to_msg(model: &Model, incoming: Incoming) -> Option<Msg> {
    let ev = match incoming {
        Incoming::Computed(o) => return Some(Msg::Computed(Box::new(o))),
        Incoming::Analysed(a) => return Some(Msg::Analysed(Box::new(a))),
        Incoming::Examined(a) => return Some(Msg::Examined(Box::new(a))),
        Incoming::Kept(t) => return Some(Msg::Kept(Box::new(t))),
        Incoming::Recorded(r) => return Some(Msg::RecordWritten(r)),
        Incoming::Answered(msg) => return Some(msg),
        // SIGINT from outside: what Ctrl-c does.
        Incoming::Interrupt => return Some(Msg::Action(Action::Quit)),
        Incoming::Term(ev) => ev,
    };
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keys::dispatch(model.mode(), &k),
        Event::Mouse(me) => {
            let kind = match me.kind {
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Press,
                MouseEventKind::Drag(MouseButton::Left) => MouseKind::Drag,
                MouseEventKind::Up(MouseButton::Left) => MouseKind::Release,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                _ => return None,
            };
            Some(Msg::Mouse(Mouse {
                kind,
                column: me.column,
                row: me.row,
            }))
        }
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}
