//! Writing CSV that is safe to open in a spreadsheet: cells that a spreadsheet would run as a
//! formula (starting with `= + - @`, a tab or a carriage return) get a leading `'`, unless they
//! are plain numbers.

use std::borrow::Cow;

/// Neutralizes a cell a spreadsheet would read as a formula.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Builds CSV text in memory, row by row.
pub struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOut {
    /// An empty CSV text.
    pub fn new() -> Self {
        CsvOut {
            writer: csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new()),
        }
    }

    /// Adds a row; a cell that a spreadsheet would run as a formula is made safe first.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| safe_cell(c.as_ref()).into_owned())
            .collect();
        // Writing into a Vec<u8> cannot fail.
        let _ = self.writer.write_record(&cells);
    }

    /// The CSV text written.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_numbers_are_not() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("-0.5"), "-0.5");
        assert_eq!(safe_cell("ME-001"), "ME-001");
        let mut out = CsvOut::new();
        out.row(["a,b", "+1+1"]);
        assert_eq!(out.finish(), "\"a,b\",'+1+1\n");
    }
}
