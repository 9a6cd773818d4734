//! Coverage floors per identity group: with `[constraints] coverage_floor = f`, every identity
//! group with at least k eligible mentees (the small-cell k of the settings) gets at least
//! ⌈f × its eligible mentees⌉ of them matched. Smaller groups are not constrained: none of their
//! figures is ever shown, so no one could see whether their floor holds.
//!
//! Groups overlap (a mentee may be in several), so the floors are side constraints on the
//! assignment: "at least `b_g` of the assigned pairs have a mentee of group g". The objective
//! stays the matching's: most mentees matched, then the largest total. The number matched is
//! not lowered by the floors when they can be met at all: the sets of mentees that can be
//! matched together are the independent sets of a matroid (a transversal matroid, mentors'
//! seats as its ground), so a set meeting the floors extends to one of the largest size
//! without dropping anyone from it.
//!
//! [`FloorGroup`]s say what each group needs; [`proof`] explains why a floor cannot be met.

pub mod proof;
pub mod search;
mod transversal;

use crate::pool::Pool;

/// A matching under a coverage floor: each constrained group's need and count, and whether the
/// total is proven the best the floor allows.
#[derive(Debug, Clone, PartialEq)]
pub struct FloorStatus {
    /// The share asked for.
    pub floor: f64,
    /// Each constrained group: its need and its count in this matching.
    pub groups: Vec<GroupCount>,
    /// The search closed its gap: no matching meeting the floor has a larger total.
    pub proven_optimal: bool,
    /// The largest total (0–100 points per pair) any matching meeting the floor could have;
    /// equal to the total when proven optimal.
    pub bound: f64,
}

/// One constrained group in a matching under a floor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCount {
    /// The identity, as the pool spells it.
    pub name: String,
    /// Its eligible mentees, pinned ones included.
    pub eligible: usize,
    /// How many of them must be matched: ⌈floor × eligible⌉.
    pub need: usize,
    /// How many of them this matching pairs.
    pub matched: usize,
}

impl FloorStatus {
    /// The status of a matching (`mentor_of`, by mentee) under `floor`, counting each group.
    pub fn of(
        floor: f64,
        groups: &[FloorGroup],
        mentor_of: &[Option<usize>],
        proven_optimal: bool,
        bound: f64,
    ) -> FloorStatus {
        let groups = groups
            .iter()
            .map(|g| GroupCount {
                name: g.name.clone(),
                eligible: g.eligible,
                need: g.need,
                matched: g.matched_in(mentor_of),
            })
            .collect();
        FloorStatus {
            floor,
            groups,
            proven_optimal,
            bound,
        }
    }

    /// How far below the best possible a matching of `total` may be: `None` when it is proven
    /// optimal under the floor.
    pub fn gap(&self, total: f64) -> Option<f64> {
        (!self.proven_optimal).then(|| (self.bound - total).max(0.0))
    }

    /// The proof in words, for a matching of `total`: "proven optimal under the floor", or how
    /// far from the optimum it may be when the search stopped before closing its gap.
    pub fn proof_words(&self, total: f64) -> String {
        match self.gap(total) {
            None => "proven optimal under the floor".into(),
            Some(gap) => format!(
                "not proven optimal: the search stopped with the best matching it found, at most {gap:.1} points of total score below the best possible ({:.1})",
                self.bound
            ),
        }
    }
}

/// One identity group under a coverage floor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorGroup {
    /// The identity, as the pool spells it.
    pub name: String,
    /// Its eligible mentees, pinned ones included.
    pub eligible: usize,
    /// How many of them must be matched: ⌈floor × eligible⌉.
    pub need: usize,
    /// How many of them are matched by a pin already.
    pub pinned: usize,
    /// The optimizer's rows of the group: its eligible mentees without a pin, in id order.
    pub rows: Vec<usize>,
    /// All its eligible mentees, pinned ones included, in id order.
    pub members: Vec<usize>,
}

impl FloorGroup {
    /// How many of the optimizer's rows of the group must be matched, once the pins count.
    pub fn need_free(&self) -> usize {
        self.need.saturating_sub(self.pinned)
    }

    /// How many of its eligible mentees a matching (each mentee's mentor) matches, pins
    /// included.
    pub fn matched_in(&self, mentor_of: &[Option<usize>]) -> usize {
        self.members
            .iter()
            .filter(|&&i| mentor_of[i].is_some())
            .count()
    }
}

/// ⌈floor × eligible⌉, with the product's rounding error forgiven (0.3 × 10 is 3, not 4).
pub fn need(floor: f64, eligible: usize) -> usize {
    let x = floor * eligible as f64;
    let n = (x - 1e-9 * x.abs().max(1.0)).ceil();
    (n.max(0.0) as usize).min(eligible)
}

/// The groups a floor constrains on a pool: each identity with at least `k` eligible mentees, in
/// the pool's order of identities. `eligible[i]` says who is eligible, `pins` are the pinned
/// pairs (mentee, mentor).
pub fn floor_groups(
    pool: &Pool,
    eligible: &[bool],
    pins: &[(usize, usize)],
    floor: f64,
    k: usize,
) -> Vec<FloorGroup> {
    let mut pinned = vec![false; pool.mentees.len()];
    for &(i, _) in pins {
        pinned[i] = true;
    }
    let mut out = Vec::new();
    for name in pool.identity_groups() {
        let members: Vec<usize> = (0..pool.mentees.len())
            .filter(|&i| eligible[i] && pool.mentees[i].identities.contains(&name))
            .collect();
        if members.len() < k.max(1) {
            continue;
        }
        let rows: Vec<usize> = members.iter().copied().filter(|&i| !pinned[i]).collect();
        out.push(FloorGroup {
            need: need(floor, members.len()),
            eligible: members.len(),
            pinned: members.len() - rows.len(),
            rows,
            members,
            name,
        });
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_proof_in_words_says_how_far_an_unproven_matching_may_be() {
        let status = |proven_optimal, bound| FloorStatus {
            floor: 0.5,
            groups: Vec::new(),
            proven_optimal,
            bound,
        };
        assert_eq!(status(true, 120.0).gap(120.0), None);
        assert_eq!(
            status(true, 120.0).proof_words(120.0),
            "proven optimal under the floor"
        );
        assert_eq!(status(false, 121.5).gap(120.0), Some(1.5));
        let words = status(false, 121.5).proof_words(120.0);
        assert!(words.starts_with("not proven optimal"), "{words}");
        assert!(words.contains("at most 1.5 points"), "{words}");
        assert!(words.contains("(121.5)"), "{words}");
    }
    use super::*;

    #[test]
    fn need_rounds_up_but_forgives_rounding_error() {
        assert_eq!(need(0.3, 10), 3);
        assert_eq!(need(0.31, 10), 4);
        assert_eq!(need(0.9, 21), 19);
        assert_eq!(need(1.0, 7), 7);
        assert_eq!(need(0.0, 7), 0);
        assert_eq!(need(0.01, 7), 1);
    }
}
