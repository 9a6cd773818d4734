use super::*;
use crate::analysis::summary::{NO_IDENTITY, Summary, in_group};
use crate::criteria::geo::haversine_km;
use crate::embedded;
use crate::matching;
use crate::matching::engine::Engine;

#[test]
fn loads_and_worst_pair_on_the_sample() {
    let s = crate::analysis::testing::sample_solved(&embedded::fall_profile());
    let (pool, table, m) = (&s.pool, &s.table, &s.matching);
    let all = mentor_loads(m, &s.capacity);
    assert_eq!(all.iter().map(|l| l.load).sum::<usize>(), m.pairs.len());
    for l in &all {
        let mine = m.mentees_of(l.mentor);
        assert_eq!(l.load, mine.len());
        assert!(l.load as u32 <= l.capacity);
        match l.mean_score {
            None => assert!(mine.is_empty()),
            Some(s) => {
                let sum: f64 = mine.iter().map(|&i| m.pair_of(i).unwrap().score).sum();
                assert!((s - sum / mine.len() as f64).abs() < 1e-9);
            }
        }
    }
    let w = worst_pair(m).unwrap();
    assert!(m.pairs.iter().all(|p| p.score >= w.score));
    let summary = Summary::of(pool, table, m);
    assert_eq!(w.score, summary.stats.min);
    let none = Matching {
        pairs: vec![],
        ..m.clone()
    };
    assert!(worst_pair(&none).is_none());
}

/// Requested identities the mentor has, counted here without `Coverage`.
fn requests(pool: &Pool, mentee: usize, mentor: usize) -> (usize, usize) {
    let wanted = &pool.mentees[mentee].wants_shared;
    let has = &pool.mentors[mentor].identities;
    (
        wanted.iter().filter(|w| has.contains(w)).count(),
        wanted.len(),
    )
}

#[test]
fn group_rows_agree_with_the_summary_and_the_pairs() {
    let families = crate::criteria::specialty::builtin();
    for profile in [embedded::fall_profile(), embedded::pilot_profile()] {
        let s = crate::analysis::testing::sample_solved(&profile);
        let (pool, m) = (&s.pool, &s.matching);
        let summary = Summary::of(pool, &s.table, m);
        let rows = group_rows(pool, families, m);
        assert_eq!(rows.len(), summary.groups.len() + 1);
        assert_eq!(rows[0].name, ALL);
        assert_eq!(
            (rows[0].matched, rows[0].eligible),
            (m.pairs.len(), m.eligible)
        );
        assert!((rows[0].mean - summary.stats.mean).abs() < 1e-9);
        for r in &rows {
            let mine: Vec<&Pair> = m
                .pairs
                .iter()
                .filter(|p| r.name == ALL || in_group(pool, &r.name, p.mentee))
                .collect();
            if r.name != ALL {
                let s = &summary.groups[&r.name];
                assert_eq!(
                    (r.eligible, r.matched),
                    (s.eligible, s.matched),
                    "{}",
                    r.name
                );
                assert!(r.mean.is_nan() == s.mean.is_nan(), "{}", r.name);
                assert!(s.mean.is_nan() || (r.mean - s.mean).abs() < 1e-9);
            }
            // The worst pair is the group's own and none of its pairs scores lower.
            match r.worst {
                None => assert!(mine.is_empty()),
                Some(w) => {
                    assert!(mine.iter().any(|p| **p == w), "{}", r.name);
                    assert!(mine.iter().all(|p| p.score >= w.score), "{}", r.name);
                }
            }
            let (met, of) = mine.iter().fold((0, 0), |(a, b), p| {
                let (x, y) = requests(pool, p.mentee, p.mentor);
                (a + x, b + y)
            });
            assert_eq!(
                (r.identity_requests.met, r.identity_requests.of),
                (met, of),
                "{}",
                r.name
            );
        }
        assert!(rows.iter().any(|r| r.name == NO_IDENTITY));
        // Somebody asked for a shared identity, or the figure would test nothing.
        assert!(rows[0].identity_requests.of > 0);
    }
}

#[test]
fn a_small_group_is_suppressed_the_overall_row_never() {
    let s = crate::analysis::testing::sample_solved(&embedded::fall_profile());
    let families = crate::criteria::specialty::builtin();
    let rows = group_rows(&s.pool, families, &s.matching);
    let side = Side {
        measures: Measures::overall(&s.pool, families, &s.matching, &s.capacity, None),
        groups: rows.clone(),
        loads: Vec::new(),
    };
    let k = rows[1..].iter().map(|r| r.eligible).max().unwrap() + 1;
    let cells = SmallCells::new(k);
    let all = side.shown(cells, 0).unwrap();
    assert_eq!(
        all.lowest.map(|l| l.0),
        Some(1),
        "the overall row is the table's"
    );
    for (i, r) in rows.iter().enumerate().skip(1) {
        assert_eq!(side.shown(cells, i), None, "{}", r.name);
    }
    assert!(side.shown(SmallCells::new(rows[1].eligible), 1).is_some());
    for (i, r) in rows.iter().enumerate() {
        assert!(r.scores.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(r.scores.len(), r.matched);
        let shown = side.shown(SmallCells::new(2), i).filter(|_| i > 0);
        if let Some((n, low)) = shown.and_then(|s| s.lowest) {
            assert_eq!(n, 2);
            assert_eq!(low, (r.scores[0] + r.scores[1]) / 2.0);
        }
    }
}

#[test]
fn both_sides_of_an_overview_are_on_the_current_yardstick() {
    let engine = Engine::new(
        embedded::sample_pool(),
        crate::criteria::specialty::builtin().clone(),
    );
    let mut e = engine.clone();
    let base = e.evaluate(&embedded::pilot_profile()).unwrap();
    let now = e.evaluate(&embedded::fall_profile()).unwrap();
    let pool = &engine.pool;
    let o = Overview::of(pool, &base, &now);
    // The comparison's summaries are on the yardstick too: the overall rows agree with them.
    let c = Engine::compare(&base, &now);
    for (side, summary) in [(&o.baseline, &c.a), (&o.now, &c.b)] {
        let all = &side.groups[0];
        assert_eq!(
            (all.matched, all.eligible),
            (summary.matched, summary.eligible)
        );
        assert!((all.mean - summary.stats.mean).abs() < 1e-9);
        assert_eq!(all.worst.map(|w| w.score), Some(summary.stats.min));
        assert_eq!(side.measures.pool.matched, summary.matched);
        assert!(side.measures.groups.is_empty());
    }
    // A mentor with the same mentees on both sides has the same mean score on both.
    let same: Vec<usize> = (0..pool.mentors.len())
        .filter(|&j| now.matching.mentees_of(j) == base.matching.mentees_of(j))
        .filter(|&j| !now.matching.mentees_of(j).is_empty())
        .collect();
    assert!(!same.is_empty());
    for j in same {
        let (a, b) = (o.baseline.loads[j], o.now.loads[j]);
        assert!(
            (a.mean_score.unwrap() - b.mean_score.unwrap()).abs() < 1e-9,
            "{j}"
        );
    }
    // Capacity is each side's own; the in-person limit is the yardstick's (fall: 60 km).
    let limit = now.profile.constraints.in_person_max_km.unwrap();
    assert_ne!(base.profile.constraints.in_person_max_km, Some(limit));
    let within = base
        .matching
        .pairs
        .iter()
        .filter(|p| {
            let (a, b) = (
                pool.mentees[p.mentee].location,
                pool.mentors[p.mentor].location,
            );
            a.zip(b).is_some_and(|(a, b)| haversine_km(a, b) <= limit)
        })
        .count() as f64
        / base.matching.pairs.len() as f64;
    let got = o.baseline.measures.pool.within_in_person_km.unwrap();
    assert!((got - within).abs() < 1e-12, "{got} {within}");
    let idle = (0..pool.mentors.len())
        .filter(|&j| base.matching.mentees_of(j).is_empty())
        .count();
    assert_eq!(o.baseline.measures.mentors_idle, idle);
    assert_eq!(
        o.baseline
            .loads
            .iter()
            .map(|l| l.capacity)
            .collect::<Vec<_>>(),
        matching::capacities(pool, &base.profile)
    );
}
