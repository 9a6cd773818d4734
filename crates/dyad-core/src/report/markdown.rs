//! The decision record as Markdown, for people who want plain text (`dyad export --report`).

use crate::report::record::{Block, Record, Table};

/// Text for a Markdown table cell: no pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "/").replace(['\n', '\r'], " ")
}

fn table(out: &mut String, t: &Table) {
    if !t.caption.is_empty() {
        out.push_str(&format!("*{}*\n\n", t.caption));
    }
    let cells: Vec<String> = t.head.iter().map(|h| cell(h)).collect();
    out.push_str(&format!("| {} |\n", cells.join(" | ")));
    let rule: Vec<&str> = t
        .numeric
        .iter()
        .map(|&n| if n { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for r in &t.rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

/// The record as Markdown.
pub fn render(record: &Record) -> String {
    let mut out = format!("# {}\n\n", cell(&record.title));
    for line in &record.meta {
        out.push_str(&format!("{line}  \n"));
    }
    out.push('\n');
    for s in &record.sections {
        out.push_str(&format!("## {}\n\n", s.heading));
        for b in &s.blocks {
            match b {
                Block::Para(p) => out.push_str(&format!("{p}\n\n")),
                Block::Lead(p) => out.push_str(&format!("**{p}**\n\n")),
                Block::Subheading(h) => out.push_str(&format!("### {h}\n\n")),
                Block::List(items) => {
                    for i in items {
                        out.push_str(&format!("- {i}\n"));
                    }
                    out.push('\n');
                }
                Block::Table(t) => table(&mut out, t),
                Block::Chart(c) => {
                    out.push_str(&format!("**Chart: {}.** {}\n\n", c.title, c.desc));
                    table(&mut out, &c.data);
                }
            }
        }
    }
    out
}
