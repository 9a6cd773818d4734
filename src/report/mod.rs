//! What dyad writes for people to read: the exported pairs and the one-page report.

pub mod export;
pub mod reasons;
