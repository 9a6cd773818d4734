//! What changes between two matchings of the same pool.

use crate::analysis::summary::Summary;
use crate::matching::{Matching, Reason};

/// A mentee whose mentor differs between A and B.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Changed {
    pub mentee: usize,
    pub old_mentor: usize,
    pub new_mentor: usize,
    pub old_score: f64,
    pub new_score: f64,
}

/// A mentee matched in B but not in A.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewlyMatched {
    pub mentee: usize,
    pub mentor: usize,
    pub score: f64,
    /// Why the mentee had no mentor in A.
    pub was: Reason,
}

/// A mentee matched in A but not in B.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewlyUnmatched {
    pub mentee: usize,
    pub old_mentor: usize,
    pub old_score: f64,
    /// Why the mentee has no mentor in B.
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub a: Summary,
    pub b: Summary,
    pub changed: Vec<Changed>,
    pub newly_matched: Vec<NewlyMatched>,
    pub newly_unmatched: Vec<NewlyUnmatched>,
}

impl Comparison {
    /// Compares matching A (with its summary) to matching B on the same pool.
    pub fn of(a: &Matching, sa: &Summary, b: &Matching, sb: &Summary) -> Comparison {
        let mut changed = Vec::new();
        let mut newly_matched = Vec::new();
        let mut newly_unmatched = Vec::new();
        for mentee in 0..a.mentor_of.len().min(b.mentor_of.len()) {
            match (a.pair_of(mentee), b.pair_of(mentee)) {
                (Some(pa), Some(pb)) if pa.mentor != pb.mentor => changed.push(Changed {
                    mentee,
                    old_mentor: pa.mentor,
                    new_mentor: pb.mentor,
                    old_score: pa.score,
                    new_score: pb.score,
                }),
                (None, Some(pb)) => newly_matched.push(NewlyMatched {
                    mentee,
                    mentor: pb.mentor,
                    score: pb.score,
                    was: a.reason_of(mentee).unwrap_or(Reason::Capacity),
                }),
                (Some(pa), None) => newly_unmatched.push(NewlyUnmatched {
                    mentee,
                    old_mentor: pa.mentor,
                    old_score: pa.score,
                    reason: b.reason_of(mentee).unwrap_or(Reason::Capacity),
                }),
                _ => {}
            }
        }
        Comparison {
            a: sa.clone(),
            b: sb.clone(),
            changed,
            newly_matched,
            newly_unmatched,
        }
    }

    /// Mentees whose situation differs at all: changed mentor, newly matched or unmatched.
    pub fn differing(&self) -> usize {
        self.changed.len() + self.newly_matched.len() + self.newly_unmatched.len()
    }
}
