//! Weight-free measures and idle mentors in JSON and as text tables (`match`, `compare`).

use serde_json::{Value, json};

use dyad::analysis::measure_rows::{ROWS, Unit};
use dyad::analysis::measures::{IdleMentor, Measures};
use dyad::pool::Pool;

use dyad::privacy::{Matched, RowShown, SmallCells};

use super::report::table;

/// Withholds the figures of each group whose row the room rule does not show in full
/// (`shown(name)` is the group's row as `dyad::privacy::room` shows it): a group's measures are
/// figures over its pairs, like its mean score (rule 2), and include its exact matched count, so
/// they are shown only beside an exact count (rule 3).
pub fn room_measures(m: &mut Measures, shown: impl Fn(&str) -> Option<RowShown>) {
    for (name, g) in &mut m.groups {
        let full = shown(name)
            .is_some_and(|s| s.scores() && matches!(s.counts, Some((_, Matched::Exact(_)))));
        if !full {
            g.suppressed = true;
            g.figures = None;
        }
    }
}

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

/// A figure as read: a share as a percentage, km with one decimal, `-` for none.
fn shown(unit: Unit, x: Option<f64>) -> String {
    unit.show(x).unwrap_or_else(|| "-".into())
}

/// B − A worked out from the two figures as shown ([`Unit::delta`]), so that "30% 23% -7 pts"
/// adds up.
fn shown_delta(unit: Unit, a: Option<f64>, b: Option<f64>) -> String {
    let d = unit.delta(a, b);
    if d.is_nan() {
        return String::new();
    }
    let digits = unit.digits();
    match unit {
        Unit::Share => format!("{d:+.digits$} pts"),
        Unit::Count | Unit::Km => format!("{d:+.digits$}"),
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
    for r in ROWS {
        let mut row = vec![r.label.to_string(), r.key.to_string()];
        if let Some(a) = a {
            row.push(shown(r.unit, (r.get)(a)));
        }
        row.push(shown(r.unit, (r.get)(b)));
        if let Some(a) = a {
            row.push(shown_delta(r.unit, (r.get)(a), (r.get)(b)));
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
            "  Per-group measures are in the JSON output (groups whose figures would rest on fewer than {} people withheld: {suppressed}).\n",
            cells.k()
        ));
    }
    text
}
