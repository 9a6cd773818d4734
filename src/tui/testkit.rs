//! A test harness: the model on the built-in sample pool, with effects carried out at once
//! through the event loop's router (solving and the survey's evidence synchronously, the kept
//! shares and the analyses when asked for, files in a temporary folder when asked for).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use dyad::embedded;
use dyad::matching::engine::Engine;
use dyad::pool::Pool;

use crate::tui::action::{Effect, Msg, RecordOrder, Task};
use crate::tui::disk;
use crate::tui::jobs::analyses::{Analyst, Order, Scope};
use crate::tui::jobs::evidence::{self, Examiner};
use crate::tui::jobs::kept::{self, Keeper};
use crate::tui::jobs::solve::{Request, Solver};
use crate::tui::keys;
use crate::tui::router::{self, Workers};
use crate::tui::state::Model;
use crate::tui::update::update;
use crate::tui::view::view;

pub struct Harness {
    pub m: Model,
    /// The jobs, done at once.
    workers: Inline,
    /// Effects of the last message sent (before they were carried out).
    pub effects: Vec<Effect>,
    /// Whether file effects are carried out (in `m.document.configs`).
    pub files: bool,
    /// The size of the last frame handed back.
    drawn_at: Option<(u16, u16)>,
}

/// The event loop's workers, done at once on the test's thread: the same router sends them
/// the same effects, and their answers go back to `update` at once.
struct Inline {
    solver: Solver,
    /// The engine the tasks run on (each lane's copy in the event loop).
    engine: Engine,
    /// The analyses (stable ranges, influence, diagnoses), done after each message when on.
    analyst: Option<Analyst>,
    /// Reads the survey and works out its evidence.
    examiner: Examiner,
    /// Works out the kept shares of new results when on (see [`Harness::keeping`]).
    keeper: Option<Keeper>,
    files: bool,
    answers: Vec<Msg>,
}

impl Workers for Inline {
    fn solve(&mut self, req: Request) {
        let mut o = self.solver.solve(req);
        // A fixed time keeps rendered screens comparable.
        o.elapsed = Duration::from_micros(420);
        self.answers.push(Msg::Computed(Box::new(o)));
    }

    fn analyse(&mut self, order: Order) {
        if let Some(a) = &mut self.analyst {
            a.take(order);
        }
    }

    fn examine(&mut self, ask: evidence::Ask) {
        let answer = self.examiner.answer(ask);
        self.answers.push(Msg::Examined(Box::new(answer)));
    }

    fn keep(&mut self, ask: kept::Ask) {
        let Some(keeper) = &mut self.keeper else {
            return;
        };
        let answers = &mut self.answers;
        let _ = keeper.answer(ask, &mut || None, &mut |t| {
            answers.push(Msg::Kept(Box::new(t)));
            true
        });
    }

    fn record(&mut self, order: RecordOrder, configs: &Path) -> Result<(), String> {
        if let Some(reply) = self.files(Effect::WriteRecord(Box::new(order)), configs) {
            self.answers.push(reply);
        }
        Ok(())
    }

    fn run(&mut self, task: Task) {
        let mut answer = (task.run)(&mut self.engine);
        // A fixed time keeps rendered screens comparable.
        if let Msg::Convened(c) = &mut answer {
            c.elapsed = Duration::from_millis(7);
        }
        self.answers.push(answer);
    }

    fn files(&mut self, effect: Effect, configs: &Path) -> Option<Msg> {
        self.files.then(|| disk::execute(effect, configs)).flatten()
    }

    fn answered(&mut self) -> Vec<Msg> {
        std::mem::take(&mut self.answers)
    }
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with_pool(embedded::sample_pool())
    }

    pub fn with_pool(pool: Pool) -> Harness {
        let pool = Arc::new(pool);
        let engine = Engine::new(
            (*pool).clone(),
            dyad::criteria::specialty::builtin().clone(),
        );
        let (m, first) = Model::new(
            pool,
            (
                embedded::fall_profile(),
                Some(PathBuf::from("configs/fall-2023.toml")),
            ),
            (
                embedded::pilot_profile(),
                Some(PathBuf::from("configs/pilot-2023.toml")),
            ),
            PathBuf::from("configs"),
            (120, 40),
        );
        let mut h = Harness {
            m,
            workers: Inline {
                engine: engine.clone(),
                solver: Solver::new(engine),
                analyst: None,
                examiner: Examiner::default(),
                keeper: None,
                files: false,
                answers: Vec::new(),
            },
            effects: Vec::new(),
            files: false,
            drawn_at: None,
        };
        h.run(vec![Effect::Recompute(Box::new(first))]);
        h.draw();
        h
    }

    /// Draws the screen at the model's size and hands what was drawn back, as the event loop
    /// does after each batch of messages. Only the size and the scrolled popups change what is
    /// handed back, so the other frames are skipped (drawing every one doubles the tests' time).
    fn draw(&mut self) {
        use crate::tui::state::Top;
        let scrolled = matches!(
            self.m.top,
            Top::Help { .. } | Top::Council(_) | Top::Evidence { .. }
        );
        if !scrolled && self.drawn_at == Some(self.m.size) {
            return;
        }
        self.drawn_at = Some(self.m.size);
        let (w, h) = self.m.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut drawn = Default::default();
        t.draw(|f| drawn = view(f, &self.m)).unwrap();
        self.workers.files = self.files;
        router::apply(&mut self.m, Msg::Drawn(drawn), &mut self.workers);
    }

    /// From now on, works out the kept shares of each new result (as the keeper thread does,
    /// with `samples` draws), starting with the results shown.
    pub fn keeping(&mut self, samples: usize) -> &mut Self {
        self.workers.keeper = Some(Keeper::with(samples, 2));
        let m = &mut self.m;
        let ask = m.solve.results.as_ref().map(|r| m.kept.restart(samples, r));
        if let Some(ask) = ask {
            self.run(vec![Effect::Keep(Box::new(ask))]);
        }
        self.draw();
        self
    }

    /// From now on, after each message, does every analysis (as the analyst thread does on a
    /// pool this size), starting now.
    pub fn analysing(&mut self) -> &mut Self {
        self.analysing_in(Scope::All)
    }

    /// The same with only what the screen shows (as on a large pool): faster in debug builds.
    pub fn analysing_shown(&mut self) -> &mut Self {
        self.analysing_in(Scope::Selected)
    }

    /// Starts the analyst on the results shown and what the screen wants now, as `update`
    /// tells it after each new result.
    fn analysing_in(&mut self, scope: Scope) -> &mut Self {
        let mut a = Analyst::with_scope(scope);
        if let Some(job) = self.m.analysis_job() {
            a.take(Order::Job(job));
        }
        a.take(Order::Wants(self.m.wants()));
        self.workers.analyst = Some(a);
        self.analyse();
        self
    }

    /// Does what the analyst was told, each finding handed to `update` as the thread's are.
    fn analyse(&mut self) {
        while let Some(found) = self.workers.analyst.as_mut().and_then(Analyst::step) {
            let msg = Msg::Analysed(Box::new(found));
            router::apply(&mut self.m, msg, &mut self.workers);
        }
    }

    /// Sends a message and carries out what it asks for.
    pub fn send(&mut self, msg: impl Into<Msg>) -> &mut Self {
        self.workers.files = self.files;
        self.effects = router::apply(&mut self.m, msg.into(), &mut self.workers);
        self.analyse();
        self.draw();
        self
    }

    /// Sends a message without carrying out its effects.
    pub fn send_only(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        update(&mut self.m, msg.into())
    }

    /// Carries out effects held back with [`Harness::send_only`], as if they finished now.
    pub fn carry_out(&mut self, effects: Vec<Effect>) -> &mut Self {
        self.run(effects);
        self.analyse();
        self.draw();
        self
    }

    /// Carries out effects through the router, as the event loop does.
    fn run(&mut self, effects: Vec<Effect>) {
        self.workers.files = self.files;
        router::carry_out(&mut self.m, effects, &mut self.workers);
    }

    /// Presses a key as the event loop would.
    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        let msg = keys::dispatch(self.m.mode(), &KeyEvent::new(code, mods));
        if let Some(msg) = msg {
            self.send(msg);
        }
        self
    }

    pub fn buffer(&mut self, w: u16, h: u16) -> Buffer {
        self.send(Msg::Resize(w, h));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| {
            view(f, &self.m);
        })
        .unwrap();
        t.backend().buffer().clone()
    }

    /// The screen as text, one line per row.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        let b = self.buffer(w, h);
        text(&b)
    }
}

pub fn text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            out.push_str(b[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
