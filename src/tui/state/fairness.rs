//! The fairness view (`F`): the price of fairness under the current settings, one point per
//! coverage floor from none up to the first that cannot be met, and the point selected. The
//! curve is worked out off the UI thread for the settings it is asked for; it is asked for again
//! whenever the view is open and those settings are no longer the current ones.

use std::sync::Arc;

use dyad::analysis::fairness::Point;
use dyad::pool::Overrides;
use dyad::profile::Profile;

use crate::tui::action::FairnessAnswer as Answer;
use crate::tui::state::Document;

/// What a curve depends on: the profile, without what the curve ignores (its own floor, as the
/// curve tries every floor, and its name, description and time of saving), and the pins and
/// bans the matchings keep.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub profile: Profile,
    pub overrides: Overrides,
}

impl Settings {
    /// The settings of the document as they are now.
    pub fn of(d: &Document) -> Settings {
        let mut profile = d.current.clone();
        profile.constraints.coverage_floor = None;
        profile.name.clear();
        profile.description.clear();
        profile.saved = None;
        Settings {
            profile,
            overrides: d.overrides.clone(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FairnessView {
    /// The newest request.
    pub asked: u64,
    /// The settings of the newest request.
    pub settings: Option<Settings>,
    /// The answer to the newest request, once it came.
    pub answer: Option<Answer>,
    /// The point selected, an index into the curve.
    pub selected: usize,
}

impl FairnessView {
    /// Whether the curve asked for last (shown or still being worked out) is not of `now`.
    pub fn stale(&self, now: &Settings) -> bool {
        self.settings.as_ref() != Some(now)
    }

    /// A new request for `settings`: what was shown is dropped until its answer comes. Returns
    /// its id.
    pub fn ask(&mut self, settings: Settings) -> u64 {
        self.asked += 1;
        self.settings = Some(settings);
        self.answer = None;
        self.selected = 0;
        self.asked
    }

    /// Keeps the answer to the newest request (selecting the point of `floor`, the profile's);
    /// drops older ones.
    pub fn accept(&mut self, a: Answer, floor: Option<f64>) {
        if a.id == self.asked {
            self.answer = Some(a);
            self.select(floor);
        }
    }

    /// Selects the point whose matching the profile's `floor` gives: the highest point at or
    /// below it (the curve shows each matching once, at the lowest floor that gives it), "off"
    /// without a floor.
    pub fn select(&mut self, floor: Option<f64>) {
        let Some(c) = self.curve() else {
            return;
        };
        self.selected = floor.map_or(0, |f| {
            c.iter()
                .rposition(|p| p.floor.is_some_and(|at| at <= f + 1e-9))
                .unwrap_or(0)
        });
    }

    /// What to show: the answer to the newest request; `None` while it is being worked out.
    pub fn shown(&self) -> Option<&Result<Arc<Vec<Point>>, String>> {
        self.answer.as_ref().map(|a| &a.found)
    }

    /// The curve, when that is what is shown.
    pub fn curve(&self) -> Option<&[Point]> {
        match self.shown() {
            Some(Ok(c)) => Some(c),
            _ => None,
        }
    }

    /// The point selected, when there is a curve.
    pub fn point(&self) -> Option<&Point> {
        let c = self.curve()?;
        c.get(self.selected.min(c.len().saturating_sub(1)))
    }

    /// Moves the selection along the curve by `by` points, stopping at its ends.
    pub fn step(&mut self, by: isize) {
        let n = self.curve().map_or(0, <[Point]>::len);
        if n == 0 {
            return;
        }
        let at = self.selected.min(n - 1) as isize;
        self.selected = at.saturating_add(by).clamp(0, n as isize - 1) as usize;
    }
}
