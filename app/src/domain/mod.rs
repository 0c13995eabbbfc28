//! The pure core: no leptos, no sqlx, no I/O. Everything here is unit-tested.

pub mod fields;
pub mod login_rules;
pub mod org;
pub mod policy;
