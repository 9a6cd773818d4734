//! The status line's words for the pairs a change moved: "moved ME-014: MR-031 → MR-034, and
//! 2 more" (the library's one line of moved pairs), as many named as fit, after whatever the
//! key itself said.

use dyad::analysis::compare::changes_line;
use dyad::pool::Pool;

use crate::tui::state::Status;

/// The message: the key's text, then the moved pairs; as many pairs named as fit in `one`
/// characters, else in `two` (the message may take the hint line too), at least one.
pub fn message(s: &Status, pool: &Pool, one: usize, two: usize) -> String {
    let Some(moved) = &s.moved else {
        return s.text.clone();
    };
    let with = |said: String| {
        if s.text.is_empty() {
            let mut c = said.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        } else {
            format!("{} · {said}", s.text)
        }
    };
    if moved.is_empty() {
        return with("no pair moved".into());
    }
    let named = |n: usize| with(format!("moved {}", changes_line(pool, moved, n)));
    let fits = |n: usize, room: usize| named(n).chars().count() <= room;
    let most = |room: usize| (1..=moved.len()).rev().find(|&n| fits(n, room));
    let n = most(one).or_else(|| most(two)).unwrap_or(1);
    named(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::state::Level;
    use dyad::analysis::compare::PairChange;

    fn status(text: &str, moved: Option<Vec<PairChange>>) -> Status {
        Status {
            text: text.into(),
            level: Level::Info,
            moved,
        }
    }

    #[test]
    fn as_many_pairs_as_fit_are_named() {
        let pool = dyad::embedded::sample_pool();
        let c = |mentee, old, new| PairChange {
            mentee,
            old_mentor: old,
            new_mentor: new,
        };
        let moved = vec![
            c(13, Some(30), Some(33)),
            c(2, None, Some(9)),
            c(16, Some(24), None),
        ];
        let s = status("", Some(moved));
        assert_eq!(
            message(&s, &pool, 200, 400),
            "Moved ME-014: MR-031 → MR-034, ME-003: none → MR-010, ME-017: MR-025 → none"
        );
        assert_eq!(
            message(&s, &pool, 45, 90),
            "Moved ME-014: MR-031 → MR-034, and 2 more"
        );
        // When not even one fits on the status line, the message takes two lines.
        assert_eq!(
            message(&s, &pool, 40, 70),
            "Moved ME-014: MR-031 → MR-034, ME-003: none → MR-010, and 1 more"
        );
        // Even when nothing fits, one pair is named.
        assert_eq!(
            message(&s, &pool, 5, 10),
            "Moved ME-014: MR-031 → MR-034, and 2 more"
        );
        let s = status("Undone: Goals covered 0.80 → 0.75", Some(Vec::new()));
        assert_eq!(
            message(&s, &pool, 200, 400),
            "Undone: Goals covered 0.80 → 0.75 · no pair moved"
        );
        assert_eq!(
            message(&status("", Some(Vec::new())), &pool, 80, 160),
            "No pair moved"
        );
        assert_eq!(message(&status("Saved", None), &pool, 80, 160), "Saved");
    }
}
