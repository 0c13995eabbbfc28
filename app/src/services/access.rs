//! Who is asking, and may they: every server function starts here.

use super::{internal, request};
use crate::auth::backend::AuthSession;
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

/// Sets the response status for an error (except on plain form posts) and passes it on.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        request::set_error_status(e);
    }
    result
}
