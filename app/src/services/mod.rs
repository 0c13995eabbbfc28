//! Services (server only): authorise with the policy, run the domain rules, persist with
//! the audit record. Server functions and REST handlers both call these.

pub mod access;
pub mod agency_merger;
pub mod areas;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod concern_retirement;
pub mod eakte_catalogue;

pub mod context;
pub mod directive_register;
pub mod directives;
pub mod eakte_compliance;
pub mod eakte_rules;
pub mod export;
pub mod export_choices;
pub mod import;
pub mod kinds;
pub mod mailbox_admin;
pub mod mailbox_settings;
pub mod master_data;
pub mod notifications;
pub mod office_closure;
pub mod orders;
pub mod org;
pub mod org_admin;
pub mod password;
pub mod postkorb_admin;
pub mod reference;
pub mod region_status;
pub mod reminders;
pub mod request;
pub mod request_context;
pub mod routing;
pub mod setting_compliance;
pub mod switchovers;
pub mod tokens;
pub mod users;

use crate::db::Db;
use crate::error::AppError;
use password::PasswordHasher;

/// What every request handler needs; provided as Leptos context and axum state.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// Where the sessions live (db::sessions::session_db).
    pub sessions: Db,
    pub hasher: PasswordHasher,
    /// Whether the app is served over HTTPS (secure cookies, HSTS).
    pub https: bool,
    /// Whether notifications are also queued as e-mails (an SMTP server is configured).
    pub mail: bool,
    /// The short memory of sessions, users and RDs.
    pub cache: crate::db::cache::Cache,
    /// Where notification addresses may point (KT_MAIL_DOMAINS).
    pub mail_domains: crate::domain::fields::MailDomains,
    /// The operator's name, feedback contact, Impressum and Datenschutz (KT_OPERATOR_NAME …).
    pub site: std::sync::Arc<crate::site::SiteSettings>,
}

/// Logs `detail` with the request id and returns the generic German error.
pub fn internal(detail: impl std::fmt::Display) -> AppError {
    let correlation_id = request::request_id();
    tracing::error!(request_id = %correlation_id, error = %detail, "internal error");
    AppError::Internal { correlation_id }
}

/// For `?` on database results.
pub fn db_err(e: sqlx::Error) -> AppError {
    internal(e)
}

/// The master-data version a form was made from (its hidden field "version"), for the
/// optimistic check of every administration form.
pub(crate) fn form_version(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| {
        AppError::Validation(vec![crate::domain::fields::FieldError::new(
            "version",
            "Die Version des Formulars fehlt. Bitte laden Sie die Seite neu.",
        )])
    })
}
