//! Why a pair was made, in words a coordinator can pass on: the criteria that added the most
//! points to the pair *and* tell this mentee's mentors apart. A criterion that scores the same
//! for every mentor of the mentee (an empty identity request, no goals listed, an English-only
//! mentee, a mentee happy with either format) adds points to every pair alike and is no reason.
//!
//! The words give counts and kilometres only: never a specialty, a system or a ZIP3, which
//! together could single a person out.

use crate::analysis::breakdown::contributions;
use crate::analysis::measures::{Coverage, PairFacts};
use crate::criteria::CRITERIA;
use crate::matching::engine::Evaluation;

/// Whether criterion `k` scores differently across the mentors of `mentee`.
pub fn discriminates(ev: &Evaluation, mentee: usize, k: usize) -> bool {
    let mentors = ev.pool.mentors.len();
    let first = ev.table.criteria(mentee, 0)[k];
    (1..mentors).any(|j| ev.table.criteria(mentee, j)[k] != first)
}

/// The criteria that add the most points to the pair and discriminate for the mentee, largest
/// first (ties in criterion order), at most `n`: (criterion, points).
pub fn top_reasons(ev: &Evaluation, mentee: usize, mentor: usize, n: usize) -> Vec<(usize, f64)> {
    let points = contributions(&ev.table.criteria(mentee, mentor), &ev.profile.weights);
    largest(&points, n, |k| discriminates(ev, mentee, k))
}

/// The criteria with the most points, largest first (ties in criterion order), at most `n`,
/// among those `keep` accepts and leaving out those that add nothing.
fn largest(points: &[f64], n: usize, keep: impl Fn(usize) -> bool) -> Vec<(usize, f64)> {
    let mut order: Vec<(usize, f64)> = points
        .iter()
        .copied()
        .enumerate()
        .filter(|&(k, p)| p > 0.0 && keep(k))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order.truncate(n);
    order
}

fn covers(c: Coverage, what: &str) -> String {
    format!("covers {c} {what}")
}

/// Criterion `k` as a reason for this pair, in words.
pub fn reason_text(k: usize, f: &PairFacts) -> String {
    match CRITERIA[k].key {
        "proximity" => {
            f.km.map_or("close by".into(), |d| format!("{d:.0} km apart"))
        }
        "goals" => covers(f.goals, "goals"),
        "challenges" => covers(f.challenges, "challenges"),
        "specialty" if f.same_specialty => "same specialty".into(),
        "specialty" => "same specialty family".into(),
        "shared_identity" if f.identity_requests.of == 1 => "shares the requested identity".into(),
        "shared_identity" => format!("shares {} requested identities", f.identity_requests),
        "outside_system" => "outside the mentee's health system".into(),
        "format" => "compatible meeting format".into(),
        "availability" => "offers the hours the mentee wants".into(),
        "language" => "shares a language other than English".into(),
        "seniority" => "senior enough, not too far apart".into(),
        _ => CRITERIA[k].label.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::N;
    use crate::embedded;
    use crate::matching::engine::Engine;

    #[test]
    fn reasons_on_the_sample_are_never_vacuous() {
        let pool = embedded::sample_pool();
        let mut engine = Engine::new(pool, crate::criteria::specialty::builtin().clone());
        for profile in [embedded::fall_profile(), embedded::pilot_profile()] {
            let ev = engine.evaluate(&profile).unwrap();
            let (id, goals) = (
                crate::criteria::index_of("shared_identity").unwrap(),
                crate::criteria::index_of("goals").unwrap(),
            );
            let mut given = 0;
            for p in &ev.matching.pairs {
                let me = &ev.pool.mentees[p.mentee];
                let reasons = top_reasons(&ev, p.mentee, p.mentor, 3);
                given += reasons.len();
                let ks: Vec<usize> = reasons.iter().map(|r| r.0).collect();
                if me.wants_shared.is_empty() {
                    assert!(
                        !ks.contains(&id),
                        "{}: identity reason without request",
                        me.id
                    );
                }
                if me.goals.is_empty() {
                    assert!(
                        !ks.contains(&goals),
                        "{}: goals reason without goals",
                        me.id
                    );
                }
                let facts = PairFacts::of(&ev.pool, &ev.families, p.mentee, p.mentor);
                for k in ks {
                    let text = reason_text(k, &facts);
                    assert!(!text.contains(&me.specialty), "{text}");
                    assert!(!text.contains(&me.zip3), "{text}");
                }
            }
            assert!(given > 0);
        }
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
        let top = |s: &[f64; N]| largest(&contributions(s, &weights), 3, |_| true);
        let r = top(&scores);
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), [1, 2, 0]);
        assert!(r[0].1 > r[2].1);
        assert!(top(&[0.0; N]).is_empty());
        assert_eq!(
            largest(&contributions(&scores, &weights), 3, |k| k != 1)[0].0,
            2
        );
    }
}
