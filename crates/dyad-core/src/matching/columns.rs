//! How a [`ScoreTable`](super::scoring::ScoreTable) holds one criterion, or the distance, over
//! every pair of a pool.
//!
//! # Classes
//!
//! A criterion reads a few fields of each side — goals reads the mentee's goals and the
//! mentor's expertise, proximity both locations — and in a pool those fields take few distinct
//! values. So the mentees are put in classes by the fields a criterion reads, the mentors
//! likewise ([`mentee_part`], [`mentor_part`]), and the criterion is scored once per (mentee
//! class, mentor class) pair, with the criterion's own function on the first member of each
//! class: the very value every pair of those two classes gets, since the pairs differ only in
//! fields the criterion does not read. A criterion without an entry there puts every person in
//! a class of their own, which is exact too, only not compact. A generated pool of
//! 10,000 × 10,000 has at most a few hundred classes a side, so a table takes milliseconds to
//! score instead of a pass over 10⁸ pairs.
//!
//! # Two layouts
//!
//! [`Column::Classes`] keeps the class table and each person's class: a few bytes per class
//! pair and four per person, nothing per pair. [`Column::Pairs`] spreads the table into one
//! value per pair, row-major by mentee, whose contiguous rows are the fastest to sum as weights
//! move. Pools of up to [`SPREAD_PAIRS`] pairs are spread (at 4,000 × 4,000, 24 bytes a pair);
//! larger ones keep the classes, which is what lets a 10,000 × 10,000 pool fit. Both hold the
//! same values, read back the same ([`Column::get`]) and sum to the same numerators bit for bit.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::pool::{MeetingFormat, Mentee, Mentor, Pool};

/// Pools of at most this many pairs (4,000 × 4,000) store one value per pair.
pub const SPREAD_PAIRS: usize = 4_000 * 4_000;

/// How a table lays out its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// [`Layout::Pairs`] up to [`SPREAD_PAIRS`] pairs, [`Layout::Classes`] above.
    Auto,
    /// One value per pair.
    Pairs,
    /// A table by (mentee class, mentor class).
    Classes,
}

impl Layout {
    /// The layout for a pool of `pairs` pairs: [`Layout::Auto`] decided.
    pub fn for_pairs(self, pairs: usize) -> Layout {
        match self {
            Layout::Auto if pairs <= SPREAD_PAIRS => Layout::Pairs,
            Layout::Auto => Layout::Classes,
            other => other,
        }
    }
}

/// What one side of a pair contributes to a criterion: the fields it reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part<'a> {
    /// The items of a list that the other side can ask for (see [`mentor_classes`]).
    Items(Vec<&'a str>),
    /// A text field.
    Text(&'a str),
    /// A list field (sorted as loaded).
    List(&'a [String]),
    /// A number, by its bits (so equal bits are equal, NaN included).
    Bits(u64),
    /// A location (latitude and longitude bits), or none.
    Point(Option<(u64, u64)>),
    /// The meeting format.
    Format(MeetingFormat),
    /// The person alone: a class of their own.
    Person(usize),
}

fn point(p: &crate::pool::Person) -> Part<'_> {
    Part::Point(p.location.map(|l| (l.lat.to_bits(), l.lon.to_bits())))
}

/// The fields of mentee `i` that criterion `key` reads (`"distance"`: the location).
pub fn mentee_part<'a>(key: &str, i: usize, me: &'a Mentee) -> Part<'a> {
    match key {
        "proximity" | "distance" => point(me),
        "goals" => Part::List(&me.goals),
        "challenges" => Part::List(&me.challenges),
        "shared_identity" => Part::List(&me.wants_shared),
        _ => person_part(key, i, me),
    }
}

/// The fields of mentor `j` that criterion `key` reads (`"distance"`: the location).
pub fn mentor_part<'a>(key: &str, j: usize, mr: &'a Mentor) -> Part<'a> {
    match key {
        "proximity" | "distance" => point(mr),
        "goals" | "challenges" => Part::List(&mr.expertise),
        "shared_identity" => Part::List(&mr.identities),
        _ => person_part(key, j, mr),
    }
}

/// The fields both sides have in common, as criterion `key` reads them.
fn person_part<'a>(key: &str, index: usize, p: &'a crate::pool::Person) -> Part<'a> {
    match key {
        "specialty" => Part::Text(&p.specialty),
        "outside_system" => Part::Text(&p.health_system),
        "format" => Part::Format(p.meeting_format),
        "availability" => Part::Bits(p.hours_per_month.to_bits()),
        "language" => Part::List(&p.languages),
        "seniority" => Part::Bits(u64::from(p.training_completed as u32)),
        _ => Part::Person(index),
    }
}

/// The mentees of `pool` in classes by what criterion `key` reads of them.
pub fn mentee_classes(key: &str, pool: &Pool) -> Classes {
    Classes::by(pool.mentees.len(), |i| {
        mentee_part(key, i, &pool.mentees[i])
    })
}

/// The mentors of `pool` in classes by what criterion `key` reads of them. Goals and
/// challenges are the share of the mentee's list found in the mentor's expertise, so an item of
/// expertise that no mentee lists changes no score: mentors are classed by the items that some
/// mentee lists, which makes far fewer classes than whole lists of expertise.
pub fn mentor_classes(key: &str, pool: &Pool) -> Classes {
    let wanted: Option<HashSet<&str>> = match key {
        "goals" => Some(listed(pool, |me| &me.goals)),
        "challenges" => Some(listed(pool, |me| &me.challenges)),
        _ => None,
    };
    let mentors = &pool.mentors;
    match wanted {
        Some(wanted) => Classes::by(mentors.len(), |j| {
            let items = mentors[j].expertise.iter().map(String::as_str);
            Part::Items(items.filter(|x| wanted.contains(x)).collect())
        }),
        None => Classes::by(mentors.len(), |j| mentor_part(key, j, &mentors[j])),
    }
}

/// Every item any mentee lists in `list`.
fn listed<'a>(pool: &'a Pool, list: impl Fn(&'a Mentee) -> &'a [String]) -> HashSet<&'a str> {
    pool.mentees
        .iter()
        .flat_map(|me| list(me).iter().map(String::as_str))
        .collect()
}

/// People put in classes: each one's class, and the first member of each class.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Each person's class.
    pub of: Arc<[u32]>,
    /// The first member of each class.
    pub first: Vec<usize>,
}

impl Classes {
    /// Classes of `count` people by `part` (equal parts, same class; classes numbered in order
    /// of first appearance).
    pub fn by<'a>(count: usize, part: impl Fn(usize) -> Part<'a>) -> Classes {
        let mut index: HashMap<Part<'a>, u32> = HashMap::new();
        let mut first = Vec::new();
        let of: Vec<u32> = (0..count)
            .map(|i| {
                *index.entry(part(i)).or_insert_with(|| {
                    first.push(i);
                    (first.len() - 1) as u32
                })
            })
            .collect();
        Classes {
            of: Arc::from(of),
            first,
        }
    }

    /// How many classes.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// Whether there are no classes (no people).
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

/// One value per pair of classes, with each person's class.
#[derive(Debug, Clone)]
pub struct ByClass<T> {
    /// The mentees' classes.
    pub mentees: Classes,
    /// The mentors' classes.
    pub mentors: Classes,
    /// `table[a * mentors.len() + b]`: the value of mentee class `a` with mentor class `b`.
    pub table: Box<[T]>,
}

impl<T: Copy> ByClass<T> {
    /// Scores every pair of classes with `value(first mentee, first mentor)`.
    pub fn score(mentees: Classes, mentors: Classes, value: impl Fn(usize, usize) -> T) -> Self {
        let mut table = Vec::with_capacity(mentees.len() * mentors.len());
        for &i in &mentees.first {
            table.extend(mentors.first.iter().map(|&j| value(i, j)));
        }
        ByClass {
            mentees,
            mentors,
            table: table.into(),
        }
    }

    /// The values of mentee `i`'s class, by mentor class.
    #[inline]
    pub fn row(&self, i: usize) -> &[T] {
        let width = self.mentors.len();
        let a = self.mentees.of[i] as usize;
        &self.table[a * width..(a + 1) * width]
    }
}

/// One criterion (or the distance) over every pair.
#[derive(Debug, Clone)]
pub enum Column<T> {
    /// Row-major by mentee.
    Pairs(Box<[T]>),
    /// A table by (mentee class, mentor class).
    Classes(ByClass<T>),
}

impl<T: Copy> Column<T> {
    /// The column of `by` in `layout` (decided: not [`Layout::Auto`]).
    pub fn laid_out(by: ByClass<T>, layout: Layout) -> Column<T> {
        if layout != Layout::Pairs {
            return Column::Classes(by);
        }
        let (n, m) = (by.mentees.of.len(), by.mentors.of.len());
        let mut pairs = Vec::with_capacity(n * m);
        for i in 0..n {
            let row = by.row(i);
            pairs.extend(by.mentors.of.iter().map(|&b| row[b as usize]));
        }
        Column::Pairs(pairs.into())
    }

    /// The value of mentee `i` with mentor `j`, of `mentors` mentors.
    #[inline]
    pub fn get(&self, i: usize, j: usize, mentors: usize) -> T {
        match self {
            Column::Pairs(v) => v[i * mentors + j],
            Column::Classes(c) => c.row(i)[c.mentors.of[j] as usize],
        }
    }

    /// Bytes held, for the memory estimate's tests.
    pub fn bytes(&self) -> usize {
        let size = std::mem::size_of::<T>();
        match self {
            Column::Pairs(v) => v.len() * size,
            Column::Classes(c) => {
                c.table.len() * size + 4 * (c.mentees.of.len() + c.mentors.of.len())
            }
        }
    }
}

/// A value that can be compared exactly (bit for bit, so NaN distances are equal).
pub trait Exact: Copy {
    /// Whether both are the same value, bit for bit.
    fn same(self, other: Self) -> bool;
}

impl Exact for u16 {
    fn same(self, other: Self) -> bool {
        self == other
    }
}

impl Exact for f32 {
    fn same(self, other: Self) -> bool {
        self.to_bits() == other.to_bits()
    }
}

fn same_values<T: Exact>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| x.same(y))
}

impl<T: Exact> Column<T> {
    /// Whether both columns hold the same values in the same layout, bit for bit.
    pub fn same(&self, other: &Column<T>) -> bool {
        match (self, other) {
            (Column::Pairs(a), Column::Pairs(b)) => same_values(a, b),
            (Column::Classes(a), Column::Classes(b)) => {
                a.mentees == b.mentees && a.mentors == b.mentors && same_values(&a.table, &b.table)
            }
            _ => false,
        }
    }
}

impl Column<u16> {
    /// `out[j] += factor · value(i, j)` over mentee `i`'s row (`out`: one entry per mentor),
    /// exactly for whole numbers; the same operations whichever the layout.
    #[inline]
    pub fn add_row(&self, i: usize, factor: f64, out: &mut [f64]) {
        match self {
            Column::Pairs(v) => {
                let m = out.len();
                add_scaled(out, &v[i * m..(i + 1) * m], factor);
            }
            Column::Classes(c) => add_gathered(out, c.row(i), &c.mentors.of, factor),
        }
    }
}

crate::solver::simd::multiversion! {
    /// `out[j] += factor · steps[j]`, exactly for whole numbers (see [`super::scoring`]).
    fn add_scaled(out: &mut [f64], steps: &[u16], factor: f64) = add_scaled_lanes;
}

#[inline(always)]
fn add_scaled_lanes(out: &mut [f64], steps: &[u16], factor: f64) {
    for (o, &s) in out.iter_mut().zip(steps) {
        *o += factor * f64::from(s);
    }
}

crate::solver::simd::multiversion! {
    /// `out[j] += factor · row[class[j]]`.
    fn add_gathered(out: &mut [f64], row: &[u16], class: &[u32], factor: f64) = add_gathered_lanes;
}

#[inline(always)]
fn add_gathered_lanes(out: &mut [f64], row: &[u16], class: &[u32], factor: f64) {
    for (o, &b) in out.iter_mut().zip(class) {
        *o += factor * f64::from(row[b as usize]);
    }
}
