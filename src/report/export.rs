//! Exporting the final match for the program: the pairs as a mail-merge CSV with the top
//! reasons each pair was made, and a one-page Markdown report of the profile, the summary and
//! the group figures with small cells suppressed ([`crate::privacy::SmallCells`]'s rule).
//!
//! Only pseudonymous ids leave dyad: the coordinator maps ids to people outside it.

use crate::analysis::breakdown::contributions;
use crate::analysis::measures::{Measures, PairFacts, idle_mentors};
use crate::criteria::{CRITERIA, N, Weights};
use crate::io::csvwrite::CsvOut;
use crate::matching::Reason;
use crate::matching::engine::Evaluation;
use crate::pool::Pool;
use crate::profile::{Capacity, Objective, Profile};
use crate::report::reasons;

/// Reasons given per pair.
pub const REASONS: usize = 3;

/// Each weight's share of their sum in whole percent, rounded by the largest-remainder method
/// so that the shares shown add up to exactly 100 (each is its exact share rounded down, and the
/// points left go to the largest remainders, ties in criterion order). All 0 when no weight is
/// above 0.
pub fn percent_shares(weights: &[f64]) -> Vec<u32> {
    let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if total <= 0.0 || !total.is_finite() {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| 100.0 * w.max(0.0) / total).collect();
    let mut shares: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let left = 100u32.saturating_sub(shares.iter().sum());
    let mut order: Vec<usize> = (0..weights.len()).filter(|&i| exact[i] > 0.0).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(left as usize) {
        shares[i] += 1;
    }
    shares
}

/// The criteria that add the most points to a pair, largest first (ties in criterion order),
/// at most `k`, leaving out those that add nothing.
pub fn top_reasons(scores: &[f64; N], weights: &Weights, k: usize) -> Vec<(usize, f64)> {
    let points = contributions(scores, weights);
    let mut order: Vec<(usize, f64)> = points
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, p)| *p > 0.0)
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order.truncate(k);
    order
}

/// One exported pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    pub mentee: usize,
    pub mentor: usize,
    pub score: f64,
    /// (criterion, points), largest first, only criteria that discriminate for the mentee
    /// ([`crate::report::reasons`]).
    pub reasons: Vec<(usize, f64)>,
    /// Each reason in words ("12 km apart", "covers 2 of 3 goals").
    pub texts: Vec<String>,
}

/// The pairs of a matching, by mentee, with their top reasons.
pub fn rows(ev: &Evaluation) -> Vec<ExportRow> {
    ev.matching
        .pairs
        .iter()
        .map(|p| {
            let reasons = reasons::top_reasons(ev, p.mentee, p.mentor, REASONS);
            let facts = PairFacts::of(&ev.pool, &ev.families, p.mentee, p.mentor);
            ExportRow {
                mentee: p.mentee,
                mentor: p.mentor,
                score: p.score,
                texts: reasons
                    .iter()
                    .map(|(k, _)| reasons::reason_text(*k, &facts))
                    .collect(),
                reasons,
            }
        })
        .collect()
}

/// The header of the pairs CSV.
pub const CSV_HEADER: [&str; 6] = [
    "mentee", "mentor", "score", "reason_1", "reason_2", "reason_3",
];

/// The pairs CSV: one row per pair, `mentee,mentor,score,reason_1,reason_2,reason_3`, the
/// score to one decimal and each reason in words (empty when fewer criteria tell the
/// mentee's mentors apart and add points). A mentor with several mentees has several rows, one letter each.
pub fn pairs_csv(pool: &Pool, ev: &Evaluation) -> String {
    let mut out = CsvOut::new();
    out.row(CSV_HEADER);
    for r in rows(ev) {
        let mut cells = vec![
            pool.mentees[r.mentee].id.clone(),
            pool.mentors[r.mentor].id.clone(),
            format!("{:.1}", r.score),
        ];
        for i in 0..REASONS {
            cells.push(r.texts.get(i).cloned().unwrap_or_default());
        }
        out.row(cells);
    }
    out.finish()
}

/// Where the report's inputs came from, for its header.
#[derive(Debug, Clone)]
pub struct ReportInfo {
    pub profile_file: String,
    pub pool: String,
    /// When the report was made (RFC 3339).
    pub generated: String,
    /// Small-cell suppression: groups with fewer eligible mentees than k are shown as `<k`,
    /// their figures withheld (`small_cell_k` of the settings).
    pub cells: crate::privacy::SmallCells,
}

fn fig(x: f64) -> String {
    if x.is_nan() {
        "-".into()
    } else {
        format!("{x:.1}")
    }
}

/// Text for a Markdown table cell: no pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "/").replace(['\n', '\r'], " ")
}

fn settings_lines(p: &Profile) -> Vec<String> {
    vec![
        format!(
            "Eligibility: trained at most {} years before {}",
            p.eligibility.max_years_since_training, p.eligibility.reference_year
        ),
        match p.constraints.in_person_max_km {
            Some(km) => format!(
                "In person: pairs where either side meets in person only are at most {km:.0} km apart"
            ),
            None => "In person: no distance limit".into(),
        },
        if p.constraints.require_outside_system {
            "Health system: mentor and mentee always in different systems".into()
        } else {
            "Health system: same-system pairs allowed".into()
        },
        match p.constraints.mentor_capacity {
            Capacity::FromData => "Mentor capacity: as each mentor offered".into(),
            Capacity::Fixed(n) => format!("Mentor capacity: {n} mentee(s) per mentor"),
        },
        format!("Minimum pair score: {}", fig(p.constraints.min_score)),
        format!(
            "Objective: {}",
            match p.objective {
                Objective::Total =>
                    "most mentees matched, then the largest sum of pair scores (total)",
                Objective::Maximin =>
                    "most mentees matched, then the best worst pair, then the sum (maximin)",
            }
        ),
        format!(
            "Criterion parameters: proximity falls to 0 at {:.0} km; seniority gap {:.0}-{:.0} years",
            p.params.proximity_max_km, p.params.seniority_min_gap, p.params.seniority_max_gap
        ),
    ]
}

/// The one-page Markdown report: profile, summary, group figures (small cells suppressed).
pub fn report_markdown(pool: &Pool, ev: &Evaluation, info: &ReportInfo) -> String {
    let p = &ev.profile;
    let s = &ev.summary;
    let cells = info.cells;
    let k = cells.k();
    let mut out = format!("# Final match: {}\n\n", cell(&p.name));
    out.push_str(&format!(
        "Profile `{}`{}; pool `{}` ({} mentees, {} mentors); generated {} by dyad {}.\n\n",
        info.profile_file,
        p.saved
            .as_ref()
            .map_or(String::new(), |t| format!(" (saved {t})")),
        info.pool,
        pool.mentees.len(),
        pool.mentors.len(),
        info.generated,
        env!("CARGO_PKG_VERSION")
    ));
    if !p.description.is_empty() {
        out.push_str(&format!("> {}\n\n", p.description.replace('\n', " ")));
    }

    out.push_str("## Weights and constraints\n\n| criterion | weight |\n|---|---:|\n");
    let shares = percent_shares(&p.weights);
    for ((c, w), share) in CRITERIA.iter().zip(p.weights).zip(shares) {
        out.push_str(&format!("| {} | {w:.2} ({share}%) |\n", c.label));
    }
    out.push('\n');
    for line in settings_lines(p) {
        out.push_str(&format!("- {line}\n"));
    }

    let ineligible = ev
        .matching
        .unmatched
        .iter()
        .filter(|(_, r)| *r == Reason::Ineligible)
        .count();
    out.push_str("\n## Result\n\n");
    out.push_str(&format!(
        "**{} of {} eligible mentees matched** ({} not eligible under this profile). \
         Pair scores (0-100): mean {}, median {}, worst {}, 10th percentile {}, 90th percentile {}.\n",
        s.matched,
        s.eligible,
        ineligible,
        fig(s.stats.mean),
        fig(s.stats.median),
        fig(s.stats.min),
        fig(s.stats.p10),
        fig(s.stats.p90)
    ));
    let reasons = [
        Reason::NoFeasibleMentor,
        Reason::BelowMinScore,
        Reason::Capacity,
    ];
    // These counts are shown in full, like the matched and eligible counts they complete (a
    // suppressed count the reader can work out from those would hide nothing). Small-cell
    // suppression is for the identity groups below: it keeps a figure from singling out the
    // few mentees of a group; an unmatched count says nothing about who is in which group.
    let left: Vec<String> = reasons
        .iter()
        .filter_map(|r| {
            let n = ev.matching.unmatched.iter().filter(|(_, x)| x == r).count();
            (n > 0).then(|| format!("{n} {}", r.as_str()))
        })
        .collect();
    if !left.is_empty() {
        out.push_str(&format!(
            "Eligible but unmatched: {} (`dyad explain MENTEE_ID` says why and what would fix it).\n",
            left.join(", ")
        ));
    }

    out.push_str("\n## Identity groups\n\n| group | eligible | matched | mean score | worst score |\n|---|---:|---:|---:|---:|\n");
    for (name, g) in &s.groups {
        let name = if name == crate::analysis::summary::NO_IDENTITY {
            "none listed".to_string()
        } else {
            cell(name)
        };
        if cells.group(g).is_suppressed() {
            // The matched count of a small group is withheld too, even when it is 0.
            let n = if g.eligible == 0 {
                "0".to_string()
            } else {
                cells.label()
            };
            out.push_str(&format!("| {name} | {n} | {n} | - | - |\n"));
        } else {
            out.push_str(&format!(
                "| {name} | {} | {} | {} | {} |\n",
                g.eligible,
                g.matched,
                fig(g.mean),
                fig(g.min)
            ));
        }
    }
    out.push_str(&format!(
        "\nGroups with fewer than {k} eligible mentees are shown as `{}` and their scores withheld. \
         A mentee can belong to several groups.\n",
        cells.label()
    ));
    out.push_str(&measures_markdown(pool, ev, k));
    out.push_str(
        "\nThe pairs, with the three criteria that added the most to each pair's score, are in the CSV exported with this report.\n",
    );
    out
}

/// The weight-free measures of the match and the mentors left without a mentee.
fn measures_markdown(pool: &Pool, ev: &Evaluation, k: usize) -> String {
    let m = Measures::of_evaluation(pool, &ev.families, ev, &ev.profile, k);
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.0}%", 100.0 * v));
    let km = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.1} km"));
    let p = &m.pool;
    let mut out = String::from(
        "\n## Measures (the same under any weights)\n\n| measure | value |\n|---|---:|\n",
    );
    for (label, v) in [
        ("distance, mean", km(p.km_mean)),
        ("distance, median", km(p.km_median)),
        ("within the in-person limit", pct(p.within_in_person_km)),
        ("goals covered", pct(p.goals_covered)),
        ("challenges covered", pct(p.challenges_covered)),
        ("identity requests met", pct(p.identity_requests_met)),
        ("outside own health system", pct(p.outside_system)),
        ("same specialty", pct(p.same_specialty)),
        ("same specialty family", pct(p.same_family)),
        ("mentor offers fewer hours than wanted", pct(p.hours_short)),
        ("mentors without a mentee", m.mentors_idle.to_string()),
        ("mentors at capacity", m.mentors_full.to_string()),
    ] {
        out.push_str(&format!("| {label} | {v} |\n"));
    }
    let idle = idle_mentors(
        &ev.matching,
        &crate::matching::capacities(pool, &ev.profile),
    );
    if idle.is_empty() {
        out.push_str("\nEvery mentor has a mentee.\n");
    } else {
        out.push_str(&format!(
            "\n## Mentors without a mentee ({})\n\n| mentor | capacity |\n|---|---:|\n",
            idle.len()
        ));
        for i in idle {
            out.push_str(&format!(
                "| {} | {} |\n",
                cell(&pool.mentors[i.mentor].id),
                i.capacity
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_shares_add_up_to_100() {
        // Three equal weights: 33.3% each; plain rounding shows 99%.
        assert_eq!(percent_shares(&[1.0, 1.0, 1.0]), [34, 33, 33]);
        // 12.5% × 8: plain rounding (half to even or up) does not give 100.
        let s = percent_shares(&[0.5; 8]);
        assert_eq!(s.iter().sum::<u32>(), 100);
        assert!(s.iter().all(|&x| x == 12 || x == 13), "{s:?}");
        // The largest remainder gets the point left: 66.67 → 67, 33.33 → 33.
        assert_eq!(percent_shares(&[0.6, 0.3]), [67, 33]);
        assert_eq!(percent_shares(&[0.0, 0.0]), [0, 0]);
        assert_eq!(percent_shares(&[0.0, 0.4]), [0, 100]);
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..500 {
            let w: Vec<f64> = (0..N)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if x.is_multiple_of(4) {
                        0.0
                    } else {
                        (x % 101) as f64 / 100.0
                    }
                })
                .collect();
            let s = percent_shares(&w);
            let total: f64 = w.iter().sum();
            if total > 0.0 {
                assert_eq!(s.iter().sum::<u32>(), 100, "{w:?}");
                for (share, wi) in s.iter().zip(&w) {
                    // Never more than one point from the exact share.
                    assert!(
                        (f64::from(*share) - 100.0 * wi / total).abs() < 1.0,
                        "{w:?}"
                    );
                }
            }
        }
    }

    fn sample_report() -> String {
        let pool = crate::embedded::sample_pool();
        let mut engine = crate::matching::engine::Engine::new(
            pool.clone(),
            crate::criteria::specialty::SpecialtyFamilies::builtin().clone(),
        );
        let ev = engine.evaluate(&crate::embedded::fall_profile()).unwrap();
        let info = ReportInfo {
            profile_file: "configs/fall-2023.toml".into(),
            pool: "sample".into(),
            generated: "2023-09-01T00:00:00Z".into(),
            cells: crate::privacy::SmallCells::new(5),
        };
        report_markdown(&pool, &ev, &info)
    }

    #[test]
    fn the_report_is_consistent_with_itself() {
        let report = sample_report();
        // Weight shares add up to 100.
        let shares: u32 = report
            .lines()
            .filter_map(|l| l.split_once('(')?.1.split_once("%)"))
            .map(|(n, _)| n.parse::<u32>().unwrap())
            .sum();
        assert_eq!(shares, 100, "{report}");
        // The unmatched counts by reason add up to eligible − matched, as printed.
        let head = report
            .lines()
            .find(|l| l.starts_with("**") && l.contains("eligible mentees matched"))
            .unwrap();
        let nums: Vec<usize> = head
            .trim_start_matches("**")
            .split(' ')
            .filter_map(|w| w.parse().ok())
            .take(2)
            .collect();
        let (matched, eligible) = (nums[0], nums[1]);
        assert!(
            matched < eligible,
            "the sample has an unmatched mentee: {head}"
        );
        let line = report
            .lines()
            .find(|l| l.starts_with("Eligible but unmatched:"))
            .unwrap();
        assert!(!line.contains('<'), "{line}");
        let listed: usize = line
            .trim_start_matches("Eligible but unmatched:")
            .split('(')
            .next()
            .unwrap()
            .split(',')
            .map(|part| {
                part.split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        assert_eq!(listed, eligible - matched, "{line}");
        // Identity groups under k are still suppressed.
        assert!(report.contains("| <5 | <5 | - | - |"), "{report}");
    }

    #[test]
    fn top_reasons_are_the_largest_contributions() {
        let mut scores = [0.0; N];
        let mut weights = [0.0; N];
        scores[0] = 1.0;
        weights[0] = 0.2; // 0.2
        scores[1] = 0.5;
        weights[1] = 1.0; // 0.5
        scores[2] = 1.0;
        weights[2] = 0.5; // 0.5, ties with 1: criterion order
        scores[3] = 1.0;
        weights[3] = 0.1; // 0.1
        weights[4] = 1.0; // scores 0: never a reason
        let r = top_reasons(&scores, &weights, 3);
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), [1, 2, 0]);
        assert!(r[0].1 > r[2].1);
        assert!(top_reasons(&[0.0; N], &weights, 3).is_empty());
    }
}
