//! What a shared screen shows of a person (`privacy::disclosure`), on generated pools of every
//! size: whatever combination of quasi-identifiers it shows is shared by at least k people of the
//! same file, and people with the same quasi-identifiers are shown alike.

use std::collections::HashMap;
use std::path::Path;

use proptest::prelude::*;

use dyad::generate::generate;
use dyad::pool::LoadOptions;
use dyad::privacy::Disclosure;
use dyad::privacy::disclosure::{NOTHING, Shown};

fn pool(mentees: usize, mentors: usize, seed: u64) -> dyad::Pool {
    let g = generate(mentees, mentors, seed);
    dyad::pool::pool_from_csv(
        (Path::new("mentees.csv"), g.mentees_csv.as_bytes()),
        (Path::new("mentors.csv"), g.mentors_csv.as_bytes()),
        &LoadOptions::default(),
    )
    .unwrap()
}

/// Each combination shown, with how many people show it, and each full combination with the
/// one combination its people show.
fn check(shown: &[Shown], full: &[Shown], k: usize) -> Result<(), TestCaseError> {
    let mut count: HashMap<&Shown, usize> = HashMap::new();
    let mut as_shown: HashMap<&Shown, &Shown> = HashMap::new();
    for (s, f) in shown.iter().zip(full) {
        *count.entry(s).or_default() += 1;
        let first = as_shown.entry(f).or_insert(s);
        prop_assert_eq!(*first, s, "the same person shown two ways");
    }
    for (s, n) in count {
        prop_assert!(n >= k, "{:?} shown for {} people, k = {}", s, n, k);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn what_is_shown_is_shared_by_k_people(
        mentees in 1usize..160,
        mentors in 1usize..120,
        seed in any::<u64>(),
        k in 1usize..12,
    ) {
        let pool = pool(mentees, mentors, seed);
        let families = dyad::criteria::specialty::builtin();
        let d = Disclosure::of(&pool, families, k);
        let shown: Vec<Shown> = (0..pool.mentees.len()).map(|i| d.mentee(i).clone()).collect();
        let full: Vec<Shown> = pool.mentees.iter().map(|p| Shown::full(p)).collect();
        if pool.mentees.len() >= k {
            check(&shown, &full, k)?;
        } else {
            prop_assert!((0..pool.mentees.len()).all(|i| d.mentee_level(i) == NOTHING));
        }
        let shown: Vec<Shown> = (0..pool.mentors.len()).map(|j| d.mentor(j).clone()).collect();
        let full: Vec<Shown> = pool.mentors.iter().map(|p| Shown::full(p)).collect();
        if pool.mentors.len() >= k {
            check(&shown, &full, k)?;
        }
        // k = 1 shows everyone whole.
        let all = Disclosure::of(&pool, families, 1);
        for (i, m) in pool.mentees.iter().enumerate() {
            prop_assert_eq!(all.mentee(i).clone(), Shown::full(m));
        }
    }
}

#[test]
fn a_large_pool_shows_more_than_a_small_one() {
    // With thousands of people most share a generalised combination with k others well before
    // everything is hidden; the ladder does not throw detail away for nothing.
    let families = dyad::criteria::specialty::builtin();
    let big = pool(3000, 10, 5);
    let d = Disclosure::of(&big, families, 5);
    let shown_specialty = (0..big.mentees.len())
        .filter(|&i| d.mentee(i).specialty.is_some())
        .count();
    assert!(shown_specialty * 2 > big.mentees.len(), "{shown_specialty}");
}
