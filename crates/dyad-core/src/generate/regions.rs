//! Where generated people live: population centres by tier (Massachusetts, New England, the
//! Northeast, the country), regions around them and the health systems of each region.

use crate::pool::geo::{Zip3Table, haversine_km};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tier {
    Massachusetts,
    NewEngland,
    Northeast,
    Country,
}

/// Massachusetts regions: explicit ZIP3s with relative population weight.
pub(super) const MA_REGIONS: &[&[(&str, f64)]] = &[
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
pub(super) const CENTRES: &[(Tier, &str, f64)] = &[
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
pub(super) const REGION_RADIUS_KM: f64 = 60.0;
/// Relative weight of a centre's own ZIP3 against each neighbouring ZIP3 (weight 1).
pub(super) const CENTRE_WEIGHT: f64 = 4.0;

/// Share of people in each tier for a pool of `total` people: a small pool is almost all in
/// Massachusetts; the share elsewhere grows with the logarithm of the pool size.
pub(super) fn tier_shares(total: usize) -> [(Tier, f64); 4] {
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
pub(super) struct Region {
    /// ZIP3s with relative weight; all present in the centroid table.
    pub(super) zip3s: Vec<(String, f64)>,
    /// Share of the pool living here.
    pub(super) share: f64,
    /// Health systems (0-based) based here.
    pub(super) systems: Vec<usize>,
}

pub(super) fn regions(total: usize) -> Vec<Region> {
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
        .filter(|z| !crate::pool::is_restricted(z))
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
pub(super) fn system_count(total: usize) -> usize {
    ((0.75 * (total as f64).sqrt()).round() as usize).max(4)
}

/// Gives each health system a home region, in proportion to the regions' shares (D'Hondt), and
/// returns for each region the systems its people mostly work in: its own, or those of the
/// nearest region that has some.
pub(super) fn assign_systems(regions: &mut [Region], systems: usize) -> Vec<Vec<usize>> {
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
