//! Signing in and out, the current user, password change.

#[cfg(feature = "ssr")]
pub mod backend;
pub mod pages;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    pub role_code: String,
    pub role_label: String,
    pub scope_label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<RoleView>,
    /// Unread notifications.
    pub unread: i64,
    /// Signed in with a one-time password that must be changed before anything else.
    pub must_change_password: bool,
}

impl Me {
    pub fn has_role(&self, code: &str) -> bool {
        self.roles.iter().any(|r| r.role_code == code)
    }
}

/// Who is asking: signed in, never signed in, or signed in once but the session ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeState {
    SignedIn(Me),
    SignedOut,
    Expired,
}

#[server(prefix = "/api", endpoint = "sitzung")]
pub async fn who_am_i() -> Result<MeState, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    match ctx.signed_in_user().cloned() {
        Ok(user) => Ok(MeState::SignedIn(Me {
            unread: if user.must_change_password {
                0
            } else {
                crate::services::notifications::unread(&ctx, user.id).await?
            },
            must_change_password: user.must_change_password,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            roles: user
                .assignments
                .iter()
                .map(|a| RoleView {
                    role_code: a.assignment.role().code().into(),
                    role_label: a.assignment.role().label().into(),
                    scope_label: a.scope_name.clone(),
                })
                .collect(),
        })),
        Err(AppError::NotAuthenticated) => Ok(MeState::SignedOut),
        Err(AppError::SessionExpired) => Ok(MeState::Expired),
        Err(e) => Err(e),
    }
}

#[server(prefix = "/api", endpoint = "anmelden")]
pub async fn login(benutzername: String, passwort: String) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let mut session = crate::services::access::auth_session().await?;
    crate::services::access::respond(
        crate::services::auth::login(&ctx, &mut session, &benutzername, &passwort).await,
    )?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "abmelden")]
pub async fn logout() -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let mut session = crate::services::access::auth_session().await?;
    crate::services::access::respond(crate::services::auth::logout(&ctx, &mut session).await)?;
    leptos_axum::redirect("/anmelden?grund=abgemeldet");
    Ok(())
}

#[server(prefix = "/api", endpoint = "passwort")]
pub async fn change_password(
    aktuelles_passwort: String,
    neues_passwort: String,
    bestaetigung: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let mut session = crate::services::access::auth_session().await?;
    crate::services::access::respond(
        crate::services::auth::change_password(
            &ctx,
            &mut session,
            &aktuelles_passwort,
            &neues_passwort,
            &bestaetigung,
        )
        .await,
    )?;
    leptos_axum::redirect("/passwort?erfolg=1");
    Ok(())
}

/// The current-user resource, re-read on every navigation (so the header and the pages
/// never show a session that has ended), and the sign-out action.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub logout: ServerAction<Logout>,
    pub me: Resource<Result<MeState, AppError>>,
}

/// Call inside the router (server-action errors from no-JS posts are read there).
pub fn provide_auth() {
    let logout = ServerAction::<Logout>::new();
    let location = leptos_router::hooks::use_location();
    let me = Resource::new(
        move || {
            (
                location.pathname.get(),
                location.search.get(),
                logout.version().get(),
            )
        },
        |_| who_am_i(),
    );
    provide_context(AuthContext { logout, me });
}

pub fn use_auth() -> AuthContext {
    expect_context::<AuthContext>()
}
