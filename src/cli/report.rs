//! JSON shapes and text tables shared by the subcommands.

use serde_json::{Map, Value, json};

use dyad::analysis::compare::Comparison;
use dyad::analysis::overview::{Overview, Side};
use dyad::analysis::summary::Summary;
use dyad::criteria::CRITERIA;
use dyad::matching::engine::Evaluation;
use dyad::pool::Pool;
pub use dyad::present::fig;
use dyad::present::plain_delta;
use dyad::privacy::{Matched, RowShown, SmallCells};

use super::inputs::LoadedProfile;

/// A figure for JSON: NaN (an empty set's mean, say) becomes `null`.
fn num(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// A summary as JSON, with its groups as given ([`groups_json`] or [`pair_groups_json`]).
pub fn summary_json(s: &Summary, groups: Map<String, Value>) -> Value {
    let criteria: Map<String, Value> = s
        .criteria_mean
        .iter()
        .map(|(k, v)| (k.to_string(), num(*v)))
        .collect();
    json!({
        "eligible": s.eligible,
        "matched": s.matched,
        "unmatched": s.unmatched,
        "total": num(s.stats.total),
        "mean": num(s.stats.mean),
        "median": num(s.stats.median),
        "min": num(s.stats.min),
        "p10": num(s.stats.p10),
        "p90": num(s.stats.p90),
        "std": num(s.stats.std),
        "criteria_mean": criteria,
        "groups": groups,
    })
}

/// A row's eligible, exact matched and least matched counts, each `None` where not shown.
pub fn counts_shown(row: RowShown) -> (Option<usize>, Option<usize>, Option<usize>) {
    match row.counts {
        None => (None, None, None),
        Some((e, Matched::Exact(n))) => (Some(e), Some(n), None),
        Some((e, Matched::AtLeast(n))) => (Some(e), None, Some(n)),
    }
}

/// One group row as JSON, as the room rule shows it (`dyad::privacy::room`): `null` for every
/// figure withheld, `matched_at_least` where only a bound may be shown, `lowest` the mean of
/// the group's k lowest pair scores (no one's own); `suppressed` when nothing is shown.
fn group_json(shown: Option<RowShown>) -> Value {
    let Some(s) = shown else {
        return json!({"eligible": null, "matched": null, "matched_at_least": null,
                      "mean": null, "lowest": null, "suppressed": true});
    };
    let (eligible, matched, at_least) = counts_shown(s);
    json!({
        "eligible": eligible,
        "matched": matched,
        "matched_at_least": at_least,
        "mean": s.mean.map(num),
        "lowest": s.lowest.map(|(n, m)| json!({"n": n, "mean": num(m)})),
        "suppressed": false,
    })
}

/// The identity groups of one matching (not the overall row) as the room rule shows them.
pub fn groups_json(side: &Side, cells: SmallCells) -> Map<String, Value> {
    (1..side.groups.len())
        .map(|i| {
            (
                side.groups[i].name.clone(),
                group_json(side.shown(cells, i)),
            )
        })
        .collect()
}

/// One identity group on the two sides of a comparison, each as the room rule shows it beside
/// the other (`dyad::privacy::room`, rule 4).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPair {
    pub name: String,
    pub a: Option<RowShown>,
    pub b: Option<RowShown>,
    /// Whether the changes between the sides may be shown.
    pub changes: bool,
}

/// The groups of a comparison. `o` is on the yardstick, whose matching is `o.now`: A's when
/// `a_is_now`, otherwise B's; the other side is shown as a baseline.
pub fn group_pairs(o: &Overview, cells: SmallCells, a_is_now: bool) -> Vec<GroupPair> {
    (1..o.now.groups.len())
        .map(|i| {
            let (now, base) = (o.now.shown(cells, i), o.baseline_shown(cells, i));
            let (a, b) = if a_is_now { (now, base) } else { (base, now) };
            GroupPair {
                name: o.now.groups[i].name.clone(),
                a,
                b,
                changes: o.changes_shown(cells, i),
            }
        })
        .collect()
}

/// One side of a comparison's groups as JSON.
pub fn pair_groups_json(
    pairs: &[GroupPair],
    side: fn(&GroupPair) -> Option<RowShown>,
) -> Map<String, Value> {
    pairs
        .iter()
        .map(|p| (p.name.clone(), group_json(side(p))))
        .collect()
}

/// The exact matched counts of a row, when shown.
fn exact_matched(row: Option<RowShown>) -> Option<usize> {
    match row?.counts? {
        (_, Matched::Exact(n)) => Some(n),
        (_, Matched::AtLeast(_)) => None,
    }
}

/// A group's change from A to B, where both sides and the change may be shown.
fn group_delta(p: &GroupPair) -> (Option<i64>, Option<f64>) {
    let matched = exact_matched(p.a)
        .zip(exact_matched(p.b))
        .filter(|_| p.changes)
        .map(|(a, b)| b as i64 - a as i64);
    let mean =
        p.a.and_then(|a| a.mean)
            .zip(p.b.and_then(|b| b.mean))
            .filter(|_| p.changes)
            .map(|(a, b)| b - a);
    (matched, mean)
}

/// Every summary figure of B minus A; a group's only where the room rule shows both sides.
pub fn delta_json(a: &Summary, b: &Summary, pairs: &[GroupPair]) -> Value {
    let d = |x: f64, y: f64| num(y - x);
    let criteria: Map<String, Value> = a
        .criteria_mean
        .iter()
        .map(|(k, v)| (k.to_string(), d(*v, b.criteria_mean[k])))
        .collect();
    let groups: Map<String, Value> = pairs
        .iter()
        .map(|p| {
            let (matched, mean) = group_delta(p);
            let suppressed = matched.is_none() && mean.is_none();
            (
                p.name.clone(),
                json!({"matched": matched, "mean": mean.map(num), "suppressed": suppressed}),
            )
        })
        .collect();
    json!({
        "eligible": b.eligible as i64 - a.eligible as i64,
        "matched": b.matched as i64 - a.matched as i64,
        "unmatched": b.unmatched as i64 - a.unmatched as i64,
        "total": d(a.stats.total, b.stats.total),
        "mean": d(a.stats.mean, b.stats.mean),
        "median": d(a.stats.median, b.stats.median),
        "min": d(a.stats.min, b.stats.min),
        "p10": d(a.stats.p10, b.stats.p10),
        "p90": d(a.stats.p90, b.stats.p90),
        "std": d(a.stats.std, b.stats.std),
        "criteria_mean": criteria,
        "groups": groups,
    })
}

/// `dyad match` as JSON; `side` is `ev`'s overview side, whose groups the room rule shows.
pub fn match_json(
    pool: &Pool,
    profile: &LoadedProfile,
    ev: &Evaluation,
    side: &Side,
    cells: SmallCells,
) -> Value {
    let pairs: Vec<Value> = ev
        .matching
        .pairs
        .iter()
        .map(|p| {
            let scores = ev.table.criteria(p.mentee, p.mentor);
            let criteria: Map<String, Value> = CRITERIA
                .iter()
                .zip(scores)
                .map(|(c, s)| (c.key.to_string(), num(s)))
                .collect();
            json!({
                "mentee": pool.mentees[p.mentee].id,
                "mentor": pool.mentors[p.mentor].id,
                "score": num(p.score),
                "pinned": p.pinned,
                "criteria": criteria,
            })
        })
        .collect();
    let unmatched: Vec<Value> = ev
        .matching
        .unmatched
        .iter()
        .map(|(i, r)| json!({"mentee": pool.mentees[*i].id, "reason": r.as_str()}))
        .collect();
    json!({
        "profile": {"name": profile.profile.name, "file": profile.file.as_ref().map(|f| f.display().to_string())},
        "pairs": pairs,
        "unmatched": unmatched,
        "summary": summary_json(&ev.summary, groups_json(side, cells)),
    })
}

pub fn compare_json(pool: &Pool, c: &Comparison, pairs: &[GroupPair]) -> Value {
    let changed: Vec<Value> = c
        .changed
        .iter()
        .map(|x| {
            json!({
                "mentee": pool.mentees[x.mentee].id,
                "old_mentor": pool.mentors[x.old_mentor].id,
                "new_mentor": pool.mentors[x.new_mentor].id,
                "old_score": num(x.old_score),
                "new_score": num(x.new_score),
                "delta": num(x.new_score - x.old_score),
            })
        })
        .collect();
    let newly_matched: Vec<Value> = c
        .newly_matched
        .iter()
        .map(|x| {
            json!({
                "mentee": pool.mentees[x.mentee].id,
                "mentor": pool.mentors[x.mentor].id,
                "score": num(x.score),
                "was": x.was.as_str(),
            })
        })
        .collect();
    let newly_unmatched: Vec<Value> = c
        .newly_unmatched
        .iter()
        .map(|x| {
            json!({
                "mentee": pool.mentees[x.mentee].id,
                "old_mentor": pool.mentors[x.old_mentor].id,
                "old_score": num(x.old_score),
                "reason": x.reason.as_str(),
            })
        })
        .collect();
    json!({
        "a": summary_json(&c.a, pair_groups_json(pairs, |p| p.a)),
        "b": summary_json(&c.b, pair_groups_json(pairs, |p| p.b)),
        "delta": delta_json(&c.a, &c.b, pairs),
        "changed": changed,
        "newly_matched": newly_matched,
        "newly_unmatched": newly_unmatched,
    })
}

/// The change between two figures shown with [`fig`] (one decimal), as a reader works it out
/// from them. Use it wherever the two figures are printed beside the change.
pub fn delta_of(before: f64, now: f64) -> String {
    plain_delta(before, now, 1)
}

/// Aligns rows of cells into columns separated by two spaces; a column whose cells below the
/// first row are all numbers (or `-`) is right-aligned, header included.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |c: usize| {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..cols).map(width).collect();
    let is_number = |s: &str| s.parse::<f64>().is_ok() || s == "-" || is_suppressed(s);
    let right: Vec<bool> = (0..cols)
        .map(|c| {
            let mut body = rows.iter().skip(1).filter_map(|r| r.get(c)).peekable();
            body.peek().is_some() && body.all(|s| is_number(s))
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(widths[c].saturating_sub(cell.chars().count()));
            if right[c] {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A summary figure: its label and how to read it.
type Figure = (&'static str, fn(&Summary) -> f64);

/// The identity groups of a summary as the room rule shows them (`dyad::privacy::room`).
pub enum Groups<'a> {
    /// One matching: its overview side.
    One(&'a Side),
    /// Two matchings compared ([`group_pairs`]).
    Two(&'a [GroupPair]),
}

/// The summary as text, with B − A deltas when a baseline is given, and the groups as the room
/// rule shows them.
pub fn summary_text(
    s: &Summary,
    base: Option<&Summary>,
    cells: SmallCells,
    groups: Groups,
) -> String {
    let mut rows = vec![match base {
        Some(_) => vec!["figure".into(), "A".into(), "B".into(), "B - A".into()],
        None => vec!["figure".into(), "value".into()],
    }];
    let figures: [Figure; 10] = [
        ("eligible", |s| s.eligible as f64),
        ("matched", |s| s.matched as f64),
        ("unmatched", |s| s.unmatched as f64),
        ("mean score", |s| s.stats.mean),
        ("median", |s| s.stats.median),
        ("min", |s| s.stats.min),
        ("p10", |s| s.stats.p10),
        ("p90", |s| s.stats.p90),
        ("std", |s| s.stats.std),
        ("total", |s| s.stats.total),
    ];
    for (i, (name, f)) in figures.into_iter().enumerate() {
        // The first three figures are counts.
        let show = |x: f64| if i < 3 { format!("{x:.0}") } else { fig(x) };
        let mut row = vec![name.to_string()];
        match base {
            Some(a) => {
                row.push(show(f(a)));
                row.push(show(f(s)));
                row.push(if i < 3 {
                    format!("{:+.0}", f(s) - f(a))
                } else {
                    delta_of(f(a), f(s))
                });
            }
            None => row.push(show(f(s))),
        }
        rows.push(row);
    }
    let mut out = table(&rows);
    out.push_str("\nMean criterion score over matched pairs (0-1)\n");
    let mut rows = vec![match base {
        Some(_) => vec!["criterion".into(), "A".into(), "B".into(), "B - A".into()],
        None => vec!["criterion".into(), "mean".into()],
    }];
    for c in CRITERIA {
        let v = s.criteria_mean[c.key];
        let mut row = vec![c.key.to_string()];
        match base {
            Some(a) => {
                let va = a.criteria_mean[c.key];
                row.extend([format!("{va:.2}"), format!("{v:.2}"), plain_delta(va, v, 2)]);
            }
            None => row.push(format!("{v:.2}")),
        }
        rows.push(row);
    }
    out.push_str(&table(&rows));
    out.push_str("\nIdentity groups (eligible mentees)\n");
    let k = cells.k();
    let hidden = cells.label();
    let (rows, any_hidden, any_bound) = match groups {
        Groups::One(side) => one_side_rows(side, cells),
        Groups::Two(pairs) => two_side_rows(pairs, cells),
    };
    out.push_str(&table(&rows));
    if any_hidden {
        out.push_str(&format!(
            "{hidden}: would rest on fewer than {k} people (in the group, outside it, or among \
             those whose pair changed), so not shown (small_cell_k in configs/dyad-settings.toml)\n"
        ));
    }
    if matches!(groups, Groups::One(_)) {
        out.push_str(&format!(
            "low {k}: the mean of a group's {k} lowest pair scores, no one's own\n"
        ));
    }
    if any_bound {
        out.push_str(
            ">=n: the least the matched count can be from the group's size and the unmatched \
             listed above\n",
        );
    }
    out
}

/// A group's matched count as shown: exact, a bound (`>=n`), or withheld.
fn matched_cell(counts: Option<(usize, Matched)>, hidden: &str) -> String {
    match counts {
        None => hidden.to_string(),
        Some((_, Matched::Exact(n))) => n.to_string(),
        Some((_, Matched::AtLeast(n))) => format!(">={n}"),
    }
}

/// The group rows of one matching, whether any figure is withheld, and whether any count is a
/// bound.
fn one_side_rows(side: &Side, cells: SmallCells) -> (Vec<Vec<String>>, bool, bool) {
    let hidden = cells.label();
    let mut rows = vec![vec![
        "group".to_string(),
        "eligible".into(),
        "matched".into(),
        "mean".into(),
        format!("low {}", cells.k()),
    ]];
    let (mut any_hidden, mut any_bound) = (false, false);
    for i in 1..side.groups.len() {
        let shown = side.shown(cells, i);
        any_hidden |= shown.is_none_or(|s| !s.scores());
        let counts = shown.and_then(|s| s.counts);
        any_bound |= matches!(counts, Some((_, Matched::AtLeast(_))));
        let (mean, low) = shown
            .and_then(|s| Some((s.mean?, s.lowest?.1)))
            .map_or((hidden.clone(), hidden.clone()), |(m, l)| (fig(m), fig(l)));
        rows.push(vec![
            side.groups[i].name.clone(),
            counts.map_or(hidden.clone(), |c| c.0.to_string()),
            matched_cell(counts, &hidden),
            mean,
            low,
        ]);
    }
    (rows, any_hidden, any_bound)
}

/// The group rows of two matchings compared, as [`one_side_rows`].
fn two_side_rows(pairs: &[GroupPair], cells: SmallCells) -> (Vec<Vec<String>>, bool, bool) {
    let hidden = cells.label();
    let mut rows = vec![vec![
        "group".to_string(),
        "eligible A".into(),
        "matched A".into(),
        "eligible B".into(),
        "matched B".into(),
        "mean A".into(),
        "mean B".into(),
        "B - A".into(),
    ]];
    let (mut any_hidden, mut any_bound) = (false, false);
    for p in pairs {
        let mut row = vec![p.name.clone()];
        for side in [p.a, p.b] {
            let counts = side.and_then(|s| s.counts);
            any_bound |= matches!(counts, Some((_, Matched::AtLeast(_))));
            row.push(counts.map_or(hidden.clone(), |c| c.0.to_string()));
            row.push(matched_cell(counts, &hidden));
        }
        let means = [p.a, p.b].map(|s| s.and_then(|s| s.mean));
        row.extend(means.map(|m| m.map_or(hidden.clone(), fig)));
        let delta = group_delta(p).1;
        row.push(match (means, delta) {
            ([Some(a), Some(b)], Some(_)) => delta_of(a, b),
            _ => hidden.clone(),
        });
        any_hidden |= row.contains(&hidden);
        rows.push(row);
    }
    (rows, any_hidden, any_bound)
}

/// Whether a table cell is a suppressed figure (`<5`).
fn is_suppressed(cell: &str) -> bool {
    cell.strip_prefix('<')
        .is_some_and(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_is_the_difference_of_the_figures_shown_beside_it() {
        // 91.54 shows as 91.5 and 74.06 as 74.1: the change shown is -17.4, not -17.5.
        assert_eq!((fig(91.54), fig(74.06)), ("91.5".into(), "74.1".into()));
        assert_eq!(delta_of(91.54, 74.06), "-17.4");
        assert_eq!(delta_of(2676.84, 3351.46), "+674.7");
        assert_eq!(delta_of(5.04, 4.96), "0.0");
        assert_eq!(delta_of(f64::NAN, 4.0), "-");
        assert_eq!(plain_delta(0.8, 0.826, 2), "+0.03");
        assert_eq!(plain_delta(0.754, 0.746, 2), "0.00");
        assert_eq!(plain_delta(0.755, 0.745, 2), "-0.02");
        // Over a grid of awkward values: shown before + shown delta = shown now, exactly as
        // a reader adds them up.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a = (x % 200_000) as f64 / 1000.0 - 50.0;
            let b = ((x >> 20) % 200_000) as f64 / 1000.0 - 50.0;
            let read = |s: String| s.parse::<f64>().unwrap();
            let d = read(delta_of(a, b));
            let gap = read(fig(b)) - read(fig(a));
            assert!((d - gap).abs() < 1e-6, "{a} {b}: {}", delta_of(a, b));
        }
    }
}
