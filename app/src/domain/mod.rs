//! The pure core: no leptos, no sqlx, no I/O. Everything here is unit-tested.

pub mod area;
pub mod calendar;
pub mod catalogue;
// CSV is written and read on the server only (the wasm client never needs it).
#[cfg(feature = "ssr")]
pub mod csv_format;
pub mod directive;
pub mod directive_form;
pub mod eakte_obligation;
pub mod eakte_rule;
pub mod export;
pub mod fields;
#[cfg(feature = "ssr")]
pub mod import;
pub mod kind;
pub mod login_rules;
pub mod mailbox_form;
pub mod mailbox_setting;
pub mod mailbox_use;
pub mod master_data;
#[cfg(feature = "ssr")]
pub mod master_data_import;
pub mod notification_kinds;
pub mod notify;
pub mod office_closure;
pub mod order;
pub mod order_form;
pub mod org;
pub mod org_form;
pub mod policy;
pub mod routing;
pub mod setting_rule;
#[cfg(feature = "ssr")]
pub mod token;
pub mod upload;
pub mod user_admin;
