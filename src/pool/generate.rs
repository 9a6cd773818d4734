//! Synthetic anonymized participant pools of any size, with the same schema as real intake data
//! (`dyad generate`), for demonstrations, tests and benchmarks.
//!
//! A pool is deterministic per (mentees, mentors, seed). People cluster around real population
//! centres: almost all in Massachusetts for a small pool, spreading over New England, the
//! Northeast and then the whole country as the pool grows. Every ZIP3 comes from the built-in
//! centroid table and every specialty from the built-in specialty families. Nobody is real.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::criteria::geo::{Zip3Table, haversine_km};
use crate::criteria::specialty::SpecialtyFamilies;

/// The year the generated training years are relative to (the shipped profiles' reference year).
pub const REFERENCE_YEAR: i32 = 2023;

/// The headers of the generated files: the pool schema, in its order.
pub use crate::pool::{MENTEE_COLUMNS, MENTOR_COLUMNS};

/// A generated pool: the contents of `mentees.csv` and `mentors.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPool {
    pub mentees_csv: String,
    pub mentors_csv: String,
}

// ---------------------------------------------------------------------------------------------
// Vocabulary and frequencies
// ---------------------------------------------------------------------------------------------

/// Identity groups, in the order they are listed; probabilities for (mentees, mentors). The
/// mentee pool of this kind of program over-represents the groups it was created for.
const IDENTITIES: [(&str, f64, f64); 4] = [
    ("woman", 0.62, 0.48),
    ("urm", 0.38, 0.22),
    ("img", 0.27, 0.22),
    ("lgbtq", 0.12, 0.08),
];

/// Probability that a mentee asks for a mentor sharing each identity they hold.
const WANTS_SHARED: [(&str, f64); 4] = [
    ("woman", 0.40),
    ("urm", 0.45),
    ("img", 0.40),
    ("lgbtq", 0.50),
];

/// Goals, with relative frequency.
const GOALS: &[(&str, f64)] = &[
    ("leadership", 3.0),
    ("career advancement", 3.0),
    ("work-life balance", 2.5),
    ("research", 2.0),
    ("networking", 1.5),
    ("negotiation", 1.5),
    ("clinical skills", 1.5),
    ("teaching", 1.5),
    ("promotion", 1.5),
    ("health equity", 1.2),
    ("advocacy", 1.0),
    ("quality improvement", 1.0),
    ("grant writing", 0.8),
    ("public speaking", 0.8),
    ("health policy", 0.6),
    ("entrepreneurship", 0.4),
];

/// Challenges, with relative frequency (adjusted per person by identity, see `challenge_weight`).
const CHALLENGES: &[(&str, f64)] = &[
    ("burnout", 3.0),
    ("imposter syndrome", 2.5),
    ("work-life balance", 2.5),
    ("isolation", 2.0),
    ("time management", 1.5),
    ("discrimination", 1.0),
    ("parenting", 1.0),
    ("negotiation", 1.0),
    ("financial stress", 1.0),
    ("career transition", 0.8),
    ("workplace conflict", 0.8),
    ("visa issues", 0.2),
];

/// Relative frequency of the most common specialties; others in the families file get
/// `OTHER_SPECIALTY_WEIGHT`.
const SPECIALTY_WEIGHTS: &[(&str, f64)] = &[
    ("internal medicine", 12.0),
    ("family medicine", 10.0),
    ("pediatrics", 7.0),
    ("emergency medicine", 5.0),
    ("psychiatry", 5.0),
    ("obstetrics and gynecology", 5.0),
    ("anesthesiology", 4.0),
    ("general surgery", 4.0),
    ("hospital medicine", 3.0),
    ("radiology", 3.0),
    ("cardiology", 3.0),
    ("neurology", 2.5),
    ("orthopedic surgery", 2.5),
    ("hematology and oncology", 2.5),
    ("pathology", 2.0),
    ("gastroenterology", 2.0),
    ("pulmonary and critical care medicine", 2.0),
    ("dermatology", 1.5),
    ("ophthalmology", 1.5),
    ("infectious disease", 1.5),
    ("geriatrics", 1.5),
    ("nephrology", 1.2),
    ("endocrinology", 1.2),
    ("physical medicine and rehabilitation", 1.2),
    ("urology", 1.2),
    ("otolaryngology", 1.2),
    ("child and adolescent psychiatry", 1.2),
    ("neonatology", 1.0),
];
const OTHER_SPECIALTY_WEIGHT: f64 = 0.3;

/// Languages other than English, with relative frequency.
const LANGUAGES: &[(&str, f64)] = &[
    ("spanish", 5.0),
    ("portuguese", 2.5),
    ("haitian creole", 2.0),
    ("mandarin", 2.0),
    ("vietnamese", 1.5),
    ("hindi", 1.5),
    ("arabic", 1.2),
    ("french", 1.2),
    ("cantonese", 1.0),
    ("russian", 0.8),
    ("korean", 0.8),
    ("tagalog", 0.8),
    ("urdu", 0.8),
    ("yoruba", 0.7),
    ("cape verdean creole", 0.5),
    ("bengali", 0.5),
    ("farsi", 0.5),
    ("gujarati", 0.5),
    ("igbo", 0.4),
    ("amharic", 0.4),
];

/// Meeting formats with probabilities for (mentees, mentors).
const FORMATS: [(&str, f64, f64); 3] = [
    ("in-person", 0.28, 0.18),
    ("virtual", 0.22, 0.27),
    ("either", 0.50, 0.55),
];

/// Hours per month in half hours, with relative frequency.
const MENTEE_HALF_HOURS: &[(u32, f64)] = &[(2, 2.0), (3, 1.0), (4, 4.0), (6, 2.0), (8, 1.0)];
const MENTOR_HALF_HOURS: &[(u32, f64)] = &[
    (2, 1.0),
    (3, 0.5),
    (4, 3.0),
    (5, 0.7),
    (6, 2.5),
    (8, 2.0),
    (10, 0.8),
    (12, 0.6),
];
const CAPACITY: &[(u32, f64)] = &[(1, 0.45), (2, 0.40), (3, 0.15)];

// ---------------------------------------------------------------------------------------------
// Geography
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tier {
    Massachusetts,
    NewEngland,
    Northeast,
    Country,
}

/// Massachusetts regions: explicit ZIP3s with relative population weight.
const MA_REGIONS: &[&[(&str, f64)]] = &[
    // Greater Boston, North Shore, MetroWest
    &[
        ("021", 5.0),
        ("022", 3.0),
        ("024", 3.0),
        ("017", 2.0),
        ("018", 2.5),
        ("019", 2.0),
    ],
    // South Shore and South Coast
    &[("020", 2.0), ("023", 2.0), ("027", 2.0)],
    // Central Massachusetts
    &[("014", 1.0), ("015", 1.0), ("016", 1.5)],
    // Pioneer Valley
    &[("010", 1.5), ("011", 1.0), ("013", 0.7)],
    // Cape Cod and the Islands
    &[("025", 0.8), ("026", 0.7)],
    // Berkshires
    &[("012", 0.5)],
];

/// Population centres outside Massachusetts: (tier, centre ZIP3, relative weight). People in such
/// a region live in the centre ZIP3 or one within `REGION_RADIUS_KM` of it.
const CENTRES: &[(Tier, &str, f64)] = &[
    (Tier::NewEngland, "029", 3.0), // Providence
    (Tier::NewEngland, "061", 3.0), // Hartford
    (Tier::NewEngland, "065", 2.0), // New Haven
    (Tier::NewEngland, "068", 1.5), // Stamford
    (Tier::NewEngland, "031", 2.0), // Manchester NH
    (Tier::NewEngland, "038", 1.0), // Portsmouth NH
    (Tier::NewEngland, "037", 0.5), // Lebanon NH
    (Tier::NewEngland, "041", 1.5), // Portland ME
    (Tier::NewEngland, "044", 0.5), // Bangor
    (Tier::NewEngland, "054", 1.0), // Burlington VT
    (Tier::Northeast, "100", 6.0),  // Manhattan
    (Tier::Northeast, "112", 4.0),  // Brooklyn
    (Tier::Northeast, "113", 3.0),  // Queens
    (Tier::Northeast, "104", 2.0),  // Bronx
    (Tier::Northeast, "071", 3.0),  // Newark
    (Tier::Northeast, "076", 1.5),  // Hackensack
    (Tier::Northeast, "085", 1.0),  // Trenton
    (Tier::Northeast, "191", 4.0),  // Philadelphia
    (Tier::Northeast, "152", 2.0),  // Pittsburgh
    (Tier::Northeast, "122", 1.0),  // Albany
    (Tier::Northeast, "132", 0.8),  // Syracuse
    (Tier::Northeast, "146", 1.0),  // Rochester
    (Tier::Northeast, "142", 1.0),  // Buffalo
    (Tier::Northeast, "212", 2.0),  // Baltimore
    (Tier::Northeast, "200", 2.5),  // Washington DC
    (Tier::Country, "606", 6.0),    // Chicago
    (Tier::Country, "900", 7.0),    // Los Angeles
    (Tier::Country, "921", 3.0),    // San Diego
    (Tier::Country, "941", 3.0),    // San Francisco
    (Tier::Country, "958", 1.5),    // Sacramento
    (Tier::Country, "770", 4.0),    // Houston
    (Tier::Country, "752", 4.0),    // Dallas
    (Tier::Country, "782", 2.0),    // San Antonio
    (Tier::Country, "303", 4.0),    // Atlanta
    (Tier::Country, "331", 4.0),    // Miami
    (Tier::Country, "336", 2.0),    // Tampa
    (Tier::Country, "328", 2.0),    // Orlando
    (Tier::Country, "981", 3.0),    // Seattle
    (Tier::Country, "972", 2.0),    // Portland OR
    (Tier::Country, "802", 2.5),    // Denver
    (Tier::Country, "850", 3.0),    // Phoenix
    (Tier::Country, "891", 2.0),    // Las Vegas
    (Tier::Country, "841", 1.5),    // Salt Lake City
    (Tier::Country, "871", 1.0),    // Albuquerque
    (Tier::Country, "554", 2.5),    // Minneapolis
    (Tier::Country, "482", 3.0),    // Detroit
    (Tier::Country, "441", 2.0),    // Cleveland
    (Tier::Country, "432", 2.0),    // Columbus
    (Tier::Country, "462", 1.5),    // Indianapolis
    (Tier::Country, "532", 1.2),    // Milwaukee
    (Tier::Country, "631", 2.0),    // St. Louis
    (Tier::Country, "641", 1.5),    // Kansas City
    (Tier::Country, "681", 1.0),    // Omaha
    (Tier::Country, "731", 1.0),    // Oklahoma City
    (Tier::Country, "372", 1.5),    // Nashville
    (Tier::Country, "381", 1.0),    // Memphis
    (Tier::Country, "402", 1.0),    // Louisville
    (Tier::Country, "352", 1.0),    // Birmingham
    (Tier::Country, "701", 1.0),    // New Orleans
    (Tier::Country, "282", 2.0),    // Charlotte
    (Tier::Country, "276", 1.5),    // Raleigh
    (Tier::Country, "232", 1.0),    // Richmond
    (Tier::Country, "968", 1.0),    // Honolulu
    (Tier::Country, "995", 0.3),    // Alaska
    (Tier::Country, "009", 1.0),    // San Juan
];

/// Radius around a centre within which its region's people live.
const REGION_RADIUS_KM: f64 = 60.0;
/// Relative weight of a centre's own ZIP3 against each neighbouring ZIP3 (weight 1).
const CENTRE_WEIGHT: f64 = 4.0;

/// Share of people in each tier for a pool of `total` people: a small pool is almost all in
/// Massachusetts; the share elsewhere grows with the logarithm of the pool size.
fn tier_shares(total: usize) -> [(Tier, f64); 4] {
    let (lo, hi) = (20f64.ln(), 20_000f64.ln());
    let t = (((total.max(1) as f64).ln() - lo) / (hi - lo)).clamp(0.0, 1.0);
    let new_england = 0.08 + 0.04 * t;
    let northeast = 0.25 * ((t - 0.25) / 0.75).max(0.0);
    let country = 0.53 * ((t - 0.40) / 0.60).max(0.0);
    [
        (Tier::Massachusetts, 1.0 - new_england - northeast - country),
        (Tier::NewEngland, new_england),
        (Tier::Northeast, northeast),
        (Tier::Country, country),
    ]
}

/// A region people are drawn from.
struct Region {
    /// ZIP3s with relative weight; all present in the centroid table.
    zip3s: Vec<(String, f64)>,
    /// Share of the pool living here.
    share: f64,
    /// Health systems (0-based) based here.
    systems: Vec<usize>,
}

fn regions(total: usize) -> Vec<Region> {
    let table = Zip3Table::builtin();
    let shares = tier_shares(total);
    let tier_share = |tier: Tier| shares.iter().find(|(t, _)| *t == tier).map_or(0.0, |s| s.1);

    let mut out = Vec::new();
    let ma_total: f64 = MA_REGIONS.iter().flat_map(|r| r.iter()).map(|z| z.1).sum();
    for region in MA_REGIONS {
        let zip3s: Vec<(String, f64)> = region
            .iter()
            .filter(|(z, _)| table.get(z).is_some())
            .map(|(z, w)| (z.to_string(), *w))
            .collect();
        let weight: f64 = zip3s.iter().map(|z| z.1).sum();
        out.push(Region {
            zip3s,
            share: tier_share(Tier::Massachusetts) * weight / ma_total,
            systems: Vec::new(),
        });
    }

    // Safe Harbor's restricted ZIP3s would be published as 000, so a realistic anonymized pool
    // does not contain them.
    let all: Vec<(&str, _)> = table
        .zip3s()
        .into_iter()
        .filter(|z| !crate::privacy::is_restricted(z))
        .filter_map(|z| table.get(z).map(|c| (z, c)))
        .collect();
    for tier in [Tier::NewEngland, Tier::Northeast, Tier::Country] {
        let share = tier_share(tier);
        let centres: Vec<_> = CENTRES
            .iter()
            .filter(|(t, z, _)| *t == tier && table.get(z).is_some())
            .collect();
        let tier_total: f64 = centres.iter().map(|c| c.2).sum();
        for &&(_, centre, weight) in &centres {
            let here = table.get(centre).expect("filtered above");
            let mut zip3s = vec![(centre.to_string(), CENTRE_WEIGHT)];
            for &(z, c) in &all {
                if z != centre && haversine_km(here, c) <= REGION_RADIUS_KM {
                    zip3s.push((z.to_string(), 1.0));
                }
            }
            out.push(Region {
                zip3s,
                share: share * weight / tier_total,
                systems: Vec::new(),
            });
        }
    }
    out
}

/// Number of health systems for a pool of `total` people.
fn system_count(total: usize) -> usize {
    ((0.75 * (total as f64).sqrt()).round() as usize).max(4)
}

/// Gives each health system a home region, in proportion to the regions' shares (D'Hondt), and
/// returns for each region the systems its people mostly work in: its own, or those of the
/// nearest region that has some.
fn assign_systems(regions: &mut [Region], systems: usize) -> Vec<Vec<usize>> {
    let mut counts = vec![0usize; regions.len()];
    for s in 0..systems {
        let best = (0..regions.len())
            .filter(|&r| regions[r].share > 0.0)
            .max_by(|&a, &b| {
                let qa = regions[a].share / (counts[a] + 1) as f64;
                let qb = regions[b].share / (counts[b] + 1) as f64;
                qa.total_cmp(&qb).then(b.cmp(&a))
            });
        if let Some(r) = best {
            regions[r].systems.push(s);
            counts[r] += 1;
        }
    }
    let table = Zip3Table::builtin();
    let anchor = |r: &Region| table.get(&r.zip3s[0].0).expect("known ZIP3");
    (0..regions.len())
        .map(|r| {
            if !regions[r].systems.is_empty() {
                return regions[r].systems.clone();
            }
            let here = anchor(&regions[r]);
            regions
                .iter()
                .filter(|o| !o.systems.is_empty())
                .min_by(|a, b| {
                    haversine_km(here, anchor(a)).total_cmp(&haversine_km(here, anchor(b)))
                })
                .map(|o| o.systems.clone())
                .unwrap_or_else(|| (0..systems).collect())
        })
        .collect()
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
                assert!(!crate::privacy::is_restricted(zip3), "{zip3}");
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
