//! Keyed pseudonyms: `PREFIX-` and the first hex digits of HMAC-SHA-256(key, kind, id). The same
//! key gives the same pseudonym for the same id on every run; without the key, a pseudonym says
//! nothing about the id. Mentees, mentors and health systems are keyed apart, so one person who
//! is both a mentee and a mentor gets two unrelated pseudonyms.

use std::collections::{BTreeSet, HashMap};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::key::Key;

/// What is being pseudonymized: its domain in the HMAC input, its prefix, and its digest length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A mentee (`ME-…`).
    Mentee,
    /// A mentor (`MR-…`).
    Mentor,
    /// A health system: only its equality matters, so it gets a pseudonym too.
    HealthSystem,
}

impl Kind {
    fn domain(self) -> &'static str {
        match self {
            Kind::Mentee => "dyad mentee",
            Kind::Mentor => "dyad mentor",
            Kind::HealthSystem => "dyad health_system",
        }
    }

    /// The prefix its pseudonyms start with (`ME-`, `MR-`, …).
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Mentee => "ME-",
            Kind::Mentor => "MR-",
            Kind::HealthSystem => "HS-",
        }
    }

    /// Hex digits used normally: 40 bits for people, 32 for the few health systems.
    fn digits(self) -> usize {
        match self {
            Kind::Mentee | Kind::Mentor => 10,
            Kind::HealthSystem => 8,
        }
    }
}

/// How raw ids compare: trimmed, case-insensitive (as dyad compares ids).
fn canonical(raw: &str) -> String {
    raw.trim().to_lowercase()
}

fn digest(key: &Key, kind: Kind, raw: &str) -> String {
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(key.bytes()).expect("HMAC takes any key length");
    mac.update(kind.domain().as_bytes());
    mac.update(&[0]);
    mac.update(canonical(raw).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `pseudonym` (short or lengthened, as [`Pseudonyms`] gives it) is the pseudonym of
/// the raw value `raw` of `kind` under `key`.
pub fn is_pseudonym_of(key: &Key, kind: Kind, raw: &str, pseudonym: &str) -> bool {
    let Some(hexpart) = pseudonym.strip_prefix(kind.prefix()) else {
        return false;
    };
    hexpart.len() >= kind.digits() && digest(key, kind, raw).starts_with(hexpart)
}

/// The pseudonyms of a set of raw values of one kind. When two different values would share a
/// short pseudonym, every value of the set gets the full 64-digit digest instead, so pseudonyms
/// never collide; `lengthened` says so.
pub struct Pseudonyms {
    map: HashMap<String, String>,
    /// Whether two values shared a short pseudonym, so every value got the full digest.
    pub lengthened: bool,
}

impl Pseudonyms {
    /// The pseudonyms of the distinct values of `raw` (compared after trimming and case folding),
    /// keyed by `key` (HMAC-SHA-256).
    pub fn new<'a>(key: &Key, kind: Kind, raw: impl IntoIterator<Item = &'a str>) -> Pseudonyms {
        let distinct: BTreeSet<String> = raw.into_iter().map(canonical).collect();
        let full: Vec<(String, String)> = distinct
            .into_iter()
            .map(|r| {
                let d = digest(key, kind, &r);
                (r, d)
            })
            .collect();
        let short: BTreeSet<&str> = full.iter().map(|(_, d)| &d[..kind.digits()]).collect();
        let lengthened = short.len() != full.len();
        let len = if lengthened { 64 } else { kind.digits() };
        let map = full
            .into_iter()
            .map(|(r, d)| (r, format!("{}{}", kind.prefix(), &d[..len])))
            .collect();
        Pseudonyms { map, lengthened }
    }

    /// The pseudonym of a raw value given to [`Pseudonyms::new`].
    pub fn get(&self, raw: &str) -> Option<&str> {
        self.map.get(&canonical(raw)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> Key {
        Key::from_bytes(&[b; 32]).unwrap()
    }

    #[test]
    fn same_key_same_pseudonym_other_key_or_kind_another() {
        let a = Pseudonyms::new(&key(1), Kind::Mentee, ["jane@x.org", "  JANE@x.org "]);
        let b = Pseudonyms::new(&key(1), Kind::Mentee, ["jane@x.org"]);
        let c = Pseudonyms::new(&key(2), Kind::Mentee, ["jane@x.org"]);
        let d = Pseudonyms::new(&key(1), Kind::Mentor, ["jane@x.org"]);
        let p = a.get("jane@x.org").unwrap();
        assert_eq!(a.get("Jane@X.org"), Some(p));
        assert_eq!(b.get("jane@x.org"), Some(p));
        assert_ne!(c.get("jane@x.org"), Some(p));
        assert!(p.starts_with("ME-") && p.len() == 13, "{p}");
        assert!(d.get("jane@x.org").unwrap().starts_with("MR-"));
        assert!(!a.lengthened);
    }

    #[test]
    fn pseudonyms_are_plain_ids() {
        let ids: Vec<String> = (0..2000).map(|i| format!("staff-{i}")).collect();
        let p = Pseudonyms::new(&key(3), Kind::Mentor, ids.iter().map(String::as_str));
        let all: BTreeSet<&str> = ids.iter().map(|i| p.get(i).unwrap()).collect();
        assert_eq!(all.len(), ids.len());
        assert!(all.iter().all(|id| crate::pool::is_plain_id(id)));
    }
}
