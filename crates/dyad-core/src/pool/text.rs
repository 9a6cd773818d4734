//! The one way dyad compares free text (specialties, health systems, identities, goals,
//! languages, override actions, specialty families): two cells mean the same when their
//! [`normalize`]d forms are equal. Call it on anything read from a person before comparing it.

use unicode_normalization::UnicodeNormalization;

/// Characters that show as nothing (or as a plain space) but would make two equal-looking
/// words differ: zero-width spaces and joiners, the byte-order mark, soft hyphens, word joiners.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// The form text is compared in: terminal escapes, control and bidirectional characters
/// removed; Unicode NFC (so `español` typed with a combining accent equals the precomposed
/// one); invisible characters removed; every run of white space (NBSP and other Unicode spaces
/// included) made one ASCII space; ends trimmed; lower case.
pub fn normalize(raw: &str) -> String {
    let clean = crate::io::safetext::strip(raw);
    if clean.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        // Plain ASCII without spaces: the common case, nothing to fold.
        return clean.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(clean.len());
    let mut space = false;
    for c in clean.nfc().filter(|&c| !is_invisible(c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn text_that_looks_the_same_compares_the_same() {
        let plain = "internal medicine";
        for variant in [
            "Internal Medicine",
            "internal\u{00A0}medicine",
            "internal  medicine",
            " internal medicine\t",
            "\u{FEFF}internal medicine",
            "inter\u{200B}nal medicine",
            "internal\u{2003}medicine",
        ] {
            assert_eq!(normalize(variant), plain, "{variant:?}");
        }
        // NFD (e + combining acute) and NFC (é) are one word.
        assert_eq!(normalize("espan\u{0303}ol"), normalize("español"));
        assert_eq!(normalize("a\u{1b}[2Jb"), "ab");
        assert_eq!(normalize("two\nlines"), "two lines");
        assert_eq!(normalize("\t"), "");
    }
}
