//! The decision record as content: sections of paragraphs, lists, tables and charts, built once
//! ([`crate::report::build`]) and rendered to HTML ([`crate::report::html`]) or Markdown
//! ([`crate::report::markdown`]). Renderers add no figures of their own, so the page and the
//! plain text always say the same.

/// The whole record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The page's title.
    pub title: String,
    /// Lines under the title: what was decided on which inputs, when, by which dyad.
    pub meta: Vec<String>,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
}

/// One part of the record; printed on a page of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A stable anchor (`decision`, `result`, …).
    pub id: &'static str,
    /// The section's title as printed.
    pub heading: String,
    /// What the section says, in order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of plain text.
    Para(String),
    /// A paragraph to stand out: the headline figure of a section.
    Lead(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A small heading inside a section.
    Subheading(String),
    /// A table of figures or text.
    Table(Table),
    /// A chart, with the table of what it draws.
    Chart(Chart),
}

/// A table whose first column names each row (`<th scope="row">` in HTML).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the table shows, printed above it.
    pub caption: String,
    /// The column headings.
    pub head: Vec<String>,
    /// The rows, each as many cells as `head`.
    pub rows: Vec<Vec<String>>,
    /// Columns of figures, right-aligned.
    pub numeric: Vec<bool>,
}

impl Table {
    /// A table whose columns after the first hold figures.
    pub fn figures(caption: impl Into<String>, head: Vec<String>) -> Table {
        let numeric = (0..head.len()).map(|i| i > 0).collect();
        Table {
            caption: caption.into(),
            head,
            rows: Vec::new(),
            numeric,
        }
    }

    /// A table of text columns.
    pub fn text(caption: impl Into<String>, head: Vec<String>) -> Table {
        let numeric = vec![false; head.len()];
        Table {
            caption: caption.into(),
            head,
            rows: Vec::new(),
            numeric,
        }
    }

    /// Adds a row at the bottom.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// A chart with its text equivalent: a title, a description and the table of what it draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The chart's title, printed above it.
    pub title: String,
    /// What the chart shows, in one or two sentences (its text alternative).
    pub desc: String,
    /// What it draws.
    pub kind: ChartKind,
    /// The numbers drawn, for screen readers, for print in black and white, and for Markdown.
    pub data: Table,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// One horizontal bar per item, 0 to 1, with an optional range drawn across it.
    Bars(Vec<Bar>),
    /// Counts per bin, one or more series side by side (the first is "now").
    Histogram {
        /// Bin edges: `edges.len() == counts.len() + 1` for every series.
        edges: Vec<f64>,
        /// The series of counts, one per profile compared.
        series: Vec<Series>,
    },
}

/// One bar of a [`ChartKind::Bars`] chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar is (a criterion, a group).
    pub label: String,
    /// Its length, 0 to 1.
    pub value: f64,
    /// What is written at the end of the bar.
    pub text: String,
    /// A range drawn across the bar (low, high).
    pub range: Option<(f64, f64)>,
}

/// One series of a histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series' name, shown in the legend ("now", "baseline").
    pub name: String,
    /// The count of each bin.
    pub counts: Vec<usize>,
}
