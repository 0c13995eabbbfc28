//! Integration tests: the real server against real SQLite and PostgreSQL databases.

mod common;

mod api;
mod api_roles;
mod areas;
mod auth;
mod catalogue;
mod central_lock;
mod change_notices;
mod cli;
mod csv_files;
mod directives;
mod eakte_export;
mod eakte_restore;
mod eakte_rules;
mod history;
mod kinds;
mod machinery;
mod mailbox_admin;
mod mailbox_settings;
mod master_data;
mod notification_kinds;
mod notifications;
mod office_closure;
mod order_rules;
mod orders;
mod org;
mod page_cache;
mod production_setup;
mod routing;
mod safety;
mod seed;
mod services;
mod site;
mod users;
mod writes;
