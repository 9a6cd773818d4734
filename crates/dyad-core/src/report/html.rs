//! The decision record as one self-contained HTML page: inline CSS and SVG, no script, no
//! font or image fetched (a Content-Security-Policy forbids any), large high-contrast type for
//! a projector, and print CSS that starts each section on a new page of A4 or Letter and fits
//! every table to the page's width.
//!
//! Every text goes through maud's escaping; only the SVG that the `chart` module drew
//! (whose own text plotters escapes) is inserted as it is.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::report::chart;
use crate::report::record::{Block, Chart, Record, Table};

const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px; line-height: 1.5; color: #111; background: #fff; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.6rem; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 3px solid #0072B2; }
h3 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
.meta { margin: 0; color: #333; }
.lead { font-size: 1.25rem; font-weight: 600; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: .9em;
  background: #f0f0f0; padding: 0 .2em; }
.scroll { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; caption-side: top; }
th, td { border: 1px solid #888; padding: .3rem .6rem; vertical-align: top; text-align: left; }
thead th { background: #e8eef4; }
tbody th { font-weight: 600; background: #fafafa; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.digest { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8em; word-break: break-all; }
figure { margin: 1.25rem 0; }
figure svg { display: block; width: 100%; max-width: 960px; height: auto; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
figcaption span { display: block; font-weight: 400; color: #333; }
table.data { font-size: .85em; }
footer { margin-top: 3rem; color: #333; font-size: .9rem; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h1 { font-size: 20pt; }
  h2 { font-size: 15pt; }
  section { break-before: page; }
  table, figure, tr { break-inside: avoid; }
  h2, h3, caption, figcaption { break-after: avoid; }
  .scroll { overflow: visible; }
  figure svg { max-width: 100%; }
  /* Every table fits the width of an A4 or Letter page: smaller type, tighter cells, and long
     words and figures wrap rather than run past the edge. */
  table, table.data { width: 100%; font-size: 8pt; }
  th, td { padding: .1rem .25rem; overflow-wrap: anywhere; }
  td.num, th.num { white-space: normal; }
}
@media screen and (min-width: 1600px) { body { font-size: 24px; max-width: 88rem; } }
"#;

/// Text with `code` spans for what is between backticks.
fn inline(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

fn table(t: &Table, class: Option<&str>) -> Markup {
    let digest = |i: usize| t.head.get(i).is_some_and(|h| h == "SHA-256");
    html! {
        div.scroll {
            table class=[class] {
                @if !t.caption.is_empty() { caption { (t.caption) } }
                thead { tr {
                    @for (i, h) in t.head.iter().enumerate() {
                        th scope="col" class=[t.numeric.get(i).copied().unwrap_or(false).then_some("num")] { (h) }
                    }
                } }
                tbody {
                    @for row in &t.rows {
                        tr {
                            @for (i, c) in row.iter().enumerate() {
                                @if i == 0 {
                                    th scope="row" { (c) }
                                } @else if digest(i) {
                                    td.digest { (c) }
                                } @else {
                                    td class=[t.numeric.get(i).copied().unwrap_or(false).then_some("num")] { (c) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn figure(c: &Chart, id: &str) -> Markup {
    let svg = chart::svg(c, id);
    html! {
        figure aria-labelledby={ (id) "-cap" } {
            figcaption id={ (id) "-cap" } { (c.title) span { (c.desc) } }
            @match svg {
                Ok(svg) => (PreEscaped(svg)),
                Err(e) => p { (e) },
            }
            (table(&c.data, Some("data")))
        }
    }
}

/// The record as a complete HTML document.
pub fn render(record: &Record) -> String {
    let mut charts = 0;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Nothing is fetched: no script, font, image or style from anywhere.
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                title { (record.title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (record.title) }
                    @for line in &record.meta { p.meta { (inline(line)) } }
                }
                main {
                    @for s in &record.sections {
                        section id=(s.id) aria-labelledby={ (s.id) "-h" } {
                            h2 id={ (s.id) "-h" } { (s.heading) }
                            @for b in &s.blocks {
                                @match b {
                                    Block::Para(p) => p { (inline(p)) },
                                    Block::Lead(p) => p.lead { (inline(p)) },
                                    Block::Subheading(h) => h3 { (h) },
                                    Block::List(items) => ul { @for i in items { li { (inline(i)) } } },
                                    Block::Table(t) => (table(t, None)),
                                    Block::Chart(c) => {
                                        ({ charts += 1; figure(c, &format!("chart-{charts}")) })
                                    },
                                }
                            }
                        }
                    }
                }
                footer { p { "Made by dyad " (env!("CARGO_PKG_VERSION")) ". Only pseudonymous ids appear in this record." } }
            }
        }
    };
    page.into_string()
}
