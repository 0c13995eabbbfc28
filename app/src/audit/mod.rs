//! The audit log for the Zentrale: every action, who, when, from where, with what outcome.

pub mod pages;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    /// TT.MM.JJJJ HH:MM:SS (Berlin)
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub outcome: String,
    pub detail: String,
    pub request_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// Cursor for older entries, if there are more.
    pub older: Option<i64>,
}

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
