//! Signing in and out with a session cookie (for tools that cannot hold a token).

use super::{json_body, reply};
use app::services::context::Ctx;
use app::services::request_context::auth_session_of;
use app::services::AppState;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Anmeldedaten {
    pub benutzername: String,
    pub passwort: String,
}

/// Where the API signs in and out (the `utoipa::path` attributes below repeat it).
pub const PATH: &str = "/api/v1/sitzung";

/// Sign in: sets the session cookie.
#[utoipa::path(post, path = "/api/v1/sitzung", operation_id = "anmelden", tag = "Anmeldung", request_body = Anmeldedaten,
    responses((status = 204, description = "Angemeldet; das Sitzungscookie ist gesetzt")))]
pub async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = match json_body::<Anmeldedaten>(req).await {
        Ok(p) => p,
        Err(problem) => return problem,
    };
    let mut session = match auth_session_of(&parts) {
        Ok(s) => s,
        Err(e) => return reply::<()>(StatusCode::OK, Err(e)),
    };
    let result = app::services::auth::login(
        &Ctx::from_parts(&parts, state),
        &mut session,
        &body.benutzername,
        &body.passwort,
    )
    .await;
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => reply::<()>(StatusCode::OK, Err(e)),
    }
}

/// Sign out: ends the session.
#[utoipa::path(delete, path = "/api/v1/sitzung", operation_id = "abmelden", tag = "Anmeldung",
    responses((status = 204, description = "Abgemeldet")))]
pub async fn sign_out(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let mut session = match auth_session_of(&parts) {
        Ok(s) => s,
        Err(e) => return reply::<()>(StatusCode::OK, Err(e)),
    };
    match app::services::auth::logout(&Ctx::from_parts(&parts, state), &mut session).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => reply::<()>(StatusCode::OK, Err(e)),
    }
}
