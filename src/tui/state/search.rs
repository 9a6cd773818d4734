//! Fuzzy search over mentees and mentors (nucleo): by id, specialty, goals, challenges or
//! expertise, and ZIP3. Only pseudonymous ids and schema fields are searched and shown.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use dyad::pool::Pool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Mentee(usize),
    Mentor(usize),
}

/// One searchable line per participant.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub target: Target,
    pub text: String,
}

/// A result: the entry and the positions (in chars) of the matched characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub entry: usize,
    pub indices: Vec<u32>,
}

/// The most results kept for a query.
pub const LIMIT: usize = 200;

pub fn index(pool: &Pool) -> Vec<Entry> {
    let mentees = pool.mentees.iter().enumerate().map(|(i, m)| Entry {
        target: Target::Mentee(i),
        text: format!(
            "{}  mentee · {} · {} · goals: {} · challenges: {}",
            m.id,
            m.specialty,
            m.zip3,
            m.goals.join(", "),
            m.challenges.join(", ")
        ),
    });
    let mentors = pool.mentors.iter().enumerate().map(|(j, m)| Entry {
        target: Target::Mentor(j),
        text: format!(
            "{}  mentor · {} · {} · expertise: {}",
            m.id,
            m.specialty,
            m.zip3,
            m.expertise.join(", ")
        ),
    });
    mentees.chain(mentors).collect()
}

/// The entries matching a query, best first (ties in index order); every entry for an empty
/// query, up to [`LIMIT`].
pub fn query(entries: &[Entry], query: &str) -> Vec<Hit> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut hits: Vec<(u32, Hit)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let mut indices = Vec::new();
            let score =
                pattern.indices(Utf32Str::new(&e.text, &mut buf), &mut matcher, &mut indices)?;
            indices.sort_unstable();
            indices.dedup();
            Some((score, Hit { entry: i, indices }))
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.entry.cmp(&b.1.entry)));
    hits.truncate(LIMIT);
    hits.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        index(&dyad::embedded::sample_pool())
    }

    #[test]
    fn finds_by_id_with_highlight_positions() {
        let e = entries();
        let id = e[3].text.split_whitespace().next().unwrap().to_string();
        let hits = query(&e, &id);
        assert_eq!(hits[0].entry, 3);
        assert_eq!(
            hits[0].indices,
            (0..id.chars().count() as u32).collect::<Vec<_>>()
        );
    }

    #[test]
    fn finds_by_attribute_and_lists_all_for_empty_query() {
        let e = entries();
        assert_eq!(query(&e, "").len(), e.len().min(LIMIT));
        let hits = query(&e, "'expertise");
        assert!(hits.iter().all(|h| e[h.entry].text.contains("expertise")));
        assert!(query(&e, "zzzzqqq").is_empty());
    }
}
