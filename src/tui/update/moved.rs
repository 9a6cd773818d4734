//! The results of a change arriving: the status line names the pairs that moved against the
//! results shown before the change, and the matches table keeps the first of them in view.

use dyad::analysis::compare::changes;

use crate::tui::state::{Level, Model, Status};

/// Says which pairs moved once the newest request's results are shown (an older request's
/// results, shown on the way, are not the change's own).
pub fn arrived(m: &mut Model, generation: u64) {
    let shown = m.solve.results.as_ref().map(|r| r.generation);
    if generation != m.solve.generation || shown != Some(generation) {
        // Not the newest change's results, or they could not be matched: wait.
        return;
    }
    let (Some(before), Some(r)) = (m.moved.before.take(), &m.solve.results) else {
        return;
    };
    let moved = changes(&before.matching, &r.current.matching);
    // After whatever the key said ("Undone: …"), unless another key has cleared it since.
    let (text, level) = m
        .status
        .take()
        .map_or((String::new(), Level::Info), |s| (s.text, s.level));
    let first = moved.iter().map(|c| c.mentee).collect::<Vec<_>>();
    m.status = Some(Status {
        text,
        level,
        moved: Some(moved),
    });
    keep_in_view(m, &first);
}

/// When none of the moved mentees' rows is on screen, selects the first of them (in the
/// table's order), so the table scrolls to it. Not under the pair explained, whose ↑ ↓ walk the
/// table from the selected row.
fn keep_in_view(m: &mut Model, moved: &[usize]) {
    if moved.is_empty() || !m.top.is_main() {
        return;
    }
    let t = &m.matches;
    let (from, to) = (t.scroll.offset, t.scroll.offset + t.scroll.page());
    let mut rows = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| moved.contains(&r.mentee));
    let Some((first, _)) = rows.clone().next() else {
        return;
    };
    if rows.any(|(i, _)| (from..to).contains(&i)) {
        return;
    }
    m.matches.selected_mentee = Some(m.matches.rows[first].mentee);
    m.fit_offsets();
}
