//! Small pools for the tests: hand-made people, random pools from a seed for the decision-support
//! analyses (sensitivity, relaxations, council, profile matrix), and pools built from what the
//! property tests (`matching_props`, `session_props`) draw: indices into short vocabularies and
//! bit masks over them.

// Not every test file needs every helper.

use dyad::criteria::geo::Zip3Table;
use dyad::criteria::{N, Params};
use dyad::matching::engine::{Engine, Evaluation};
use dyad::pool::{Action, MeetingFormat, Mentee, Mentor, Person, Pool};
use dyad::profile::{Capacity, Constraints, Eligibility, Objective, Profile};

/// xorshift64: a deterministic stream without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64)]
    }

    pub fn subset(&mut self, items: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = items
            .iter()
            .filter(|_| self.chance(40))
            .map(|s| s.to_string())
            .collect();
        v.sort();
        v
    }
}

/// ZIP3s; the property tests draw indices into a prefix.
pub const ZIPS: [&str; 6] = ["021", "010", "017", "025", "012", "019"];
/// Topics; the property tests' masks select among the first four.
pub const TOPICS: [&str; 5] = ["leadership", "research", "burnout", "isolation", "teaching"];
pub const IDS: [&str; 3] = ["woman", "img", "urm"];
pub const SPECIALTIES: [&str; 3] = ["internal medicine", "pediatrics", "general surgery"];
pub const FORMATS: [MeetingFormat; 3] = [
    MeetingFormat::InPerson,
    MeetingFormat::Virtual,
    MeetingFormat::Either,
];

/// The items whose bits are set in `mask`, sorted.
pub fn pick(mask: u8, items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| s.to_string())
        .collect();
    v.sort();
    v
}

pub fn mentee(id: &str, zip3: &str) -> Mentee {
    Mentee {
        person: Person {
            id: id.into(),
            zip3: zip3.into(),
            location: Zip3Table::builtin().get(zip3),
            specialty: "internal medicine".into(),
            health_system: "hs-1".into(),
            training_completed: 2021,
            identities: vec![],
            meeting_format: MeetingFormat::Either,
            hours_per_month: 2.0,
            languages: vec!["english".into()],
        },
        wants_shared: vec![],
        goals: vec![],
        challenges: vec![],
    }
}

pub fn mentor(id: &str, zip3: &str) -> Mentor {
    Mentor {
        person: Person {
            id: id.into(),
            zip3: zip3.into(),
            location: Zip3Table::builtin().get(zip3),
            specialty: "internal medicine".into(),
            health_system: "hs-2".into(),
            training_completed: 2000,
            identities: vec![],
            meeting_format: MeetingFormat::Either,
            hours_per_month: 2.0,
            languages: vec!["english".into()],
        },
        expertise: vec![],
        capacity: 1,
    }
}

pub fn profile(weights: [f64; N]) -> Profile {
    Profile {
        name: "test".into(),
        weights,
        params: Params::default(),
        constraints: Constraints {
            in_person_max_km: None,
            require_outside_system: false,
            mentor_capacity: Capacity::FromData,
            min_score: 0.0,
            coverage_floor: None,
        },
        objective: Objective::Total,
        eligibility: Eligibility {
            max_years_since_training: 5,
            reference_year: 2023,
        },
        ..Profile::default()
    }
}

/// A random pool of `n` mentees and `m` mentors with some bans, and a random profile with
/// weights in steps of 0.05; `min_score` and `maximin` as asked.
pub fn random(seed: u64, n: usize, m: usize, min_score: f64, maximin: bool) -> (Pool, Profile) {
    let mut r = Rng::new(seed);
    let mentees: Vec<Mentee> = (0..n)
        .map(|i| {
            let mut me = mentee(&format!("ME-{i:02}"), r.pick(&ZIPS));
            me.specialty = r.pick(&SPECIALTIES).into();
            me.health_system = format!("hs-{}", r.below(3));
            me.training_completed = 2015 + r.below(9) as i32;
            me.identities = r.subset(&IDS);
            me.wants_shared = me
                .identities
                .iter()
                .filter(|_| r.chance(50))
                .cloned()
                .collect();
            me.goals = r.subset(&TOPICS[..2]);
            me.challenges = r.subset(&TOPICS[2..]);
            me.meeting_format = FORMATS[r.below(3)];
            me.hours_per_month = 1.0 + r.below(4) as f64;
            me
        })
        .collect();
    let mentors: Vec<Mentor> = (0..m)
        .map(|j| {
            let mut mr = mentor(&format!("MR-{j:02}"), r.pick(&ZIPS));
            mr.specialty = r.pick(&SPECIALTIES).into();
            mr.health_system = format!("hs-{}", r.below(3));
            mr.training_completed = 1985 + r.below(30) as i32;
            mr.identities = r.subset(&IDS);
            mr.expertise = r.subset(&TOPICS);
            mr.meeting_format = FORMATS[r.below(3)];
            mr.hours_per_month = 1.0 + r.below(3) as f64;
            mr.capacity = 1 + r.below(2) as u32;
            mr
        })
        .collect();
    let mut pool = Pool {
        mentees,
        mentors,
        ..Pool::default()
    };
    for _ in 0..r.below(3) {
        let (i, j) = (r.below(n as u64), r.below(m as u64));
        pool.overrides.set(i, j, Some(Action::Ban));
    }
    let mut p = profile(std::array::from_fn(|_| r.below(21) as f64 * 0.05));
    p.constraints.in_person_max_km = if r.chance(60) {
        Some([20.0, 60.0, 120.0][r.below(3)])
    } else {
        None
    };
    p.constraints.require_outside_system = r.chance(25);
    p.constraints.min_score = min_score;
    if maximin {
        p.objective = Objective::Maximin;
    }
    (pool, p)
}

pub fn engine(pool: Pool) -> Engine {
    Engine::new(pool, dyad::criteria::specialty::builtin().clone())
}

pub fn evaluate(pool: &Pool, p: &Profile) -> (Engine, Evaluation) {
    let mut e = engine(pool.clone());
    let ev = e.evaluate(p).expect("the profile matches the pool");
    (e, ev)
}

/// A mentee as the property tests draw it: zip, specialty, goals, identities, wanted identities,
/// format, training year, hours.
pub type MenteeSpec = (usize, usize, u8, u8, u8, usize, i32, u8);
/// A mentor as the property tests draw it: zip, specialty, expertise, identities, format,
/// training year, capacity.
pub type MentorSpec = (usize, usize, u8, u8, usize, i32, u32);

/// Mentee `i` (`ME-0i`, health system by parity): the first two topics from the goals mask, its
/// upper bits the challenges; only identities the mentee holds are wanted shared.
fn drawn_mentee(i: usize, spec: MenteeSpec) -> Mentee {
    let (z, s, goals, ids, wants, f, year, hours) = spec;
    let mut me = mentee(&format!("ME-{i:02}"), ZIPS[z]);
    me.specialty = SPECIALTIES[s].into();
    me.health_system = format!("hs-{}", i % 2);
    me.training_completed = year;
    me.identities = pick(ids, &IDS);
    me.wants_shared = pick(wants, &IDS)
        .into_iter()
        .filter(|w| me.identities.contains(w))
        .collect();
    me.goals = pick(goals & 3, &TOPICS);
    me.challenges = pick(goals >> 2, &TOPICS[2..]);
    me.meeting_format = FORMATS[f];
    me.hours_per_month = 1.0 + f64::from(hours);
    me
}

/// Mentor `j` (`MR-0j`, one of three health systems), two hours a month.
fn drawn_mentor(j: usize, spec: MentorSpec) -> Mentor {
    let (z, s, exp, ids, f, year, cap) = spec;
    let mut mr = mentor(&format!("MR-{j:02}"), ZIPS[z]);
    mr.specialty = SPECIALTIES[s].into();
    mr.health_system = format!("hs-{}", j % 3);
    mr.training_completed = year;
    mr.identities = pick(ids, &IDS);
    mr.expertise = pick(exp, &TOPICS);
    mr.meeting_format = FORMATS[f];
    mr.hours_per_month = 2.0;
    mr.capacity = cap;
    mr
}

/// The pool of these drawn mentees and mentors, without overrides.
pub fn drawn_pool(mentees: &[MenteeSpec], mentors: &[MentorSpec]) -> Pool {
    Pool {
        mentees: mentees
            .iter()
            .enumerate()
            .map(|(i, &spec)| drawn_mentee(i, spec))
            .collect(),
        mentors: mentors
            .iter()
            .enumerate()
            .map(|(j, &spec)| drawn_mentor(j, spec))
            .collect(),
        ..Pool::default()
    }
}

/// Bans the (mentee, mentor) pairs of `bans` that are in the pool.
pub fn ban(pool: &mut Pool, bans: &[(usize, usize)]) {
    let (n, m) = (pool.mentees.len(), pool.mentors.len());
    for &(i, j) in bans {
        if i < n && j < m {
            pool.overrides.set(i, j, Some(Action::Ban));
        }
    }
}

/// Whether mentee `i` may be pinned to mentor `j` as far as the pool goes: both exist, the mentee
/// is eligible and not yet pinned, and the pair has no override. Room at the mentor is the
/// caller's to check.
pub fn pinnable(pool: &Pool, profile: &Profile, i: usize, j: usize) -> bool {
    i < pool.mentees.len()
        && j < pool.mentors.len()
        && profile
            .eligibility
            .eligible(pool.mentees[i].training_completed)
        && pool.overrides.get(i, j).is_none()
        && pool.overrides.pin_of(i).is_none()
}
