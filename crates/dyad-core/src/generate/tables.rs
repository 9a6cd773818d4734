//! The distributions generated people are drawn from: identities, goals, challenges,
//! specialties, languages, meeting formats, hours and capacity.

/// Identity groups, in the order they are listed; probabilities for (mentees, mentors). The
/// mentee pool of this kind of program over-represents the groups it was created for.
pub(super) const IDENTITIES: [(&str, f64, f64); 4] = [
    ("woman", 0.62, 0.48),
    ("urm", 0.38, 0.22),
    ("img", 0.27, 0.22),
    ("lgbtq", 0.12, 0.08),
];

/// Probability that a mentee asks for a mentor sharing each identity they hold.
pub(super) const WANTS_SHARED: [(&str, f64); 4] = [
    ("woman", 0.40),
    ("urm", 0.45),
    ("img", 0.40),
    ("lgbtq", 0.50),
];

/// Goals, with relative frequency.
pub(super) const GOALS: &[(&str, f64)] = &[
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
pub(super) const CHALLENGES: &[(&str, f64)] = &[
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
pub(super) const SPECIALTY_WEIGHTS: &[(&str, f64)] = &[
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
pub(super) const OTHER_SPECIALTY_WEIGHT: f64 = 0.3;

/// Languages other than English, with relative frequency.
pub(super) const LANGUAGES: &[(&str, f64)] = &[
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
pub(super) const FORMATS: [(&str, f64, f64); 3] = [
    ("in-person", 0.28, 0.18),
    ("virtual", 0.22, 0.27),
    ("either", 0.50, 0.55),
];

/// Hours per month in half hours, with relative frequency.
pub(super) const MENTEE_HALF_HOURS: &[(u32, f64)] =
    &[(2, 2.0), (3, 1.0), (4, 4.0), (6, 2.0), (8, 1.0)];
pub(super) const MENTOR_HALF_HOURS: &[(u32, f64)] = &[
    (2, 1.0),
    (3, 0.5),
    (4, 3.0),
    (5, 0.7),
    (6, 2.5),
    (8, 2.0),
    (10, 0.8),
    (12, 0.6),
];
pub(super) const CAPACITY: &[(u32, f64)] = &[(1, 0.45), (2, 0.40), (3, 0.15)];
