//! What plain axum handlers (downloads, uploads, the JSON API) take from the request
//! besides the `Ctx`.

use super::internal;
use crate::auth::backend::AuthSession;
use crate::error::AppError;
use axum::http::request::Parts;

/// The request's session (set by the auth layer), for signing in and out.
pub fn auth_session_of(parts: &Parts) -> Result<AuthSession, AppError> {
    parts
        .extensions
        .get::<AuthSession>()
        .cloned()
        .ok_or_else(|| internal("AuthSession fehlt in der Anfrage"))
}
