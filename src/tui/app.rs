//! The event loop: terminal events and rematch results arrive on one channel; each batch of
//! waiting events is applied through `update` before one redraw; only the newest rematch
//! request of a batch goes to the worker.

use std::io::stdout;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use dyad::error::{Error, Result};

use crate::cli::args::TuiArgs;
use crate::cli::inputs;

use super::io;
use super::keymap;
use super::model::Model;
use super::msg::{Effect, Mouse, MouseKind, Msg};
use super::update::update;
use super::view::view;
use super::worker::{self, Outcome, Request, Solver};

enum Incoming {
    Term(Event),
    Computed(Outcome),
}

/// Restores the terminal when dropped: on quit and on error alike.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

pub fn run(args: TuiArgs) -> Result<()> {
    // Load everything before taking over the terminal, so errors print plainly.
    let engine = inputs::engine(&args.data)?;
    let current = inputs::current_profile(args.profile.as_deref())?;
    let baseline = inputs::baseline_profile(args.baseline.as_deref())?;
    let pool = engine.pool.clone();

    let mut terminal =
        ratatui::try_init().map_err(|e| Error::Other(format!("cannot use this terminal: {e}")))?;
    let _restore = Restore;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(stdout(), EnableMouseCapture).map_err(|e| Error::Other(e.to_string()))?;

    let (tx, rx) = channel();
    let stop = Arc::new(AtomicBool::new(false));
    input_thread(tx.clone(), stop.clone());
    let results = tx.clone();
    let worker = worker::spawn(Solver::new(engine), move |o| {
        results.send(Incoming::Computed(o)).is_ok()
    });

    let size = terminal.size().map_err(|e| Error::Other(e.to_string()))?;
    let (model, first) = Model::new(
        pool,
        (current.profile, current.file),
        (baseline.profile, baseline.file),
        PathBuf::from(inputs::CONFIGS),
        (size.width, size.height),
    );
    let _ = worker.send(first);
    let out = event_loop(&mut terminal, model, &rx, &worker);
    stop.store(true, Ordering::Relaxed);
    out
}

fn input_thread(tx: Sender<Incoming>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match event::poll(Duration::from_millis(100)) {
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut model: Model,
    rx: &Receiver<Incoming>,
    worker: &Sender<Request>,
) -> Result<()> {
    let configs = model.configs.clone();
    let mut dirty = true;
    loop {
        if dirty {
            terminal
                .draw(|f| view(f, &model))
                .map_err(|e| Error::Other(format!("cannot draw: {e}")))?;
            dirty = false;
        }
        let Ok(first) = rx.recv() else {
            return Ok(());
        };
        let mut newest: Option<Request> = None;
        for incoming in std::iter::once(first).chain(rx.try_iter()) {
            let Some(msg) = to_msg(&model, incoming) else {
                continue;
            };
            dirty = true;
            let mut queue = vec![msg];
            while let Some(msg) = queue.pop() {
                for effect in update(&mut model, msg) {
                    match effect {
                        Effect::Recompute(r) => newest = Some(*r),
                        other => queue.extend(io::execute(other, &configs)),
                    }
                }
            }
            if model.quit {
                return Ok(());
            }
        }
        if let Some(r) = newest {
            let _ = worker.send(r);
        }
    }
}

fn to_msg(model: &Model, incoming: Incoming) -> Option<Msg> {
    let ev = match incoming {
        Incoming::Computed(o) => return Some(Msg::Computed(Box::new(o))),
        Incoming::Term(ev) => ev,
    };
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap::dispatch(model.mode(), &k),
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
