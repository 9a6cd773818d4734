//! Every colour and text style of the terminal UI, chosen in one place: each role (selected,
//! changed, warning, muted …) is one field of [`Theme`], and a view asks [`THEME`] for it.
//!
//! Two themes: [`DARK`] (the default, in the terminal's own colours) and [`LIGHT`], for a
//! projector or a light terminal, in fixed colours of the 256-colour palette (none of the
//! terminal's 16 named ones, which each terminal shows its own way) that read at 4.5:1 or more
//! against its white background. One is chosen at start ([`choose`]); with `NO_COLOR` set,
//! either keeps only its text attributes.
//!
//! Whatever colour marks, a glyph or a text attribute marks too, so the screen still reads on a
//! monochrome projector.

use std::ops::Deref;
use std::sync::OnceLock;

use dyad::profile::settings::ThemeName;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// What every cell no other role colours gets: the light theme's white page and black
    /// text; nothing in the dark theme (the terminal's own).
    pub base: Style,
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
    /// Text explaining something, of lower importance (muted).
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

/// The default theme: the terminal's own background and its named colours.
pub const DARK: Theme = Theme {
    base: Style::new(),
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

/// The light theme's colours, as indices of the xterm 256-colour palette (16–255 are the same
/// on every terminal that has them, unlike the 16 named colours). The contrast of each against
/// white is in the comment; the theme's test computes it.
mod light {
    use ratatui::style::Color;

    /// #000000, 21:1.
    pub const BLACK: Color = Color::Indexed(16);
    /// #ffffff.
    pub const WHITE: Color = Color::Indexed(231);
    /// #005f87, a dark teal blue, 7.0:1.
    pub const BLUE: Color = Color::Indexed(24);
    /// #008700, 4.7:1.
    pub const GREEN: Color = Color::Indexed(28);
    /// #af0000, 7.4:1.
    pub const RED: Color = Color::Indexed(124);
    /// #af5f00, a dark orange for what yellow marks on a dark screen, 4.7:1.
    pub const ORANGE: Color = Color::Indexed(130);
    /// #870087, 8.8:1.
    pub const PURPLE: Color = Color::Indexed(90);
    /// #4e4e4e, 8.3:1.
    pub const GREY_DARK: Color = Color::Indexed(239);
    /// #6c6c6c, 5.3:1.
    pub const GREY: Color = Color::Indexed(242);
    /// #767676, 4.5:1 (the lightest grey that still reads).
    pub const GREY_LIGHT: Color = Color::Indexed(243);
    /// #ffd75f, a background for black text (15:1).
    pub const YELLOW_BG: Color = Color::Indexed(221);
    /// #ffffaf, text on the blue title bar (6.8:1 against it).
    pub const YELLOW_ON_BLUE: Color = Color::Indexed(229);
    /// #e4e4e4, a background for black text (16:1).
    pub const GREY_BG: Color = Color::Indexed(254);
}

/// For a projector or a light terminal: black on white whatever the terminal's own colours,
/// and dark fixed colours that read on white.
pub const LIGHT: Theme = Theme {
    base: Style::new().fg(light::BLACK).bg(light::WHITE),
    title: Style::new()
        .fg(light::WHITE)
        .bg(light::BLUE)
        .add_modifier(Modifier::BOLD),
    title_modified: Style::new()
        .fg(light::YELLOW_ON_BLUE)
        .bg(light::BLUE)
        .add_modifier(Modifier::BOLD),
    border: Style::new().fg(light::GREY),
    border_focused: Style::new().fg(light::BLUE),
    panel_title: Style::new().add_modifier(Modifier::BOLD),
    heading: Style::new().fg(light::BLUE).add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    dim: Style::new().fg(light::GREY),
    bar_filled: Style::new().fg(light::BLUE),
    bar_empty: Style::new().fg(light::GREY_LIGHT),
    stable: Style::new().fg(light::GREEN),
    stable_text: Style::new().fg(light::GREEN),
    current: Style::new().fg(light::BLUE),
    baseline: Style::new().fg(light::GREY),
    tornado_low: Style::new().fg(light::PURPLE),
    tornado_high: Style::new().fg(light::BLUE),
    changed: Style::new().fg(light::ORANGE).add_modifier(Modifier::BOLD),
    unmatched: Style::new().fg(light::RED),
    pinned: Style::new().fg(light::GREEN).add_modifier(Modifier::BOLD),
    banned: Style::new().fg(light::RED).add_modifier(Modifier::BOLD),
    better: Style::new().fg(light::GREEN),
    worse: Style::new().fg(light::RED),
    match_char: Style::new()
        .fg(light::ORANGE)
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    key: Style::new().fg(light::BLUE).add_modifier(Modifier::BOLD),
    status: Style::new().fg(light::GREY_DARK),
    warning: Style::new().fg(light::BLACK).bg(light::YELLOW_BG),
    error: Style::new().fg(light::WHITE).bg(light::RED),
    input: Style::new().fg(light::BLACK).bg(light::GREY_BG),
};

impl Theme {
    /// Every role, named, for the tests that go through them all.
    #[cfg(test)]
    pub fn roles(&self) -> [(&'static str, Style); 29] {
        [
            ("base", self.base),
            ("title", self.title),
            ("title_modified", self.title_modified),
            ("border", self.border),
            ("border_focused", self.border_focused),
            ("panel_title", self.panel_title),
            ("heading", self.heading),
            ("selected", self.selected),
            ("dim", self.dim),
            ("bar_filled", self.bar_filled),
            ("bar_empty", self.bar_empty),
            ("stable", self.stable),
            ("stable_text", self.stable_text),
            ("current", self.current),
            ("baseline", self.baseline),
            ("tornado_low", self.tornado_low),
            ("tornado_high", self.tornado_high),
            ("changed", self.changed),
            ("unmatched", self.unmatched),
            ("pinned", self.pinned),
            ("banned", self.banned),
            ("better", self.better),
            ("worse", self.worse),
            ("match_char", self.match_char),
            ("key", self.key),
            ("status", self.status),
            ("warning", self.warning),
            ("error", self.error),
            ("input", self.input),
        ]
    }

    /// The theme with its colours taken out, for `NO_COLOR`: the text attributes stay, and a
    /// role that set a background (the title, warnings, errors, the field being edited) is
    /// shown reversed instead, so it still stands out.
    pub fn without_colour(self) -> Theme {
        let plain = |s: Style| {
            let mut out = Style::new()
                .add_modifier(s.add_modifier)
                .remove_modifier(s.sub_modifier);
            if s.bg.is_some() {
                out = out.add_modifier(Modifier::REVERSED);
            }
            out
        };
        Theme {
            base: plain(self.base).remove_modifier(Modifier::REVERSED),
            title: plain(self.title),
            title_modified: plain(self.title_modified),
            border: plain(self.border),
            border_focused: plain(self.border_focused),
            panel_title: plain(self.panel_title),
            heading: plain(self.heading),
            selected: plain(self.selected),
            dim: plain(self.dim),
            bar_filled: plain(self.bar_filled),
            bar_empty: plain(self.bar_empty),
            stable: plain(self.stable),
            stable_text: plain(self.stable_text),
            current: plain(self.current),
            baseline: plain(self.baseline),
            tornado_low: plain(self.tornado_low),
            tornado_high: plain(self.tornado_high),
            changed: plain(self.changed),
            unmatched: plain(self.unmatched),
            pinned: plain(self.pinned),
            banned: plain(self.banned),
            better: plain(self.better),
            worse: plain(self.worse),
            match_char: plain(self.match_char),
            key: plain(self.key),
            status: plain(self.status),
            warning: plain(self.warning),
            error: plain(self.error),
            input: plain(self.input),
        }
    }

    /// Gives every cell that no role coloured the base colours (after the whole screen is
    /// drawn, so popups that clear their area get them too). Nothing to do in the dark theme.
    pub fn fill_unset(&self, buffer: &mut Buffer) {
        let (Some(fg), Some(bg)) = (self.base.fg, self.base.bg) else {
            return;
        };
        for cell in &mut buffer.content {
            if cell.fg == Color::Reset {
                cell.fg = fg;
            }
            if cell.bg == Color::Reset {
                cell.bg = bg;
            }
        }
    }
}

/// The theme of this run: [`DARK`] until [`choose`] picks one (once, at start).
static CHOSEN: OnceLock<Theme> = OnceLock::new();

/// Chooses the theme for the rest of the run; `no_colour` (see [`no_colour_asked`]) takes its
/// colours out. Only the first call counts: the screen never changes theme midway.
pub fn choose(name: ThemeName, no_colour: bool) {
    let theme = match name {
        ThemeName::Dark => DARK,
        ThemeName::Light => LIGHT,
    };
    let _ = CHOSEN.set(if no_colour {
        theme.without_colour()
    } else {
        theme
    });
}

/// Whether the environment asks for no colour: `NO_COLOR` set and not empty (no-color.org).
pub fn no_colour_asked() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The theme chosen at start, under the one name every view uses: `THEME.selected`.
pub struct Chosen;

pub static THEME: Chosen = Chosen;

impl Deref for Chosen {
    type Target = Theme;

    fn deref(&self) -> &Theme {
        #[cfg(test)]
        if let Some(theme) = testing::OVERRIDE.with(|o| o.get()) {
            return theme;
        }
        CHOSEN.get().unwrap_or(&DARK)
    }
}

/// Tests draw with another theme on their own thread, leaving the others' alone.
#[cfg(test)]
pub mod testing {
    use std::cell::Cell;

    use super::Theme;

    thread_local! {
        pub(super) static OVERRIDE: Cell<Option<&'static Theme>> = const { Cell::new(None) };
    }

    /// Draws with `theme` on this thread until the returned guard is dropped.
    pub fn using(theme: &'static Theme) -> Guard {
        OVERRIDE.with(|o| o.set(Some(theme)));
        Guard
    }

    pub struct Guard;

    impl Drop for Guard {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(None));
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    /// The sRGB colour of a 256-colour palette index from 16 up, as xterm defines it: a
    /// 6 × 6 × 6 cube, then 24 greys.
    fn rgb(c: Color) -> (u8, u8, u8) {
        match c {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(i @ 232..=255) => {
                let v = 8 + 10 * (i - 232);
                (v, v, v)
            }
            Color::Indexed(i @ 16..=231) => {
                let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
                let i = i - 16;
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            }
            other => panic!("{other:?} is not a fixed colour"),
        }
    }

    /// WCAG 2 relative luminance.
    fn luminance(c: Color) -> f64 {
        let channel = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = rgb(c);
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2 contrast ratio, from 1 (none) to 21 (black on white).
    fn contrast(a: Color, b: Color) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    fn fixed(c: Color) -> bool {
        matches!(c, Color::Rgb(..) | Color::Indexed(16..))
    }

    #[test]
    fn the_contrast_formula_gives_the_known_ratios() {
        assert!((contrast(Color::Indexed(16), Color::Indexed(231)) - 21.0).abs() < 1e-9);
        assert!((contrast(Color::Indexed(231), Color::Indexed(231)) - 1.0).abs() < 1e-9);
        // #767676 on white: the well-known 4.54:1.
        let grey = contrast(Color::Rgb(0x76, 0x76, 0x76), Color::Indexed(231));
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
        assert_eq!(rgb(Color::Indexed(24)), (0x00, 0x5f, 0x87));
        assert_eq!(rgb(Color::Indexed(221)), (0xff, 0xd7, 0x5f));
        assert_eq!(rgb(Color::Indexed(243)), (0x76, 0x76, 0x76));
    }

    #[test]
    fn every_light_text_colour_reads_at_4_5_to_1_on_its_background() {
        let (page_fg, page_bg) = (LIGHT.base.fg.unwrap(), LIGHT.base.bg.unwrap());
        assert_eq!(
            rgb(page_bg),
            (255, 255, 255),
            "the light theme's page is white"
        );
        for (name, style) in LIGHT.roles() {
            let mut fg = style.fg.unwrap_or(page_fg);
            let mut bg = style.bg.unwrap_or(page_bg);
            let reversed = style.add_modifier.contains(Modifier::REVERSED);
            if reversed {
                (fg, bg) = (bg, fg);
            }
            assert!(fixed(fg) && fixed(bg), "{name}: {fg:?} on {bg:?}");
            let ratio = contrast(fg, bg);
            assert!(ratio >= 4.5, "{name}: {fg:?} on {bg:?} is {ratio:.2}:1");
            if style.bg.is_none() && !reversed {
                let on_white = contrast(fg, Color::Indexed(231));
                assert!(
                    on_white >= 4.5,
                    "{name}: {fg:?} on white is {on_white:.2}:1"
                );
            }
        }
    }

    #[test]
    fn no_colour_keeps_the_attributes_and_marks_backgrounds_by_reversing() {
        for theme in [DARK, LIGHT] {
            let plain = theme.without_colour();
            for ((name, before), (_, after)) in theme.roles().into_iter().zip(plain.roles()) {
                assert_eq!((after.fg, after.bg), (None, None), "{name}");
                assert!(after.add_modifier.contains(before.add_modifier), "{name}");
                let reversed = after.add_modifier.contains(Modifier::REVERSED);
                let expected = before.add_modifier.contains(Modifier::REVERSED)
                    || (before.bg.is_some() && name != "base");
                assert_eq!(reversed, expected, "{name}");
            }
        }
    }
}
