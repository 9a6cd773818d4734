//! A table of figures now, in the baseline and the change, fitted to a panel's width: the
//! figure columns as wide as their widest cell, the label column taking the rest (cut with `…`
//! when it must). Used by the groups and the measures views of the Scores panel.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use dyad::analysis::measure_rows::Better;
use dyad::present::signed;

use crate::tui::text::cut;
use crate::tui::theme::THEME;

/// One cell of text in its style.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::new(),
        }
    }

    pub fn dim(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: THEME.dim,
        }
    }

    /// A change as shown with `digits` decimals (worked out from the figures as shown): green
    /// when it is good news, red when bad, plain when neither, `=` dim for none, blank when
    /// there is nothing to compare.
    pub fn change(d: f64, digits: usize, better: Better) -> Cell {
        if !d.is_finite() {
            return Cell::plain("");
        }
        let text = signed(d, digits);
        if text == "=" {
            return Cell::dim(text);
        }
        let style = match better {
            Better::Higher if d > 0.0 => THEME.better,
            Better::Lower if d < 0.0 => THEME.better,
            Better::Neither => Style::new(),
            _ => THEME.worse,
        };
        Cell { text, style }
    }
}

/// A row: a label and its figure cells, or (without cells) a line of text across the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: Cell,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn new(label: impl Into<String>, cells: Vec<Cell>) -> Row {
        Row {
            label: Cell::plain(label),
            cells,
        }
    }

    /// A line of text across the table (a heading or a note).
    pub fn text(cell: Cell) -> Row {
        Row {
            label: cell,
            cells: Vec::new(),
        }
    }
}

/// Each figure column's width: its widest cell.
fn widths(rows: &[Row]) -> Vec<usize> {
    let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.cells.get(c))
                .map(|cell| cell.text.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The columns the figures take, each with the space before it: the width less this is the
/// label's room.
pub fn figures_width(rows: &[Row]) -> usize {
    widths(rows).iter().map(|w| w + 1).sum()
}

/// The rows as lines of at most `width` columns. Each figure column is right-aligned, one space
/// from the column before; a row with fewer cells leaves the last columns blank.
pub fn lines(rows: &[Row], width: u16) -> Vec<Line<'static>> {
    let widths = widths(rows);
    let label_room = usize::from(width).saturating_sub(figures_width(rows));
    rows.iter()
        .map(|r| {
            if r.cells.is_empty() {
                return Line::from(Span::styled(
                    cut(&r.label.text, usize::from(width)),
                    r.label.style,
                ));
            }
            let mut spans = vec![Span::styled(
                format!("{:<label_room$}", cut(&r.label.text, label_room)),
                r.label.style,
            )];
            for (c, w) in widths.iter().enumerate() {
                let cell = r.cells.get(c).cloned().unwrap_or(Cell::plain(""));
                spans.push(Span::raw(" "));
                spans.push(Span::styled(format!("{:>w$}", cell.text), cell.style));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn columns_fit_their_widest_cell_and_the_label_takes_the_rest() {
        let rows = [
            Row::new("", vec![Cell::dim("now"), Cell::dim("baseline")]),
            Row::new("mean score", vec![Cell::plain("76.2"), Cell::plain("70.6")]),
            Row::text(Cell::plain("a note longer than the table is wide")),
            Row::new("one", vec![Cell::plain("1")]),
        ];
        let got = text(&lines(&rows, 22));
        assert_eq!(
            got,
            [
                "          now baseline",
                "mean sc… 76.2     70.6",
                "a note longer than th…",
                "one         1         ",
            ]
            .map(|s| s.to_string())
        );
        assert!(got.iter().all(|l| l.chars().count() == 22));
    }

    #[test]
    fn changes_are_coloured_by_what_is_good_news() {
        assert_eq!(Cell::change(1.5, 1, Better::Higher).style, THEME.better);
        assert_eq!(Cell::change(1.5, 1, Better::Lower).style, THEME.worse);
        assert_eq!(Cell::change(-2.0, 0, Better::Lower).text, "−2");
        assert_eq!(Cell::change(-2.0, 0, Better::Neither).style, Style::new());
        assert_eq!(Cell::change(0.01, 1, Better::Higher).text, "=");
        assert_eq!(Cell::change(f64::NAN, 1, Better::Higher).text, "");
    }
}
