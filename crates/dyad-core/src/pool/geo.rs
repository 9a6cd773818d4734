//! ZIP3 centroids and great-circle distances.
//!
//! The table in `data/zip3-centroids.csv` is built into the binary; its header says where the
//! coordinates come from and under which licence (see `data/make_zip3.py`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// Mean Earth radius in kilometres (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The ZIP3 that Safe Harbor de-identification uses for areas too small to publish: a known
/// "unknown location". Proximity to it is 0 and an in-person-only pair with it is never feasible.
pub const UNKNOWN_ZIP3: &str = "000";

const BUILTIN: &str = include_str!("../../../../data/zip3-centroids.csv");

/// A point on Earth in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east (negative in the Americas).
    pub lon: f64,
}

/// Great-circle distance in kilometres (haversine formula).
pub fn haversine_km(a: LatLon, b: LatLon) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (b.lon - a.lon).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// ZIP3 prefix → centroid.
#[derive(Debug, Clone, Default)]
pub struct Zip3Table {
    centroids: HashMap<String, LatLon>,
}

impl Zip3Table {
    /// The table shipped with dyad, parsed once per process.
    pub fn builtin() -> &'static Zip3Table {
        static TABLE: OnceLock<Zip3Table> = OnceLock::new();
        TABLE.get_or_init(|| Zip3Table::parse(BUILTIN).expect("built-in ZIP3 table is valid"))
    }

    /// Parses `zip3,latitude,longitude` lines; `#` lines are comments.
    pub fn parse(text: &str) -> Result<Zip3Table, String> {
        let mut centroids = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with("zip3,") {
                continue;
            }
            let mut parts = line.split(',');
            let (Some(zip), Some(lat), Some(lon)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(format!("line {}: expected zip3,latitude,longitude", i + 1));
            };
            let lat: f64 = lat
                .parse()
                .map_err(|_| format!("line {}: bad latitude", i + 1))?;
            let lon: f64 = lon
                .parse()
                .map_err(|_| format!("line {}: bad longitude", i + 1))?;
            centroids.insert(zip.to_string(), LatLon { lat, lon });
        }
        Ok(Zip3Table { centroids })
    }

    /// The centroid of a ZIP3, or `None` when it is not in the table.
    pub fn get(&self, zip3: &str) -> Option<LatLon> {
        self.centroids.get(zip3).copied()
    }

    /// How many ZIP3 areas have a centroid.
    pub fn len(&self) -> usize {
        self.centroids.len()
    }

    /// Whether the table has no centroid at all.
    pub fn is_empty(&self) -> bool {
        self.centroids.is_empty()
    }

    /// All ZIP3s in the table, sorted.
    pub fn zip3s(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.centroids.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_is_zero_for_the_same_point_and_symmetric() {
        let boston = LatLon {
            lat: 42.36,
            lon: -71.06,
        };
        let worcester = LatLon {
            lat: 42.26,
            lon: -71.80,
        };
        assert_eq!(haversine_km(boston, boston), 0.0);
        let d = haversine_km(boston, worcester);
        assert!((d - haversine_km(worcester, boston)).abs() < 1e-9);
        // Boston to Worcester is about 62 km as the crow flies.
        assert!((55.0..70.0).contains(&d), "{d}");
    }

    #[test]
    fn builtin_table_covers_the_whole_country() {
        let t = Zip3Table::builtin();
        assert!(t.len() > 800, "only {} ZIP3s", t.len());
        for zip in ["021", "606", "900", "995", "967", "100"] {
            assert!(t.get(zip).is_some(), "missing {zip}");
        }
        assert!(t.get("abc").is_none());
    }

    #[test]
    fn parse_reports_the_bad_line() {
        let err = Zip3Table::parse("# c\nzip3,latitude,longitude\n021,x,1\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }
}
