//! Auditing the anonymity of a pool: k-anonymity over the quasi-identifiers, the attributes an
//! outsider could know about a physician (where they practise, their specialty and employer, when
//! they trained, which groups they belong to).

use std::collections::HashMap;

use crate::pool::{Person, Pool};

pub mod disclosure;
pub mod room;
mod series;
mod suppress;

pub use disclosure::Disclosure;
pub use suppress::{GroupSize, Shown, SmallCells};

// The screening of cells and column names, and the restricted ZIP3s, live in the layers below
// (the pool's loader applies them); named here too, beside the audit.
pub use crate::identifiers::{
    CellKind, Identifier, column_identifier, is_month, refuse_column, refuse_in_row,
    value_identifier,
};
pub use crate::pool::{RESTRICTED_ZIP3, is_restricted, publishable};
pub use room::{Changed, Group, Matched, RowShown, Whole};
pub use series::{Step, changed};

/// The quasi-identifiers the audit groups records by.
pub const QUASI_IDENTIFIERS: [&str; 5] = [
    "zip3",
    "specialty",
    "health_system",
    "training_completed",
    "identities",
];

/// k-anonymity of one file's records.
#[derive(Debug, Clone, PartialEq)]
pub struct KAnonymity {
    /// Records audited (rows of the file).
    pub records: usize,
    /// Size of the smallest group of records sharing all quasi-identifiers.
    pub smallest_class: usize,
    /// Records in groups smaller than k.
    pub records_below_k: usize,
    /// Distinct combinations of quasi-identifiers (equivalence classes).
    pub classes: usize,
    /// The k audited against: every class should hold at least k records.
    pub k: usize,
}

impl KAnonymity {
    fn of<K: std::hash::Hash + Eq>(keys: Vec<K>, k: usize) -> KAnonymity {
        let records = keys.len();
        let mut classes: HashMap<K, usize> = HashMap::new();
        for key in keys {
            *classes.entry(key).or_default() += 1;
        }
        KAnonymity {
            records,
            smallest_class: classes.values().copied().min().unwrap_or(0),
            records_below_k: classes.values().filter(|&&n| n < k).sum(),
            classes: classes.len(),
            k,
        }
    }

    /// Worst-case probability of re-identifying a record: 1 / smallest class.
    pub fn max_risk(&self) -> f64 {
        if self.smallest_class == 0 {
            0.0
        } else {
            1.0 / self.smallest_class as f64
        }
    }

    /// Average probability of re-identifying a record: classes / records (the average
    /// prosecutor risk, as ARX reports it; `max_risk` is the highest).
    pub fn mean_risk(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.classes as f64 / self.records as f64
        }
    }

    /// Whether every record shares its quasi-identifiers with at least k − 1 others.
    pub fn passes(&self) -> bool {
        self.records_below_k == 0
    }
}

/// A participant's quasi-identifiers (identities joined, years as text).
fn quasi(p: &Person) -> [String; 5] {
    [
        p.zip3.clone(),
        p.specialty.clone(),
        p.health_system.clone(),
        p.training_completed.to_string(),
        p.identities.join(";"),
    ]
}

/// Every mentee's and every mentor's quasi-identifiers.
fn quasi_values(pool: &Pool) -> (Vec<[String; 5]>, Vec<[String; 5]>) {
    (
        pool.mentees.iter().map(|m| quasi(m)).collect(),
        pool.mentors.iter().map(|m| quasi(m)).collect(),
    )
}

/// k-anonymity over the quasi-identifiers whose positions `keep` lists.
fn audit(values: &[[String; 5]], keep: &[usize], k: usize) -> KAnonymity {
    let keys: Vec<Vec<&str>> = values
        .iter()
        .map(|v| keep.iter().map(|&i| v[i].as_str()).collect())
        .collect();
    KAnonymity::of(keys, k)
}

/// k-anonymity of the mentees and of the mentors over all five quasi-identifiers. Records are
/// grouped by the values themselves (not by a joined string), so no value can merge two classes.
pub fn k_anonymity(pool: &Pool, k: usize) -> (KAnonymity, KAnonymity) {
    let (mentees, mentors) = quasi_values(pool);
    let all: Vec<usize> = (0..QUASI_IDENTIFIERS.len()).collect();
    (audit(&mentees, &all, k), audit(&mentors, &all, k))
}

/// For each quasi-identifier, the records (mentees, mentors) that would still sit in classes
/// smaller than k if that attribute were left out or coarsened away: where to generalize first.
pub fn without_each(pool: &Pool, k: usize) -> Vec<(&'static str, usize, usize)> {
    let (mentees, mentors) = quasi_values(pool);
    QUASI_IDENTIFIERS
        .iter()
        .enumerate()
        .map(|(drop, name)| {
            let keep: Vec<usize> = (0..QUASI_IDENTIFIERS.len())
                .filter(|&i| i != drop)
                .collect();
            (
                *name,
                audit(&mentees, &keep, k).records_below_k,
                audit(&mentors, &keep, k).records_below_k,
            )
        })
        .collect()
}

/// Participants whose ZIP3 Safe Harbor requires to be published as `000`.
pub fn restricted_zip3s(pool: &Pool) -> usize {
    pool.mentees
        .iter()
        .filter(|m| is_restricted(&m.zip3))
        .count()
        + pool
            .mentors
            .iter()
            .filter(|m| is_restricted(&m.zip3))
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_records_below_k() {
        let keys = vec!["a", "a", "a", "b", "b", "c"];
        let k = KAnonymity::of(keys, 3);
        assert_eq!(k.classes, 3);
        assert_eq!(k.smallest_class, 1);
        assert_eq!(k.records_below_k, 3);
        assert_eq!(k.max_risk(), 1.0);
        assert!(!k.passes());
        let k = KAnonymity::of(vec!["x"; 4], 3);
        assert!(k.passes());
        assert_eq!(k.max_risk(), 0.25);
        assert_eq!(k.mean_risk(), 0.25);
    }

    #[test]
    fn values_are_compared_whole_not_joined() {
        let keys = vec![vec!["a|b", "c"], vec!["a", "b|c"]];
        assert_eq!(KAnonymity::of(keys, 2).classes, 2);
    }
}
