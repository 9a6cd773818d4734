//! A test harness: the model on the built-in sample pool, with effects carried out at once
//! (rematching and the survey's evidence synchronously, the kept shares when asked for, files
//! in a temporary folder when asked for).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use dyad::embedded;
use dyad::matching::engine::Engine;
use dyad::pool::Pool;

use crate::tui::action::{Effect, Msg};
use crate::tui::disk;
use crate::tui::jobs::analyses::{Analyst, Scope};
use crate::tui::jobs::council;
use crate::tui::jobs::evidence::Examiner;
use crate::tui::jobs::kept::Keeper;
use crate::tui::jobs::rematch::Rematcher;
use crate::tui::keys;
use crate::tui::state::Model;
use crate::tui::update::update;
use crate::tui::view::view;

pub struct Harness {
    pub m: Model,
    solver: Rematcher,
    /// What the convener thread starts each council from.
    convener: Engine,
    /// Effects of the last message sent (before they were carried out).
    pub effects: Vec<Effect>,
    /// Whether file effects are carried out (in `m.document.configs`).
    pub files: bool,
    /// The analyses (stable ranges, influence, diagnoses), done after each message when on.
    analyst: Option<(Analyst, crate::tui::state::Sync)>,
    /// The size of the last frame handed back.
    drawn_at: Option<(u16, u16)>,
    /// Reads the survey and works out its evidence.
    examiner: Examiner,
    /// Works out the kept shares of new results when on (see [`Harness::keeping`]).
    keeper: Option<Keeper>,
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
            convener: engine.clone(),
            solver: Rematcher::new(engine),
            effects: Vec::new(),
            files: false,
            analyst: None,
            drawn_at: None,
            examiner: Examiner::default(),
            keeper: None,
        };
        h.run(vec![Effect::Recompute(Box::new(first))]);
        h.draw();
        h
    }

    /// Draws the screen at the model's size and hands what was drawn back, as the event loop
    /// does after each batch of messages. Only the size and the scrolled popups change what is
    /// handed back, so the other frames are skipped (drawing every one doubles the tests' time).
    fn draw(&mut self) {
        use crate::tui::state::Popup;
        let scrolled = matches!(
            self.m.popup,
            Some(Popup::Help { .. } | Popup::Council(_) | Popup::Evidence { .. })
        );
        if !scrolled && self.drawn_at == Some(self.m.size) {
            return;
        }
        self.drawn_at = Some(self.m.size);
        let (w, h) = self.m.size;
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut drawn = Default::default();
        t.draw(|f| drawn = view(f, &self.m)).unwrap();
        update(&mut self.m, Msg::Drawn(drawn));
    }

    /// From now on, works out the kept shares of each new result (as the keeper thread does,
    /// with `samples` draws), starting with the results shown.
    pub fn keeping(&mut self, samples: usize) -> &mut Self {
        self.keeper = Some(Keeper::with(samples, 2));
        let m = &mut self.m;
        let ask = m
            .rematch
            .results
            .as_ref()
            .map(|r| m.kept.restart(samples, r));
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

    fn analysing_in(&mut self, scope: Scope) -> &mut Self {
        self.analyst = Some((
            Analyst::with_scope(scope),
            crate::tui::state::Sync::default(),
        ));
        self.analyse();
        self
    }

    fn analyse(&mut self) {
        let Some((a, sync)) = &mut self.analyst else {
            return;
        };
        for r in sync.requests(&self.m) {
            a.take(r);
        }
        while let Some(found) = a.step() {
            update(&mut self.m, Msg::Analysed(Box::new(found)));
        }
    }

    /// Sends a message and carries out what it asks for.
    pub fn send(&mut self, msg: impl Into<Msg>) -> &mut Self {
        let effects = update(&mut self.m, msg.into());
        self.effects = effects.clone();
        self.run(effects);
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

    fn run(&mut self, effects: Vec<Effect>) {
        for e in effects {
            let reply = match e {
                Effect::Recompute(req) => {
                    let mut o = self.solver.solve(*req);
                    // A fixed time keeps rendered screens comparable.
                    o.elapsed = Duration::from_micros(420);
                    Some(Msg::Computed(Box::new(o)))
                }
                Effect::Convene(req) => {
                    let mut c = council::convene(&self.convener, *req);
                    c.elapsed = Duration::from_millis(7);
                    Some(Msg::Convened(Box::new(c)))
                }
                Effect::Examine(ask) => Some(Msg::Examined(Box::new(self.examiner.answer(*ask)))),
                Effect::Midcycle(ask) => Some(Msg::Midcycled(Box::new(
                    crate::tui::jobs::midcycle::answer(*ask),
                ))),
                Effect::Keep(ask) => {
                    let Some(keeper) = &mut self.keeper else {
                        continue;
                    };
                    let mut tallies = Vec::new();
                    let _ = keeper.answer(*ask, &mut || None, &mut |t| {
                        tallies.push(t);
                        true
                    });
                    for t in tallies {
                        update(&mut self.m, Msg::Kept(Box::new(t)));
                    }
                    None
                }
                other if self.files => disk::execute(other, &self.m.document.configs.clone()),
                _ => None,
            };
            if let Some(msg) = reply {
                let more = update(&mut self.m, msg);
                self.run(more);
            }
        }
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
