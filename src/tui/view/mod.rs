//! The view: draws the model, one file (or folder) per panel, view or popup, named as in
//! `state/` and `update/`. It reads the state and asks nothing of the matching; every figure it
//! shows was computed by the core.

pub mod confirm;
pub mod council;
pub mod detail;
pub mod evidence;
mod evidence_rows;
pub mod fairness;
mod frame;
pub mod help;
pub mod influence;
pub mod matches;
mod mentors;
pub mod midcycle;
pub mod moved;
pub mod profiles;
pub mod save_as;
pub mod scores;
pub mod search;
pub mod short_ids;
pub mod status;
mod table;
pub mod weights;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::layout::{Areas, MIN_HEIGHT, MIN_WIDTH, inner, matches_body_height, too_small};
use crate::tui::scroll::{Drawn, Viewport};
use crate::tui::state::weights::Setting;
use crate::tui::state::{Model, Top};
use crate::tui::theme::THEME;

/// Draws the model; returns what it drew of each scrolled area, for the event loop to hand
/// back to `update` (which scrolls with it).
pub fn view(f: &mut Frame, m: &Model) -> Drawn {
    let drawn = screen(f, m);
    THEME.fill_unset(f.buffer_mut());
    drawn
}

/// Everything but the theme's base colours.
fn screen(f: &mut Frame, m: &Model) -> Drawn {
    let area = f.area();
    if too_small(area) {
        small(f, area);
        return Drawn::default();
    }
    let a = Areas::of(area);
    let mut drawn = Drawn {
        weights: Some(Viewport {
            height: usize::from(inner(a.weights).height),
            len: Setting::COUNT,
        }),
        matches: Some(Viewport {
            height: usize::from(matches_body_height(a.matches)),
            len: m.matches.rows.len(),
        }),
        ..Drawn::default()
    };
    status::title(f, a.title, m);
    weights::render(f, a.weights, m);
    if m.mentors.shown {
        mentors::render(f, a.matches, m);
    } else {
        matches::render(f, a.matches, m);
    }
    scores::render(f, a.scores, m);
    status::bottom(f, a.status, a.hints, m);
    match &m.top {
        Top::Main => {}
        Top::Detail(d) => detail::render(f, area, m, d),
        Top::Search(s) => search::render(f, area, m, s),
        Top::Profiles(p) => profiles::render(f, area, m, p),
        Top::Help { scroll } => drawn.help = Some(help::render(f, area, scroll.offset)),
        Top::Influence { selected } => influence::render(f, area, m, *selected),
        Top::Evidence { scroll } => {
            let weights = &m.document.current.weights;
            drawn.evidence = Some(evidence::render(
                f,
                area,
                &m.evidence,
                weights,
                scroll.offset,
            ));
        }
        Top::Midcycle => midcycle::render(f, area, m),
        Top::Fairness => fairness::render(f, area, m),
        Top::SaveAs(form) => save_as::render(f, area, m, form),
        Top::Confirm(c) => confirm::render(f, area, c),
        Top::CouncilPick(p) => council::render_pick(f, area, m, p),
        Top::Council(v) => drawn.council = Some(council::render(f, m, v)),
    }
    drawn
}

/// The screen below the minimum size: what it needs, centred.
fn small(f: &mut Frame, area: Rect) {
    let text = vec![
        Line::styled(
            format!("dyad needs a terminal of at least {MIN_WIDTH} × {MIN_HEIGHT}"),
            THEME.panel_title,
        ),
        Line::from(format!(
            "This one is {} × {}: enlarge the window or use a smaller font.",
            area.width, area.height
        )),
    ];
    let height = if area.width >= 60 { 2 } else { 4 };
    let r = area.centered(Constraint::Fill(1), Constraint::Length(height));
    f.render_widget(Paragraph::new(text).centered().wrap(Wrap { trim: true }), r);
}
