//! `Authorization: Bearer kt_…`: a personal API token signs the request in as its owner,
//! for this request only (no session is created). Everything after that — policy, scope,
//! four eyes — is the same as for a signed-in browser.

use super::problem;
use app::auth::backend::AuthSession;
use app::services::AppState;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use axum_login::AuthnBackend;

pub async fn sign_in(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    let Some(presented) = presented else {
        return next.run(req).await;
    };
    let refused = || {
        problem::response(
            401,
            "Der API-Schlüssel ist unbekannt, abgelaufen oder widerrufen.".into(),
            Vec::new(),
        )
    };
    let owner = match app::services::tokens::owner(&state.db, &presented).await {
        Ok(Some(id)) => id,
        Ok(None) => return refused(),
        Err(e) => return problem::from_error(&e),
    };
    let Some(session) = req.extensions_mut().get_mut::<AuthSession>() else {
        return problem::from_error(&app::services::internal("AuthSession fehlt in der API"));
    };
    // A locked account's tokens stop working with the account (within the cache's time
    // to live when locked from outside this process).
    let Ok(Some(user)) = session.backend.get_user(&owner).await else {
        return refused();
    };
    session.user = Some(user);
    next.run(req).await
}
