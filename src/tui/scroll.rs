//! One scroll state for every scrolled list and text (the matches table, the weights panel, the
//! help, the council view): the first line shown, the selected line, and the viewport's height
//! and content length as last drawn. The view reports what it drew ([`Drawn`]); the event loop
//! hands that back to `update`, which only moves and clamps. A leaf: it knows no other module.

/// A scrolled list or text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The first line (or item) shown.
    pub offset: usize,
    /// The selected line, for lists that have one.
    pub selected: usize,
    /// Lines the viewport showed when last drawn.
    pub height: usize,
    /// Lines of content.
    pub len: usize,
}

impl Scroll {
    /// Lines a page moves: the viewport's height, at least one.
    pub fn page(&self) -> usize {
        self.height.max(1)
    }

    /// The largest offset: the last page shows the last line.
    pub fn end(&self) -> usize {
        self.len.saturating_sub(self.page())
    }

    /// Scrolls text by `by` lines (negative: up), within its length.
    pub fn scroll_by(&mut self, by: isize) {
        let to = self.offset.saturating_add_signed(by);
        self.offset = if by < 0 && to > self.offset {
            0
        } else {
            to.min(self.end())
        };
    }

    /// Keeps the selected line on screen, and no empty lines below the last one.
    pub fn fit(&mut self) {
        let h = self.page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(self.end());
    }

    /// Takes in what was drawn.
    pub fn drawn(&mut self, v: Viewport) {
        self.height = v.height;
        self.len = v.len;
    }
}

/// What the view drew of a scrolled area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    pub height: usize,
    pub len: usize,
}

/// The viewports of one frame, handed back to `update` (each `None` when not on screen).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    pub weights: Option<Viewport>,
    pub matches: Option<Viewport>,
    pub help: Option<Viewport>,
    pub council: Option<Viewport>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(len: usize, height: usize) -> Scroll {
        Scroll {
            len,
            height,
            ..Scroll::default()
        }
    }

    #[test]
    fn text_scrolls_between_the_top_and_its_last_page() {
        let mut s = text(30, 10);
        s.scroll_by(-3);
        assert_eq!(s.offset, 0);
        s.scroll_by(15);
        assert_eq!(s.offset, 15);
        s.scroll_by(15);
        assert_eq!(s.offset, 20);
        s.scroll_by(-1);
        assert_eq!(s.offset, 19);
        // Shorter than the viewport: nowhere to scroll.
        let mut s = text(5, 10);
        s.scroll_by(1);
        assert_eq!(s.offset, 0);
    }

    #[test]
    fn fitting_keeps_the_selection_on_screen() {
        let mut s = text(100, 10);
        s.selected = 25;
        s.fit();
        assert_eq!(s.offset, 16);
        s.selected = 3;
        s.fit();
        assert_eq!(s.offset, 3);
        // After the list shrank, no empty lines below its end.
        s.len = 8;
        s.selected = 7;
        s.fit();
        assert_eq!(s.offset, 0);
    }
}
