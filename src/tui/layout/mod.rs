//! Where each panel goes. Two arrangements, chosen by width:
//!
//! ```text
//! wide (≥ 116 columns)                       narrow
//! ┌─────────────── title ────────────────┐   ┌──────── title ───────┐
//! ┌ Weights ┐┌ Matches ──────┐┌ Scores ──┐   ┌ Weights ┐┌ Matches ──┐
//! │ sliders ││ mentee mentor ││ histogram│   │ sliders ││ table     │
//! │ rules   ││ …             ││ figures  │   │ rules   │└───────────┘
//! │         ││               ││          │   │         │┌ Scores ───┐
//! └─────────┘└───────────────┘└──────────┘   └─────────┘└───────────┘
//!  status line                                status line
//!  key hints                                  key hints
//! ```
//!
//! Below [`MIN_WIDTH`] × [`MIN_HEIGHT`] the screen only says how big it needs to be.

pub mod weights;

use ratatui::layout::{Constraint, Layout, Rect};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
const WIDE: u16 = 116;

const ROWS: [Constraint; 3] = [
    Constraint::Length(1),
    Constraint::Fill(1),
    Constraint::Length(2),
];
const WIDE_COLUMNS: [Constraint; 3] = [
    Constraint::Length(38),
    Constraint::Fill(1),
    Constraint::Length(38),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub weights: Rect,
    pub matches: Rect,
    pub scores: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

impl Areas {
    pub fn of(area: Rect) -> Areas {
        let [title, body, bottom] = area.layout(&Layout::vertical(ROWS));
        let [status, hints] = bottom.layout(&Layout::vertical([Constraint::Length(1); 2]));
        let (weights, matches, scores) = if area.width >= WIDE {
            let [w, m, d] = body.layout(&Layout::horizontal(WIDE_COLUMNS));
            (w, m, d)
        } else {
            let left = (area.width / 2).clamp(30, 40);
            let [w, right] = body.layout(&Layout::horizontal([
                Constraint::Length(left),
                Constraint::Fill(1),
            ]));
            let dist = (body.height / 2).clamp(10, 16);
            let [m, d] = right.layout(&Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(dist),
            ]));
            (w, m, d)
        };
        Areas {
            title,
            weights,
            matches,
            scores,
            status,
            hints,
        }
    }
}

/// The inside of a bordered panel.
pub fn inner(r: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(r)
}

/// A popup area centred in `area`, at most `w` × `h`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    area.centered(
        Constraint::Length(w.min(area.width)),
        Constraint::Length(h.min(area.height)),
    )
}

/// The part of the panel that holds rows (below the header line).
pub fn matches_body(area: Rect) -> Rect {
    let i = inner(area);
    Rect::new(
        i.x,
        i.y.saturating_add(1),
        i.width,
        i.height.saturating_sub(1),
    )
}

pub fn matches_body_height(area: Rect) -> u16 {
    matches_body(area).height
}

/// The help popup: nearly the whole height.
pub fn help_area(area: Rect) -> Rect {
    popup(area, 96, area.height.saturating_sub(2))
}
