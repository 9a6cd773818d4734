use super::*;

const K: usize = 5;

/// 40 mentees, 36 matched (mentee i to mentor i), the last 4 unmatched; the group is the first
/// 14, 12 of them matched.
fn base() -> Vec<Option<usize>> {
    (0..40).map(|i| (i < 36).then_some(i)).collect()
}

fn members() -> Vec<Vec<usize>> {
    vec![(0..12).chain(36..38).collect()]
}

/// `m` with mentees `who` given mentor 100 + i (another mentor; matched counts unchanged).
fn moved(m: &[Option<usize>], who: impl IntoIterator<Item = usize>) -> Vec<Option<usize>> {
    let mut m = m.to_vec();
    for i in who {
        m[i] = Some(100 + i);
    }
    m
}

fn step<'a>(m: &'a [Option<usize>], scores: &'a [f64]) -> Step<'a> {
    Step {
        whole: Whole {
            eligible: 40,
            matched: m.iter().flatten().count(),
        },
        groups: vec![Group {
            eligible: 14,
            matched: scores.len(),
            scores,
        }],
        mentor_of: m,
    }
}

/// The rule, the group's 12 pair scores, and the matching the room sees.
fn setup() -> (SmallCells, Vec<f64>, Vec<Option<usize>>) {
    let s = (0..12).map(|i| 50.0 + i as f64).collect();
    (SmallCells::new(K), s, base())
}

#[test]
fn who_changed_between_two_matchings() {
    let a = base();
    let mut b = moved(&a, [0, 20]);
    b[1] = None;
    b[37] = Some(7);
    let c = changed(&a, &b, &members()[0]);
    assert_eq!(
        c,
        Changed {
            in_group: 3,
            total: 4,
            status: 2
        }
    );
    assert_eq!(changed(&a, &a, &members()[0]).total, 0);
}

#[test]
fn a_step_few_moved_from_a_shown_one_shows_only_what_its_whole_gives() {
    let (cells, s, seen) = setup();
    // Far from what is seen: 6 of the group and 6 others moved.
    let far = moved(&seen, (0..6).chain(20..26));
    // One more of the group moved than at `far`: told apart from it, one person.
    let next = moved(&far, [6]);
    let steps = [step(&far, &s), step(&next, &s)];
    let rows = cells.series(&[&seen], &[&seen], &steps, &members());
    let full = cells.row(steps[0].whole, steps[0].groups[0]);
    assert!(full.is_some_and(|r| r.scores()));
    assert_eq!(rows[0][0], full, "the first step is far from what is seen");
    let second = rows[1][0].unwrap();
    assert!(
        !second.scores(),
        "one person apart from the first: {second:?}"
    );
    assert_eq!(second.counts, Some((14, Matched::AtLeast(10))));
    // Without the first step seen apart, the second one alone would show everything.
    let alone = cells.series(&[&seen], &[&seen], &steps[1..], &members());
    assert_eq!(alone[0][0], cells.row(steps[1].whole, steps[1].groups[0]));
}

#[test]
fn steps_far_apart_show_their_rows_and_a_step_equal_to_what_is_seen_too() {
    let (cells, s, seen) = setup();
    let a = moved(&seen, (0..6).chain(20..26));
    let b = moved(&a, (6..12).chain(26..32));
    let steps = [step(&seen, &s), step(&a, &s), step(&b, &s)];
    let rows = cells.series(&[&seen], &[&seen], &steps, &members());
    for (r, st) in rows.iter().zip(&steps) {
        assert_eq!(r[0], cells.row(st.whole, st.groups[0]));
        assert!(r[0].is_some_and(|r| r.scores()));
    }
}

#[test]
fn a_step_few_moved_from_what_is_seen_shows_only_the_bound() {
    let (cells, s, seen) = setup();
    let near = moved(&seen, [0, 1, 20]);
    let rows = cells.series(&[&seen], &[&seen], &[step(&near, &s)], &members());
    assert_eq!(rows[0][0].unwrap().counts, Some((14, Matched::AtLeast(10))));
    assert!(!rows[0][0].unwrap().scores());
    // A group too small stays `<k`; the full detail shows everything.
    let tiny = vec![vec![0, 1, 2]];
    let small = Step {
        groups: vec![Group {
            eligible: 3,
            matched: 3,
            scores: &s[..3],
        }],
        ..step(&near, &s)
    };
    assert_eq!(
        cells.series(&[&seen], &[&seen], std::slice::from_ref(&small), &tiny)[0][0],
        None
    );
    let full = SmallCells::full_detail();
    let rows = full.series(&[&seen], &[&seen], &[step(&near, &s)], &members());
    assert_eq!(
        rows[0][0],
        full.row(step(&near, &s).whole, step(&near, &s).groups[0])
    );
}

#[test]
fn an_exact_count_needs_k_of_the_group_and_k_others_among_those_who_gained_or_lost_a_pair() {
    let cells = SmallCells::new(K);
    let s: Vec<f64> = (0..7).map(|i| 50.0 + i as f64).collect();
    // 26 of 40 matched: 7 of the group's 14 and 7 others unmatched, so counts are exact.
    let seen: Vec<Option<usize>> = (0..40)
        .map(|i| (!(0..7).contains(&i) && !(20..27).contains(&i)).then_some(i))
        .collect();
    let at = |m| Step {
        whole: Whole {
            eligible: 40,
            matched: 26,
        },
        groups: vec![Group {
            eligible: 14,
            matched: 7,
            scores: &s,
        }],
        mentor_of: m,
    };
    // Two who changed mentor, no one who gained or lost a pair: the count, not the scores.
    let near = moved(&seen, [9, 29]);
    let r = cells.series(&[&seen], &[&seen], &[at(&near[..])], &members())[0][0].unwrap();
    assert_eq!(r.counts, Some((14, Matched::Exact(7))));
    assert!(!r.scores());
    // Far from what is seen by mentor (6 of the group, 6 others), but only 1 of the group
    // gains a pair and 1 loses one, as do 2 others: told apart, the counts would say who.
    let mut few = moved(&seen, (9..12).chain([36, 37]).chain(29..35));
    (few[0], few[8], few[20], few[28]) = (Some(50), None, Some(51), None);
    let alone = cells
        .row(at(&few[..]).whole, at(&few[..]).groups[0])
        .unwrap();
    assert!(alone.scores() && matches!(alone.counts, Some((14, Matched::Exact(7)))));
    let r = cells.series(&[&seen], &[&seen], &[at(&few[..])], &members())[0][0].unwrap();
    assert!(!r.scores());
    assert_eq!(r.counts, Some((14, Matched::AtLeast(0))));
    // 5 of the group and 5 others gaining a pair, as many of each losing one: told apart,
    // the counts differ by the group's gains less its losses, which says no one's group.
    let mut many = moved(&seen, (9..12).chain([36, 37]).chain(29..35));
    for i in 0..5 {
        many[i] = Some(60 + i);
        many[7 + i] = None;
        many[20 + i] = Some(70 + i);
        many[27 + i] = None;
    }
    let rows = cells.series(&[&seen], &[&seen], &[at(&many[..])], &members());
    assert_eq!(rows[0][0], Some(alone));
    // The 5 who gain all of the group, the 5 who lose all others: the difference would say so.
    let mut sorted = seen.clone();
    for i in 0..5 {
        sorted[i] = Some(60 + i);
        sorted[12 + i] = None;
    }
    let r = cells.series(&[&seen], &[&seen], &[at(&sorted[..])], &members())[0][0].unwrap();
    assert!(matches!(r.counts, Some((14, Matched::AtLeast(_)))), "{r:?}");
}
