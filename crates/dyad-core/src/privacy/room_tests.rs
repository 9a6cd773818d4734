use super::*;

fn scores(n: usize) -> Vec<f64> {
    (0..n).map(|i| 40.0 + i as f64).collect()
}

const K: usize = 5;

fn cells() -> SmallCells {
    SmallCells::new(K)
}

#[test]
fn a_group_or_its_rest_under_k_is_not_shown() {
    let whole = Whole {
        eligible: 30,
        matched: 30,
    };
    let s = scores(30);
    let g = |eligible| Group {
        eligible,
        matched: eligible,
        scores: &s[..eligible],
    };
    assert_eq!(cells().row(whole, g(4)), None);
    assert_eq!(cells().row(whole, g(26)), None, "a rest of 4");
    assert_eq!(
        cells().row(whole, g(30)),
        None,
        "a rest of no one: everyone is in it"
    );
    assert!(cells().row(whole, g(5)).is_some());
    assert!(cells().row(whole, g(25)).is_some());
}

#[test]
fn no_extreme_the_mean_of_the_k_lowest_instead() {
    let whole = Whole {
        eligible: 40,
        matched: 40,
    };
    let s = scores(10);
    let shown = cells()
        .row(
            whole,
            Group {
                eligible: 10,
                matched: 10,
                scores: &s,
            },
        )
        .unwrap();
    assert_eq!(shown.counts.unwrap().1, Matched::Exact(10));
    assert_eq!(shown.lowest, Some((5, 42.0)));
    assert_eq!(shown.mean, Some(44.5));
    let full = SmallCells::full_detail().row(
        whole,
        Group {
            eligible: 10,
            matched: 10,
            scores: &s,
        },
    );
    assert_eq!(full.unwrap().lowest, Some((1, 40.0)));
}

#[test]
fn unmatched_counts_that_split_the_list_under_k_are_a_bound() {
    let s = scores(20);
    let group = |matched| Group {
        eligible: 20,
        matched,
        scores: &s[..matched],
    };
    // One listed unmatched mentee: whether they are in the group is not told.
    let one = Whole {
        eligible: 60,
        matched: 59,
    };
    for m in [19, 20] {
        assert_eq!(
            cells().row(one, group(m)).unwrap().counts.unwrap().1,
            Matched::AtLeast(19)
        );
    }
    // Twelve listed: 5 in the group and 7 out are both k or more; 4 in or 8 in are not.
    let twelve = Whole {
        eligible: 60,
        matched: 48,
    };
    assert_eq!(
        cells().row(twelve, group(15)).unwrap().counts.unwrap().1,
        Matched::Exact(15)
    );
    for m in [16, 12] {
        assert_eq!(
            cells().row(twelve, group(m)).unwrap().counts.unwrap().1,
            Matched::AtLeast(8)
        );
    }
    // No one unmatched: nothing to split.
    let none = Whole {
        eligible: 60,
        matched: 60,
    };
    assert_eq!(
        cells().row(none, group(20)).unwrap().counts.unwrap().1,
        Matched::Exact(20)
    );
}

#[test]
fn scores_need_k_pairs_in_the_group_and_k_outside_it() {
    let s = scores(40);
    let whole = Whole {
        eligible: 44,
        matched: 44,
    };
    let g = |n| Group {
        eligible: n,
        matched: n,
        scores: &s[..n],
    };
    assert!(cells().row(whole, g(39)).unwrap().scores(), "a rest of 5");
    // Four of the group unmatched, one listed: the bound lets the room take the whole group as
    // matched, and then the rest of the matched would be 4 people.
    let whole = Whole {
        eligible: 45,
        matched: 41,
    };
    let shown = cells()
        .row(
            whole,
            Group {
                eligible: 40,
                matched: 36,
                scores: &s[..36],
            },
        )
        .unwrap();
    assert_eq!(shown.counts.unwrap().1, Matched::AtLeast(36));
    assert!(!shown.scores());
    assert_eq!(shown.lowest, None);
    // Six in the group, one listed unmatched: scores shown only if 5 of the 6 are matched would
    // tell the room whether the listed mentee is in the group.
    let whole = Whole {
        eligible: 45,
        matched: 44,
    };
    for matched in [5, 6] {
        let g = Group {
            eligible: 6,
            matched,
            scores: &s[..matched],
        };
        let shown = cells().row(whole, g).unwrap();
        assert_eq!(shown.counts.unwrap().1, Matched::AtLeast(5));
        assert!(!shown.scores());
    }
    let g = Group {
        eligible: 7,
        matched: 7,
        scores: &s[..7],
    };
    assert!(
        cells().row(whole, g).unwrap().scores(),
        "at least 6 matched"
    );
}

#[test]
fn the_baseline_shows_changes_only_over_k_changed_on_both_sides() {
    let s = scores(20);
    let whole = Whole {
        eligible: 60,
        matched: 50,
    };
    let g = Group {
        eligible: 20,
        matched: 15,
        scores: &s[..15],
    };
    let now = cells().row(whole, g).unwrap();
    assert_eq!(now.counts.unwrap().1, Matched::Exact(15));
    let same = Changed {
        in_group: 0,
        total: 0,
        status: 0,
    };
    assert_eq!(cells().baseline_row(whole, g, same), Some(now));
    let few = Changed {
        in_group: 2,
        total: 12,
        status: 0,
    };
    assert!(!cells().changes(few));
    let b = cells().baseline_row(whole, g, few).unwrap();
    assert_eq!(
        b.counts, now.counts,
        "no one's status changed: the counts are the same"
    );
    assert!(!b.scores());
    let moved = Changed { status: 1, ..few };
    assert_eq!(cells().baseline_row(whole, g, moved), None);
    let many = Changed {
        in_group: 5,
        total: 12,
        status: 3,
    };
    assert!(cells().changes(many));
    let b = cells().baseline_row(whole, g, many).unwrap();
    assert_eq!(b.counts, None);
    assert!(b.scores());
    assert!(SmallCells::full_detail().changes(few));
    assert_eq!(
        SmallCells::full_detail()
            .baseline_row(whole, g, moved)
            .unwrap()
            .counts,
        Some((20, Matched::Exact(15)))
    );
}
