//! How answers and headers of an intake export compare: one folding function, so that every
//! comparison (headers to the mapping, answers to labels and to the vocabulary) agrees.

/// Folds text for comparison: the pool's own normalisation first ([`crate::pool::text::normalize`]:
/// escape sequences and control characters removed, Unicode NFC, invisible characters removed,
/// white space of every kind made single spaces, lower case, ends trimmed), then hyphens and
/// underscores made spaces and one space after each comma and none before. "Work-life  Balance"
/// and "work life balance" fold alike, and so do a precomposed and a combining "español".
pub fn fold(text: &str) -> String {
    let normal = crate::pool::text::normalize(text);
    let mut spaced = String::with_capacity(normal.len());
    for c in normal.chars() {
        match c {
            '-' | '_' | '\u{2010}'..='\u{2013}' => spaced.push(' '),
            ',' => spaced.push_str(", "),
            c => spaced.push(c),
        }
    }
    let words: Vec<&str> = spaced.split_whitespace().collect();
    words.join(" ").replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn case_hyphens_spacing_and_invisible_characters_fold_away() {
        assert_eq!(fold("  Work-life\u{00A0}Balance "), "work life balance");
        assert_eq!(fold("work_life   balance"), "work life balance");
        assert_eq!(fold("\u{FEFF}Email\u{200B} Address"), "email address");
        assert_eq!(
            fold("Either / no preference ,whichever"),
            "either / no preference, whichever"
        );
        assert_eq!(fold("a,b"), fold("A , B"));
        assert_ne!(fold("research"), fold("research, promotion"));
        assert_eq!(fold("Espan\u{0303}ol"), fold("Espa\u{00F1}ol"));
    }
}
