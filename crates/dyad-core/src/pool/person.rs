//! A participant: what mentees and mentors have in common ([`Person`]) and what each adds.
//!
//! [`Mentee`] and [`Mentor`] hold a `Person` and dereference to it, so `mentee.specialty` reads
//! as the domain says it, and code about what both have (the privacy audit's quasi-identifiers)
//! takes a `&Person` and serves either.

use std::ops::{Deref, DerefMut};

use crate::pool::geo::LatLon;

/// How a participant wants to meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingFormat {
    InPerson,
    Virtual,
    Either,
}

impl MeetingFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in-person" => Some(Self::InPerson),
            "virtual" => Some(Self::Virtual),
            "either" => Some(Self::Either),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in-person",
            Self::Virtual => "virtual",
            Self::Either => "either",
        }
    }

    /// Equal formats, or either side happy with `either`.
    pub fn compatible(self, other: MeetingFormat) -> bool {
        self == other || self == Self::Either || other == Self::Either
    }
}

/// What every participant, mentee or mentor, tells about themselves. Text fields are trimmed and
/// lower-cased; lists are sorted and free of duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The pseudonymous id (`ME-…`, `MR-…`).
    pub id: String,
    pub zip3: String,
    /// `None` for the Safe Harbor unknown area `000`.
    pub location: Option<LatLon>,
    pub specialty: String,
    pub health_system: String,
    pub training_completed: i32,
    pub identities: Vec<String>,
    pub meeting_format: MeetingFormat,
    pub hours_per_month: f64,
    pub languages: Vec<String>,
}

/// An early-career physician looking for a mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentee {
    pub person: Person,
    /// Identities the mentee would like their mentor to share.
    pub wants_shared: Vec<String>,
    pub goals: Vec<String>,
    pub challenges: Vec<String>,
}

/// An experienced physician offering to mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentor {
    pub person: Person,
    pub expertise: Vec<String>,
    /// How many mentees they take.
    pub capacity: u32,
}

impl Deref for Mentee {
    type Target = Person;
    fn deref(&self) -> &Person {
        &self.person
    }
}

impl DerefMut for Mentee {
    fn deref_mut(&mut self) -> &mut Person {
        &mut self.person
    }
}

impl Deref for Mentor {
    type Target = Person;
    fn deref(&self) -> &Person {
        &self.person
    }
}

impl DerefMut for Mentor {
    fn deref_mut(&mut self) -> &mut Person {
        &mut self.person
    }
}
