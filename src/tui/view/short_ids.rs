//! Ids in a narrow column that never collide: whole when they fit, else `…` and the fewest
//! last characters that tell every id of the pool's side apart (`…13d`, `…a13d` when two
//! pseudonyms end alike). Pseudonyms differ in their last characters; their shared prefix
//! (`ME-`) says nothing the column's heading does not.

use std::collections::HashSet;

/// The last `n` characters of an id (all of it when shorter).
fn tail(id: &str, n: usize) -> &str {
    match n {
        0 => "",
        _ => id
            .char_indices()
            .rev()
            .nth(n - 1)
            .map_or(id, |(i, _)| &id[i..]),
    }
}

/// The fewest last characters that tell every id of `ids` apart (ids are distinct).
pub fn unique_tail<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> usize {
    let longest = ids.clone().map(|i| i.chars().count()).max().unwrap_or(0);
    (1..=longest)
        .find(|&n| {
            let mut seen = HashSet::new();
            ids.clone().all(|id| seen.insert(tail(id, n)))
        })
        .unwrap_or(longest)
}

/// How one side's ids are shown: whole up to `width` characters, else `…` and their last
/// `tail` characters (or more, to fill the width).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortIds {
    /// The longest id's length.
    pub longest: usize,
    /// See [`unique_tail`].
    pub tail: usize,
}

impl ShortIds {
    pub fn of<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> ShortIds {
        ShortIds {
            longest: ids.clone().map(|i| i.chars().count()).max().unwrap_or(0),
            tail: unique_tail(ids),
        }
    }

    /// The narrowest column that tells every id apart.
    pub fn least(&self) -> usize {
        self.longest.min(self.tail + 1)
    }

    /// `id` in `width` characters; never narrower than [`ShortIds::least`], so that no two ids
    /// of the side read the same.
    pub fn show(&self, id: &str, width: usize) -> String {
        if id.chars().count() <= width {
            return id.to_string();
        }
        let keep = width.saturating_sub(1).max(self.tail);
        format!("…{}", tail(id, keep))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fewest_last_characters_that_tell_ids_apart() {
        let ids = ["ME-a13d", "ME-b13d", "ME-0001"];
        let s = ShortIds::of(ids.iter().copied());
        assert_eq!(s.tail, 4);
        assert_eq!(s.least(), 5);
        let shown: Vec<String> = ids.iter().map(|id| s.show(id, 5)).collect();
        assert_eq!(shown, ["…a13d", "…b13d", "…0001"]);
        // Whole when they fit.
        assert_eq!(s.show("ME-a13d", 7), "ME-a13d");
        // Never narrower than tells them apart.
        assert_eq!(s.show("ME-a13d", 2), "…a13d");
        // An id that is the end of another.
        let s = ShortIds::of(["A1", "BA1"].into_iter());
        assert_eq!(s.tail, 3);
        assert_ne!(s.show("A1", 2), s.show("BA1", 2));
        assert_eq!(ShortIds::of(std::iter::empty()).least(), 0);
    }

    #[test]
    fn no_two_ids_read_the_same_at_any_width() {
        let ids: Vec<String> = (0..500u64)
            .map(|i| format!("ME-{:010x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 24))
            .collect();
        let s = ShortIds::of(ids.iter().map(String::as_str));
        for width in 0..=14 {
            let shown: HashSet<String> = ids.iter().map(|id| s.show(id, width)).collect();
            assert_eq!(shown.len(), ids.len(), "width {width}");
        }
    }
}
