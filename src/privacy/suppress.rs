//! Small-cell suppression: the figures of an identity group with fewer than k eligible mentees
//! are not shown (the count reads `<k`), so a screen shown in a meeting or a report passed
//! around cannot single a person out. k comes from the profile-independent settings
//! ([`crate::profile::settings::Settings::small_cell_k`]).

use std::collections::BTreeMap;

use crate::analysis::summary::GroupSummary;

/// Whether a group is too small to show.
pub fn is_small(group: &GroupSummary, k: usize) -> bool {
    group.eligible < k
}

/// Every group's figures as they may be shown: `None` for a group too small to show.
pub fn suppress(
    groups: &BTreeMap<String, GroupSummary>,
    k: usize,
) -> BTreeMap<String, Option<GroupSummary>> {
    groups
        .iter()
        .map(|(name, g)| (name.clone(), (!is_small(g, k)).then_some(*g)))
        .collect()
}

/// What a suppressed figure reads: `<5` for k = 5.
pub fn small_label(k: usize) -> String {
    format!("<{k}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(eligible: usize) -> GroupSummary {
        GroupSummary {
            eligible,
            matched: eligible,
            mean: 50.0,
            min: 40.0,
        }
    }

    #[test]
    fn groups_under_k_are_hidden_the_rest_shown_as_they_are() {
        let groups: BTreeMap<String, GroupSummary> = [("img", 4), ("woman", 5), ("none", 0)]
            .into_iter()
            .map(|(n, e)| (n.to_string(), group(e)))
            .collect();
        let shown = suppress(&groups, 5);
        assert_eq!(shown["img"], None);
        assert_eq!(shown["none"], None);
        assert_eq!(shown["woman"], Some(group(5)));
        assert_eq!(suppress(&groups, 1)["img"], Some(group(4)));
        assert_eq!(small_label(5), "<5");
    }
}
