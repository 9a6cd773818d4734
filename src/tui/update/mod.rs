//! `update`: the one place the UI state changes. It never touches the terminal or the file
//! system; work outside (rematching, reading and writing files) is returned as effects. One
//! file per feature, named as in `state/` and `view/`.

mod council;
mod mentors;
pub mod popups;
mod profiles;
mod record;
mod weights;

use ratatui::layout::Rect;

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::jobs::rematch::Outcome;
use crate::tui::layout::matches_body_height as body_height;
use crate::tui::layout::weights as panel;
use crate::tui::layout::{Areas, inner};
use crate::tui::state::detail;
use crate::tui::state::matches;
use crate::tui::state::weights::Setting;
use crate::tui::state::{Analyses, Focus, Model, Popup};

pub fn update(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Computed(o) => {
            apply(m, *o);
            return Vec::new();
        }
        Msg::Analysed(a) => {
            m.analyses.accept(*a);
            return Vec::new();
        }
        Msg::Resize(w, h) => {
            m.size = (w, h);
            fit_offsets(m);
            return Vec::new();
        }
        Msg::ProfilesListed(entries) => return profiles::listed(m, entries),
        Msg::CouncilListed(entries) => return council::listed(m, entries),
        Msg::Convened(c) => {
            council::convened(m, *c);
            return Vec::new();
        }
        Msg::Saved(r) => return profiles::saved(m, *r),
        Msg::OverridesSaved(r) => return profiles::overrides_saved(m, r),
        Msg::RecordWritten(r) => {
            record::written(m, r);
            return Vec::new();
        }
        // A message on the status line lasts until the next key or click.
        _ => m.status = None,
    }
    match m.popup {
        None => normal(m, msg),
        Some(_) => popups::update(m, msg),
    }
}

fn normal(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if let Msg::Action(a) = msg
        && m.mentors.shown
        && mentors::action(m, a).is_some()
    {
        return Vec::new();
    }
    match msg {
        Msg::Action(Action::Up)
        | Msg::Action(Action::Down)
        | Msg::Action(Action::Top)
        | Msg::Action(Action::Bottom)
            if m.focus == Focus::Weights =>
        {
            let last = Setting::COUNT - 1;
            m.setting = match msg {
                Msg::Action(Action::Up) => m.setting.saturating_sub(1),
                Msg::Action(Action::Down) => (m.setting + 1).min(last),
                Msg::Action(Action::Top) => 0,
                _ => last,
            };
            fit_offsets(m);
        }
        Msg::Action(Action::Up) => move_row(m, -1),
        Msg::Action(Action::Down) => move_row(m, 1),
        Msg::Action(Action::PageUp) => move_row(m, -(page(m) as isize)),
        Msg::Action(Action::PageDown) => move_row(m, page(m) as isize),
        Msg::Action(Action::Top) => move_row(m, isize::MIN / 2),
        Msg::Action(Action::Bottom) => move_row(m, isize::MAX / 2),
        Msg::Action(Action::SwitchPanel) => {
            m.focus = match m.focus {
                Focus::Weights => Focus::Matches,
                Focus::Matches => Focus::Weights,
            }
        }
        Msg::Action(Action::Change(_)) if m.focus == Focus::Matches => {
            m.info("← → change the selected weight or rule: Tab goes back to them")
        }
        Msg::Action(Action::Change(step)) => return weights::change(m, step),
        Msg::Action(Action::Zero) => return weights::zero(m),
        Msg::Action(Action::JumpDown) => return weights::jump(m, false),
        Msg::Action(Action::JumpUp) => return weights::jump(m, true),
        Msg::Action(Action::Undo) => return weights::undo(m),
        Msg::Action(Action::Redo) => return weights::redo(m),
        Msg::Action(Action::CycleSort) => {
            m.sort = m.sort.next();
            rebuild_rows(m);
            m.info(format!("Matches sorted by {}", m.sort.label()));
        }
        Msg::Action(Action::ToggleChangedOnly) => {
            m.changed_only = !m.changed_only;
            rebuild_rows(m);
            m.info(if m.changed_only {
                "Showing only the mentees whose pair changed (c shows all)"
            } else {
                "Showing all mentees"
            });
        }
        Msg::Action(Action::ToggleGroups) => m.dist = m.dist.toggle_groups(),
        Msg::Action(Action::ToggleMeasures) => m.dist = m.dist.toggle_measures(),
        Msg::Action(Action::ToggleMentors) => mentors::toggle(m),
        Msg::Action(Action::Ban) => return weights::ban(m),
        Msg::Action(Action::Unban) => return weights::unban(m),
        Msg::Action(Action::Pin) => return weights::pin(m),
        Msg::Action(Action::SaveOverrides) => return profiles::save_overrides(m),
        Msg::Action(Action::WriteRecord) => return record::write(m),
        Msg::Action(Action::OpenDetail) => open_detail(m),
        Msg::Action(Action::OpenSearch) => popups::open_search(m),
        Msg::Action(Action::OpenProfiles) => return profiles::open_profiles(m),
        Msg::Action(Action::OpenHelp) => m.popup = Some(Popup::Help { scroll: 0 }),
        Msg::Action(Action::OpenCouncil) => return council::open(m),
        Msg::Action(Action::OpenInfluence) => {
            let selected = Setting::at(m.setting).weight().unwrap_or(0);
            m.popup = Some(Popup::Influence { selected });
        }
        Msg::Action(Action::Save) => return profiles::save(m),
        Msg::Action(Action::SaveAs) => profiles::save_as(m),
        Msg::Action(Action::Quit) => profiles::quit(m),
        Msg::Mouse(ev) => return weights::mouse(m, ev),
        _ => {}
    }
    Vec::new()
}

/// Takes in a rematch result unless a newer one is already shown.
fn apply(m: &mut Model, o: Outcome) {
    if o.generation <= m.shown {
        return;
    }
    m.shown = o.generation;
    match o.results {
        Ok(r) => {
            m.analyses = Analyses::new(r.generation);
            m.results = Some(r);
            m.elapsed = Some(o.elapsed);
            m.match_error = None;
            rebuild_rows(m);
            if let Some(r) = &m.results {
                m.mentors.rebuild(r);
                mentors::fit(m);
            }
            refresh_detail(m);
        }
        Err(e) => {
            // Say so at once: a message from the key that led here would hide it.
            m.status = None;
            m.match_error = Some(e);
        }
    }
}

/// Rebuilds the table rows after new results, a sort or a filter, keeping the selected mentee.
pub fn rebuild_rows(m: &mut Model) {
    let Some(r) = &m.results else { return };
    m.rows = matches::arrange(matches::build(r, &m.overrides), m.sort, m.changed_only);
    if m.selected_row().is_none() {
        m.selected_mentee = m.rows.first().map(|r| r.mentee);
        m.matches_offset = 0;
    }
    fit_offsets(m);
}

fn refresh_detail(m: &mut Model) {
    if let (Some(Popup::Detail(d)), Some(r)) = (&mut m.popup, &m.results) {
        **d = detail::build(r, d.mentee);
    }
}

pub fn open_detail(m: &mut Model) {
    match (m.selected(), &m.results) {
        (Some(row), Some(r)) => {
            let d = detail::build(r, row.mentee);
            m.popup = Some(Popup::Detail(Box::new(d)));
        }
        _ => m.warn("No pair selected: choose a row in the matches first"),
    }
}

fn areas(m: &Model) -> Areas {
    Areas::of(Rect::new(0, 0, m.size.0, m.size.1))
}

fn page(m: &Model) -> usize {
    usize::from(body_height(areas(m).matches)).max(1)
}

/// Moves the selected row by `by` (clamped to the table).
pub fn move_row(m: &mut Model, by: isize) {
    if m.rows.is_empty() {
        return;
    }
    let at = m.selected_row().unwrap_or(0) as isize;
    let to = at.saturating_add(by).clamp(0, m.rows.len() as isize - 1) as usize;
    m.selected_mentee = Some(m.rows[to].mentee);
    fit_offsets(m);
}

/// Keeps the selected setting and row on screen.
pub fn fit_offsets(m: &mut Model) {
    let a = areas(m);
    m.weights_offset = panel::scroll(inner(a.weights).height, m.setting, m.weights_offset);
    let h = usize::from(body_height(a.matches)).max(1);
    let sel = m.selected_row().unwrap_or(0);
    if sel < m.matches_offset {
        m.matches_offset = sel;
    } else if sel >= m.matches_offset + h {
        m.matches_offset = sel + 1 - h;
    }
    m.matches_offset = m.matches_offset.min(m.rows.len().saturating_sub(h));
}
