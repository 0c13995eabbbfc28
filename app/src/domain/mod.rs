//! The pure core: no leptos, no sqlx, no I/O. Everything here is unit-tested.

pub mod calendar;
pub mod directive;
pub mod directive_form;
pub mod fields;
pub mod login_rules;
pub mod notify;
pub mod order;
pub mod org;
pub mod policy;
pub mod routing;
