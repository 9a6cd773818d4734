//! The council's pins and bans of the selected pair: ban it, lift a mentee's bans, pin or unpin
//! it. Each keeps the state before it for undo and asks for a solve (`Model::edit`).

use dyad::pool::Action;

use crate::tui::action::Effect;
use crate::tui::state::Model;

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
    m.edit(false, |m| {
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
    m.edit(false, |m| {
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
    m.edit(false, |m| m.document.overrides.set(mentee, mentor, action))
}
