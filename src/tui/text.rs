//! Text cut to fit: what does not fit ends in `…`, so a cut word never passes for a whole one.

/// At most `width` characters.
pub fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        t.push('…');
    }
    t
}

/// An id in at most `width` characters: cut in the middle (`ME-…c100a1`), keeping its prefix
/// and its last characters, which tell long pseudonyms apart better than their first ones.
pub fn cut_id(id: &str, width: usize) -> String {
    let n = id.chars().count();
    if n <= width {
        return id.to_string();
    }
    if width < 5 {
        return cut(id, width);
    }
    let head = 3.min(width / 2);
    let tail = width - head - 1;
    let chars: Vec<char> = id.chars().collect();
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[n - tail..]);
    out
}

/// Exactly `width` characters: cut, or padded with spaces.
pub fn clip(s: &str, width: usize) -> String {
    format!("{:<width$}", cut(s, width))
}

/// Words filled into lines of at most `width` characters (a word longer than that gets a line
/// of its own, cut by the frame). Only ASCII spaces break a line: a no-break space (U+00A0)
/// keeps `3 h/month` together.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in text.split_ascii_whitespace() {
        let last = out.last_mut().expect("a line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            out.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        assert_eq!(cut("proximity", 20), "proximity");
        assert_eq!(cut("proximity", 5), "prox…");
        assert_eq!(cut("née", 2), "n…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(clip("ab", 4), "ab  ");
        assert_eq!(clip("abcdef", 4), "abc…");
    }

    #[test]
    fn long_ids_keep_their_prefix_and_their_end() {
        assert_eq!(cut_id("ME-3fa9c100a1", 20), "ME-3fa9c100a1");
        assert_eq!(cut_id("ME-3fa9c100a1", 10), "ME-…c100a1");
        assert_eq!(cut_id("ME-3fa9c100a1", 7), "ME-…0a1");
        assert_eq!(cut_id("ME-3fa9c100a1", 4), "ME-…");
        assert_eq!(cut_id("ME-3fa9c100a1", 7).chars().count(), 7);
    }

    #[test]
    fn wrapping_breaks_between_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("one two three", 100), ["one two three"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("takes 3\u{a0}h/month", 8), ["takes", "3\u{a0}h/month"]);
        assert!(
            wrap("a b c d e f", 3)
                .iter()
                .all(|l| l.chars().count() <= 3)
        );
    }
}
