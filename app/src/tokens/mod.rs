//! Personal API tokens for scripts and RIM tooling (`Authorization: Bearer …`).

pub mod pages;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    /// The first characters of the token.
    pub prefix: String,
    pub created: String,
    pub expires: String,
    pub last_used: Option<String>,
    /// "gültig", "abgelaufen" or "widerrufen".
    pub status: String,
    pub active: bool,
}

/// A token just created: the only time its secret is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub name: String,
    pub secret: String,
    pub expires: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenPage {
    pub tokens: Vec<TokenView>,
    /// Created by a plain form post just before (kept once in the session, then gone).
    pub created: Option<CreatedToken>,
}

#[server(prefix = "/api", endpoint = "schluessel")]
pub async fn list_tokens() -> Result<TokenPage, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::tokens::page(&ctx).await)
}

/// Creates a token. With JavaScript the answer shows it; a plain form post keeps it in
/// the session for exactly one showing after the redirect (never in an address).
#[server(prefix = "/api", endpoint = "schluessel/anlegen")]
pub async fn create_token(name: String, tage: String) -> Result<CreatedToken, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let created = crate::services::access::respond(
        crate::services::tokens::create(&ctx, &name, &tage).await,
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
