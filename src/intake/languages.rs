//! Languages recognised by their ISO 639 names: an answer such as "Twi" or "Gujarati" that the
//! vocabulary does not list is still a language, and matches everyone who named the same one.

use isolang::Language;

use super::fold::fold;

/// The ISO 639 language an answer names, by its English name or its own name ("Deutsch"),
/// case ignored; `None` when it names none.
pub fn iso_language(answer: &str) -> Option<&'static str> {
    let folded = fold(answer);
    if folded.chars().count() < 3 {
        return None;
    }
    let lower = folded.to_ascii_lowercase();
    Language::from_name_lowercase(&lower)
        .or_else(|| Language::match_autonyms(move |a| fold(a) == folded).next())
        .map(|l| l.to_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_known_by_their_iso_names() {
        assert_eq!(iso_language("Twi"), Some("Twi"));
        assert_eq!(iso_language(" gujarati "), Some("Gujarati"));
        assert_eq!(iso_language("Deutsch"), Some("German"));
        for not in ["Klingonese", "Research", "", "en"] {
            assert_eq!(iso_language(not), None, "{not}");
        }
    }
}
