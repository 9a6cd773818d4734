//! Edits of the settings, pins and bans: each keeps the state before it for undo and asks for a
//! rematch.

use ratatui::layout::Rect;

use dyad::pool::Action;
use dyad::profile::Profile;

use crate::tui::action::{Action as Key, Effect, Mouse, MouseKind, Step};
use crate::tui::layout::{Areas, inner};
use crate::tui::layout::{matches_body, weights as panel};
use crate::tui::state::moved::edits;
use crate::tui::state::stable;
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, HISTORY, Model, Snapshot};

/// Up, Down, Home, End in the panel.
pub fn select(m: &mut Model, key: Key) {
    let last = Setting::COUNT - 1;
    let w = &mut m.weights;
    w.scroll.selected = match key {
        Key::Up => w.scroll.selected.saturating_sub(1),
        Key::Down => (w.scroll.selected + 1).min(last),
        Key::Top => 0,
        _ => last,
    };
    m.fit_offsets();
}

/// Applies an edit; when it changes anything, records the state before it (unless `coalesce`,
/// as while dragging a slider) and rematches.
fn apply(m: &mut Model, coalesce: bool, f: impl FnOnce(&mut Model)) -> Vec<Effect> {
    let before = m.document.snapshot();
    f(m);
    if m.document.snapshot() == before {
        return Vec::new();
    }
    if !coalesce {
        m.document.history.undo.push(before);
        if m.document.history.undo.len() > HISTORY {
            m.document.history.undo.remove(0);
        }
        m.document.history.redo.clear();
    }
    if let Some(w) = m.reference_year_warning() {
        m.warn(w);
    } else if m.all_weights_zero() {
        m.warn("All weights are 0: every pair scores 0, so the matching only counts pairs");
    } else if m
        .status
        .as_ref()
        .is_some_and(|s| s.text.starts_with("All weights"))
    {
        m.status = None;
    }
    m.recompute()
}

fn edit_profile(m: &mut Model, coalesce: bool, f: impl FnOnce(&mut Profile)) -> Vec<Effect> {
    apply(m, coalesce, |m| f(&mut m.document.current))
}

pub fn change(m: &mut Model, step: Step) -> Vec<Effect> {
    let s = Setting::at(m.weights.scroll.selected);
    edit_profile(m, false, |p| s.change(p, step))
}

pub fn zero(m: &mut Model) -> Vec<Effect> {
    let s = Setting::at(m.weights.scroll.selected);
    let mut ok = true;
    let fx = edit_profile(m, false, |p| ok = s.zero(p));
    if !ok {
        m.info(format!("{} has no zero; use ← and →", s.label()));
    }
    fx
}

/// `[` / `]`: the selected weight to the first step below / above its stable range, where the
/// pairs change.
pub fn jump(m: &mut Model, up: bool) -> Vec<Effect> {
    let s = Setting::at(m.weights.scroll.selected);
    let Some(k) = s.weight() else {
        m.info("[ and ] move a weight to where the pairs change: select a criterion first");
        return Vec::new();
    };
    let weight = m.document.current.weights[k];
    let found = match &m.solve.analyses.stability[k] {
        Some(Ok(st)) if st.weight == weight && !m.busy() => st.clone(),
        Some(Err(e)) => {
            m.error(format!("The stable range could not be found: {e}"));
            return Vec::new();
        }
        _ if crate::tui::jobs::analyses::Scope::of(&m.document.pool)
            == crate::tui::jobs::analyses::Scope::Shown =>
        {
            m.info("Stable ranges are not computed for a pool this large");
            return Vec::new();
        }
        _ => {
            m.info("Still finding where the pairs change; press again in a moment");
            return Vec::new();
        }
    };
    let Some(to) = stable::jump(&found, up) else {
        let end = if up { "1" } else { "0" };
        m.info(format!(
            "{}: no pair changes between {weight:.2} and {end}",
            s.label()
        ));
        return Vec::new();
    };
    let changes = if up {
        &found.changes_high
    } else {
        &found.changes_low
    };
    m.info(format!(
        "{} {weight:.2} → {to:.2}, where the pairs change: {} (u goes back)",
        s.label(),
        describe_changes(m, changes)
    ));
    edit_profile(m, false, |p| p.weights[k] = to)
}

/// "ME-012: MR-025 → MR-004", two at most, else how many mentees move.
fn describe_changes(m: &Model, changes: &[dyad::analysis::stability::PairChange]) -> String {
    match changes {
        [] => "none found".into(),
        [_] | [_, _] => dyad::analysis::compare::changes_line(&m.document.pool, changes, 2),
        more => format!("{} mentees get another mentor", more.len()),
    }
}

fn restore(m: &mut Model, to: Snapshot) -> Vec<Effect> {
    m.document.current = to.profile;
    m.document.overrides = to.overrides;
    m.document.current_file = to.file;
    m.rebuild_rows();
    m.recompute()
}

pub fn undo(m: &mut Model) -> Vec<Effect> {
    let Some(prev) = m.document.history.undo.pop() else {
        m.info("Nothing to undo");
        return Vec::new();
    };
    let now = m.document.snapshot();
    let what = edits(&now, &prev, &m.document.pool);
    m.document.history.redo.push(now);
    m.info(format!("Undone: {what} (Ctrl-r redoes)"));
    restore(m, prev)
}

pub fn redo(m: &mut Model) -> Vec<Effect> {
    let Some(next) = m.document.history.redo.pop() else {
        m.info("Nothing to redo");
        return Vec::new();
    };
    let now = m.document.snapshot();
    let what = edits(&now, &next, &m.document.pool);
    m.document.history.undo.push(now);
    m.info(format!("Redone: {what}"));
    restore(m, next)
}

/// The selected row's mentee and current mentor.
fn selected_pair(m: &mut Model, verb: &str) -> Option<(usize, usize)> {
    let row = m.selected()?.clone();
    match row.mentor {
        Some(mentor) => Some((row.mentee, mentor)),
        None => {
            let id = m.document.pool.mentees[row.mentee].id.clone();
            m.warn(format!(
                "{id} has no mentor now, so there is no pair to {verb}"
            ));
            None
        }
    }
}

fn ids(m: &Model, mentee: usize, mentor: usize) -> (String, String) {
    (
        m.document.pool.mentees[mentee].id.clone(),
        m.document.pool.mentors[mentor].id.clone(),
    )
}

pub fn ban(m: &mut Model) -> Vec<Effect> {
    let Some((mentee, mentor)) = selected_pair(m, "ban") else {
        return Vec::new();
    };
    let (a, b) = ids(m, mentee, mentor);
    m.info(format!(
        "Banned {a} with {b}: {a} gets another mentor (u undoes, X lifts {a}'s bans)"
    ));
    apply(m, false, |m| {
        m.document.overrides.set(mentee, mentor, Some(Action::Ban))
    })
}

pub fn unban(m: &mut Model) -> Vec<Effect> {
    let Some(row) = m.selected().cloned() else {
        return Vec::new();
    };
    let banned: Vec<usize> = m
        .document
        .overrides
        .iter()
        .filter(|o| o.mentee == row.mentee && o.action == Action::Ban)
        .map(|o| o.mentor)
        .collect();
    let id = m.document.pool.mentees[row.mentee].id.clone();
    if banned.is_empty() {
        m.info(format!("{id} has no banned pairs"));
        return Vec::new();
    }
    m.info(match banned.len() {
        1 => format!("Lifted the ban of {id}"),
        n => format!("Lifted the {n} bans of {id}"),
    });
    apply(m, false, |m| {
        for j in banned {
            m.document.overrides.set(row.mentee, j, None);
        }
    })
}

pub fn pin(m: &mut Model) -> Vec<Effect> {
    let Some((mentee, mentor)) = selected_pair(m, "pin") else {
        return Vec::new();
    };
    let (a, b) = ids(m, mentee, mentor);
    let pinned = m.document.overrides.get(mentee, mentor) == Some(Action::Pin);
    if pinned {
        m.info(format!("Unpinned {a} from {b}"));
    } else {
        m.info(format!("Pinned {a} to {b}: kept whatever the weights"));
    }
    let action = (!pinned).then_some(Action::Pin);
    apply(m, false, |m| {
        m.document.overrides.set(mentee, mentor, action)
    })
}

pub fn mouse(m: &mut Model, ev: Mouse) -> Vec<Effect> {
    let a = Areas::of(Rect::new(0, 0, m.size.0, m.size.1));
    let w_inner = inner(a.weights);
    let inside = |r: Rect| r.contains((ev.column, ev.row).into());
    match ev.kind {
        MouseKind::Release => m.weights.dragging = None,
        MouseKind::Press if inside(w_inner) => {
            let Some((i, fraction)) =
                panel::hit(w_inner, m.weights.scroll.offset, ev.column, ev.row)
            else {
                return Vec::new();
            };
            m.focus = Focus::Weights;
            m.weights.scroll.selected = i;
            m.fit_offsets();
            if let Some(f) = fraction {
                m.weights.dragging = Some(i);
                let s = Setting::at(i);
                return edit_profile(m, false, |p| s.set_fraction(p, f));
            }
        }
        MouseKind::Drag => {
            let Some(i) = m.weights.dragging else {
                return Vec::new();
            };
            // Follow the pointer along the bar being dragged, whatever row it strays to.
            let rect = panel::geometry(w_inner, m.weights.scroll.offset)
                .into_iter()
                .find(|(it, _)| *it == panel::Item::Setting(i));
            if let Some((_, r)) = rect {
                let bar = panel::bar_area(r);
                let x = ev.column.clamp(bar.x, bar.right().saturating_sub(1));
                let f = f64::from(x - bar.x) / f64::from(bar.width.saturating_sub(1).max(1));
                let s = Setting::at(i);
                return edit_profile(m, true, |p| s.set_fraction(p, f));
            }
        }
        MouseKind::Press if inside(a.matches) => {
            let body = matches_body(a.matches);
            if inside(body) {
                let at = m.matches.scroll.offset + usize::from(ev.row - body.y);
                if let Some(row) = m.matches.rows.get(at) {
                    m.matches.selected_mentee = Some(row.mentee);
                }
            }
            m.focus = Focus::Matches;
            m.fit_offsets();
        }
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let by = if ev.kind == MouseKind::ScrollUp {
                -1
            } else {
                1
            };
            if inside(a.weights) {
                let last = Setting::COUNT as isize - 1;
                m.weights.scroll.selected =
                    (m.weights.scroll.selected as isize + by).clamp(0, last) as usize;
                m.fit_offsets();
            } else {
                m.move_row(by * 3);
            }
        }
        MouseKind::Press => m.weights.dragging = None,
    }
    Vec::new()
}
