//! Single answers of an intake export made into pool values: multi-select cells into lists of
//! vocabulary terms, "2 hours" into 2, a timestamp into something that sorts.

use super::fold::fold;
use super::mapping::Mapping;
use super::vocabulary::Terms;
use crate::pool::normalize;

/// A multi-select or single-choice cell, resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    /// Terms, in the order answered, each once.
    pub terms: Vec<String>,
    /// Answers that are neither a label nor a known term (kept in `terms` in open groups).
    pub unknown: Vec<String>,
    /// An answer whose text splits at commas into known terms ("Research, Promotion" with `;`
    /// as the separator): almost surely several answers joined.
    pub joined: bool,
}

/// The term of one answer: a label of the field, else a term or synonym of the vocabulary.
fn term_of(answer: &str, field: &str, mapping: &Mapping, terms: &Terms) -> Option<String> {
    if let Some(t) = mapping.label(field, answer) {
        return Some(terms.term(t).unwrap_or(t).to_string());
    }
    terms.term(answer).map(str::to_string)
}

/// Splits a cell into answers: at `;` always, and at the mapping's separator, except where
/// consecutive pieces joined back together are an answer label or a known term (an option whose
/// text holds the separator, such as "Either / no preference, whichever").
pub fn answers(cell: &str, field: &str, mapping: &Mapping, terms: &Terms, list: bool) -> Answers {
    let mut out = Answers::default();
    let parts: Vec<&str> = if list {
        cell.split(';').collect()
    } else {
        vec![cell]
    };
    for part in parts {
        let pieces: Vec<&str> = if list {
            part.split(mapping.separator.as_str()).collect()
        } else {
            vec![part]
        };
        let joiner = format!("{} ", mapping.separator);
        let mut i = 0;
        while i < pieces.len() {
            let mut taken = 1;
            let mut found = None;
            for j in (i + 1..=pieces.len()).rev() {
                let text = pieces[i..j].join(&joiner);
                if let Some(t) = term_of(&text, field, mapping, terms) {
                    (taken, found) = (j - i, Some(t));
                    break;
                }
            }
            let piece = pieces[i..i + taken].join(&joiner);
            i += taken;
            match found {
                Some(t) if t.is_empty() => {}
                Some(t) => out.terms.push(t),
                None if fold(&piece).is_empty() => {}
                None => {
                    // Kept as written (the pool compares case-insensitively).
                    let kept = crate::io::safetext::strip(&piece)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let splits = kept.contains(',')
                        && kept
                            .split(',')
                            .all(|p| term_of(p, field, mapping, terms).is_some());
                    out.joined |= splits;
                    out.unknown.push(kept.clone());
                    out.terms.push(kept);
                }
            }
        }
    }
    // In the order answered, each once.
    let mut seen = std::collections::HashSet::new();
    out.terms.retain(|t| seen.insert(normalize(t)));
    out
}

/// A number of hours: "2", "1.5", "2 hours", "2 hrs per month". `None` otherwise.
pub fn hours(cell: &str) -> Option<String> {
    let (number, rest) = leading_number(cell)?;
    let rest = fold(rest);
    let words_ok = rest.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| {
        matches!(
            w,
            "h" | "hr" | "hrs" | "hour" | "hours" | "per" | "a" | "each" | "month" | "mo"
        )
    });
    words_ok.then(|| number.to_string())
}

/// A whole number of mentees: "2", "2 mentees". `None` otherwise.
pub fn capacity(cell: &str) -> Option<String> {
    let (number, rest) = leading_number(cell)?;
    let rest = fold(rest);
    (number.bytes().all(|b| b.is_ascii_digit())
        && matches!(rest.as_str(), "" | "mentee" | "mentees"))
    .then(|| number.to_string())
}

/// A number answer that is a range or an estimate ("1-2", "2–3 hours", "about 2"): the number it
/// is read as (the middle of a range) and why. `None` when it is neither.
pub fn estimate(cell: &str) -> Option<(f64, String)> {
    let t = cell.trim().to_lowercase();
    for word in [
        "about",
        "around",
        "approximately",
        "approx.",
        "roughly",
        "~",
    ] {
        if let Some(rest) = t.strip_prefix(word) {
            let n = number_with_units(rest)?;
            return Some((n, format!("\"{word}\": taken as {n}")));
        }
    }
    let (a, b) = t
        .split_once(['-', '\u{2013}', '\u{2014}'])
        .or_else(|| t.split_once(" to "))?;
    let (a, b) = (a.trim().parse::<f64>().ok()?, number_with_units(b)?);
    (a < b).then(|| {
        let mid = (a + b) / 2.0;
        (mid, format!("the middle of {a} to {b}"))
    })
}

/// A number followed by nothing or by unit words ("2 hours", "3 mentees").
fn number_with_units(text: &str) -> Option<f64> {
    let (number, rest) = leading_number(text)?;
    let rest = fold(rest);
    let units_ok = rest.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| {
        matches!(
            w,
            "h" | "hr"
                | "hrs"
                | "hour"
                | "hours"
                | "per"
                | "a"
                | "each"
                | "month"
                | "mo"
                | "mentee"
                | "mentees"
        )
    });
    units_ok.then(|| number.parse().ok()).flatten()
}

fn leading_number(cell: &str) -> Option<(&str, &str)> {
    let t = cell.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let number = &t[..end];
    (number.parse::<f64>().is_ok()).then_some((number, &t[end..]))
}

/// A timestamp as a sortable (year, month, day, hour, minute, second): "2023/09/01 10:15:32 AM
/// EST" (Google Forms), "9/1/2023 10:15:32" (month first), "2023-09-01T10:15:32". `None` when
/// it is none of these.
pub fn timestamp(cell: &str) -> Option<[u32; 6]> {
    let lower = cell.to_lowercase();
    let numbers: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if numbers.len() < 3 {
        return None;
    }
    let n: Vec<u32> = numbers
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, mo, d) = if numbers[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if numbers[2].len() == 4 {
        (n[2], n[0], n[1])
    } else {
        return None;
    };
    let mut time = [0u32; 3];
    for (t, v) in time.iter_mut().zip(n.iter().skip(3)) {
        *t = *v;
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    if words.contains(&"pm") && time[0] < 12 {
        time[0] += 12;
    } else if words.contains(&"am") && time[0] == 12 {
        time[0] = 0;
    }
    let valid = (1..=12).contains(&mo) && (1..=31).contains(&d) && time[0] < 24 && time[1] < 60;
    valid.then_some([y, mo, d, time[0], time[1], time[2]])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::vocabulary::{Group, Vocabulary};
    use std::path::Path;

    fn mapping(sep: &str) -> Mapping {
        let text = format!(
            "[lists]\nseparator = \"{sep}\"\n[values.meeting_format]\n\"Either / no preference, whichever\" = \"either\"\n[values.goals]\n\"Prefer not to say\" = \"\"\n"
        );
        Mapping::parse(&text, Path::new("m.toml")).unwrap()
    }

    #[test]
    fn comma_lists_split_into_terms() {
        let v = Vocabulary::builtin();
        let topics = v.group(Group::Topics);
        let a = answers(
            "Research, Work life balance,Promotion",
            "goals",
            &mapping(","),
            topics,
            true,
        );
        assert_eq!(a.terms, ["research", "work-life balance", "promotion"]);
        assert!(a.unknown.is_empty() && !a.joined);
        // A known term whose text holds a comma is one answer.
        let a = answers(
            "Diversity, equity and inclusion, Research",
            "goals",
            &mapping(","),
            topics,
            true,
        );
        assert_eq!(a.terms, ["health equity", "research"]);
        // A label for "no answer" leaves nothing.
        let a = answers("Prefer not to say", "goals", &mapping(","), topics, true);
        assert!(a.terms.is_empty() && a.unknown.is_empty());
    }

    #[test]
    fn an_option_with_a_comma_in_its_label_is_not_split() {
        let v = Vocabulary::builtin();
        let a = answers(
            "Either / no preference, whichever",
            "meeting_format",
            &mapping(","),
            v.group(Group::MeetingFormat),
            false,
        );
        assert_eq!(a.terms, ["either"]);
    }

    #[test]
    fn joined_answers_are_noticed_when_the_separator_is_a_semicolon() {
        let v = Vocabulary::builtin();
        let a = answers(
            "Research, Promotion",
            "goals",
            &mapping(";"),
            v.group(Group::Topics),
            true,
        );
        assert!(a.joined);
        assert_eq!(a.unknown, ["Research, Promotion"]);
        let a = answers(
            "quilting, knitting",
            "goals",
            &mapping(";"),
            v.group(Group::Topics),
            true,
        );
        assert!(!a.joined);
    }

    #[test]
    fn hours_and_capacity_accept_words() {
        assert_eq!(hours("2 hours").as_deref(), Some("2"));
        assert_eq!(hours(" 1.5 hrs per month").as_deref(), Some("1.5"));
        assert_eq!(hours("3").as_deref(), Some("3"));
        for bad in ["", "two", "2-3 hours", "2 days"] {
            assert_eq!(hours(bad), None, "{bad}");
        }
        assert_eq!(capacity("2 mentees").as_deref(), Some("2"));
        assert_eq!(capacity("1.5"), None);
    }

    #[test]
    fn ranges_and_estimates_are_read_as_their_middle() {
        let n = |cell: &str| estimate(cell).map(|(n, _)| n);
        assert_eq!(n("1-2"), Some(1.5));
        assert_eq!(n("2\u{2013}3 hours"), Some(2.5));
        assert_eq!(n("about 2"), Some(2.0));
        assert_eq!(n("Around 4 hours per month"), Some(4.0));
        assert_eq!(n("1 to 3 mentees"), Some(2.0));
        for not in ["2", "3-1", "a few", "2-3 days", "about", ""] {
            assert_eq!(n(not), None, "{not}");
        }
        assert!(estimate("1-2").unwrap().1.contains("middle of 1 to 2"));
    }

    #[test]
    fn timestamps_sort_whatever_their_format() {
        let a = timestamp("2023/09/01 1:15:32 PM EST").unwrap();
        let b = timestamp("9/1/2023 10:15:32").unwrap();
        let c = timestamp("2023-09-02T08:00:00").unwrap();
        assert!(b < a && a < c);
        assert_eq!(timestamp("2023/09/01 12:05:00 AM").unwrap()[3], 0);
        assert_eq!(timestamp("yesterday"), None);
        assert_eq!(timestamp("13/13/2023"), None);
    }
}
