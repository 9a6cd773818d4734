//! `dyad::analysis::robustness`: chunked runs equal one run, draws shared among threads give
//! the same figures as one thread, no spread keeps every pair, the council's ranges are the
//! members' lowest and highest weights, and kept shares match cold solves of the same draws.

use dyad::analysis::council::Member;
use dyad::analysis::robustness::{Robustness, WeightRanges};
use dyad::criteria::specialty;
use dyad::embedded;
use dyad::matching::{self, engine::Engine};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn engine() -> Engine {
    Engine::new(embedded::sample_pool(), specialty::builtin().clone())
}

#[test]
fn chunks_give_the_same_figures_as_one_run() {
    let mut e = engine();
    let p = embedded::fall_profile();
    let ranges = WeightRanges::around(&p.weights, 0.2);
    let mut one = Robustness::new(&mut e, &p, ranges, 5).unwrap();
    one.run(60).unwrap();
    let mut chunked = Robustness::new(&mut e, &p, ranges, 5).unwrap();
    for n in [1, 20, 39] {
        chunked.run(n).unwrap();
    }
    assert_eq!(chunked.samples(), 60);
    assert_eq!(one.kept(), chunked.kept());
    assert_eq!(one.mentees(), chunked.mentees());
    // Another seed draws other weights.
    let mut other = Robustness::new(&mut e, &p, ranges, 6).unwrap();
    other.run(60).unwrap();
    assert_ne!(one.kept(), other.kept());
}

#[test]
fn any_number_of_threads_gives_the_figures_of_one() {
    let mut e = engine();
    let p = embedded::fall_profile();
    let ranges = WeightRanges::around(&p.weights, 0.25);
    let mut serial = Robustness::new(&mut e, &p, ranges, 11)
        .unwrap()
        .with_threads(1);
    serial.run(70).unwrap();
    assert_eq!(serial.threads(), 1);
    assert!(
        serial.kept().iter().any(|k| k.kept < 1.0),
        "a spread of 0.25 moves some pair, so the threads have something to disagree on"
    );
    for threads in [2, 3, 8] {
        let mut parallel = Robustness::new(&mut e, &p, ranges, 11)
            .unwrap()
            .with_threads(threads);
        // Chunks smaller and larger than the number of threads, and uneven slices.
        for n in [1, 2, 30, 37] {
            parallel.run(n).unwrap();
        }
        assert_eq!(parallel.threads(), threads);
        assert_eq!(parallel.samples(), serial.samples());
        assert_eq!(parallel.kept(), serial.kept(), "{threads} threads");
        assert_eq!(parallel.mentees(), serial.mentees(), "{threads} threads");
    }
}

#[test]
fn the_default_threads_are_at_least_one_and_at_most_the_cap() {
    use dyad::analysis::robustness::{MAX_THREADS, default_threads};
    for pairs in [0, 1_000, 1_000_000, usize::MAX] {
        let t = default_threads(pairs);
        assert!((1..=MAX_THREADS).contains(&t), "{pairs} pairs: {t}");
    }
    // A pool whose sessions cannot fit twice gets one thread.
    assert_eq!(default_threads(usize::MAX), 1);
}

/// A budget the pool's matching just fits leaves no room for a second session; room for many
/// leaves the count to the cores and the free memory; no budget is the default.
#[test]
fn the_threads_stay_within_the_memory_budget() {
    use dyad::analysis::robustness::{default_threads, threads_for_budget};
    use dyad::matching::memory::need;
    let (mentees, mentors) = (2000, 1500);
    let pairs = mentees * mentors;
    let fits = need(mentees, mentors);
    assert_eq!(threads_for_budget(mentees, mentors, Some(fits)), 1);
    assert_eq!(threads_for_budget(mentees, mentors, Some(fits / 2)), 1);
    // Room for exactly one more session (17 bytes a pair).
    let two = fits + 17 * pairs as u64;
    assert_eq!(
        threads_for_budget(mentees, mentors, Some(two)),
        default_threads(pairs).min(2)
    );
    assert_eq!(
        threads_for_budget(mentees, mentors, Some(u64::MAX)),
        default_threads(pairs)
    );
    assert_eq!(
        threads_for_budget(mentees, mentors, None),
        default_threads(pairs)
    );
}

#[test]
fn without_spread_every_pair_is_kept() {
    let mut e = engine();
    let p = embedded::pilot_profile();
    let mut r = Robustness::new(&mut e, &p, WeightRanges::around(&p.weights, 0.0), 1).unwrap();
    r.run(5).unwrap();
    assert!(!r.kept().is_empty());
    assert!(r.kept().iter().all(|k| k.kept == 1.0));
    assert!(r.mentees().iter().all(|m| m.mentors <= 1));
}

#[test]
fn kept_shares_count_cold_solves_of_the_same_draws() {
    let mut e = engine();
    let p = embedded::fall_profile();
    let ranges = WeightRanges::around(&p.weights, 0.3);
    let mut r = Robustness::new(&mut e, &p, ranges, 9).unwrap();
    r.run(25).unwrap();
    // The same stream, drawn here and solved cold.
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let table = e.table(&p.params);
    let base = matching::solve(&e.pool, &table, &p).unwrap();
    let mut kept = vec![0usize; base.pairs.len()];
    for _ in 0..25 {
        let mut q = p.clone();
        q.weights = ranges.draw(&mut rng);
        let m = matching::solve(&e.pool, &table, &q).unwrap();
        for (k, pair) in base.pairs.iter().enumerate() {
            kept[k] += usize::from(m.mentor_of[pair.mentee] == Some(pair.mentor));
        }
    }
    let got: Vec<f64> = r.kept().iter().map(|k| k.kept).collect();
    let want: Vec<f64> = kept.iter().map(|&k| k as f64 / 25.0).collect();
    assert_eq!(got, want);
    assert!(
        got.iter().any(|&k| k < 1.0),
        "a spread of 0.3 moves some pair"
    );
}

#[test]
fn council_ranges_are_the_members_lowest_and_highest() {
    let mut a = embedded::fall_profile();
    let mut b = embedded::pilot_profile();
    a.weights[0] = 0.2;
    b.weights[0] = 0.9;
    let members = vec![
        Member {
            label: "a".into(),
            profile: a.clone(),
        },
        Member {
            label: "b".into(),
            profile: b.clone(),
        },
    ];
    let r = WeightRanges::of_council(&members);
    assert_eq!(r.0[0], (0.2, 0.9));
    for k in 0..r.0.len() {
        let (lo, hi) = r.0[k];
        assert_eq!(lo, a.weights[k].min(b.weights[k]));
        assert_eq!(hi, a.weights[k].max(b.weights[k]));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for _ in 0..100 {
        let w = r.draw(&mut rng);
        assert!(w.iter().zip(&r.0).all(|(w, (lo, hi))| lo <= w && w <= hi));
    }
}
