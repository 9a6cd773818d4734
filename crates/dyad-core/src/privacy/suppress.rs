//! Small-cell suppression: the figures of an identity group with fewer than k eligible mentees
//! are not shown (the count reads `<k`), so a screen shown in a meeting or a report passed
//! around cannot single a person out. k comes from the profile-independent settings
//! ([`crate::profile::settings::Settings::small_cells`]) and is always explicit: a group's
//! figures are handed out only through [`SmallCells`], as [`Shown`] or suppressed.

use std::collections::BTreeMap;

/// A group whose figures may be suppressed: what it knows is how many eligible mentees it has.
pub trait GroupSize {
    /// The group's eligible mentees, the count the threshold k applies to.
    fn eligible(&self) -> usize;
}

/// The rule of small-cell suppression: groups with fewer than `k` eligible mentees are hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmallCells {
    pub(super) k: usize,
    /// The coordinator's full detail: every figure exact (see [`SmallCells::full_detail`]).
    pub(super) full: bool,
}

/// A group's figures as they may be shown: the figures, or only that the group has fewer than
/// `k` eligible mentees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown<T> {
    /// The group is large enough: its figures.
    Shown(T),
    /// The group has fewer than `k` eligible mentees: nothing of it is shown but that.
    Suppressed {
        /// The smallest group shown.
        k: usize,
    },
}

impl SmallCells {
    /// Suppression of groups under `k` eligible mentees (k = 1 shows every group).
    pub fn new(k: usize) -> SmallCells {
        SmallCells {
            k: k.max(1),
            full: false,
        }
    }

    /// The coordinator's full detail, never for a shared screen: every group and every figure
    /// shown exactly, the worst pair included ([`super::room`]).
    pub fn full_detail() -> SmallCells {
        SmallCells { k: 1, full: true }
    }

    /// Whether this is the coordinator's full detail.
    pub fn is_full_detail(&self) -> bool {
        self.full
    }

    /// The smallest group, in eligible mentees, whose figures are shown.
    pub fn k(&self) -> usize {
        self.k
    }

    /// A group's figures, or the fact that it is too small to show.
    pub fn group<'a, G: GroupSize>(&self, g: &'a G) -> Shown<&'a G> {
        self.figure(g.eligible(), g)
    }

    /// Any figure of a group of `eligible` mentees.
    pub fn figure<T>(&self, eligible: usize, value: T) -> Shown<T> {
        if eligible < self.k && !self.full {
            Shown::Suppressed { k: self.k }
        } else {
            Shown::Shown(value)
        }
    }

    /// Every group's figures as they may be shown.
    pub fn groups<'a, G: GroupSize>(
        &self,
        groups: &'a BTreeMap<String, G>,
    ) -> BTreeMap<&'a str, Shown<&'a G>> {
        groups
            .iter()
            .map(|(name, g)| (name.as_str(), self.group(g)))
            .collect()
    }

    /// What a suppressed figure reads: `<5` for k = 5.
    pub fn label(&self) -> String {
        format!("<{}", self.k)
    }
}

impl<T> Shown<T> {
    /// The figures, when they may be shown.
    pub fn shown(self) -> Option<T> {
        match self {
            Shown::Shown(v) => Some(v),
            Shown::Suppressed { .. } => None,
        }
    }

    /// Whether the figures are withheld.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Shown::Suppressed { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group's figures: its size and one figure.
    #[derive(Debug, PartialEq)]
    struct Figures {
        eligible: usize,
        mean: f64,
    }

    impl GroupSize for Figures {
        fn eligible(&self) -> usize {
            self.eligible
        }
    }

    fn group(eligible: usize) -> Figures {
        Figures {
            eligible,
            mean: 50.0,
        }
    }

    #[test]
    fn groups_under_k_are_hidden_the_rest_shown_as_they_are() {
        let groups: BTreeMap<String, Figures> = [("img", 4), ("woman", 5), ("none", 0)]
            .into_iter()
            .map(|(n, e)| (n.to_string(), group(e)))
            .collect();
        let cells = SmallCells::new(5);
        let shown = cells.groups(&groups);
        assert_eq!(shown["img"], Shown::Suppressed { k: 5 });
        assert_eq!(shown["none"], Shown::Suppressed { k: 5 });
        assert_eq!(shown["woman"], Shown::Shown(&group(5)));
        assert!(!SmallCells::new(1).group(&groups["img"]).is_suppressed());
        assert_eq!(cells.label(), "<5");
        assert_eq!(SmallCells::new(0).k(), 1);
    }
}
