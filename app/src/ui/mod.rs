//! Shared components: page layout, error display, form fields, dates.

pub mod errors;
pub mod form;
pub mod layout;
