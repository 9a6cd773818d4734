//! The record's charts as inline SVG, drawn with plotters' SVG backend. Text is set in the
//! generic `sans-serif` family (no font files are read: plotters is built without its font
//! features and estimates text widths), colours are the Okabe–Ito palette, which readers with
//! any common colour-vision deficiency tell apart, and every chart carries a `<title>` and a
//! `<desc>` for screen readers (its numbers are in the table printed below it).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::record::{Bar, Chart, ChartKind, Series};

/// Okabe–Ito blue: the decision ("now").
const NOW: RGBColor = RGBColor(0, 114, 178);
/// Okabe–Ito orange: the baseline; lighter than the blue, so the two differ in grey too.
const BASELINE: RGBColor = RGBColor(230, 159, 0);
/// Okabe–Ito vermillion: ranges drawn across bars.
const RANGE: RGBColor = RGBColor(213, 94, 0);
const INK: RGBColor = RGBColor(17, 17, 17);

const FONT: &str = "sans-serif";
const WIDTH: u32 = 960;

/// The chart as an `<svg>` element, or a message saying why it could not be drawn.
pub fn svg(chart: &Chart, id: &str) -> Result<String, String> {
    let mut buf = String::new();
    match &chart.kind {
        ChartKind::Bars(bars) => draw_bars(&mut buf, bars)?,
        ChartKind::Histogram { edges, series } => draw_histogram(&mut buf, edges, series)?,
    }
    Ok(accessible(&buf, id, &chart.title, &chart.desc))
}

fn err(e: impl std::fmt::Display) -> String {
    format!("cannot draw the chart: {e}")
}

/// Labels the SVG for assistive technology: `role="img"`, a `<title>` and a `<desc>`.
fn accessible(svg: &str, id: &str, title: &str, desc: &str) -> String {
    let Some(open) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(end) = svg[open..].find('>').map(|e| open + e) else {
        return svg.to_string();
    };
    let labels = maud::html! {
        title id={ (id) "-title" } { (title) }
        desc id={ (id) "-desc" } { (desc) }
    }
    .into_string();
    format!(
        "{}<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\"{}>{labels}{}",
        &svg[..open],
        &svg[open + 4..end],
        &svg[end + 1..]
    )
}

fn draw_bars(buf: &mut String, bars: &[Bar]) -> Result<(), String> {
    let n = bars.len() as i32;
    let height = 70 + 50 * bars.len() as u32;
    let root = SVGBackend::with_string(buf, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(130)
        .x_label_area_size(40)
        .y_label_area_size(320)
        .build_cartesian_2d(0f64..1f64, (0..n).into_segmented())
        .map_err(err)?;
    // Index 0 is drawn at the bottom: the first bar goes to the top.
    let at = |k: usize| n - 1 - k as i32;
    let label = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) if (0..n).contains(i) => bars[(n - 1 - i) as usize].label.clone(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len())
        .y_label_formatter(&label)
        .x_labels(11)
        .x_label_formatter(&|x| format!("{x:.1}"))
        .label_style((FONT, 24).into_font().color(&INK))
        .axis_style(INK)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()
        .map_err(err)?;
    // The bars are drawn one by one, top to bottom, as plotters' `Histogram` would draw them but
    // in a fixed order: `Histogram` gathers its bars in a hash map, so the page's bytes changed
    // from one run to the next.
    let rows = chart.as_coord_spec().y_spec().clone();
    let rects: Vec<_> = bars
        .iter()
        .enumerate()
        .filter_map(|(k, b)| {
            let i = rows.index_of(&SegmentValue::Exact(at(k)))?;
            let (y, next) = (rows.from_index(i)?, rows.from_index(i + 1)?);
            let mut rect = Rectangle::new([(b.value, y), (0.0, next)], NOW.filled());
            rect.set_margin(10, 10, 0, 0);
            Some(rect)
        })
        .collect();
    chart.draw_series(rects).map_err(err)?;
    for (k, b) in bars.iter().enumerate() {
        let y = SegmentValue::CenterOf(at(k));
        if let Some((lo, hi)) = b.range {
            let style = RANGE.stroke_width(4);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(lo, y.clone()), (hi, y.clone())],
                    style,
                )))
                .map_err(err)?;
            // End ticks, so that a range of one point still shows.
            for end in [lo, hi] {
                chart
                    .draw_series(std::iter::once(Circle::new(
                        (end, y.clone()),
                        5,
                        RANGE.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        let text_x = b.range.map_or(b.value, |(_, hi)| hi.max(b.value));
        chart
            .draw_series(std::iter::once(Text::new(
                b.text.clone(),
                (text_x + 0.015, y),
                (FONT, 22)
                    .into_font()
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .map_err(err)?;
    }
    root.present().map_err(err)
}

fn draw_histogram(buf: &mut String, edges: &[f64], series: &[Series]) -> Result<(), String> {
    let (Some(&x0), Some(&x1)) = (edges.first(), edges.last()) else {
        return Err(err("no bins"));
    };
    let top = series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0) as u32
        + 1;
    let root = SVGBackend::with_string(buf, (WIDTH, 420)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(56)
        .y_label_area_size(64)
        .build_cartesian_2d(x0..x1, 0u32..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(edges.len())
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_labels((top as usize + 1).min(11))
        .y_label_formatter(&|y| format!("{y}"))
        .x_desc("pair score (0-100)")
        .y_desc("pairs")
        .label_style((FONT, 24).into_font().color(&INK))
        .axis_desc_style((FONT, 24).into_font().color(&INK))
        .axis_style(INK)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(210, 210, 210))
        .draw()
        .map_err(err)?;
    let ns = series.len().max(1) as f64;
    let colours = [NOW, BASELINE];
    for (s_i, s) in series.iter().enumerate() {
        let colour = colours[s_i % colours.len()];
        let rects = s.counts.iter().enumerate().map(move |(b, &count)| {
            let (lo, hi) = (edges[b], edges[b + 1]);
            let gap = 0.08 * (hi - lo);
            let w = (hi - lo - 2.0 * gap) / ns;
            let left = lo + gap + w * s_i as f64;
            Rectangle::new([(left, 0), (left + w, count as u32)], colour.filled())
        });
        chart
            .draw_series(rects)
            .map_err(err)?
            .label(s.name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 8), (x + 16, y + 8)], colour.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 24).into_font().color(&INK))
        .background_style(WHITE.mix(0.9))
        .border_style(INK)
        .draw()
        .map_err(err)?;
    root.present().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::record::Table;

    fn chart(kind: ChartKind) -> Chart {
        Chart {
            title: "A <title> & more".into(),
            desc: "What it shows".into(),
            kind,
            data: Table::text("", vec![]),
        }
    }

    #[test]
    fn charts_are_labelled_svg_with_escaped_text() {
        let bars = ChartKind::Bars(vec![
            Bar {
                label: "Geographic proximity".into(),
                value: 0.9,
                text: "0.90 (17%)".into(),
                range: Some((0.8, 0.95)),
            },
            Bar {
                label: "Goals <&>".into(),
                value: 0.0,
                text: "0.00".into(),
                range: None,
            },
        ]);
        let s = svg(&chart(bars), "w").unwrap();
        assert!(s.starts_with("<svg role=\"img\" aria-labelledby=\"w-title w-desc\""));
        assert!(s.contains("<title id=\"w-title\">A &lt;title&gt; &amp; more</title>"));
        assert!(s.contains("<desc id=\"w-desc\">What it shows</desc>"));
        assert!(s.contains("Geographic proximity") && s.contains("Goals &lt;&amp;&gt;"));
        assert!(!s.contains("Goals <&>"));
        assert!(s.contains("sans-serif") && s.trim_end().ends_with("</svg>"));
        let hist = ChartKind::Histogram {
            edges: vec![0.0, 50.0, 100.0],
            series: vec![
                Series {
                    name: "now".into(),
                    counts: vec![1, 3],
                },
                Series {
                    name: "baseline".into(),
                    counts: vec![2, 2],
                },
            ],
        };
        let s = svg(&chart(hist), "h").unwrap();
        // Four bars, two per series, in both colours.
        assert!(s.contains("#0072B2") && s.contains("#E69F00"), "{s}");
        // The legend names both series (plotters writes each text on a line of its own).
        for name in ["now", "baseline"] {
            assert!(s.lines().any(|l| l.trim() == name), "{name}");
        }
    }
}
