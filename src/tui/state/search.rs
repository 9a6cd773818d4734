//! Fuzzy search over mentees and mentors (nucleo): by id, specialty, ZIP3, health system, goals,
//! challenges or expertise, in any case. A query that is an id, or the start of one, lists that
//! participant first. Only pseudonymous ids and schema fields are searched and shown.

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
            "{}  mentee · {} · {} · {} · goals: {} · challenges: {}",
            m.id,
            m.specialty,
            m.zip3,
            m.health_system,
            m.goals.join(", "),
            m.challenges.join(", ")
        ),
    });
    let mentors = pool.mentors.iter().enumerate().map(|(j, m)| Entry {
        target: Target::Mentor(j),
        text: format!(
            "{}  mentor · {} · {} · {} · expertise: {}",
            m.id,
            m.specialty,
            m.zip3,
            m.health_system,
            m.expertise.join(", ")
        ),
    });
    mentees.chain(mentors).collect()
}

impl Entry {
    /// The participant's pseudonymous id: the entry's first word.
    pub fn id(&self) -> &str {
        self.text.split_whitespace().next().unwrap_or("")
    }
}

/// Letters and digits only, lower-cased: `ME 019`, `me-019` and `ME019` all name `ME-019`.
fn plain(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where a query names an entry's id, in any case and with or without its dash: the whole id
/// (rank 0), its start or its number (`019` for `ME-019`; rank 1); with the positions of the
/// id's characters it names. `None` when it does not.
fn id_match(entry: &Entry, query: &str) -> Option<(u8, Vec<u32>)> {
    let q = plain(query);
    let id = entry.id();
    if q.is_empty() {
        return None;
    }
    let chars: Vec<char> = id.chars().collect();
    // The positions of the id's letters and digits, in order.
    let alnum: Vec<u32> = (0..chars.len())
        .filter(|&i| chars[i].is_ascii_alphanumeric())
        .map(|i| i as u32)
        .collect();
    let p = plain(id);
    let number = id.rsplit(['-', '_', '.']).next().unwrap_or(id);
    if p == q {
        Some((0, (0..chars.len() as u32).collect()))
    } else if p.starts_with(&q) {
        let last = alnum[q.len() - 1];
        Some((1, (0..=last).collect()))
    } else if number.len() < id.len() && plain(number) == q {
        let from = (id.len() - number.len()) as u32;
        Some((1, (from..chars.len() as u32).collect()))
    } else {
        None
    }
}

/// The entries matching a query: an id named whole, by its start or by its number first, then the best fuzzy
/// matches (ties in index order); every entry for an empty query, up to [`LIMIT`].
pub fn query(entries: &[Entry], query: &str) -> Vec<Hit> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut hits: Vec<(u8, u32, Hit)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            if let Some((rank, indices)) = id_match(e, query) {
                // The id's own characters, not wherever the fuzzy match found them.
                return Some((rank, u32::MAX, Hit { entry: i, indices }));
            }
            let mut indices = Vec::new();
            let score =
                pattern.indices(Utf32Str::new(&e.text, &mut buf), &mut matcher, &mut indices)?;
            indices.sort_unstable();
            indices.dedup();
            Some((2, score, Hit { entry: i, indices }))
        })
        .collect();
    hits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.entry.cmp(&b.2.entry))
    });
    hits.truncate(LIMIT);
    hits.into_iter().map(|(_, _, h)| h).collect()
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

    #[test]
    fn an_id_comes_before_people_whose_zip3_looks_like_it() {
        let e = entries();
        // ME-019 is a mentee id, and 019 is a ZIP3 of several mentees.
        assert!(e.iter().filter(|x| x.text.contains(" 019 ")).count() > 1);
        for q in ["ME-019", "me-019", " ME 019 ", "ME019"] {
            let hits = query(&e, q);
            assert_eq!(e[hits[0].entry].id(), "ME-019", "{q}");
            assert_eq!(hits[0].indices, (0..6).collect::<Vec<_>>());
        }
        // A number alone: the mentee and the mentor of that number, then the ZIP3s.
        let hits = query(&e, "019");
        let ids: Vec<&str> = hits[..2].iter().map(|h| e[h.entry].id()).collect();
        assert_eq!(ids, ["ME-019", "MR-019"]);
        assert_eq!(hits[0].indices, [3, 4, 5]);
        assert!(e[hits[2].entry].text.contains(" 019 "));
        // The start of an id lists every id that starts so first, in id order.
        let hits = query(&e, "ME-01");
        let first: Vec<&str> = hits[..10].iter().map(|h| e[h.entry].id()).collect();
        let want: Vec<String> = (10..20).map(|n| format!("ME-0{n}")).collect();
        assert_eq!(first, want);
    }

    #[test]
    fn a_health_system_is_found_in_any_case() {
        let e = entries();
        let pool = dyad::embedded::sample_pool();
        let in_hs01 = pool
            .mentees
            .iter()
            .filter(|m| m.health_system == "hs-01")
            .count()
            + pool
                .mentors
                .iter()
                .filter(|m| m.health_system == "hs-01")
                .count();
        assert!(in_hs01 > 0);
        for q in ["hs-01", "HS-01", "'hs-01"] {
            let exact = query(&e, &format!("'{}", q.trim_start_matches('\'')));
            assert_eq!(exact.len(), in_hs01, "{q}");
            assert!(query(&e, q).len() >= in_hs01, "{q}");
        }
    }
}
