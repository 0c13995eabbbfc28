//! In-app notifications: new orders for reviewers, decisions for authors, deadline
//! reminders for agencies; the same events as the e-mails.

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "benachrichtigungen")]
pub async fn fetch_notifications() -> Result<Inbox, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::notifications::inbox(&ctx).await)
}

/// Marks one notification (or, without `id`, all) as read.
#[server(prefix = "/api", endpoint = "benachrichtigungen/gelesen")]
pub async fn mark_notifications_read(id: Option<i64>) -> Result<u64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let n = crate::services::access::respond(
        crate::services::notifications::mark_read(&ctx, id).await,
    )?;
    if crate::services::request::is_plain_form_post() {
        leptos_axum::redirect("/benachrichtigungen");
    }
    Ok(n)
}
