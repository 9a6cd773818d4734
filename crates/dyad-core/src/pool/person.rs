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
    /// Only in person (then the in-person distance limit applies).
    InPerson,
    /// Only by video or phone.
    Virtual,
    /// Either way.
    Either,
}

impl MeetingFormat {
    /// The format as written in the pool (`in-person`, `virtual`, `either`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "in-person" => Some(Self::InPerson),
            "virtual" => Some(Self::Virtual),
            "either" => Some(Self::Either),
            _ => None,
        }
    }

    /// The format as written in the pool.
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
    /// The first three digits of the ZIP code (`000`: an area under 20,000 people).
    pub zip3: String,
    /// `None` for the Safe Harbor unknown area `000`.
    pub location: Option<LatLon>,
    /// The specialty, as the specialty families name it.
    pub specialty: String,
    /// The health system (a pseudonym in an anonymized pool): only equality matters.
    pub health_system: String,
    /// The year training was completed.
    pub training_completed: i32,
    /// The identity groups the person gave (possibly none).
    pub identities: Vec<String>,
    /// How they want to meet.
    pub meeting_format: MeetingFormat,
    /// Hours a month they have for mentoring.
    pub hours_per_month: f64,
    /// Languages they can meet in.
    pub languages: Vec<String>,
}

/// An early-career physician looking for a mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentee {
    /// What every participant tells (the mentee dereferences to it).
    pub person: Person,
    /// Identities the mentee would like their mentor to share.
    pub wants_shared: Vec<String>,
    /// What they want from mentoring (topics of the shared vocabulary).
    pub goals: Vec<String>,
    /// What they struggle with (topics of the shared vocabulary).
    pub challenges: Vec<String>,
}

/// An experienced physician offering to mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentor {
    /// What every participant tells (the mentor dereferences to it).
    pub person: Person,
    /// Topics they can help with (the vocabulary of mentees' goals and challenges).
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
