//! Every colour and text style of the terminal UI, chosen in one place.
//!
//! Whatever colour marks, a glyph or a text attribute marks too, so the screen still reads on a
//! monochrome projector.

use ratatui::style::{Color, Modifier, Style};

pub struct Theme {
    /// The top line: app and profile names.
    pub title: Style,
    pub title_modified: Style,
    /// Panel borders and titles.
    pub border: Style,
    pub border_focused: Style,
    pub panel_title: Style,
    /// Section headings inside a panel ("Criterion weights", "Rules").
    pub heading: Style,
    /// The selected line of a list or table.
    pub selected: Style,
    /// Text explaining something, of lower importance.
    pub dim: Style,
    /// The filled and the empty part of a slider.
    pub bar_filled: Style,
    pub bar_empty: Style,
    /// The part of a slider over which the pairs stay the same, and its text.
    pub stable: Style,
    pub stable_text: Style,
    /// Histogram bars of the current profile and of the baseline.
    pub current: Style,
    pub baseline: Style,
    /// Tornado bars: the weight at 0 and at 1.
    pub tornado_low: Style,
    pub tornado_high: Style,
    /// Table rows whose mentor changed against the baseline.
    pub changed: Style,
    /// Unmatched mentees.
    pub unmatched: Style,
    /// Pinned and banned marks.
    pub pinned: Style,
    pub banned: Style,
    /// Positive and negative deltas.
    pub better: Style,
    pub worse: Style,
    /// Characters that match the search query.
    pub match_char: Style,
    /// Key names in hints and help.
    pub key: Style,
    pub status: Style,
    pub warning: Style,
    pub error: Style,
    /// The text field being edited.
    pub input: Style,
}

pub const THEME: Theme = Theme {
    title: Style::new()
        .fg(Color::White)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    title_modified: Style::new()
        .fg(Color::Yellow)
        .bg(Color::Blue)
        .add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focused: Style::new().fg(Color::Cyan),
    panel_title: Style::new().add_modifier(Modifier::BOLD),
    heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    dim: Style::new().fg(Color::DarkGray),
    bar_filled: Style::new().fg(Color::Cyan),
    bar_empty: Style::new().fg(Color::DarkGray),
    stable: Style::new().fg(Color::Green),
    stable_text: Style::new().fg(Color::Green),
    current: Style::new().fg(Color::Cyan),
    baseline: Style::new().fg(Color::Gray),
    tornado_low: Style::new().fg(Color::Magenta),
    tornado_high: Style::new().fg(Color::Cyan),
    changed: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    unmatched: Style::new().fg(Color::LightRed),
    pinned: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    banned: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD),
    better: Style::new().fg(Color::Green),
    worse: Style::new().fg(Color::LightRed),
    match_char: Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    status: Style::new().fg(Color::Gray),
    warning: Style::new().fg(Color::Black).bg(Color::Yellow),
    error: Style::new().fg(Color::White).bg(Color::Red),
    input: Style::new().fg(Color::White).bg(Color::DarkGray),
};
