//! Why a coverage floor cannot be met. For one group the argument is a max-flow one: the most
//! of its mentees that can be matched at all (everyone else left out, every seat free for them)
//! is a maximum matching of its rows, and a floor above it cannot be met; Kőnig's theorem makes
//! that number exact (`Transversal::most_of` finds it). The reasons given with it are the two sides of Hall's condition: mentees
//! with no allowed mentor, and the seats of the mentors its mentees may have. When every group
//! alone can reach its floor but some together cannot (they share mentors), the exact search
//! proves it and names the smallest set of groups found to clash.

use crate::solver::Problem;

use super::FloorGroup;
use super::transversal::Transversal;

/// A floor that cannot be met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Infeasible {
    /// One group alone cannot reach its floor.
    Group(GroupShort),
    /// Each of these groups can reach its floor alone, but not all of them together.
    Together {
        /// The identities of the groups that clash.
        groups: Vec<String>,
    },
    /// The search reached its limits before it found a matching meeting the floors or proved
    /// there is none.
    Undecided {
        /// Search nodes explored before it stopped.
        nodes: usize,
    },
}

/// A group that cannot reach its floor, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupShort {
    /// The identity, as the pool spells it.
    pub name: String,
    /// Mentees that must be matched (pins included).
    pub need: usize,
    /// Of them, matched by a pin already.
    pub pinned: usize,
    /// The most of its mentees that can be matched at all (pins included).
    pub reachable: usize,
    /// Its eligible mentees without a pin and with no allowed mentor.
    pub without_mentor: usize,
    /// The seats (capacity left after pins) of all the mentors its mentees may have.
    pub seats: u64,
}

impl std::fmt::Display for Infeasible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Infeasible::Group(g) => {
                write!(
                    f,
                    "group \"{}\" needs {} matched but at most {} of its mentees can be",
                    g.name, g.need, g.reachable
                )?;
                // Whether any of the group has no allowed mentor is not said: beside the list of
                // unmatched mentees and their reasons (a shared screen shows both), "1 of them
                // has no allowed mentor" would name the one listed without one as the group's.
                let why = if g.seats < (g.need - g.pinned.min(g.need)) as u64 {
                    format!("the mentors they may have offer {} seats", g.seats)
                } else {
                    "the mentors they may have cannot take more of them".into()
                };
                write!(f, " ({why})")
            }
            Infeasible::Together { groups } => write!(
                f,
                "groups {} can each reach the floor, but not together: they compete for the same mentors",
                groups
                    .iter()
                    .map(|g| format!("\"{g}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Infeasible::Undecided { nodes } => write!(
                f,
                "the search stopped after {nodes} steps without finding a matching that meets it or proving there is none"
            ),
        }
    }
}

/// The first group (in order) that cannot reach its floor even alone, with the reasons.
pub fn group_short(p: &Problem, groups: &[FloorGroup]) -> Option<GroupShort> {
    let t = Transversal::new(p);
    groups.iter().find_map(|g| {
        let free = t.most_of(&g.rows);
        if free >= g.need_free() {
            return None;
        }
        let m = p.cols;
        let mut allowed_mentor = vec![false; m];
        let mut without_mentor = 0;
        for &i in &g.rows {
            let mut any = false;
            for (j, a) in allowed_mentor.iter_mut().enumerate() {
                if p.score_of(i, j).is_some() {
                    *a = true;
                    any = true;
                }
            }
            without_mentor += usize::from(!any);
        }
        let seats = (0..m)
            .filter(|&j| allowed_mentor[j])
            .map(|j| u64::from(p.capacity_of(j)))
            .sum();
        Some(GroupShort {
            name: g.name.clone(),
            need: g.need,
            pinned: g.pinned,
            reachable: g.pinned + free,
            without_mentor,
            seats,
        })
    })
}

/// The smallest set of groups (the first in order among the smallest; sets of up to `most`
/// groups, and all of them) whose floors a counting argument proves cannot be met together, if
/// one does. For a set `A` of groups, a mentee in `w` of them adds `w` to the sum of `A`'s
/// counts when matched, so no matching meets `A`'s floors when even the matching with the
/// largest such sum falls short of the sum of their needs. That matching is the solver's on
/// the mentees of `A` with score `w` on each of their allowed pairs: the sets of mentees that
/// can be matched together are a matroid's independent sets, and on positive weights a largest
/// one has a weight as large as any, so the solver's "most matched, then largest total" gives
/// the largest sum. (This is the Lagrangian bound with multiplier 1 on each floor of `A`.)
pub fn clash_by_counting(p: &Problem, groups: &[FloorGroup], most: usize) -> Option<Vec<usize>> {
    let n = groups.len();
    let mut sets: Vec<Vec<usize>> = if n <= most.min(16) {
        (1u32..(1 << n))
            .map(|mask| (0..n).filter(|&g| mask & (1 << g) != 0).collect())
            .filter(|s: &Vec<usize>| s.len() >= 2)
            .collect()
    } else {
        vec![(0..n).collect()]
    };
    sets.sort_by_key(Vec::len);
    let t = Transversal::new(p);
    let mut weight = vec![0usize; p.rows];
    sets.into_iter().find(|set| {
        weight.fill(0);
        for &g in set {
            for &i in &groups[g].rows {
                weight[i] += 1;
            }
        }
        let needed: usize = set.iter().map(|&g| groups[g].need_free()).sum();
        t.most_weight(&weight) < needed
    })
}
