//! `update`: the one place the UI state changes. It never touches the terminal or the file
//! system; work outside (solving, analyses, reading and writing files) is returned as effects.
//! One file per feature, named as in `state/` and `view/`, and for the edits the main screen
//! shares: undo and redo (`history`), pins and bans (`overrides`), the mouse (`mouse`). This
//! file only hands each message to the feature it belongs to (shared steps are methods of the
//! state), and a yes to a question to the feature that asked it.

mod council;
mod detail;
mod evidence;
mod fairness;
mod help;
mod history;
mod influence;
mod matches;
mod mentors;
mod midcycle;
mod mouse;
mod moved;
mod overrides;
mod profiles;
mod record;
mod save_as;
mod scores;
pub mod search;
mod solve;
mod weights;

use crate::tui::action::{Action, Effect, Msg};
use crate::tui::jobs::analyses::Order;
use crate::tui::state::{Focus, Model, Pending, Top};

pub fn update(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let mut effects = handle(m, msg);
    // The fairness view follows the settings, whatever changed them.
    effects.extend(fairness::follow(m));
    // The analyst hears of what the screen wants whenever a message changed it.
    let wants = m.wants();
    if wants != m.solve.told {
        m.solve.told = wants;
        effects.push(Effect::Analyse(Box::new(Order::Wants(wants))));
    }
    effects
}

/// A message to the feature it belongs to.
fn handle(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Computed(o) => {
            let generation = o.generation;
            let effects = solve::computed(m, *o);
            moved::arrived(m, generation);
            return effects;
        }
        Msg::Examined(a) => {
            evidence::examined(m, *a);
            return Vec::new();
        }
        Msg::Midcycled(a) => {
            midcycle::computed(m, *a);
            return Vec::new();
        }
        Msg::Fairness(a) => {
            fairness::computed(m, *a);
            return Vec::new();
        }
        Msg::PairsWritten(r) => {
            midcycle::written(m, r);
            return Vec::new();
        }
        Msg::Kept(t) => {
            let mentees = m.document.pool.mentees.len();
            m.kept.accept(*t, mentees);
            return Vec::new();
        }
        Msg::Analysed(a) => {
            m.solve.analyses.accept(*a);
            return Vec::new();
        }
        Msg::Resize(w, h) => {
            m.size = (w, h);
            return Vec::new();
        }
        Msg::Drawn(d) => {
            m.drawn(d);
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
    if m.top.is_main() {
        return main(m, msg);
    }
    on_top(m, msg)
}

/// Messages on the main screen.
fn main(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Msg::Action(action) = msg else {
        return match msg {
            Msg::Mouse(ev) if m.mentors.shown && mentors::mouse(m, ev) => Vec::new(),
            Msg::Mouse(ev) => mouse::mouse(m, ev),
            _ => Vec::new(),
        };
    };
    if m.mentors.shown && mentors::action(m, action) {
        return Vec::new();
    }
    match action {
        Action::Up | Action::Down | Action::Top | Action::Bottom if m.focus == Focus::Weights => {
            weights::select(m, action)
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => matches::move_by(m, action),
        Action::SwitchPanel => matches::switch_panel(m),
        Action::Change(_) if m.focus == Focus::Matches => {
            m.info("← → change the selected weight or rule: Tab goes back to them")
        }
        Action::Change(step) => return weights::change(m, step),
        Action::Zero => return weights::zero(m),
        Action::JumpDown => return weights::jump(m, false),
        Action::JumpUp => return weights::jump(m, true),
        Action::Undo => return history::undo(m),
        Action::Redo => return history::redo(m),
        Action::CycleSort => matches::cycle_sort(m),
        Action::ToggleChangedOnly => matches::toggle_changed_only(m),
        Action::ToggleGroups => scores::toggle_groups(m),
        Action::ToggleMeasures => scores::toggle_measures(m),
        Action::ToggleMentors => mentors::toggle(m),
        Action::Ban => return overrides::ban(m),
        Action::Unban => return overrides::unban(m),
        Action::Pin => return overrides::pin(m),
        Action::SaveOverrides => return profiles::save_overrides(m),
        Action::WriteRecord => return record::write(m),
        Action::OpenDetail => m.open_detail(),
        Action::OpenSearch => m.open_search(),
        Action::OpenProfiles => return profiles::open_profiles(m),
        Action::OpenHelp => help::open(m),
        Action::OpenCouncil => return council::open(m),
        Action::OpenInfluence => influence::open(m),
        Action::OpenEvidence => return evidence::open(m),
        Action::OpenMidcycle => return midcycle::open(m),
        Action::OpenFairness => return fairness::open(m),
        Action::Save => return profiles::save(m),
        Action::SaveAs => m.open_save_as(),
        Action::Quit => profiles::quit(m),
        _ => {}
    }
    Vec::new()
}

/// Messages while a view or popup is on top: each to the file of its name.
fn on_top(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if matches!(msg, Msg::Action(Action::Close) | Msg::Action(Action::No)) {
        m.top = Top::Main;
        return Vec::new();
    }
    // Ctrl-c leaves any popup and quits, asking first when something is unsaved.
    if matches!(msg, Msg::Action(Action::Quit)) && !matches!(m.top, Top::Confirm(_)) {
        m.top = Top::Main;
        profiles::quit(m);
        return Vec::new();
    }
    match &m.top {
        Top::Search(_) => search::msg(m, msg),
        Top::Detail(_) => match msg {
            Msg::Action(Action::Ban) => overrides::ban(m),
            Msg::Action(Action::Pin) => overrides::pin(m),
            _ => detail::msg(m, msg),
        },
        Top::Profiles(_) => profiles::list_msg(m, msg),
        Top::Help { .. } => help::msg(m, msg),
        Top::Influence { .. } => influence::msg(m, msg),
        Top::Evidence { .. } => evidence::msg(m, msg),
        Top::Midcycle => midcycle::msg(m, msg),
        Top::Fairness => fairness::msg(m, msg),
        Top::SaveAs(_) => save_as::msg(m, msg),
        Top::CouncilPick(_) => council::pick_msg(m, msg),
        Top::Council(_) => council::council_msg(m, msg),
        Top::Confirm(_) => match msg {
            Msg::Action(Action::Yes) => yes(m),
            Msg::Action(Action::Quit) => {
                m.quit = true;
                Vec::new()
            }
            _ => Vec::new(),
        },
        Top::Main => main(m, msg),
    }
}

/// `y` to the open question: to the feature that asked it.
fn yes(m: &mut Model) -> Vec<Effect> {
    let Top::Confirm(c) = std::mem::take(&mut m.top) else {
        return Vec::new();
    };
    match c.on_yes {
        Pending::Adopt { profile, save } => council::adopt_now(m, profile, save),
        other => profiles::yes(m, other),
    }
}
