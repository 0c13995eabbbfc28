//! The audit log for the Zentrale: every action, who, when, from where, with what outcome.

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "protokoll")]
pub async fn fetch_audit_log(
    person: Option<String>,
    objekt: Option<String>,
    aktion: Option<String>,
    vor: Option<i64>,
) -> Result<AuditPage, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let filter = crate::db::audit::AuditFilter {
        actor: person.unwrap_or_default().trim().to_string(),
        object_prefix: objekt.unwrap_or_default().trim().to_string(),
        action: aktion.unwrap_or_default().trim().to_string(),
        before: vor,
    };
    crate::services::access::respond(crate::services::audit::page(&ctx, filter).await)
}
