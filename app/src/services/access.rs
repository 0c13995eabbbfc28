//! Who is asking, and may they: every server function starts here.

use super::{db_err, internal, request, state};
use crate::auth::backend::{AuthSession, SessionUser};
use crate::db::audit::{self, AuditEntry};
use crate::domain::org::OrgLocation;
use crate::domain::policy::{decide, Action, Actor};
use crate::error::AppError;

/// Name of the session cookie; over HTTPS it carries the `__Host-` prefix (which
/// browsers accept only with Secure, Path=/ and no Domain).
pub fn session_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-kt_sitzung"
    } else {
        "kt_sitzung"
    }
}

pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|e| internal(format!("AuthSession fehlt: {e}")))
}

/// The signed-in user, or NotAuthenticated / SessionExpired.
pub async fn current_user() -> Result<SessionUser, AppError> {
    let session = auth_session().await?;
    match session.user {
        Some(user) => Ok(user),
        None => {
            let https = state()?.https;
            if request::has_session_cookie(session_cookie_name(https)) {
                Err(AppError::SessionExpired)
            } else {
                Err(AppError::NotAuthenticated)
            }
        }
    }
}

/// The signed-in user as the policy sees them.
pub async fn current_actor() -> Result<(SessionUser, Actor), AppError> {
    let user = current_user().await?;
    let actor = user.actor();
    Ok((user, actor))
}

/// Asks the policy; a denial is logged and audited, and answered with Forbidden.
pub async fn require(
    actor: &Actor,
    action: Action,
    location: OrgLocation,
    object: &str,
) -> Result<(), AppError> {
    let decision = decide(actor, action, location);
    if decision.is_allowed() {
        return Ok(());
    }
    let request_id = request::request_id();
    tracing::warn!(request_id = %request_id, user = %actor.username, ?action, object, ?decision, "access denied");
    let entry = AuditEntry {
        actor_id: Some(actor.user_id),
        actor_name: actor.username.clone(),
        client: request::client(),
        request_id,
        action: "zugriff".into(),
        object: object.into(),
        outcome: "verweigert".into(),
        detail: format!("{action:?}: {decision:?}"),
    };
    audit::append(&state()?.db, &entry).await.map_err(db_err)?;
    Err(AppError::Forbidden)
}

/// Sets the response status for an error (except on plain form posts) and passes it on.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        request::set_error_status(e);
    }
    result
}
