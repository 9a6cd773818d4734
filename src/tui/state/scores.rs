//! The Scores panel: which of its views is shown, the histogram of pair scores, the identity
//! groups (`g`) or the weight-free measures (`v`).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scores {
    /// The histogram of all pairs' scores and the summary figures.
    #[default]
    All,
    /// Per identity group.
    Groups,
    /// The weight-free measures.
    Measures,
}

impl Scores {
    /// `g`: the groups, or back to the scores from them.
    pub fn toggle_groups(self) -> Scores {
        match self {
            Scores::Groups => Scores::All,
            Scores::All | Scores::Measures => Scores::Groups,
        }
    }

    /// `v`: the measures, or back to the scores from them.
    pub fn toggle_measures(self) -> Scores {
        match self {
            Scores::Measures => Scores::All,
            Scores::All | Scores::Groups => Scores::Measures,
        }
    }
}
