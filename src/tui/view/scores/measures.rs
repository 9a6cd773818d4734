//! The measures view of the Scores panel (`v`): the weight-free measures of the pairs now
//! beside the baseline's, with the change, in the units people use (km, percentages, counts).
//! In a short panel the measures go two to a line, now and change only.

use ratatui::text::{Line, Span};

use dyad::analysis::measure_rows::{MeasureRow, ROWS};
use dyad::analysis::measures::Measures;

use crate::tui::text::clip;
use crate::tui::view::scores::figures::{Cell, Row, figures_width, lines};

/// A measure's label: the long one where it fits, the in-person range with its limit in km.
fn label(r: &MeasureRow, limit: Option<f64>, room: usize) -> String {
    let (long, short) = match (r.key, limit) {
        ("within_in_person_km", Some(km)) => (
            format!("within the {km:.0} km in-person limit"),
            format!("within {km:.0} km"),
        ),
        _ => (r.label.to_string(), r.short.to_string()),
    };
    if long.chars().count() <= room {
        long
    } else {
        short
    }
}

fn now_and_change(r: &MeasureRow, now: &Measures, base: &Measures) -> (String, Cell) {
    let (a, b) = ((r.get)(base), (r.get)(now));
    let shown = r.unit.show(b).unwrap_or("—".into());
    (
        shown,
        Cell::change(r.unit.delta(a, b), r.unit.digits(), r.better),
    )
}

/// The lines of the view for a panel of `width` × `height`; `limit` is the yardstick's
/// in-person limit in km.
pub fn view(
    now: &Measures,
    base: &Measures,
    limit: Option<f64>,
    width: u16,
    height: u16,
) -> Vec<Line<'static>> {
    if usize::from(height) < ROWS.len() + 1 {
        return two_up(now, base, limit, width);
    }
    let cells = |r: &MeasureRow| {
        let (shown, change) = now_and_change(r, now, base);
        vec![
            Cell::plain(shown),
            Cell::plain(r.unit.show((r.get)(base)).unwrap_or("—".into())),
            change,
        ]
    };
    let mut rows = vec![Row::new(
        "",
        vec![Cell::dim("now"), Cell::dim("baseline"), Cell::dim("Δ")],
    )];
    rows.extend(ROWS.iter().map(|r| Row::new("", cells(r))));
    let room = usize::from(width).saturating_sub(figures_width(&rows));
    for (row, r) in rows[1..].iter_mut().zip(&ROWS) {
        row.label = Cell::plain(label(r, limit, room));
    }
    lines(&rows, width)
}

/// Two measures to a line: a short label, the figure now and its change.
fn two_up(now: &Measures, base: &Measures, limit: Option<f64>, width: u16) -> Vec<Line<'static>> {
    // Label 8, figure 4, change 4, with a space between: 18 columns, and 2 between the two.
    let label_w = (usize::from(width) / 2).saturating_sub(11).min(8);
    let items: Vec<Vec<Span<'static>>> = ROWS
        .iter()
        .map(|r| {
            let (shown, change) = now_and_change(r, now, base);
            let name = match (r.key, limit) {
                ("within_in_person_km", Some(km)) => format!("≤{km:.0} km"),
                _ => r.tiny.to_string(),
            };
            vec![
                Span::raw(clip(&name, label_w)),
                Span::raw(format!("{shown:>5}")),
                Span::styled(format!("{:>5}", change.text), change.style),
            ]
        })
        .collect();
    items
        .chunks(2)
        .map(|pair| Line::from(pair.join(&Span::raw("  "))))
        .collect()
}
