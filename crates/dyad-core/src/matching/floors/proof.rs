//! Why a coverage floor cannot be met. For one group the argument is a max-flow one: the most
//! of its mentees that can be matched at all (everyone else left out, every seat free for them)
//! is a maximum matching of its rows, and a floor above it cannot be met; Kőnig's theorem makes
//! that number exact. The reasons given with it are the two sides of Hall's condition: mentees
//! with no allowed mentor, and the seats of the mentors its mentees may have. When every group
//! alone can reach its floor but some together cannot (they share mentors), the exact search
//! proves it and names the smallest set of groups found to clash.

use crate::solver::{Problem, Solver};

use super::FloorGroup;

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
                let mut why = Vec::new();
                if g.without_mentor > 0 {
                    why.push(format!(
                        "{} of them have no allowed mentor",
                        g.without_mentor
                    ));
                }
                if g.seats < (g.need - g.pinned.min(g.need)) as u64 {
                    why.push(format!("the mentors they may have offer {} seats", g.seats));
                } else if why.is_empty() {
                    why.push("the few mentors they may have are shared among them".into());
                }
                write!(f, " ({})", why.join("; "))
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

/// The most of `rows` that can be matched in `p` at once (a maximum matching of those rows),
/// and a reusable buffer for the sub-problem.
pub fn reachable(p: &Problem, rows: &[usize], solver: &mut Solver, buf: &mut Vec<f64>) -> usize {
    let m = p.cols;
    buf.clear();
    for &i in rows {
        buf.extend((0..m).map(|j| match p.score_of(i, j) {
            Some(_) => 0.0,
            None => f64::NEG_INFINITY,
        }));
    }
    solver
        .solve(&Problem::new(rows.len(), m, buf, p.capacity))
        .matched
}

/// The first group (in order) that cannot reach its floor even alone, with the reasons.
pub fn group_short(p: &Problem, groups: &[FloorGroup]) -> Option<GroupShort> {
    let (mut solver, mut buf) = (Solver::new(), Vec::new());
    groups.iter().find_map(|g| {
        let free = reachable(p, &g.rows, &mut solver, &mut buf);
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
