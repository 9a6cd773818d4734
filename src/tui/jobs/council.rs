//! Convening a council off the UI thread: every member's profile and their consensus matched on
//! the pool (`dyad::analysis::council::convene`), as a task on a lane of its own (see
//! `action::Task`) so that neither input nor the solving of the current settings waits for it.
//! Only the newest request waiting is done.

use std::sync::Arc;
use std::time::{Duration, Instant};

use dyad::analysis::council::{self, Council, Member};
use dyad::matching::engine::Engine;
use dyad::pool::Overrides;

/// A council to convene: the members' profiles, matched with the council's pins and bans.
#[derive(Debug, Clone, PartialEq)]
pub struct Convening {
    /// Tells the answer to this request from answers to older ones.
    pub id: u64,
    pub members: Vec<Member>,
    pub overrides: Overrides,
}

/// What came of convening.
#[derive(Debug, Clone)]
pub struct Convened {
    pub id: u64,
    pub council: Result<Arc<Council>, String>,
    pub elapsed: Duration,
}

/// Convenes with a fresh copy of `template` (sharing its pool), so the score tables of the
/// members' settings are freed once the council shown no longer needs them.
pub fn convene(template: &Engine, req: Convening) -> Convened {
    let start = Instant::now();
    let mut engine = template.clone();
    if engine.pool.overrides != req.overrides {
        engine.set_overrides(req.overrides);
    }
    let council = council::convene(&mut engine, req.members)
        .map(Arc::new)
        .map_err(|e| e.to_string());
    Convened {
        id: req.id,
        council,
        elapsed: start.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::embedded;

    fn engine() -> Engine {
        Engine::new(
            embedded::sample_pool(),
            dyad::criteria::specialty::builtin().clone(),
        )
    }

    fn members() -> Vec<Member> {
        let mut early = embedded::fall_profile();
        early.weights[0] = 1.0;
        vec![
            Member {
                label: "fall".into(),
                profile: early,
            },
            Member {
                label: "pilot".into(),
                profile: embedded::pilot_profile(),
            },
        ]
    }

    #[test]
    fn convenes_with_the_councils_pins() {
        let template = engine();
        let mut overrides = Overrides::default();
        // Pin a pair neither member's matching makes.
        let free = convene(
            &template,
            Convening {
                id: 1,
                members: members(),
                overrides: overrides.clone(),
            },
        );
        let c = free.council.unwrap();
        let mentee = c.consensus.matching.pairs[0].mentee;
        let other = (0..template.pool.mentors.len())
            .find(|&j| {
                c.evaluations
                    .iter()
                    .all(|e| e.matching.mentor_of[mentee] != Some(j))
            })
            .unwrap();
        overrides.set(mentee, other, Some(dyad::pool::Action::Pin));
        let pinned = convene(
            &template,
            Convening {
                id: 2,
                members: members(),
                overrides,
            },
        );
        assert_eq!(pinned.id, 2);
        let c = pinned.council.unwrap();
        assert!(
            c.evaluations
                .iter()
                .chain([&c.consensus])
                .all(|e| e.matching.mentor_of[mentee] == Some(other))
        );
        // The template is left as it was.
        assert!(template.pool.overrides.is_empty());
    }
}
