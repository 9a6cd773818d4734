//! The themes on a drawn screen: the light one paints every cell in its own colours, the dark
//! one leaves the terminal's background alone.

use ratatui::style::Color;

use crate::tui::testkit::Harness;
use crate::tui::theme::{DARK, LIGHT, testing};

/// A colour of the 256-colour palette past the 16 named ones, or RGB.
fn fixed(c: Color) -> bool {
    matches!(c, Color::Rgb(..) | Color::Indexed(16..))
}

#[test]
fn the_light_screen_is_drawn_in_the_light_colours_only() {
    let _light = testing::using(&LIGHT);
    let buffer = Harness::new().analysing().buffer(120, 40);
    let light: Vec<Color> = LIGHT
        .roles()
        .iter()
        .flat_map(|(_, s)| [s.fg, s.bg])
        .flatten()
        .collect();
    let mut seen = std::collections::HashSet::new();
    for cell in &buffer.content {
        for c in [cell.fg, cell.bg] {
            assert!(light.contains(&c), "{c:?} at {:?}", cell.symbol());
            seen.insert(format!("{c:?}"));
        }
    }
    // The page, the title bar, the headings and the muted text all show.
    for c in [
        LIGHT.base.bg,
        LIGHT.title.bg,
        LIGHT.heading.fg,
        LIGHT.dim.fg,
    ] {
        assert!(
            seen.contains(&format!("{:?}", c.unwrap())),
            "{c:?} never drawn"
        );
    }
}

#[test]
fn the_dark_screen_keeps_the_terminal_background() {
    let _dark = testing::using(&DARK);
    let buffer = Harness::new().analysing().buffer(120, 40);
    assert!(buffer.content.iter().any(|c| c.bg == Color::Reset));
    assert!(buffer.content.iter().all(|c| !fixed(c.fg) && !fixed(c.bg)));
}
