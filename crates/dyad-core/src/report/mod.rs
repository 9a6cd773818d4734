//! What dyad writes for people to read: the exported pairs, and the council's decision record,
//! built once as content ([`record::Record`], by [`build::build`]) and rendered to a
//! self-contained HTML page ([`html::render`]) or to Markdown ([`markdown::render`]).

pub mod build;
mod chart;
pub mod export;
pub mod fingerprint;
pub mod folder;
pub mod html;
pub mod markdown;
pub mod reasons;
pub mod record;
