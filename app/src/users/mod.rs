//! User administration for the Zentrale: list with search, create with a one-time
//! password, lock and unlock, grant and revoke roles, reset the password.

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "benutzer")]
pub async fn list_users(
    suche: Option<String>,
    rolle: Option<String>,
    geltungsbereich: Option<String>,
) -> Result<UserListPage, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::users::list(
            &ctx,
            &suche.unwrap_or_default(),
            &rolle.unwrap_or_default(),
            &geltungsbereich.unwrap_or_default(),
        )
        .await,
    )
}

#[server(prefix = "/api", endpoint = "benutzer/auswahl")]
pub async fn user_form_choices() -> Result<RoleChoices, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::users::form_choices(&ctx).await)
}

#[server(prefix = "/api", endpoint = "benutzer/konto")]
pub async fn fetch_user(benutzername: String) -> Result<UserDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::users::detail(&ctx, &benutzername).await)
}

/// Creates an account with a one-time password. With JavaScript the answer shows it; a
/// plain form post keeps it in the session for one showing on the account's page.
#[server(prefix = "/api", endpoint = "benutzer/anlegen")]
pub async fn create_user(
    benutzername: String,
    anzeigename: String,
    email: String,
    rolle: String,
    geltungsbereich: String,
) -> Result<OneTimePassword, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::users::NewAccountInput {
        username: &benutzername,
        display_name: &anzeigename,
        email: &email,
        role: &rolle,
        scope: &geltungsbereich,
    };
    let created =
        crate::services::access::respond(crate::services::users::create(&ctx, &input).await)?;
    if crate::services::request::is_plain_form_post() {
        crate::services::users::keep_for_one_showing(&created).await?;
        leptos_axum::redirect(&format!("/benutzer/{}", created.username));
    }
    Ok(created)
}

/// Locks, unlocks, grants or revokes a role, or resets the password (`aktion`), if the
/// account is still at `revision`. A reset answers with the one-time password.
#[server(prefix = "/api", endpoint = "benutzer/aendern")]
pub async fn change_user(
    benutzername: String,
    revision: String,
    aktion: String,
    rolle: Option<String>,
    geltungsbereich: Option<String>,
) -> Result<Option<OneTimePassword>, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let set = crate::services::access::respond(
        crate::services::users::change(
            &ctx,
            &benutzername,
            &revision,
            &aktion,
            &rolle.unwrap_or_default(),
            &geltungsbereich.unwrap_or_default(),
        )
        .await,
    )?;
    if crate::services::request::is_plain_form_post() {
        if let Some(set) = &set {
            crate::services::users::keep_for_one_showing(set).await?;
        }
        leptos_axum::redirect(&format!("/benutzer/{benutzername}"));
    }
    Ok(set)
}
