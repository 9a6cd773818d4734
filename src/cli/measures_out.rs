//! Weight-free measures and idle mentors in JSON and as text tables (`match`, `compare`).

use serde_json::{Value, json};

use dyad::analysis::measures::{IdleMentor, Measures};
use dyad::pool::Pool;

use dyad::present;
use dyad::privacy::SmallCells;

use super::report::table;

pub fn measures_json(m: &Measures) -> Value {
    serde_json::to_value(m).unwrap_or(Value::Null)
}

pub fn idle_json(pool: &Pool, idle: &[IdleMentor]) -> Value {
    idle.iter()
        .map(|i| json!({"mentor": pool.mentors[i.mentor].id, "capacity": i.capacity}))
        .collect()
}

/// The mentors who get nobody, one line each.
pub fn idle_text(pool: &Pool, idle: &[IdleMentor]) -> String {
    if idle.is_empty() {
        return "\nEvery mentor has a mentee.\n".into();
    }
    let mut rows = vec![vec!["mentor".to_string(), "capacity".into()]];
    rows.extend(
        idle.iter()
            .map(|i| vec![pool.mentors[i.mentor].id.clone(), i.capacity.to_string()]),
    );
    format!(
        "\nMentors without a mentee ({})\n{}",
        idle.len(),
        table(&rows)
    )
}

/// One figure as read: a share as a percentage, km with one decimal, `-` for none.
enum Kind {
    Count,
    Km,
    Share,
}

/// A measure's row: JSON key, label, kind, and how to read it from the measures.
type Row = (
    &'static str,
    &'static str,
    Kind,
    fn(&Measures) -> Option<f64>,
);

fn rows() -> Vec<Row> {
    vec![
        ("matched", "mentees matched", Kind::Count, |m| {
            Some(m.pool.matched as f64)
        }),
        ("km_mean", "km apart, mean", Kind::Km, |m| m.pool.km_mean),
        ("km_median", "km apart, median", Kind::Km, |m| {
            m.pool.km_median
        }),
        (
            "within_in_person_km",
            "within the in-person limit",
            Kind::Share,
            |m| m.pool.within_in_person_km,
        ),
        ("goals_covered", "goals covered", Kind::Share, |m| {
            m.pool.goals_covered
        }),
        (
            "challenges_covered",
            "challenges covered",
            Kind::Share,
            |m| m.pool.challenges_covered,
        ),
        (
            "identity_requests_met",
            "identity requests met",
            Kind::Share,
            |m| m.pool.identity_requests_met,
        ),
        ("outside_system", "outside own system", Kind::Share, |m| {
            m.pool.outside_system
        }),
        ("same_specialty", "same specialty", Kind::Share, |m| {
            m.pool.same_specialty
        }),
        ("same_family", "same specialty family", Kind::Share, |m| {
            m.pool.same_family
        }),
        (
            "hours_short",
            "mentor offers fewer hours",
            Kind::Share,
            |m| m.pool.hours_short,
        ),
        (
            "mentors_idle",
            "mentors without a mentee",
            Kind::Count,
            |m| Some(m.mentors_idle as f64),
        ),
        ("mentors_full", "mentors at capacity", Kind::Count, |m| {
            Some(m.mentors_full as f64)
        }),
    ]
}

fn shown(kind: &Kind, x: Option<f64>) -> String {
    match (kind, x) {
        (_, None) => "-".into(),
        (Kind::Count, Some(v)) => format!("{v:.0}"),
        (Kind::Km, Some(v)) => format!("{v:.1}"),
        (Kind::Share, Some(v)) => format!("{:.0}%", 100.0 * v),
    }
}

/// B − A worked out from the two figures as shown ([`dyad::present::shown_delta`]), so that
/// "30% 23% -7 pts" adds up.
fn shown_delta(kind: &Kind, a: Option<f64>, b: Option<f64>) -> String {
    let (Some(a), Some(b)) = (a, b) else {
        return String::new();
    };
    match kind {
        Kind::Count => format!("{:+.0}", b - a),
        Kind::Km => format!("{:+.1}", present::shown_delta(a, b, 1)),
        Kind::Share => format!("{:+.0} pts", present::shown_delta(100.0 * a, 100.0 * b, 0)),
    }
}

/// The measures of B (and of A beside them with B − A, when given) as a text table; the
/// `key` column is the JSON key.
pub fn measures_text(b: &Measures, a: Option<&Measures>, cells: SmallCells) -> String {
    let mut out = vec![match a {
        Some(_) => vec![
            "measure".to_string(),
            "key".into(),
            "A".into(),
            "B".into(),
            "B - A".into(),
        ],
        None => vec!["measure".to_string(), "key".into(), "value".into()],
    }];
    for (key, label, kind, f) in rows() {
        let mut row = vec![label.to_string(), key.to_string()];
        if let Some(a) = a {
            row.push(shown(&kind, f(a)));
        }
        row.push(shown(&kind, f(b)));
        if let Some(a) = a {
            row.push(shown_delta(&kind, f(a), f(b)));
        }
        out.push(row);
    }
    let suppressed = b.groups.values().filter(|g| g.suppressed).count();
    let mut text = format!(
        "\nWeight-free measures (the same under any profile)\n{}",
        table(&out)
    );
    if suppressed > 0 {
        text.push_str(&format!(
            "  Per-group measures are in the JSON output (groups under {} eligible mentees suppressed: {suppressed}).\n",
            cells.k()
        ));
    }
    text
}
