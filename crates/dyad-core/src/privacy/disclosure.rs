//! What a shared screen may show of one person: their quasi-identifiers (ZIP3, specialty,
//! health system, training year, identities), each exact, generalised or hidden, so that what is
//! shown of anyone matches at least k people of the same file.
//!
//! The rule is a ladder of ten levels, each a coarsening of the one before (level 0 shows all
//! five exactly, level 9 nothing):
//!
//! | level | identities | health system | trained | ZIP3 | specialty |
//! |---|---|---|---|---|---|
//! | 0 | exact | exact | year | exact | exact |
//! | 1 | hidden | exact | year | exact | exact |
//! | 2 | hidden | hidden | year | exact | exact |
//! | 3 | hidden | hidden | 5-year range | exact | exact |
//! | 4 | hidden | hidden | 5-year range | first digit (`0xx`) | exact |
//! | 5 | hidden | hidden | 5-year range | first digit | family |
//! | 6 | hidden | hidden | decade | first digit | family |
//! | 7 | hidden | hidden | decade | hidden | family |
//! | 8 | hidden | hidden | decade | hidden | hidden |
//! | 9 | hidden | hidden | hidden | hidden | hidden |
//!
//! Each level's classes (people showing the same values) split into the next finer level's, so
//! the levels form a tree. Starting from the whole file at level 9, a class is refined into its
//! sub-classes of at least k people; the people of smaller sub-classes stay at the class's level,
//! and when they are fewer than k, the smallest refinable sub-class stays with them. So every
//! combination the screen shows is shared by at least k people, and no one's level gives away
//! which of the few they are (a class shown coarser than its neighbours always holds k or more).
//! A file of fewer than k people shows nothing.
//!
//! `wants_shared` (the identities a mentee asks a mentor to share) tells an identity, so it is
//! shown only where the identities are.

use std::collections::BTreeMap;

use crate::criteria::specialty::SpecialtyFamilies;
use crate::pool::{Person, Pool};

/// The coarsest level: nothing shown.
pub const NOTHING: u8 = 9;

/// How each quasi-identifier is shown at a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    identities: bool,
    health_system: bool,
    trained: Years,
    zip3: Zip,
    specialty: Specialty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Years {
    Exact,
    Five,
    Decade,
    Hidden,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zip {
    Exact,
    Region,
    Hidden,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Specialty {
    Exact,
    Family,
    Hidden,
}

const fn rule(
    identities: bool,
    health_system: bool,
    trained: Years,
    zip3: Zip,
    specialty: Specialty,
) -> Rule {
    Rule {
        identities,
        health_system,
        trained,
        zip3,
        specialty,
    }
}

/// The ladder, finest first (see the module notes).
const LADDER: [Rule; NOTHING as usize + 1] = [
    rule(true, true, Years::Exact, Zip::Exact, Specialty::Exact),
    rule(false, true, Years::Exact, Zip::Exact, Specialty::Exact),
    rule(false, false, Years::Exact, Zip::Exact, Specialty::Exact),
    rule(false, false, Years::Five, Zip::Exact, Specialty::Exact),
    rule(false, false, Years::Five, Zip::Region, Specialty::Exact),
    rule(false, false, Years::Five, Zip::Region, Specialty::Family),
    rule(false, false, Years::Decade, Zip::Region, Specialty::Family),
    rule(false, false, Years::Decade, Zip::Hidden, Specialty::Family),
    rule(false, false, Years::Decade, Zip::Hidden, Specialty::Hidden),
    rule(false, false, Years::Hidden, Zip::Hidden, Specialty::Hidden),
];

/// A person's quasi-identifiers, as the audit reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Quasi<'a> {
    zip3: &'a str,
    specialty: &'a str,
    family: Option<&'a str>,
    health_system: &'a str,
    trained: i32,
    identities: &'a [String],
}

/// What family a specialty in no family is shown as: one shared bucket, so that the level
/// still hides which specialty it is.
const NO_FAMILY: &str = "another specialty";

/// The first year of the `span`-year range a year falls in (2021 → 2020 for 5 and 10).
fn range_start(year: i32, span: i32) -> i32 {
    year.div_euclid(span) * span
}

impl Rule {
    /// The values shown under this rule, as a key: two people show the same iff equal.
    fn key(&self, q: &Quasi) -> Shown {
        let trained = match self.trained {
            Years::Exact => Some(q.trained.to_string()),
            Years::Five => {
                let from = range_start(q.trained, 5);
                Some(format!("{from}–{}", from + 4))
            }
            Years::Decade => Some(format!("{}s", range_start(q.trained, 10))),
            Years::Hidden => None,
        };
        let zip3 = match self.zip3 {
            Zip::Exact => Some(q.zip3.to_string()),
            Zip::Region => Some(format!("{}xx", q.zip3.chars().next().unwrap_or('0'))),
            Zip::Hidden => None,
        };
        let specialty = match self.specialty {
            Specialty::Exact => Some(q.specialty.to_string()),
            Specialty::Family => Some(format!("{} (family)", q.family.unwrap_or(NO_FAMILY))),
            Specialty::Hidden => None,
        };
        Shown {
            zip3,
            specialty,
            health_system: self.health_system.then(|| q.health_system.to_string()),
            trained,
            identities: self.identities.then(|| q.identities.to_vec()),
        }
    }
}

/// A person's quasi-identifiers as a shared screen may show them: each the exact value, a
/// generalisation of it (`2020–2024`, `0xx`, `primary-care (family)`), or `None` when hidden.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shown {
    /// The ZIP3, or a wider area (`0xx`).
    pub zip3: Option<String>,
    /// The specialty, or its family (`primary-care (family)`).
    pub specialty: Option<String>,
    /// The health system.
    pub health_system: Option<String>,
    /// The training year, or the range it falls in.
    pub trained: Option<String>,
    /// The identity groups the person gave.
    pub identities: Option<Vec<String>>,
}

/// What a shared screen may show of every mentee and every mentor, for one k.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    k: usize,
    mentees: Vec<(u8, Shown)>,
    mentors: Vec<(u8, Shown)>,
}

/// A participant's five quasi-identifiers, with the family of their specialty.
fn quasi<'a>(p: &'a Person, families: &'a SpecialtyFamilies) -> Quasi<'a> {
    Quasi {
        zip3: &p.zip3,
        specialty: &p.specialty,
        family: families.family(&p.specialty),
        health_system: &p.health_system,
        trained: p.training_completed,
        identities: &p.identities,
    }
}

/// Assigns `members` (one class at `level`) and its refinements their levels.
fn refine(quasi: &[Quasi], members: Vec<usize>, level: u8, k: usize, out: &mut [u8]) {
    if level == 0 {
        for i in members {
            out[i] = 0;
        }
        return;
    }
    let finer = &LADDER[usize::from(level) - 1];
    let mut classes: BTreeMap<Shown, Vec<usize>> = BTreeMap::new();
    for i in members {
        classes.entry(finer.key(&quasi[i])).or_default().push(i);
    }
    let (mut big, small): (Vec<Vec<usize>>, Vec<Vec<usize>>) =
        classes.into_values().partition(|c| c.len() >= k);
    let mut stay: Vec<usize> = small.into_iter().flatten().collect();
    if !stay.is_empty() && stay.len() < k {
        // Too few would stay at this level to hide among themselves: the smallest class that
        // could be refined stays with them (the first of equal size, in key order).
        if let Some(at) = (0..big.len()).min_by_key(|&c| big[c].len()) {
            stay.extend(big.remove(at));
        }
    }
    for i in stay {
        out[i] = level;
    }
    for class in big {
        refine(quasi, class, level - 1, k, out);
    }
}

fn levels(quasi: &[Quasi], k: usize) -> Vec<u8> {
    let mut out = vec![NOTHING; quasi.len()];
    if quasi.len() >= k {
        refine(quasi, (0..quasi.len()).collect(), NOTHING, k, &mut out);
    }
    out
}

impl Disclosure {
    /// What may be shown of a pool's people for k (k ≤ 1 shows everything), specialty
    /// families from `families`.
    pub fn of(pool: &Pool, families: &SpecialtyFamilies, k: usize) -> Disclosure {
        let k = k.max(1);
        let mentees: Vec<Quasi> = pool.mentees.iter().map(|m| quasi(m, families)).collect();
        let mentors: Vec<Quasi> = pool.mentors.iter().map(|m| quasi(m, families)).collect();
        let shown = |quasi: &[Quasi]| -> Vec<(u8, Shown)> {
            levels(quasi, k)
                .into_iter()
                .zip(quasi)
                .map(|(level, q)| (level, LADDER[usize::from(level)].key(q)))
                .collect()
        };
        Disclosure {
            k,
            mentees: shown(&mentees),
            mentors: shown(&mentors),
        }
    }

    /// The k every shown combination is shared by: at least k people of the same side.
    pub fn k(&self) -> usize {
        self.k
    }

    /// The level of a mentee (0 = everything exact, [`NOTHING`] = nothing shown).
    pub fn mentee_level(&self, mentee: usize) -> u8 {
        self.mentees[mentee].0
    }

    /// The level of a mentor (0 = everything exact, [`NOTHING`] = nothing shown).
    pub fn mentor_level(&self, mentor: usize) -> u8 {
        self.mentors[mentor].0
    }

    /// What a shared screen may show of a mentee.
    pub fn mentee(&self, mentee: usize) -> &Shown {
        &self.mentees[mentee].1
    }

    /// What a shared screen may show of a mentor.
    pub fn mentor(&self, mentor: usize) -> &Shown {
        &self.mentors[mentor].1
    }
}

impl Shown {
    /// Everything exact: what the coordinator sees when asking for full detail.
    pub fn full(p: &Person) -> Shown {
        LADDER[0].key(&quasi(p, &SpecialtyFamilies::default()))
    }

    /// Whether every quasi-identifier is shown exactly as in the data.
    pub fn is_whole(&self, full: &Shown) -> bool {
        self == full
    }

    /// The quasi-identifiers shown coarser than the person's `full` values, in words:
    /// `["specialty as family", "training year as range", "ZIP3 as first digit"]`.
    pub fn coarsened(&self, full: &Shown) -> Vec<&'static str> {
        [
            (&self.specialty, &full.specialty, "specialty as family"),
            (&self.trained, &full.trained, "training year as range"),
            (&self.zip3, &full.zip3, "ZIP3 as first digit"),
        ]
        .into_iter()
        .filter(|(shown, full, _)| shown.is_some() && shown != full)
        .map(|(_, _, words)| words)
        .collect()
    }

    /// The quasi-identifiers not shown at all, in words.
    pub fn hidden(&self) -> Vec<&'static str> {
        [
            (self.specialty.is_none(), "specialty"),
            (self.trained.is_none(), "training year"),
            (self.zip3.is_none(), "ZIP3"),
            (self.health_system.is_none(), "health system"),
            (self.identities.is_none(), "identities"),
        ]
        .into_iter()
        .filter(|(hidden, _)| *hidden)
        .map(|(_, words)| words)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::sample::sample_pool;

    fn families() -> &'static SpecialtyFamilies {
        crate::criteria::specialty::builtin()
    }

    /// How many people show each combination.
    fn counts(shown: &[Shown]) -> BTreeMap<&Shown, usize> {
        let mut c = BTreeMap::new();
        for s in shown {
            *c.entry(s).or_default() += 1;
        }
        c
    }

    #[test]
    fn every_combination_shown_is_shared_by_k_people() {
        let pool = sample_pool();
        for k in [2, 3, 5, 10] {
            let d = Disclosure::of(&pool, families(), k);
            let mentees: Vec<Shown> = (0..pool.mentees.len())
                .map(|i| d.mentee(i).clone())
                .collect();
            let mentors: Vec<Shown> = (0..pool.mentors.len())
                .map(|j| d.mentor(j).clone())
                .collect();
            for shown in [&mentees, &mentors] {
                for (s, n) in counts(shown) {
                    assert!(n >= k, "k = {k}: {s:?} shown for {n}");
                }
            }
        }
    }

    #[test]
    fn k_of_one_shows_everything_and_a_file_smaller_than_k_nothing() {
        let pool = sample_pool();
        let d = Disclosure::of(&pool, families(), 1);
        for (i, m) in pool.mentees.iter().enumerate() {
            assert_eq!(d.mentee(i).clone(), Shown::full(m));
        }
        let d = Disclosure::of(&pool, families(), pool.mentees.len() + 1);
        let nothing = d.mentee(0).clone();
        assert_eq!(nothing.zip3.or(nothing.specialty).or(nothing.trained), None);
        assert!(nothing.identities.is_none() && nothing.health_system.is_none());
        // The mentors are fewer than the mentees: their file has its own k-anonymity.
        assert_eq!(d.mentor_level(0), NOTHING);
    }

    #[test]
    fn a_unique_person_is_generalised_and_said_so() {
        // In the sample every mentee's five quasi-identifiers together are unique (the audit
        // of `dyad check` fails for all 48), so none is shown whole at k = 5.
        let pool = sample_pool();
        let d = Disclosure::of(&pool, families(), 5);
        for (i, m) in pool.mentees.iter().enumerate() {
            let shown = d.mentee(i).clone();
            let full = Shown::full(m);
            assert!(!shown.is_whole(&full));
            assert!(shown.hidden().contains(&"identities"));
            // What is neither hidden nor coarsened is exact.
            let (coarse, hidden) = (shown.coarsened(&full), shown.hidden());
            if !coarse.contains(&"ZIP3 as first digit") && !hidden.contains(&"ZIP3") {
                assert_eq!(shown.zip3, full.zip3);
            }
            if coarse.contains(&"specialty as family") {
                assert!(shown.specialty.as_ref().unwrap().ends_with("(family)"));
            }
            if let Some(t) = &shown.trained
                && t.contains('–')
            {
                let from: i32 = t[..4].parse().unwrap();
                assert!((from..from + 5).contains(&m.training_completed), "{t}");
            }
        }
    }

    #[test]
    fn ranges_nest() {
        for year in 1960..2040 {
            let five = range_start(year, 5);
            assert!(five <= year && year < five + 5);
            assert_eq!(range_start(five, 10), range_start(year, 10));
        }
        assert_eq!(range_start(-3, 5), -5);
    }
}
