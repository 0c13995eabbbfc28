//! Personal API tokens for scripts and RIM tooling (`Authorization: Bearer …`).

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "schluessel")]
pub async fn list_tokens() -> Result<TokenPage, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::tokens::page(&ctx).await)
}

/// Creates a token. With JavaScript the answer shows it; a plain form post keeps it in
/// the session for exactly one showing after the redirect (never in an address).
#[server(prefix = "/api", endpoint = "schluessel/anlegen")]
pub async fn create_token(
    name: String,
    tage: String,
    passwort: Option<String>,
) -> Result<CreatedToken, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let created = crate::services::access::respond(
        crate::services::tokens::create(&ctx, &name, &tage, &passwort.unwrap_or_default()).await,
    )?;
    if crate::services::request::is_plain_form_post() {
        crate::services::tokens::keep_for_one_showing(&created).await?;
        leptos_axum::redirect("/api-schluessel");
    }
    Ok(created)
}

#[server(prefix = "/api", endpoint = "schluessel/widerrufen")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::tokens::revoke(&ctx, id).await)?;
    if crate::services::request::is_plain_form_post() {
        leptos_axum::redirect("/api-schluessel");
    }
    Ok(())
}
