//! An attacker who plays the room: given only what the shared screen (a TestBackend buffer) or
//! the decision record (its HTML) shows, it tries to tell a listed mentee's identity group:
//!
//! - the extremes attack: a group figure that is one person's score (a worst pair), equal to
//!   exactly one listed pair's score, puts that pair's mentee in the group;
//! - the differences attacks: a group's eligible − matched against the listed unmatched mentees
//!   (all of them in the group, or none), and the row of all mentees less a group's row when
//!   the rest is one matched mentee (their score, if one listed pair has it, puts them outside)
//!   or no one (every matched mentee is in the group).
//!
//! It claims only what follows for certain from what it read. Under the room rule it must claim
//! nothing on generated pools of several sizes and seeds and on pools built to be nasty; with
//! the rule switched off (the coordinator's full detail) it must find people, and be right.

use std::collections::HashMap;

use dyad::analysis::summary::{NO_IDENTITY, group_names};
use dyad::embedded;
use dyad::pool::Pool;
use dyad::pool::{LoadOptions, pool_from_csv};
use dyad::privacy::SmallCells;
use dyad::report::build::{Decision, RecordInputs};

use crate::tui::action::Action;
use crate::tui::testkit::Harness;
use crate::tui::view::scores::groups::group_label;

/// A certain inference: this mentee is (or is not) in this group.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Claim {
    pub(super) mentee: String,
    pub(super) group: String,
    pub(super) member: bool,
}

/// What the room reads of one group: its figures now, by row label.
#[derive(Debug, Default, Clone)]
pub(super) struct GroupSeen {
    pub(super) figures: Vec<(String, String)>,
}

/// What the room reads: the listed pairs (mentee, score as shown), the listed unmatched
/// eligible mentees, the overall figures and each group's, by group name.
#[derive(Debug, Default)]
pub(super) struct Seen {
    pub(super) pairs: Vec<(String, String)>,
    pub(super) unmatched: Vec<String>,
    pub(super) eligible: usize,
    pub(super) matched: usize,
    pub(super) mean: Option<f64>,
    pub(super) groups: HashMap<String, GroupSeen>,
}

/// "44/45" → (44, 45); a bound ("≥10/11") or a hidden count is not a count.
pub(super) fn count(text: &str) -> Option<(usize, usize)> {
    let (m, e) = text.split_once('/')?;
    Some((m.parse().ok()?, e.parse().ok()?))
}

/// Whether a row of figures is one person's: anything but the counts, the means over the
/// group's pairs (a mean of n ≥ 2 lowest included) and the share of requests met.
fn extreme(label: &str) -> bool {
    let label = label.trim().to_lowercase();
    if [
        "matched",
        "mean score",
        "shared id. met",
        "eligible",
        "mean",
    ]
    .contains(&label.as_str())
    {
        return false;
    }
    let n_lowest = label
        .split([' ', ','])
        .find_map(|w| w.parse::<usize>().ok());
    let means = label.starts_with("mean") && label.contains("low");
    !(means && n_lowest.is_some_and(|n| n >= 2))
}

/// Every certain claim the attacks make from what was seen.
pub(super) fn attack(seen: &Seen) -> Vec<Claim> {
    let mut claims = Vec::new();
    let listed = seen.eligible - seen.matched;
    // The listed unmatched are the eligible unmatched only when as many as the overall count.
    let list_known = seen.unmatched.len() == listed;
    for (group, g) in &seen.groups {
        let claim = |mentee: &str, member| Claim {
            mentee: mentee.to_string(),
            group: group.clone(),
            member,
        };
        let mut exact = None;
        let mut mean = None;
        for (label, now) in &g.figures {
            if label == "matched" {
                exact = count(now);
            } else if label == "mean score" {
                mean = now.parse::<f64>().ok();
            } else if extreme(label) && now.parse::<f64>().is_ok() {
                let at: Vec<&(String, String)> =
                    seen.pairs.iter().filter(|p| &p.1 == now).collect();
                if let [one] = at[..] {
                    claims.push(claim(&one.0, true));
                }
            }
        }
        let Some((m, e)) = exact else { continue };
        let x = e - m;
        if list_known && listed > 0 && (x == listed || x == 0) {
            claims.extend(seen.unmatched.iter().map(|u| claim(u, x > 0)));
        }
        let rest = seen.matched.checked_sub(m);
        if rest == Some(0) && m > 0 {
            claims.extend(seen.pairs.iter().map(|p| claim(&p.0, true)));
        }
        if let (Some(1), Some(all), Some(mine)) = (rest, seen.mean, mean) {
            // The one matched mentee outside the group scores the overall sum less the group's,
            // up to the rounding of the two means.
            let at = seen.matched as f64 * all - m as f64 * mine;
            let slack = (seen.matched + m) as f64 * 0.05 + 1e-9;
            let near: Vec<&(String, String)> = seen
                .pairs
                .iter()
                .filter(|p| p.1.parse::<f64>().is_ok_and(|s| (s - at).abs() <= slack))
                .collect();
            if let [one] = near[..] {
                claims.push(claim(&one.0, false));
            }
        }
    }
    claims.sort_by(|a, b| (&a.mentee, &a.group).cmp(&(&b.mentee, &b.group)));
    claims.dedup();
    claims
}

/// Whether a claim is true of the pool (so the attacker is sound).
pub(super) fn true_of(pool: &Pool, c: &Claim) -> bool {
    let m = pool.mentees.iter().find(|m| m.id == c.mentee).unwrap();
    let member = if c.group == NO_IDENTITY {
        m.identities.is_empty()
    } else {
        m.identities.contains(&c.group)
    };
    member == c.member
}

// ---------------------------------------------------------------------------------------------
// Reading the shared screen
// ---------------------------------------------------------------------------------------------

/// The label of a figure row and its cells: the label runs to the first two spaces.
fn split_row(line: &str) -> (String, Vec<String>) {
    match line.find("  ") {
        Some(at) => (
            line[..at].trim().to_string(),
            line[at..].split_whitespace().map(String::from).collect(),
        ),
        None => (line.trim().to_string(), Vec::new()),
    }
}

/// The mentee a table cell names: whole, or `…` and the end only one of them has.
fn whole_id(pool: &Pool, cell: &str) -> String {
    let end = cell.strip_prefix('…').unwrap_or(cell);
    let ids: Vec<&String> = pool
        .mentees
        .iter()
        .map(|m| &m.id)
        .filter(|id| id.ends_with(end))
        .collect();
    assert_eq!(ids.len(), 1, "{cell} names one mentee");
    ids[0].clone()
}

/// What the room reads of the main screen with the groups view shown, tall enough for every
/// pair to be listed.
pub(super) fn read_screen(pool: &Pool, screen: &str) -> Seen {
    let labels: HashMap<String, String> = group_names(pool)
        .into_iter()
        .map(|n| (group_label(&n), n))
        .collect();
    let mut seen = Seen::default();
    let mut group: Option<String> = None;
    let mut done = false;
    for line in screen.lines() {
        let panels: Vec<&str> = line.split('│').collect();
        if panels.len() < 6 {
            continue;
        }
        let (table, groups) = (panels[3], panels[5]);
        let words: Vec<&str> = table.split_whitespace().collect();
        if let Some(at) = words
            .iter()
            .position(|w| w.starts_with("ME-") || w.starts_with('…'))
        {
            let mentee = whole_id(pool, words[at]);
            match words.get(at + 1) {
                Some(&"—") if !table.contains("ineligible") => seen.unmatched.push(mentee),
                Some(&"—") => {}
                Some(_) => {
                    if let Some(s) = words.get(at + 2) {
                        seen.pairs.push((mentee, s.to_string()));
                    }
                }
                None => {}
            }
        }
        let text = groups.trim_end();
        if done || text.trim().is_empty() {
            done |= group.is_some() && text.trim().is_empty();
            continue;
        }
        let (label, cells) = split_row(text);
        if label == "All mentees" {
            group = Some("all".into());
        } else if let Some(name) = labels.get(&label) {
            group = Some(name.clone());
            seen.groups.entry(name.clone()).or_default();
        } else if let (Some(g), Some(now)) = (&group, cells.first()) {
            if g == "all" {
                match label.as_str() {
                    "matched" => {
                        let (m, e) = count(now).expect("the overall count is exact");
                        (seen.matched, seen.eligible) = (m, e);
                    }
                    "mean score" => seen.mean = now.parse().ok(),
                    _ => {}
                }
            } else {
                let g = seen.groups.get_mut(g).unwrap();
                g.figures.push((label, now.clone()));
            }
        }
    }
    seen
}

/// The claims the room can make from the shared screen of `pool`, under `cells`.
fn screen_claims(pool: &Pool, cells: SmallCells) -> Vec<Claim> {
    let mut h = Harness::with_pool(pool.clone());
    h.m.set_small_cells(cells);
    h.send(Action::ToggleGroups);
    let height = u16::try_from(pool.mentees.len() + 12).unwrap().max(60);
    let screen = h.screen(120, height);
    let seen = read_screen(pool, &screen);
    assert!(!seen.groups.is_empty(), "{screen}");
    let r = h.m.solve.results.clone().unwrap();
    assert_eq!(seen.matched, r.current.matching.pairs.len(), "{screen}");
    assert_eq!(
        seen.pairs.len(),
        seen.matched,
        "every pair listed\n{screen}"
    );
    attack(&seen)
}

// ---------------------------------------------------------------------------------------------
// Reading the decision record
// ---------------------------------------------------------------------------------------------

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of each cell (`<td>`, `<th>`) of an HTML table row, tags removed.
fn cells(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(at) = rest.find("<t") {
        let tag = &rest[at + 2..];
        if !(tag.starts_with('d') || tag.starts_with('h')) {
            rest = &rest[at + 2..];
            continue;
        }
        let open = tag.find('>').unwrap() + 1;
        let end = tag.find("</t").unwrap();
        let mut text = String::new();
        let mut inside = false;
        for c in tag[open..end].chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => text.push(c),
                _ => {}
            }
        }
        out.push(unescape(text.trim()));
        rest = &tag[end..];
    }
    out
}

/// The rows of the first table after `anchor` in an HTML page.
fn table_after(html: &str, anchor: &str) -> Vec<Vec<String>> {
    let at = html.find(anchor).expect("the section is in the record");
    let start = at + html[at..].find("<table").unwrap();
    let end = start + html[start..].find("</table>").unwrap();
    html[start..end]
        .split("<tr")
        .skip(1)
        .map(cells)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The claims the room can make from the decision record of the sample profiles on `pool`,
/// with the pairs and the unmatched the shared screen lists.
fn record_claims(pool: &Pool, cells_rule: SmallCells) -> Vec<Claim> {
    let h = Harness::with_pool(pool.clone());
    let r = h.m.solve.results.clone().unwrap();
    let inputs = RecordInputs {
        pool,
        current: Decision {
            evaluation: &r.current,
            file: Some("fall-2023.toml"),
        },
        baseline: Some(Decision {
            evaluation: &r.baseline,
            file: Some("pilot-2023.toml"),
        }),
        council: None,
        fingerprints: Vec::new(),
        generated: "2026-01-01T00:00:00Z".into(),
        cells: cells_rule,
    };
    let html = dyad::report::html::render(&dyad::report::build::build(&inputs).unwrap());
    let rows = table_after(&html, "id=\"equity-h\"");
    let head = &rows[0];
    let names: HashMap<String, String> = group_names(pool)
        .into_iter()
        .map(|n| {
            let shown = if n == NO_IDENTITY {
                "none listed".to_string()
            } else {
                n.clone()
            };
            (shown, n)
        })
        .collect();
    let m = &r.current.matching;
    let mut seen = Seen {
        pairs: m
            .pairs
            .iter()
            .map(|p| (pool.mentees[p.mentee].id.clone(), format!("{:.1}", p.score)))
            .collect(),
        unmatched: m
            .unmatched
            .iter()
            .filter(|(_, why)| *why != dyad::matching::Reason::Ineligible)
            .map(|(i, _)| pool.mentees[*i].id.clone())
            .collect(),
        eligible: m.eligible,
        matched: m.pairs.len(),
        mean: Some(
            format!("{:.1}", r.current.summary.stats.mean)
                .parse()
                .unwrap(),
        ),
        groups: HashMap::new(),
    };
    for row in &rows[1..] {
        let name = names.get(&row[0]).expect("a group the pool has").clone();
        let mut g = GroupSeen::default();
        let eligible = &row[head.iter().position(|h| h == "eligible").unwrap()];
        for (h, cell) in head.iter().zip(row).skip(1) {
            if h.starts_with("baseline") || h.ends_with("change") || h == "eligible" {
                continue;
            }
            let (label, text) = match h.as_str() {
                "matched" => ("matched".to_string(), format!("{cell}/{eligible}")),
                "mean score" => ("mean score".to_string(), cell.clone()),
                other => (other.to_string(), cell.clone()),
            };
            g.figures.push((label, text));
        }
        seen.groups.insert(name, g);
    }
    attack(&seen)
}

// ---------------------------------------------------------------------------------------------
// The pools
// ---------------------------------------------------------------------------------------------

pub(super) fn generated(mentees: usize, mentors: usize, seed: u64) -> Pool {
    let g = dyad::generate::generate(mentees, mentors, seed);
    pool_from_csv(
        (
            std::path::Path::new("mentees.csv"),
            g.mentees_csv.as_bytes(),
        ),
        (
            std::path::Path::new("mentors.csv"),
            g.mentors_csv.as_bytes(),
        ),
        &LoadOptions::default(),
    )
    .unwrap()
}

/// A seed of its own each run (printed when a test fails).
pub(super) fn random_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(0u8)
}

/// Pools built to be nasty: one person per group; everyone unmatched but one; every score
/// tied; a group of everyone but two.
pub(super) fn nasty() -> Vec<(&'static str, Pool)> {
    let sample = embedded::sample_pool();
    let mut one_each = sample.clone();
    for (i, m) in one_each.mentees.iter_mut().enumerate() {
        m.person.identities = match i {
            0 => vec!["woman".into()],
            1 => vec!["urm".into()],
            2 => vec!["img".into()],
            3 => vec!["lgbtq".into()],
            _ => Vec::new(),
        };
        m.wants_shared.clear();
    }
    let mut one_matched = sample.clone();
    one_matched.mentors.truncate(1);
    one_matched.mentors[0].capacity = 1;
    let mut tied = sample.clone();
    let (me, mr) = (tied.mentees[0].clone(), tied.mentors[0].clone());
    for m in tied.mentees.iter_mut() {
        *m = dyad::pool::Mentee {
            person: dyad::pool::Person {
                id: m.id.clone(),
                identities: m.identities.clone(),
                ..me.person.clone()
            },
            ..me.clone()
        };
    }
    for m in tied.mentors.iter_mut() {
        *m = dyad::pool::Mentor {
            person: dyad::pool::Person {
                id: m.id.clone(),
                ..mr.person.clone()
            },
            ..mr.clone()
        };
    }
    let mut all_but_two = sample.clone();
    for (i, m) in all_but_two.mentees.iter_mut().enumerate() {
        m.person.identities = if i < 2 {
            Vec::new()
        } else {
            vec!["woman".into()]
        };
    }
    vec![
        ("one person per group", one_each),
        ("everyone unmatched but one", one_matched),
        ("every score tied", tied),
        ("a group of all but two", all_but_two),
    ]
}

pub(super) fn pools() -> Vec<(String, Pool)> {
    let seed = random_seed();
    let mut out: Vec<(String, Pool)> = vec![("the sample".into(), embedded::sample_pool())];
    for (n, m, s) in [
        (12, 9, 7),
        (30, 24, 11),
        (60, 45, seed),
        (150, 110, seed ^ 1),
    ] {
        out.push((format!("generated {n}×{m}, seed {s}"), generated(n, m, s)));
    }
    out.extend(nasty().into_iter().map(|(n, p)| (n.to_string(), p)));
    out
}

#[test]
fn the_room_learns_no_ones_group_from_the_shared_screen_or_the_record() {
    let cells = dyad::profile::settings::Settings::default().small_cells();
    for (name, pool) in pools() {
        let claims = screen_claims(&pool, cells);
        assert!(
            claims.is_empty(),
            "{name}: the screen gives away {claims:?}"
        );
        let claims = record_claims(&pool, cells);
        assert!(
            claims.is_empty(),
            "{name}: the record gives away {claims:?}"
        );
    }
}

#[test]
fn without_the_rule_the_attacker_finds_people_and_is_right() {
    let full = SmallCells::full_detail();
    let mut found = 0;
    for (name, pool) in pools() {
        for claims in [screen_claims(&pool, full), record_claims(&pool, full)] {
            for c in &claims {
                assert!(true_of(&pool, c), "{name}: a false claim {c:?}");
            }
            found += claims.len();
        }
    }
    assert!(found > 0);
    // On the sample, as the council would see it: ME-026's worst pair (24.8) makes them IMG.
    let sample = embedded::sample_pool();
    let claims = screen_claims(&sample, full);
    assert!(
        claims.contains(&Claim {
            mentee: "ME-026".into(),
            group: "img".into(),
            member: true,
        }),
        "{claims:?}"
    );
    assert!(!record_claims(&sample, full).is_empty());
}
