//! What a change of settings did to the pairs: the matching on screen when the change was made,
//! kept until the change's own results arrive, so the status line can name the pairs that moved
//! ("moved ME-014: MR-031 → MR-034, and 2 more"); and what an undo or redo changes, in words.

use std::sync::Arc;

use dyad::matching::engine::Evaluation;
use dyad::pool::{Action, Pool};

use crate::tui::state::Snapshot;
use crate::tui::state::weights::Setting;

/// The results shown before the changes whose results are still to come.
#[derive(Debug, Clone, Default)]
pub struct Moved {
    /// The current matching on screen when the first change still waiting was made (a burst of
    /// keys compares with what was on screen before the first of them).
    pub before: Option<Arc<Evaluation>>,
}

impl Moved {
    /// A change was asked for while `shown` was on screen; `waiting` when an earlier change's
    /// results are still to come (then the earlier screen stays the reference).
    pub fn changed(&mut self, shown: Option<&Arc<Evaluation>>, waiting: bool) {
        if !waiting || self.before.is_none() {
            self.before = shown.cloned();
        }
    }
}

/// Settings, pins and bans that differ from `a` to `b`, in words, two at most and then how many
/// more: "Geographic proximity 0.95 → 0.90", "pinned ME-002 to MR-029".
pub fn edits(a: &Snapshot, b: &Snapshot, pool: &Pool) -> String {
    let mut out: Vec<String> = (0..Setting::COUNT)
        .map(Setting::at)
        .filter_map(|s| {
            let (x, y) = (s.value(&a.profile), s.value(&b.profile));
            (x != y).then(|| format!("{} {x} → {y}", s.label()))
        })
        .collect();
    let pair = |mentee: usize, mentor: usize| {
        (
            pool.mentees[mentee].id.as_str(),
            pool.mentors[mentor].id.as_str(),
        )
    };
    for o in b.overrides.iter() {
        if a.overrides.get(o.mentee, o.mentor) != Some(o.action) {
            let (me, mr) = pair(o.mentee, o.mentor);
            out.push(match o.action {
                Action::Pin => format!("pinned {me} to {mr}"),
                Action::Ban => format!("banned {me} with {mr}"),
            });
        }
    }
    for o in a.overrides.iter() {
        if b.overrides.get(o.mentee, o.mentor).is_none() {
            let (me, mr) = pair(o.mentee, o.mentor);
            out.push(match o.action {
                Action::Pin => format!("unpinned {me} from {mr}"),
                Action::Ban => format!("lifted the ban of {me} with {mr}"),
            });
        }
    }
    if a.profile.name != b.profile.name {
        out.push(format!("\"{}\" → \"{}\"", a.profile.name, b.profile.name));
    }
    match out.len() {
        0 => "nothing".into(),
        1 | 2 => out.join(", "),
        n => format!("{}, {} and {} more", out[0], out[1], n - 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::embedded;

    fn snapshot() -> Snapshot {
        Snapshot {
            profile: embedded::fall_profile(),
            overrides: Default::default(),
            file: None,
        }
    }

    #[test]
    fn an_edit_reads_as_the_setting_and_its_two_values() {
        let pool = embedded::sample_pool();
        let a = snapshot();
        let mut b = snapshot();
        b.profile.weights[0] = 0.95;
        assert_eq!(edits(&a, &b, &pool), "Geographic proximity 0.90 → 0.95");
        assert_eq!(edits(&b, &a, &pool), "Geographic proximity 0.95 → 0.90");
        b.profile.eligibility.reference_year = 2010;
        b.overrides.set(1, 28, Some(Action::Pin));
        assert_eq!(
            edits(&a, &b, &pool),
            "Geographic proximity 0.90 → 0.95, Reference year 2023 → 2010 and 1 more"
        );
        let mut c = snapshot();
        c.overrides.set(1, 28, Some(Action::Ban));
        assert_eq!(edits(&a, &c, &pool), "banned ME-002 with MR-029");
        assert_eq!(edits(&c, &a, &pool), "lifted the ban of ME-002 with MR-029");
        assert_eq!(edits(&a, &a, &pool), "nothing");
    }

    #[test]
    fn a_burst_of_changes_compares_with_the_screen_before_the_first() {
        let pool = embedded::sample_pool();
        let mut engine = dyad::Engine::new(pool, dyad::criteria::specialty::builtin().clone());
        let first = Arc::new(engine.evaluate(&embedded::fall_profile()).unwrap());
        let second = Arc::new(engine.evaluate(&embedded::pilot_profile()).unwrap());
        let mut m = Moved::default();
        m.changed(Some(&first), false);
        m.changed(Some(&second), true);
        assert!(Arc::ptr_eq(m.before.as_ref().unwrap(), &first));
        // Once the results are in, the next change starts afresh.
        m.changed(Some(&second), false);
        assert!(Arc::ptr_eq(m.before.as_ref().unwrap(), &second));
    }
}
