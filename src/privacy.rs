//! Auditing the anonymity of a pool: k-anonymity over the quasi-identifiers, the attributes an
//! outsider could know about a physician (where they practise, their specialty and employer, when
//! they trained, which groups they belong to).

use std::collections::HashMap;

use crate::pool::Pool;

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
    pub records: usize,
    /// Size of the smallest group of records sharing all quasi-identifiers.
    pub smallest_class: usize,
    /// Records in groups smaller than k.
    pub records_below_k: usize,
    pub classes: usize,
    pub k: usize,
}

impl KAnonymity {
    fn of(keys: Vec<String>, k: usize) -> KAnonymity {
        let mut classes: HashMap<String, usize> = HashMap::new();
        for key in &keys {
            *classes.entry(key.clone()).or_default() += 1;
        }
        KAnonymity {
            records: keys.len(),
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

    pub fn passes(&self) -> bool {
        self.records_below_k == 0
    }
}

/// k-anonymity of the mentees and of the mentors.
pub fn k_anonymity(pool: &Pool, k: usize) -> (KAnonymity, KAnonymity) {
    let mentees = pool
        .mentees
        .iter()
        .map(|m| {
            format!(
                "{}|{}|{}|{}|{}",
                m.zip3,
                m.specialty,
                m.health_system,
                m.training_completed,
                m.identities.join(";")
            )
        })
        .collect();
    let mentors = pool
        .mentors
        .iter()
        .map(|m| {
            format!(
                "{}|{}|{}|{}|{}",
                m.zip3,
                m.specialty,
                m.health_system,
                m.training_completed,
                m.identities.join(";")
            )
        })
        .collect();
    (KAnonymity::of(mentees, k), KAnonymity::of(mentors, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_records_below_k() {
        let keys = ["a", "a", "a", "b", "b", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let k = KAnonymity::of(keys, 3);
        assert_eq!(k.classes, 3);
        assert_eq!(k.smallest_class, 1);
        assert_eq!(k.records_below_k, 3);
        assert_eq!(k.max_risk(), 1.0);
        assert!(!k.passes());
        let k = KAnonymity::of(vec!["x".into(); 4], 3);
        assert!(k.passes());
        assert_eq!(k.max_risk(), 0.25);
    }
}
