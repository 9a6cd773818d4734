//! The words of the evidence, one wording wherever it is shown (`dyad evidence` and the
//! terminal UI's evidence view): a short verdict for a table's column, and one plain sentence
//! per criterion for people who are not statisticians ("pairs that lived closer scored higher
//! on satisfaction; the council could weigh geographic proximity more"), and a measure's
//! contrast in a sentence.

use crate::criteria::CRITERIA;
use crate::pool::OutcomeKind;

use super::evidence::{Contrast, YES_NO_MEASURES};

use super::association::{MIN_ANSWERS, Verdict};

/// The verdict on a criterion's weight, short enough for a table's column (at most
/// [`VERDICT_WIDTH`] characters).
pub fn criterion_verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Higher => "supports a higher weight",
        Verdict::Lower => "supports a lower weight",
        Verdict::NoEvidence => "no evidence either way",
        Verdict::TooFew => "too few answers",
        Verdict::NoVariation => "no variation",
    }
}

/// The verdict on a weight-free measure: which way the outcome goes as the measure grows.
pub fn measure_verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Higher => "the more, the higher",
        Verdict::Lower => "the more, the lower",
        other => criterion_verdict(other),
    }
}

/// The widest verdict of [`criterion_verdict`] and [`measure_verdict`].
pub const VERDICT_WIDTH: usize = 24;

/// What a high score of a criterion says about a pair: "pairs that {…}".
fn high_score(key: &str) -> &'static str {
    match key {
        "proximity" => "lived closer",
        "goals" => "covered more of the mentee's goals",
        "challenges" => "covered more of the mentee's challenges",
        "specialty" => "were closer in specialty",
        "shared_identity" => "shared more of the identities the mentee asked for",
        "outside_system" => "worked in different health systems",
        "format" => "had compatible meeting formats",
        "availability" => "had a mentor with the hours the mentee wanted",
        "language" => "shared the language the mentee needed",
        "seniority" => "were within the seniority gap",
        _ => "scored higher on it",
    }
}

/// An outcome column's name in words: `would_recommend` → "would recommend".
fn outcome_words(name: &str) -> String {
    name.replace('_', " ")
}

/// One plain sentence about a criterion against an outcome: which way the survey points and
/// what the council could do about it, given the criterion's weight now (`None`: not known).
/// At weight 1.00 a weight cannot go higher ("already at the top of the scale"), at 0.00 not
/// lower.
pub fn sentence(
    key: &str,
    outcome: &str,
    kind: OutcomeKind,
    verdict: Verdict,
    n: usize,
    weight: Option<f64>,
) -> String {
    let label = CRITERIA
        .iter()
        .find(|c| c.key == key)
        .map_or(key.to_string(), |c| c.label.to_lowercase());
    let pairs = high_score(key);
    let o = outcome_words(outcome);
    let went = |up: bool| match (kind, up) {
        (OutcomeKind::Number, true) => format!("scored higher on {o}"),
        (OutcomeKind::Number, false) => format!("scored lower on {o}"),
        (OutcomeKind::YesNo, true) => format!("answered yes to {o} more often"),
        (OutcomeKind::YesNo, false) => format!("answered yes to {o} less often"),
    };
    // Weights are shown with two decimals: 0.995 reads as 1.00.
    let at_top = weight.is_some_and(|w| w >= 0.995);
    let at_bottom = weight.is_some_and(|w| w < 0.005);
    match verdict {
        Verdict::Higher if at_top => format!(
            "Pairs that {pairs} {}; {label} is already at the top of the scale (1.00).",
            went(true)
        ),
        Verdict::Higher => format!(
            "Pairs that {pairs} {}; the council could weigh {label} more.",
            went(true)
        ),
        Verdict::Lower if at_bottom => format!(
            "Pairs that {pairs} {}; {label} already counts for nothing (0.00).",
            went(false)
        ),
        Verdict::Lower => format!(
            "Pairs that {pairs} {}; the council could weigh {label} less.",
            went(false)
        ),
        Verdict::NoEvidence => format!(
            "No clear sign that pairs that {pairs} did better or worse on {o} ({n} answers): \
             weigh {label} on other grounds."
        ),
        Verdict::TooFew => format!(
            "Only {n} pairs answered {o}, too few (at least {MIN_ANSWERS}) to say anything \
             about {label}."
        ),
        Verdict::NoVariation => format!(
            "Every pair that answered scored the same on {label} or gave the same answer on \
             {o}, so the survey cannot tell."
        ),
    }
}

/// A measure's key in words.
pub fn measure_label(key: &str) -> String {
    match key {
        "km" => "km apart".into(),
        "outside_system" => "outside own system".into(),
        "same_family" => "same specialty family".into(),
        "hours_short" => "mentor has fewer hours".into(),
        other => other.replace('_', " "),
    }
}

/// How a measure divides the pairs, for a contrast: the words for the pairs at most (or below)
/// `t`, or with the yes/no fact.
fn side_words(key: &str, t: f64, inclusive: bool) -> String {
    let at = if inclusive { "at most" } else { "below" };
    let pct = 100.0 * t;
    match key {
        "km" => format!("pairs {at} {t:.0} km apart"),
        "goals_covered" => format!("pairs covering {at} {pct:.0} % of the mentee's goals"),
        "challenges_covered" => {
            format!("pairs covering {at} {pct:.0} % of the mentee's challenges")
        }
        "identity_requests_met" => {
            format!("pairs meeting {at} {pct:.0} % of the identity requests")
        }
        "outside_system" => "pairs outside the mentee's own system".into(),
        "same_specialty" => "pairs in the same specialty".into(),
        "same_family" => "pairs in the same specialty family".into(),
        "hours_short" => "pairs whose mentor offers fewer hours".into(),
        other => format!("pairs with {} {at} {t:.2}", measure_label(other)),
    }
}

/// A measure's contrast in words: "Pairs at most 35 km apart: 4.15 on average (n = 13); the
/// others: 3.17 (n = 12)." For yes/no measures the pairs with the fact come first.
pub fn contrast_words(key: &str, kind: OutcomeKind, c: &Contrast) -> String {
    let show = |v: f64| match kind {
        OutcomeKind::YesNo => format!("{:.0} % yes", 100.0 * v),
        OutcomeKind::Number => format!("{v:.2}"),
    };
    let average = match kind {
        OutcomeKind::YesNo => "",
        OutcomeKind::Number => " on average",
    };
    // For yes/no measures the low side is the pairs without the fact (0).
    let (first, second) = if YES_NO_MEASURES.contains(&key) {
        (c.high, c.low)
    } else {
        (c.low, c.high)
    };
    let words = side_words(key, c.threshold, c.inclusive);
    format!(
        "{}{}: {}{average} (n = {}); the others: {} (n = {}).",
        words[..1].to_uppercase(),
        &words[1..],
        show(first.mean),
        first.n,
        show(second.mean),
        second.n
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Verdict; 5] = [
        Verdict::Higher,
        Verdict::Lower,
        Verdict::NoEvidence,
        Verdict::TooFew,
        Verdict::NoVariation,
    ];

    #[test]
    fn verdicts_fit_their_column() {
        for v in ALL {
            assert!(
                criterion_verdict(v).chars().count() <= VERDICT_WIDTH,
                "{v:?}"
            );
            assert!(measure_verdict(v).chars().count() <= VERDICT_WIDTH, "{v:?}");
        }
    }

    #[test]
    fn a_supported_weight_reads_as_advice_unless_it_is_at_the_end_of_the_scale() {
        let s = sentence(
            "proximity",
            "satisfaction",
            OutcomeKind::Number,
            Verdict::Higher,
            25,
            Some(0.9),
        );
        assert_eq!(
            s,
            "Pairs that lived closer scored higher on satisfaction; the council could weigh \
             geographic proximity more."
        );
        let top = sentence(
            "goals",
            "would_recommend",
            OutcomeKind::YesNo,
            Verdict::Higher,
            25,
            Some(1.0),
        );
        assert_eq!(
            top,
            "Pairs that covered more of the mentee's goals answered yes to would recommend more \
             often; goals covered is already at the top of the scale (1.00)."
        );
        let bottom = sentence(
            "outside_system",
            "meetings",
            OutcomeKind::Number,
            Verdict::Lower,
            40,
            Some(0.0),
        );
        assert!(bottom.ends_with("outside own health system already counts for nothing (0.00)."));
        assert!(
            sentence(
                "seniority",
                "m",
                OutcomeKind::Number,
                Verdict::Lower,
                40,
                Some(0.2)
            )
            .ends_with("the council could weigh seniority gap less.")
        );
    }

    #[test]
    fn every_criterion_has_its_own_words_and_no_verdict_gives_no_advice() {
        for c in CRITERIA {
            assert_ne!(high_score(c.key), high_score("unknown"), "{}", c.key);
            for v in [Verdict::NoEvidence, Verdict::TooFew, Verdict::NoVariation] {
                let s = sentence(c.key, "satisfaction", OutcomeKind::Number, v, 5, Some(0.5));
                assert!(!s.contains("could weigh"), "{s}");
                assert!(s.ends_with('.'), "{s}");
            }
        }
        assert!(
            sentence(
                "language",
                "x",
                OutcomeKind::Number,
                Verdict::TooFew,
                5,
                None
            )
            .starts_with("Only 5 pairs answered x, too few (at least 8)")
        );
    }

    #[test]
    fn contrasts_read_as_sentences() {
        use crate::analysis::evidence::Side;
        let c = Contrast {
            threshold: 35.23,
            inclusive: true,
            low: Side { n: 13, mean: 4.153 },
            high: Side {
                n: 12,
                mean: 3.1666,
            },
        };
        assert_eq!(
            contrast_words("km", OutcomeKind::Number, &c),
            "Pairs at most 35 km apart: 4.15 on average (n = 13); the others: 3.17 (n = 12)."
        );
        let yes_no = Contrast {
            threshold: 1.0,
            inclusive: false,
            low: Side { n: 4, mean: 0.75 },
            high: Side { n: 21, mean: 0.5 },
        };
        assert_eq!(
            contrast_words("outside_system", OutcomeKind::YesNo, &yes_no),
            "Pairs outside the mentee's own system: 50 % yes (n = 21); the others: 75 % yes \
             (n = 4)."
        );
        let share = Contrast {
            threshold: 0.5,
            ..c
        };
        assert!(
            contrast_words("goals_covered", OutcomeKind::Number, &share)
                .starts_with("Pairs covering at most 50 % of the mentee's goals: 4.15")
        );
    }
}
