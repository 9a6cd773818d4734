//! Where each row of the weights panel is drawn: one slider per criterion, then the rules, each
//! on one line (two when the panel is tall enough: the label above a full-width bar). The view
//! draws with these, and the mouse handling hits with them, so a click lands where the bar is.

use ratatui::layout::Rect;

use dyad::criteria::N;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Heading(&'static str),
    Setting(usize),
}

pub const MARKER: u16 = 2;
pub const VALUE: u16 = 5;
pub const MIN_BAR: u16 = 9;
pub const LONGEST_WEIGHT_LABEL: u16 = 25;
/// Right of a two-line slider's bar: " 0.83–0.92", its stable range.
pub const RANGE: u16 = 10;

/// How many rules are listed below the criterion weights (the state's `RULES` is an array of
/// this length, so the two cannot differ).
pub const RULE_ROWS: usize = 11;

pub const WEIGHTS: &str = "Criterion weights (0 = ignore)";
pub const RANGE_HEADING: &str = "stable range";

pub fn items() -> Vec<Item> {
    let mut v = vec![Item::Heading(WEIGHTS)];
    v.extend((0..N).map(Item::Setting));
    v.push(Item::Heading("Rules"));
    v.extend((N..N + RULE_ROWS).map(Item::Setting));
    v
}

/// Whether sliders get two lines (label, then bar) in a panel of this inner height.
pub fn double(height: u16) -> bool {
    usize::from(height) >= items().len() + N
}

pub fn height_of(item: Item, double: bool) -> u16 {
    match item {
        Item::Setting(i) if double && i < N => 2,
        _ => 1,
    }
}

pub fn item_index(setting: usize) -> usize {
    if setting < N {
        setting + 1
    } else {
        setting + 2
    }
}

/// The first item to show so that the selected setting is visible, starting from `offset`.
pub fn scroll(height: u16, setting: usize, offset: usize) -> usize {
    let items = items();
    let double = double(height);
    let target = item_index(setting);
    let mut off = offset.min(target);
    if off == target && off > 0 && matches!(items[off - 1], Item::Heading(_)) {
        off -= 1;
    }
    let used = |from: usize| -> u16 {
        items[from..=target]
            .iter()
            .map(|&it| height_of(it, double))
            .sum()
    };
    while off < target && used(off) > height {
        off += 1;
    }
    // No empty lines at the bottom while items above are hidden (after the panel grew).
    let rest = |from: usize| -> u16 { items[from..].iter().map(|&it| height_of(it, double)).sum() };
    while off > 0 && rest(off - 1) <= height {
        off -= 1;
    }
    off
}

/// The visible items and where each is drawn.
pub fn geometry(inner: Rect, offset: usize) -> Vec<(Item, Rect)> {
    let double = double(inner.height);
    let mut y = inner.y;
    let mut out = Vec::new();
    for item in items().into_iter().skip(offset) {
        let h = height_of(item, double);
        if y + h > inner.bottom() {
            break;
        }
        out.push((item, Rect::new(inner.x, y, inner.width, h)));
        y += h;
    }
    out
}

/// Where the bar of a weight drawn in `r` is.
pub fn bar_area(r: Rect) -> Rect {
    if r.height >= 2 {
        Rect::new(
            r.x + MARKER,
            r.y + 1,
            r.width.saturating_sub(MARKER + RANGE),
            1,
        )
    } else {
        let label = label_width(r.width);
        let x = r.x + MARKER + label + 1;
        Rect::new(x, r.y, r.right().saturating_sub(x + VALUE), 1)
    }
}

pub fn label_width(width: u16) -> u16 {
    LONGEST_WEIGHT_LABEL.min(width.saturating_sub(MARKER + 1 + VALUE + MIN_BAR))
}

/// The setting under a screen position, and for a weight's bar the fraction it points at.
pub fn hit(inner: Rect, offset: usize, col: u16, row: u16) -> Option<(usize, Option<f64>)> {
    let (item, r) = geometry(inner, offset)
        .into_iter()
        .find(|(_, r)| row >= r.y && row < r.bottom() && col >= r.x && col < r.right())?;
    let Item::Setting(i) = item else { return None };
    let bar = bar_area(r);
    let on_bar = i < N && row == bar.y && col >= bar.x && col < bar.right() && bar.width > 1;
    let fraction = on_bar.then(|| f64::from(col - bar.x) / f64::from(bar.width - 1));
    Some((i, fraction))
}
