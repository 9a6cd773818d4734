//! The mouse: a click selects a setting or a row (and sets a slider where it lands), a drag
//! moves the slider it started on, the wheel moves the selection of the panel under it.

use ratatui::layout::Rect;

use crate::tui::action::{Effect, Mouse, MouseKind};
use crate::tui::layout::{Areas, inner};
use crate::tui::layout::{matches_body, weights as panel};
use crate::tui::state::weights::Setting;
use crate::tui::state::{Focus, Model};

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
                return m.edit_profile(false, |p| s.set_fraction(p, f));
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
                return m.edit_profile(true, |p| s.set_fraction(p, f));
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
