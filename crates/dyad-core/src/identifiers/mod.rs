//! Screening for direct identifiers (the categories of HIPAA's Safe Harbor method): in cell
//! values (`cells.rs`) and in column names (`columns.rs`). The pool's loader and the intake
//! refuse a file that holds one; nothing here knows about mentees or mentors.

mod cells;
mod columns;

pub use cells::{CellKind, Identifier, is_month, refuse_in_row, value_identifier};
pub use columns::{column_identifier, refuse_column};
