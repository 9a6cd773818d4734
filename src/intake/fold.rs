//! How answers and headers of an intake export compare: one folding function, so that every
//! comparison (headers to the mapping, answers to labels and to the vocabulary) agrees.

/// Folds text for comparison: escape sequences and control characters removed, invisible
/// characters (zero-width, byte order mark, no-break space) made spaces, lower case, hyphens and
/// underscores made spaces, one space after each comma and none before, runs of spaces made one,
/// the ends trimmed. "Work-life  Balance" and "work life balance" fold alike.
pub fn fold(text: &str) -> String {
    let clean = crate::io::safetext::strip(text);
    let mut spaced = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00A0}' | '\u{202F}' => {
                spaced.push(' ')
            }
            '-' | '_' | '\u{2010}'..='\u{2013}' => spaced.push(' '),
            ',' => spaced.push_str(", "),
            c => spaced.extend(c.to_lowercase()),
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
    }
}
