//! Fuzzy search over mentees and mentors (nucleo): by id, specialty, ZIP3, health system, goals,
//! challenges or expertise, in any case. A query that is an id, or the start of one, lists that
//! participant first. Only pseudonymous ids and schema fields are searched and shown, and of a
//! person's quasi-identifiers only what the shared screen may show ([`Disclosure`]): a ZIP3
//! shown as `0xx` is neither listed nor found by its digits.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use dyad::pool::Pool;
use dyad::privacy::Disclosure;

use super::detail::quasi;

/// The search popup: the query typed, what it finds, and the hit selected.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

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

/// The quasi-identifiers a shared screen may show, each followed by ` · `.
fn shown(q: Vec<String>) -> String {
    q.into_iter().map(|s| s + " · ").collect()
}

/// One line per participant, their quasi-identifiers as `disclosure` lets a shared screen show
/// them (as in the pair window).
pub fn index(pool: &Pool, disclosure: &Disclosure) -> Vec<Entry> {
    let mentees = pool.mentees.iter().enumerate().map(|(i, m)| Entry {
        target: Target::Mentee(i),
        text: format!(
            "{}  mentee · {}goals: {} · challenges: {}",
            m.id,
            shown(quasi(disclosure.mentee(i))),
            m.goals.join(", "),
            m.challenges.join(", ")
        ),
    });
    let mentors = pool.mentors.iter().enumerate().map(|(j, m)| Entry {
        target: Target::Mentor(j),
        text: format!(
            "{}  mentor · {}expertise: {}",
            m.id,
            shown(quasi(disclosure.mentor(j))),
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

    /// Every attribute shown (k = 1), as for a pool without quasi-identifiers to hide.
    fn entries() -> Vec<Entry> {
        let pool = dyad::embedded::sample_pool();
        index(
            &pool,
            &Disclosure::of(&pool, dyad::criteria::specialty::builtin(), 1),
        )
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
        assert!(e.iter().filter(|x| x.text.contains("ZIP3 019 ")).count() > 1);
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
        assert!(e[hits[2].entry].text.contains("ZIP3 019 "));
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

    #[test]
    fn on_a_shared_screen_a_zip3_or_system_hidden_by_k_is_neither_shown_nor_found() {
        let pool = dyad::embedded::sample_pool();
        let d = Disclosure::of(&pool, dyad::criteria::specialty::builtin(), 5);
        let e = index(&pool, &d);
        // Mentees whose ZIP3 k = 5 shows as a first digit, or hides: some exist.
        let coarse: Vec<usize> = (0..pool.mentees.len())
            .filter(|&i| d.mentee(i).zip3.as_deref() != Some(pool.mentees[i].zip3.as_str()))
            .collect();
        assert!(!coarse.is_empty());
        for &i in &coarse {
            let m = &pool.mentees[i];
            let text = &e[i].text;
            assert_eq!(e[i].target, Target::Mentee(i));
            assert!(!text.contains(&format!("ZIP3 {} ", m.zip3)), "{text}");
            if d.mentee(i).health_system.is_none() {
                assert!(!text.contains(&m.health_system), "{text}");
            }
            // Typing the exact ZIP3 does not single them out either.
            let found = query(&e, &format!("'ZIP3\\ {}", m.zip3));
            assert!(found.iter().all(|h| h.entry != i), "{}", m.id);
        }
        // With every attribute shown (k = 1) the same query finds them: the search itself works.
        let all = entries();
        for &i in &coarse {
            let zip = &pool.mentees[i].zip3;
            assert!(all[i].text.contains(&format!("ZIP3 {zip} ")));
            let found = query(&all, &format!("'ZIP3\\ {zip}"));
            assert!(found.iter().any(|h| h.entry == i), "{zip}");
        }
    }
}
