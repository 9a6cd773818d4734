//! Safe Harbor keeps the first three digits of a ZIP code only where the area they cover holds
//! more than 20,000 people; elsewhere they must read `000`.
//!
//! The list is the union of two: the 17 ZIP3s HHS's de-identification guidance (2012) names from
//! the 2000 census (036, 059, 063, 102, 203, 556, 692, 790, 821, 823, 830, 831, 878, 879, 884,
//! 890, 893), and the ZIP3s at or under 20,000 people in the 2010 census as commonly derived from
//! the census ZIP code tabulation areas (adding 205, 369, 753 and 772). Keeping the union errs
//! on the side of suppressing: a ZIP3 that grew past 20,000 people loses only some precision.

use super::geo::UNKNOWN_ZIP3;

/// ZIP3s too thinly populated to publish, sorted.
pub const RESTRICTED_ZIP3: [&str; 21] = [
    "036", "059", "063", "102", "203", "205", "369", "556", "692", "753", "772", "790", "821",
    "823", "830", "831", "878", "879", "884", "890", "893",
];

/// Whether Safe Harbor requires this ZIP3 to be published as `000`.
pub fn is_restricted(zip3: &str) -> bool {
    RESTRICTED_ZIP3.binary_search(&zip3).is_ok()
}

/// The ZIP3 to publish: the area itself, or `000` where it is too small.
pub fn publishable(zip3: &str) -> &str {
    if is_restricted(zip3) {
        UNKNOWN_ZIP3
    } else {
        zip3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_applied() {
        assert!(RESTRICTED_ZIP3.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(publishable("036"), "000");
        assert_eq!(publishable("893"), "000");
        assert_eq!(publishable("021"), "021");
        assert!(!is_restricted("000"));
    }
}
