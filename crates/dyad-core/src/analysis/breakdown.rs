//! How a pair score breaks down into the contribution of each criterion, for explaining a pair
//! to the council.

use crate::criteria::{N, Weights};

/// Points each criterion adds to the pair score (0–100): `100 · wᵢ·sᵢ / Σ w`. They sum to
/// [`crate::criteria::pair_score`]; all zero when every weight is zero.
pub fn contributions(scores: &[f64; N], weights: &Weights) -> [f64; N] {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return [0.0; N];
    }
    std::array::from_fn(|i| 100.0 * scores[i] * weights[i] / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria;

    #[test]
    fn contributions_sum_to_the_pair_score() {
        let scores: [f64; N] = std::array::from_fn(|i| (i as f64 * 0.37) % 1.0);
        let weights: Weights = std::array::from_fn(|i| ((i + 3) as f64 * 0.21) % 1.0);
        let sum: f64 = contributions(&scores, &weights).iter().sum();
        assert!((sum - criteria::pair_score(&scores, &weights)).abs() < 1e-9);
        assert_eq!(contributions(&scores, &[0.0; N]), [0.0; N]);
    }
}
