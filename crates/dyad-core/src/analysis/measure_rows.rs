//! The weight-free measures as a reader meets them: in one order, each with its JSON key, a
//! label (and a short one for a narrow panel), its unit and which way is better. The command
//! line's table and the terminal UI's measures view both list the measures from here, and work
//! out a change from the figures as shown ([`Unit::delta`]), so "76% 86% +10" adds up.

use crate::analysis::measures::Measures;
use crate::present::{rounded, shown_delta};

/// What a measure counts, and so how it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A number of mentees or mentors.
    Count,
    /// Kilometres, with one decimal.
    Km,
    /// A share of pairs (or of requests), as a whole percentage; changes in percentage points.
    Share,
}

/// Which way of a change is good news, as far as the measure alone says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// A higher figure is better (goals covered).
    Higher,
    /// A lower figure is better (km apart).
    Lower,
    /// Neither by itself: whether more pairs outside the mentee's own system is better is what
    /// the profile's rules and weights say.
    Neither,
}

impl Unit {
    /// Decimals of the figure as shown.
    pub fn digits(self) -> usize {
        match self {
            Unit::Count | Unit::Share => 0,
            Unit::Km => 1,
        }
    }

    /// The figure in the unit it is shown in (a share as a percentage).
    fn scaled(self, x: f64) -> f64 {
        match self {
            Unit::Share => 100.0 * x,
            Unit::Count | Unit::Km => x,
        }
    }

    /// The figure as read: `12`, `28.5`, `86%`; `None` when there is none (a share of nothing).
    pub fn show(self, x: Option<f64>) -> Option<String> {
        let v = rounded(self.scaled(x?), self.digits());
        let d = self.digits();
        Some(match self {
            Unit::Share => format!("{v:.d$}%"),
            Unit::Count | Unit::Km => format!("{v:.d$}"),
        })
    }

    /// `b − a` worked out from the two figures as shown (a share's in percentage points); NaN
    /// when either is missing.
    pub fn delta(self, a: Option<f64>, b: Option<f64>) -> f64 {
        match (a, b) {
            (Some(a), Some(b)) => shown_delta(self.scaled(a), self.scaled(b), self.digits()),
            _ => f64::NAN,
        }
    }
}

/// One measure as a row of a table.
#[derive(Debug, Clone, Copy)]
pub struct MeasureRow {
    /// The JSON key (the design's table).
    pub key: &'static str,
    /// The name in a wide table.
    pub label: &'static str,
    /// At most 16 characters, for a narrow panel.
    pub short: &'static str,
    /// At most 8 characters, for two measures side by side in a small panel.
    pub tiny: &'static str,
    /// What the figure counts, which sets how it is printed.
    pub unit: Unit,
    /// Which way of a change is good news.
    pub better: Better,
    /// The figure from a matching's measures; `None` when it has none.
    pub get: fn(&Measures) -> Option<f64>,
}

/// Every weight-free measure, in the order they are shown.
pub const ROWS: [MeasureRow; 13] = [
    MeasureRow {
        key: "matched",
        label: "mentees matched",
        short: "mentees matched",
        tiny: "matched",
        unit: Unit::Count,
        better: Better::Higher,
        get: |m| Some(m.pool.matched as f64),
    },
    MeasureRow {
        key: "km_mean",
        label: "km apart, mean",
        short: "km apart, mean",
        tiny: "km mean",
        unit: Unit::Km,
        better: Better::Lower,
        get: |m| m.pool.km_mean,
    },
    MeasureRow {
        key: "km_median",
        label: "km apart, median",
        short: "km apart, median",
        tiny: "median",
        unit: Unit::Km,
        better: Better::Lower,
        get: |m| m.pool.km_median,
    },
    MeasureRow {
        key: "within_in_person_km",
        label: "within the in-person limit",
        short: "in-person range",
        tiny: "in range",
        unit: Unit::Share,
        better: Better::Higher,
        get: |m| m.pool.within_in_person_km,
    },
    MeasureRow {
        key: "goals_covered",
        label: "goals covered",
        short: "goals covered",
        tiny: "goals",
        unit: Unit::Share,
        better: Better::Higher,
        get: |m| m.pool.goals_covered,
    },
    MeasureRow {
        key: "challenges_covered",
        label: "challenges covered",
        short: "challenges cov.",
        tiny: "chall.",
        unit: Unit::Share,
        better: Better::Higher,
        get: |m| m.pool.challenges_covered,
    },
    MeasureRow {
        key: "identity_requests_met",
        label: "identity requests met",
        short: "shared id. met",
        tiny: "id. met",
        unit: Unit::Share,
        better: Better::Higher,
        get: |m| m.pool.identity_requests_met,
    },
    MeasureRow {
        key: "outside_system",
        label: "outside own system",
        short: "outside system",
        tiny: "outside",
        unit: Unit::Share,
        better: Better::Neither,
        get: |m| m.pool.outside_system,
    },
    MeasureRow {
        key: "same_specialty",
        label: "same specialty",
        short: "same specialty",
        tiny: "same sp.",
        unit: Unit::Share,
        better: Better::Neither,
        get: |m| m.pool.same_specialty,
    },
    MeasureRow {
        key: "same_family",
        label: "same specialty family",
        short: "same family",
        tiny: "same fam",
        unit: Unit::Share,
        better: Better::Neither,
        get: |m| m.pool.same_family,
    },
    MeasureRow {
        key: "hours_short",
        label: "mentor offers fewer hours",
        short: "too few hours",
        tiny: "few hrs",
        unit: Unit::Share,
        better: Better::Lower,
        get: |m| m.pool.hours_short,
    },
    MeasureRow {
        key: "mentors_idle",
        label: "mentors without a mentee",
        short: "mentors idle",
        tiny: "idle",
        unit: Unit::Count,
        better: Better::Lower,
        get: |m| Some(m.mentors_idle as f64),
    },
    MeasureRow {
        key: "mentors_full",
        label: "mentors at capacity",
        short: "mentors full",
        tiny: "full",
        unit: Unit::Count,
        better: Better::Neither,
        get: |m| Some(m.mentors_full as f64),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    #[test]
    fn every_measure_is_listed_once_under_its_json_key() {
        let s = crate::analysis::testing::sample_solved(&embedded::fall_profile());
        let families = crate::criteria::specialty::builtin();
        let ms = Measures::overall(&s.pool, families, &s.matching, &s.capacity, Some(60.0));
        let json = serde_json::to_value(&ms).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "groups")
            .collect();
        assert_eq!(keys.len(), ROWS.len());
        for row in ROWS {
            assert!(keys.contains(&row.key), "{} is no measure", row.key);
            assert!(row.short.chars().count() <= 16, "{}", row.short);
            assert!(row.tiny.chars().count() <= 8, "{}", row.tiny);
            // The row reads the figure its key names.
            let got = (row.get)(&ms);
            assert_eq!(got, json[row.key].as_f64(), "{}", row.key);
        }
    }

    #[test]
    fn figures_and_changes_read_in_the_units_people_use() {
        assert_eq!(Unit::Share.show(Some(0.7549)).as_deref(), Some("75%"));
        assert_eq!(Unit::Km.show(Some(28.46)).as_deref(), Some("28.5"));
        assert_eq!(Unit::Count.show(Some(6.0)).as_deref(), Some("6"));
        assert_eq!(Unit::Share.show(None), None);
        // 75.49% and 86.51% show as 75% and 87%: the change shown is 12 points, not 11.
        assert_eq!(Unit::Share.delta(Some(0.7549), Some(0.8651)), 12.0);
        assert_eq!(Unit::Km.delta(Some(38.24), Some(28.46)), -9.7);
        assert!(Unit::Count.delta(None, Some(3.0)).is_nan());
    }
}
