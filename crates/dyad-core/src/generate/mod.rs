//! Synthetic anonymized participant pools of any size, with the same schema as real intake data
//! (`dyad generate`), for demonstrations, tests and benchmarks.
//!
//! A pool is deterministic per (mentees, mentors, seed). People cluster around real population
//! centres: almost all in Massachusetts for a small pool, spreading over New England, the
//! Northeast and then the whole country as the pool grows. Every ZIP3 comes from the built-in
//! centroid table and every specialty from the built-in specialty families. Nobody is real.

mod regions;
mod tables;

use regions::*;
use tables::*;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::criteria::specialty::SpecialtyFamilies;

/// The year the generated training years are relative to (the shipped profiles' reference year).
pub const REFERENCE_YEAR: i32 = 2023;

/// The headers of the generated files: the pool schema, in its order.
pub use crate::pool::{MENTEE_COLUMNS, MENTOR_COLUMNS};

/// A generated pool: the contents of `mentees.csv` and `mentors.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPool {
    /// The text of `mentees.csv`.
    pub mentees_csv: String,
    /// The text of `mentors.csv`.
    pub mentors_csv: String,
}

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

/// Index of an item drawn with probability proportional to its weight.
fn pick_index(rng: &mut ChaCha8Rng, weights: impl Iterator<Item = f64> + Clone) -> usize {
    let total: f64 = weights.clone().sum();
    let mut x = rng.random::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        if w <= 0.0 {
            continue;
        }
        last = i;
        if x < w {
            return i;
        }
        x -= w;
    }
    last
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [(T, f64)]) -> &'a T {
    &items[pick_index(rng, items.iter().map(|i| i.1))].0
}

/// `count` distinct items drawn without replacement, by weight, returned in vocabulary order.
fn pick_distinct(rng: &mut ChaCha8Rng, items: &[(&str, f64)], count: usize) -> Vec<String> {
    let mut weights: Vec<f64> = items.iter().map(|i| i.1).collect();
    let mut chosen = Vec::new();
    for _ in 0..count.min(items.len()) {
        if weights.iter().all(|&w| w <= 0.0) {
            break;
        }
        let i = pick_index(rng, weights.iter().copied());
        weights[i] = 0.0;
        chosen.push(i);
    }
    chosen.sort_unstable();
    chosen.into_iter().map(|i| items[i].0.to_string()).collect()
}

/// Formats half hours as hours: 3 → "1.5", 4 → "2".
fn hours(half_hours: u32) -> String {
    if half_hours.is_multiple_of(2) {
        (half_hours / 2).to_string()
    } else {
        format!("{}.5", half_hours / 2)
    }
}

fn id(prefix: &str, n: usize, count: usize) -> String {
    let width = count.to_string().len().max(4);
    format!("{prefix}-{n:0width$}")
}

/// What mentees and mentors have in common.
struct Person {
    zip3: String,
    specialty: String,
    health_system: String,
    identities: Vec<&'static str>,
    meeting_format: &'static str,
    languages: Vec<String>,
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    regions: Vec<Region>,
    region_systems: Vec<Vec<usize>>,
    systems: usize,
    specialties: Vec<(&'a str, f64)>,
}

impl Generator<'_> {
    fn person(&mut self, mentor: bool) -> Person {
        let rng = &mut self.rng;
        let r = pick_index(rng, self.regions.iter().map(|r| r.share));
        let zip3 = pick(rng, &self.regions[r].zip3s).clone();

        // Most people work for a system based in their region; some commute or work for one
        // elsewhere (academic centres, telehealth groups).
        let local = &self.region_systems[r];
        let system = if rng.random_bool(0.85) {
            local[rng.random_range(0..local.len())]
        } else {
            rng.random_range(0..self.systems)
        };
        let width = self.systems.to_string().len().max(2);
        let health_system = format!("HS-{:0width$}", system + 1);

        let specialty = pick(rng, &self.specialties).to_string();
        let identities: Vec<&'static str> = IDENTITIES
            .iter()
            .filter(|(_, p_mentee, p_mentor)| {
                rng.random_bool(if mentor { *p_mentor } else { *p_mentee })
            })
            .map(|i| i.0)
            .collect();
        let meeting_format = *pick(
            rng,
            &FORMATS.map(|(f, p_mentee, p_mentor)| (f, if mentor { p_mentor } else { p_mentee })),
        );

        let mut languages = vec!["english".to_string()];
        let p_extra = if identities.contains(&"img") {
            0.75
        } else if identities.contains(&"urm") {
            0.35
        } else {
            0.15
        };
        if rng.random_bool(p_extra) {
            let n = if rng.random_bool(0.1) { 2 } else { 1 };
            languages.extend(pick_distinct(rng, LANGUAGES, n));
        }
        Person {
            zip3,
            specialty,
            health_system,
            identities,
            meeting_format,
            languages,
        }
    }

    /// Challenge frequencies adjusted to a person's identities.
    fn challenge_weights(
        identities: &[&str],
        vocabulary: &[(&'static str, f64)],
    ) -> Vec<(&'static str, f64)> {
        vocabulary
            .iter()
            .map(|&(c, w)| {
                let mut w = w;
                for identity in identities {
                    w *= match (c, *identity) {
                        ("visa issues", "img") => 15.0,
                        ("discrimination", "urm") => 3.0,
                        ("discrimination", "lgbtq") => 2.5,
                        ("discrimination", "img") => 1.5,
                        ("discrimination", "woman") => 1.5,
                        ("parenting", "woman") => 1.8,
                        ("isolation", "img" | "lgbtq") => 1.5,
                        _ => 1.0,
                    };
                }
                (c, w)
            })
            .collect()
    }

    fn mentee(&mut self, n: usize, count: usize) -> Vec<String> {
        let p = self.person(false);
        let rng = &mut self.rng;
        let wants_shared: Vec<&str> = WANTS_SHARED
            .iter()
            .filter(|(i, prob)| p.identities.contains(i) && rng.random_bool(*prob))
            .map(|i| i.0)
            .collect();
        let n_goals = *pick(rng, &[(0usize, 0.04), (1, 0.30), (2, 0.44), (3, 0.22)]);
        let goals = pick_distinct(rng, GOALS, n_goals);
        let n_challenges = *pick(rng, &[(0usize, 0.10), (1, 0.35), (2, 0.40), (3, 0.15)]);
        let challenges = pick_distinct(
            rng,
            &Self::challenge_weights(&p.identities, CHALLENGES),
            n_challenges,
        );
        // Mostly within two years; some 3-5 years ago (eligible only under a 5-year rule); a few
        // 6-7 years ago (eligible under neither).
        let years_ago = match rng.random::<f64>() {
            x if x < 0.62 => rng.random_range(0..=2),
            x if x < 0.92 => rng.random_range(3..=5),
            _ => rng.random_range(6..=7),
        };
        let hours_half = *pick(rng, MENTEE_HALF_HOURS);
        vec![
            id("ME", n, count),
            p.zip3,
            p.specialty,
            p.health_system,
            (REFERENCE_YEAR - years_ago).to_string(),
            p.identities.join(";"),
            wants_shared.join(";"),
            goals.join(";"),
            challenges.join(";"),
            p.meeting_format.to_string(),
            hours(hours_half),
            p.languages.join(";"),
        ]
    }

    fn mentor(&mut self, n: usize, count: usize) -> Vec<String> {
        let p = self.person(true);
        let rng = &mut self.rng;
        // Expertise spans the goals and challenges vocabulary; lived experience shapes it.
        let mut vocabulary: Vec<(&str, f64)> = GOALS.to_vec();
        for &(c, w) in &Self::challenge_weights(&p.identities, CHALLENGES) {
            match vocabulary.iter_mut().find(|v| v.0 == c) {
                Some(v) => v.1 += w,
                None => vocabulary.push((c, w)),
            }
        }
        for v in &mut vocabulary {
            if v.0 == "visa issues" && p.identities.contains(&"img") {
                v.1 *= 0.6; // already boosted; keep it common but not universal
            }
        }
        let n_expertise = *pick(
            rng,
            &[(2usize, 0.15), (3, 0.30), (4, 0.30), (5, 0.17), (6, 0.08)],
        );
        let expertise = pick_distinct(rng, &vocabulary, n_expertise);
        let year = if rng.random_bool(0.6) {
            rng.random_range(1998..=2013)
        } else {
            rng.random_range(1980..=1997)
        };
        let hours_half = *pick(rng, MENTOR_HALF_HOURS);
        let capacity = *pick(rng, CAPACITY);
        vec![
            id("MR", n, count),
            p.zip3,
            p.specialty,
            p.health_system,
            year.to_string(),
            p.identities.join(";"),
            expertise.join(";"),
            p.meeting_format.to_string(),
            hours(hours_half),
            capacity.to_string(),
            p.languages.join(";"),
        ]
    }
}

fn to_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(&row).expect("writing to memory");
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("generated text is UTF-8")
}

/// A synthetic pool of `mentees` mentees and `mentors` mentors, the same for the same arguments.
pub fn generate(mentees: usize, mentors: usize, seed: u64) -> GeneratedPool {
    let total = mentees + mentors;
    let mut regions = regions(total);
    let systems = system_count(total);
    let region_systems = assign_systems(&mut regions, systems);
    let families = SpecialtyFamilies::builtin();
    let specialties = families
        .specialties()
        .map(|s| {
            let w = SPECIALTY_WEIGHTS
                .iter()
                .find(|(name, _)| *name == s)
                .map_or(OTHER_SPECIALTY_WEIGHT, |x| x.1);
            (s, w)
        })
        .collect();
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        regions,
        region_systems,
        systems,
        specialties,
    };
    let mentee_rows: Vec<Vec<String>> = (1..=mentees).map(|n| g.mentee(n, mentees)).collect();
    let mentor_rows: Vec<Vec<String>> = (1..=mentors).map(|n| g.mentor(n, mentors)).collect();
    GeneratedPool {
        mentees_csv: to_csv(&MENTEE_COLUMNS, mentee_rows.into_iter()),
        mentors_csv: to_csv(&MENTOR_COLUMNS, mentor_rows.into_iter()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::geo::Zip3Table;
    use std::collections::{HashMap, HashSet};

    fn records(text: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                header
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(str::to_string))
                    .collect()
            })
            .collect();
        (header, rows)
    }

    fn list(s: &str) -> Vec<&str> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split(';').collect()
        }
    }

    #[test]
    fn same_seed_same_pool_different_seed_different_pool() {
        let a = generate(60, 40, 7);
        assert_eq!(a, generate(60, 40, 7));
        let b = generate(60, 40, 8);
        assert_ne!(a.mentees_csv, b.mentees_csv);
        assert_ne!(a.mentors_csv, b.mentors_csv);
    }

    #[test]
    fn header_and_row_counts_are_exact() {
        let pool = generate(25, 13, 1);
        let (h, rows) = records(&pool.mentees_csv);
        assert_eq!(h, MENTEE_COLUMNS);
        assert_eq!(rows.len(), 25);
        let (h, rows) = records(&pool.mentors_csv);
        assert_eq!(h, MENTOR_COLUMNS);
        assert_eq!(rows.len(), 13);
        assert!(pool.mentees_csv.starts_with(
            "id,zip3,specialty,health_system,training_completed,identities,wants_shared,goals,\
             challenges,meeting_format,hours_per_month,languages\n"
        ));
        assert!(pool.mentors_csv.starts_with(
            "id,zip3,specialty,health_system,training_completed,identities,expertise,\
             meeting_format,hours_per_month,capacity,languages\n"
        ));
        let empty = generate(0, 0, 1);
        assert_eq!(records(&empty.mentees_csv).1.len(), 0);
    }

    #[test]
    fn ids_are_unique_and_padded() {
        let pool = generate(12, 10_000, 3);
        let (_, mentees) = records(&pool.mentees_csv);
        assert_eq!(mentees[0]["id"], "ME-0001");
        assert_eq!(mentees[11]["id"], "ME-0012");
        let (_, mentors) = records(&pool.mentors_csv);
        assert_eq!(mentors[0]["id"], "MR-00001");
        assert_eq!(mentors[9_999]["id"], "MR-10000");
        let ids: HashSet<&str> = mentors.iter().map(|m| m["id"].as_str()).collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn every_value_is_in_its_vocabulary() {
        let pool = generate(400, 300, 11);
        let table = Zip3Table::builtin();
        let families = SpecialtyFamilies::builtin();
        let known_specialties: HashSet<&str> = families.specialties().collect();
        let topics: HashSet<&str> = GOALS.iter().chain(CHALLENGES).map(|t| t.0).collect();
        let identities: HashSet<&str> = IDENTITIES.iter().map(|i| i.0).collect();
        let (_, mentees) = records(&pool.mentees_csv);
        let (_, mentors) = records(&pool.mentors_csv);
        for row in mentees.iter().chain(&mentors) {
            assert!(
                table.get(&row["zip3"]).is_some(),
                "unknown zip3 {}",
                row["zip3"]
            );
            assert!(known_specialties.contains(row["specialty"].as_str()));
            assert!(row["health_system"].starts_with("HS-"));
            assert!(
                list(&row["identities"])
                    .iter()
                    .all(|i| identities.contains(i))
            );
            assert!(["in-person", "virtual", "either"].contains(&row["meeting_format"].as_str()));
            let langs = list(&row["languages"]);
            assert_eq!(langs[0], "english");
            assert_eq!(langs.len(), langs.iter().collect::<HashSet<_>>().len());
            let h: f64 = row["hours_per_month"].parse().unwrap();
            assert!(h > 0.0 && (h * 2.0).fract() == 0.0);
        }
        for m in &mentees {
            let own = list(&m["identities"]);
            assert!(list(&m["wants_shared"]).iter().all(|w| own.contains(w)));
            assert!(list(&m["goals"]).iter().all(|t| topics.contains(t)));
            assert!(list(&m["challenges"]).iter().all(|t| topics.contains(t)));
            let h: f64 = m["hours_per_month"].parse().unwrap();
            assert!((1.0..=4.0).contains(&h));
        }
        for m in &mentors {
            let expertise = list(&m["expertise"]);
            assert!(!expertise.is_empty());
            assert!(expertise.iter().all(|t| topics.contains(t)));
            let year: i32 = m["training_completed"].parse().unwrap();
            assert!((1980..=2013).contains(&year));
            let cap: u32 = m["capacity"].parse().unwrap();
            assert!((1..=3).contains(&cap));
            let h: f64 = m["hours_per_month"].parse().unwrap();
            assert!((1.0..=6.0).contains(&h));
        }
    }

    #[test]
    fn mentee_training_years_cover_both_eligibility_rules() {
        let pool = generate(500, 10, 5);
        let (_, mentees) = records(&pool.mentees_csv);
        let mut buckets = [0usize; 3];
        for m in &mentees {
            let ago = REFERENCE_YEAR - m["training_completed"].parse::<i32>().unwrap();
            assert!((0..=7).contains(&ago), "{ago}");
            buckets[match ago {
                0..=2 => 0,
                3..=5 => 1,
                _ => 2,
            }] += 1;
        }
        assert!(
            buckets[0] > buckets[1] && buckets[1] > buckets[2] && buckets[2] > 0,
            "{buckets:?}"
        );
        // Several identities, or none, both occur; some mentees want a shared identity.
        assert!(mentees.iter().any(|m| m["identities"].is_empty()));
        assert!(mentees.iter().any(|m| list(&m["identities"]).len() >= 2));
        assert!(mentees.iter().any(|m| !m["wants_shared"].is_empty()));
        assert!(mentees.iter().any(|m| m["wants_shared"].is_empty()));
    }

    #[test]
    fn small_pools_are_in_massachusetts_and_large_ones_spread() {
        let share_ma = |pool: &GeneratedPool| {
            let (_, rows) = records(&pool.mentees_csv);
            let ma = rows
                .iter()
                .filter(|r| ("010".."028").contains(&r["zip3"].as_str()))
                .count();
            ma as f64 / rows.len() as f64
        };
        let small = generate(50, 40, 2);
        assert!(share_ma(&small) > 0.8, "{}", share_ma(&small));
        let large = generate(10_000, 10_000, 2);
        assert!(share_ma(&large) < 0.3, "{}", share_ma(&large));
        let (_, rows) = records(&large.mentors_csv);
        let systems: HashSet<&str> = rows.iter().map(|r| r["health_system"].as_str()).collect();
        assert!(systems.len() > 50, "{}", systems.len());
        let (_, rows) = records(&small.mentors_csv);
        let systems: HashSet<&str> = rows.iter().map(|r| r["health_system"].as_str()).collect();
        assert!((3..=10).contains(&systems.len()), "{systems:?}");
    }

    #[test]
    fn no_restricted_zip3_is_generated() {
        let pool = generate(2500, 2500, 3);
        for csv in [&pool.mentees_csv, &pool.mentors_csv] {
            for line in csv.lines().skip(1) {
                let zip3 = line.split(',').nth(1).unwrap();
                assert!(!crate::pool::is_restricted(zip3), "{zip3}");
            }
        }
    }

    #[test]
    fn every_centre_is_in_the_zip3_table() {
        let table = Zip3Table::builtin();
        for (_, z, _) in CENTRES {
            assert!(table.get(z).is_some(), "{z}");
        }
        for region in MA_REGIONS {
            for (z, _) in *region {
                assert!(table.get(z).is_some(), "{z}");
            }
        }
        for (s, _) in SPECIALTY_WEIGHTS {
            assert!(SpecialtyFamilies::builtin().family(s).is_some(), "{s}");
        }
    }
}
