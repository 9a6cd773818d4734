//! The linkage attack on the fairness view: the room steps through the curve's points (↓) and
//! reads every group row at each, beside the matches panel. It is given more than it sees at
//! once: each point's pairs and unmatched mentees as the matches panel lists them (as a room
//! that set each floor in turn and looked would know them), and the main screen's matching
//! with its groups view. Then it attacks
//!
//! - each point alone, with the attacks of the shared screen (`attack_tests`);
//! - every two of these matchings told apart: a group's matched count at two points differs by
//!   its members among those who gained a pair less those who lost one; its sum of scores (count
//!   × mean, up to the rounding shown) by its members' changes of score. The attacker tries
//!   every set of members among those who moved (when they are few) and claims what all the
//!   sets that fit agree on.
//!
//! It claims only what follows for certain. Under the room rule it must claim nothing, and
//! every two figures of a group it reads must differ over k or more of the group and of the
//! rest (or no one); with the rule switched off it must find people, and be right.

use std::collections::HashMap;

use dyad::analysis::fairness::Point;
use dyad::analysis::summary::group_names;
use dyad::matching::Reason;
use dyad::matching::engine::Engine;
use dyad::pool::Pool;
use dyad::privacy::SmallCells;
use dyad::profile::{Capacity, Profile};

use super::attack_tests::{
    Claim, GroupSeen, Seen, attack, count, generated, pools, random_seed, read_screen, true_of,
};
use crate::tui::action::Action;
use crate::tui::testkit::Harness;
use crate::tui::view::scores::groups::group_label;

/// The most movers between two matchings whose every subset the attacker tries.
const SUBSETS: usize = 12;

/// A matching the room knows in full: each listed mentee's mentor and score as shown, and
/// what it reads beside them.
struct Known {
    name: String,
    pairs: HashMap<String, (String, f64)>,
    seen: Seen,
}

fn engine(pool: &Pool) -> Engine {
    Engine::new(pool.clone(), dyad::criteria::specialty::builtin().clone())
}

/// The lists of a matching (each mentee's mentor), as the matches panel shows them: the pairs
/// with their scores, the unmatched among the `eligible`.
fn lists(
    pool: &Pool,
    mentor_of: &[Option<usize>],
    eligible: &[bool],
    score: &dyn Fn(usize, usize) -> f64,
) -> (HashMap<String, (String, f64)>, Seen) {
    let pairs: HashMap<String, (String, f64)> = (0..mentor_of.len())
        .filter_map(|i| {
            let j = mentor_of[i]?;
            let shown: f64 = format!("{:.1}", score(i, j)).parse().unwrap();
            let mentor = pool.mentors[j].id.clone();
            Some((pool.mentees[i].id.clone(), (mentor, shown)))
        })
        .collect();
    let seen = Seen {
        pairs: pairs
            .iter()
            .map(|(id, (_, s))| (id.clone(), format!("{s:.1}")))
            .collect(),
        unmatched: (0..mentor_of.len())
            .filter(|&i| eligible[i] && mentor_of[i].is_none())
            .map(|i| pool.mentees[i].id.clone())
            .collect(),
        eligible: eligible.iter().filter(|&&e| e).count(),
        matched: pairs.len(),
        ..Seen::default()
    };
    (pairs, seen)
}

/// What the fairness view shows of the point selected: its whole ("36 of 45 matched, total
/// 2821.8") and each group's figures, in the labels of the shared screen ("matched" as
/// "17/26" when exact, "mean score").
fn read_point(pool: &Pool, screen: &str) -> (usize, usize, f64, HashMap<String, GroupSeen>) {
    let whole = screen
        .lines()
        .find_map(|l| {
            let at = l.find(" matched, total ")?;
            let words: Vec<&str> = l[..at].split_whitespace().collect();
            let [.., m, "of", e] = words[..] else {
                return None;
            };
            let total = l[at + 16..].split_whitespace().next()?;
            Some((m.parse().ok()?, e.parse().ok()?, total.parse().ok()?))
        })
        .unwrap_or_else(|| panic!("the point's whole in\n{screen}"));
    let mut groups = HashMap::new();
    for name in group_names(pool) {
        let label = format!(" {} ", group_label(&name));
        let Some(row) = screen.lines().find_map(|l| l.split_once(&label)) else {
            continue;
        };
        let words: Vec<&str> = row
            .1
            .split('│')
            .next()
            .unwrap()
            .split_whitespace()
            .collect();
        let mut g = GroupSeen::default();
        if let [n, "of", e, ..] = words[..] {
            g.figures.push(("matched".into(), format!("{n}/{e}")));
        }
        if let Some(mean) = words.last().filter(|w| w.parse::<f64>().is_ok())
            && words.len() > 1
        {
            g.figures.push(("mean score".into(), mean.to_string()));
        }
        groups.insert(name, g);
    }
    (whole.0, whole.1, whole.2, groups)
}

/// The fall profile with one mentee per mentor (the seats are short on most pools).
fn short(capacity: Capacity) -> Profile {
    let mut p = dyad::embedded::fall_profile();
    p.constraints.mentor_capacity = capacity;
    p
}

/// Everything the room learns of `pool` under `profile` and `cells`: the main screen, then
/// every point of the fairness view stepped through; and the curve.
fn learn(pool: &Pool, profile: &Profile, cells: SmallCells) -> (Vec<Known>, Vec<Point>) {
    let mut h = Harness::with_pool(pool.clone());
    h.m.set_small_cells(cells);
    let fx = h.m.edit_profile(false, |p| *p = profile.clone());
    h.carry_out(fx);
    h.send(Action::ToggleGroups);
    let height = u16::try_from(pool.mentees.len() + 12).unwrap().max(60);
    let main = read_screen(pool, &h.screen(120, height));
    let r = h.m.solve.results.clone().unwrap();
    let m = &r.current.matching;
    let eligible: Vec<bool> = (0..pool.mentees.len())
        .map(|i| m.mentor_of[i].is_some() || m.reason_of(i) != Some(Reason::Ineligible))
        .collect();
    // A pair's score does not depend on the floor.
    let table = engine(pool).table(&profile.params);
    let score = |i: usize, j: usize| table.pair_score(i, j, &profile.weights);
    let (pairs, listed) = lists(pool, &m.mentor_of, &eligible, &score);
    let mut read: Vec<(String, String)> = main.pairs.clone();
    let mut want = listed.pairs.clone();
    read.sort();
    want.sort();
    assert_eq!(read, want, "every pair listed, with its score");
    let mut known = vec![Known {
        name: "the main screen".into(),
        pairs,
        seen: main,
    }];
    h.send(Action::OpenFairness);
    let curve = h.m.fairness.curve().expect("the curve").to_vec();
    for (i, p) in curve.iter().enumerate() {
        if i > 0 {
            h.send(Action::Down);
        }
        let Ok(o) = &p.outcome else { continue };
        let (pairs, mut seen) = lists(pool, &o.mentor_of, &eligible, &score);
        let (matched, eligible, total, groups) = read_point(pool, &h.screen(120, 40));
        assert_eq!((matched, eligible), (o.matched, o.eligible));
        assert_eq!((seen.matched, seen.eligible), (o.matched, o.eligible));
        seen.mean = (matched > 0).then(|| total / matched as f64);
        seen.groups = groups;
        let name = format!("the point {:?}", p.floor);
        known.push(Known { name, pairs, seen });
    }
    (known, curve)
}

/// Who moved between two matchings the room knows: (mentee, gained a pair, lost one, change
/// of score).
fn movers(a: &Known, b: &Known) -> Vec<(String, bool, bool, f64)> {
    let mut ids: Vec<&String> = a.pairs.keys().chain(b.pairs.keys()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| {
            let (x, y) = (a.pairs.get(id), b.pairs.get(id));
            let moved = x.map(|p| &p.0) != y.map(|p| &p.0);
            let score = |p: Option<&(String, f64)>| p.map_or(0.0, |p| p.1);
            moved.then(|| (id.clone(), x.is_none(), y.is_none(), score(y) - score(x)))
        })
        .collect()
}

/// A group's exact count and mean in what the room read.
fn figures(g: &GroupSeen) -> (Option<(usize, usize)>, Option<f64>) {
    let find = |label: &str| g.figures.iter().find(|f| f.0 == label).map(|f| &f.1);
    (
        find("matched").and_then(|t| count(t)),
        find("mean score").and_then(|t| t.parse().ok()),
    )
}

/// The claims from telling two known matchings apart, group by group.
fn apart(a: &Known, b: &Known) -> Vec<Claim> {
    let moved = movers(a, b);
    let mut claims = Vec::new();
    for (group, ga) in &a.seen.groups {
        let Some(gb) = b.seen.groups.get(group) else {
            continue;
        };
        let ((Some((ma, _)), mean_a), (Some((mb, _)), mean_b)) = (figures(ga), figures(gb)) else {
            continue;
        };
        let delta = mb as isize - ma as isize;
        let claim = |mentee: &str, member| Claim {
            mentee: mentee.to_string(),
            group: group.clone(),
            member,
        };
        let net = |set: &[&(String, bool, bool, f64)]| {
            set.iter()
                .map(|m| isize::from(m.1) - isize::from(m.2))
                .sum::<isize>()
        };
        let gained: Vec<&(String, bool, bool, f64)> = moved.iter().filter(|m| m.1).collect();
        let lost: Vec<&(String, bool, bool, f64)> = moved.iter().filter(|m| m.2).collect();
        if !(gained.is_empty() && lost.is_empty()) {
            if delta == net(&gained) {
                claims.extend(gained.iter().map(|m| claim(&m.0, true)));
                claims.extend(lost.iter().map(|m| claim(&m.0, false)));
            }
            if delta == net(&lost) {
                claims.extend(lost.iter().map(|m| claim(&m.0, true)));
                claims.extend(gained.iter().map(|m| claim(&m.0, false)));
            }
        }
        if moved.is_empty() || moved.len() > SUBSETS {
            continue;
        }
        // Every set of members among the movers that fits the count and, when both means are
        // read, the sum of scores (up to the rounding of the means and of the listed scores).
        let sums = mean_a.zip(mean_b).map(|(x, y)| {
            let diff = mb as f64 * y - ma as f64 * x;
            let slack = (ma + mb) as f64 * 0.05 + moved.len() as f64 * 0.1 + 1e-9;
            (diff, slack)
        });
        let fits: Vec<u32> = (0..1u32 << moved.len())
            .filter(|&set| {
                let inside: Vec<&(String, bool, bool, f64)> = moved
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| set >> i & 1 == 1)
                    .map(|(_, m)| m)
                    .collect();
                net(&inside) == delta
                    && sums.is_none_or(|(diff, slack)| {
                        (inside.iter().map(|m| m.3).sum::<f64>() - diff).abs() <= slack
                    })
            })
            .collect();
        if fits.is_empty() {
            continue;
        }
        for (i, m) in moved.iter().enumerate() {
            let ins = fits.iter().filter(|&&set| set >> i & 1 == 1).count();
            if ins == fits.len() {
                claims.push(claim(&m.0, true));
            } else if ins == 0 {
                claims.push(claim(&m.0, false));
            }
        }
    }
    claims
}

/// Every certain claim from what the room learned, each with where it came from.
fn claims(known: &[Known]) -> Vec<(String, Claim)> {
    let mut out = Vec::new();
    for (i, a) in known.iter().enumerate() {
        out.extend(attack(&a.seen).into_iter().map(|c| (a.name.clone(), c)));
        for b in &known[i + 1..] {
            let from = format!("{} told apart from {}", a.name, b.name);
            out.extend(apart(a, b).into_iter().map(|c| (from.clone(), c)));
        }
    }
    out
}

/// Every two figures of a group the room read at two matchings differ over k or more of the
/// group's eligible mentees and k or more others, or over no one: two means over those who
/// changed mentor, two exact counts over those who gained or lost a pair.
fn audit(pool: &Pool, known: &[Known], k: usize) -> Result<(), String> {
    for (i, a) in known.iter().enumerate() {
        for b in &known[i + 1..] {
            let moved = movers(a, b);
            for (group, ga) in &a.seen.groups {
                let Some(gb) = b.seen.groups.get(group) else {
                    continue;
                };
                let member = |id: &String| {
                    let m = pool.mentees.iter().find(|m| &m.id == id).unwrap();
                    m.identities.contains(group)
                };
                let (fa, fb) = (figures(ga), figures(gb));
                let counts = fa.0.is_some() && fb.0.is_some();
                let means = fa.1.is_some() && fb.1.is_some();
                for (told, label, over) in [
                    (
                        counts,
                        "counts",
                        moved.iter().filter(|m| m.1 || m.2).collect(),
                    ),
                    (means, "means", moved.iter().collect::<Vec<_>>()),
                ] {
                    let inside = over.iter().filter(|m| member(&m.0)).count();
                    let outside = over.len() - inside;
                    if told && !over.is_empty() && (inside < k || outside < k) {
                        return Err(format!(
                            "{group}: the {label} of {} and {} differ over {inside} of it and \
                             {outside} others",
                            a.name, b.name
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The pools of the shared screen's attack, one mentee per mentor, and a generated pool whose
/// mentors take what they said but are few.
fn cases() -> Vec<(String, Pool, Profile)> {
    let mut out: Vec<(String, Pool, Profile)> = pools()
        .into_iter()
        .map(|(n, p)| (n, p, short(Capacity::Fixed(1))))
        .collect();
    let seed = random_seed();
    out.push((
        format!("generated 120×25, seed {seed}"),
        generated(120, 25, seed),
        short(Capacity::FromData),
    ));
    out
}

#[test]
fn stepping_through_the_fairness_curve_tells_the_room_no_ones_group() {
    let cells = dyad::profile::settings::Settings::default().small_cells();
    let mut stepped = 0;
    for (name, pool, profile) in cases() {
        let (known, curve) = learn(&pool, &profile, cells);
        stepped += curve.len();
        let claims = claims(&known);
        assert!(claims.is_empty(), "{name}: the view gives away {claims:?}");
        if let Err(e) = audit(&pool, &known, cells.k()) {
            panic!("{name}: {e}");
        }
    }
    assert!(stepped > cases().len(), "the floors bind on some pools");
}

#[test]
fn without_the_rule_the_attacker_finds_people_on_the_curve_and_is_right() {
    let full = SmallCells::full_detail();
    let mut found = 0;
    // The small pools suffice to show that the attacker works.
    let small = cases().into_iter().filter(|c| c.1.mentees.len() <= 60);
    for (name, pool, profile) in small {
        let (known, _) = learn(&pool, &profile, full);
        for (from, c) in claims(&known) {
            assert!(
                true_of(&pool, &c),
                "{name}: a false claim {c:?} from {from}"
            );
            found += 1;
        }
    }
    assert!(found > 0);
    // On the sample, from the points alone (not the main screen's worst pairs).
    let sample = dyad::embedded::sample_pool();
    let (known, _) = learn(&sample, &short(Capacity::Fixed(1)), full);
    assert!(!claims(&known[1..]).is_empty());
}
