//! `Authorization: Bearer kt_…`: a personal API token signs the request in as its owner,
//! for this request only (no session is created). Everything after that — policy, scope,
//! four eyes — is the same as for a signed-in browser.

use super::problem;
use app::auth::backend::AuthSession;
use app::services::context::Ctx;
use app::services::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum_login::AuthnBackend;

/// The token of an `Authorization: Bearer …` header (the scheme in any case); `None` for
/// another scheme, an empty token or a header that is no text.
fn bearer_token(value: &axum::http::HeaderValue) -> Option<String> {
    let (scheme, token) = value.to_str().ok()?.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

pub async fn sign_in(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let refused = || {
        problem::response(
            401,
            "Der API-Schlüssel ist unbekannt, abgelaufen oder widerrufen.".into(),
            Vec::new(),
        )
    };
    // Credentials that fail are refused whatever else the request carries (a session
    // cookie does not rescue a wrong or unreadable Authorization header).
    let mut headers = req.headers().get_all(header::AUTHORIZATION).iter();
    let presented = match (headers.next(), headers.next()) {
        (None, _) => return next.run(req).await,
        (Some(value), None) => bearer_token(value),
        (Some(_), Some(_)) => None,
    };
    let Some(presented) = presented else {
        return refused();
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

/// The operations of the API: method and route pattern, as the router matches them.
pub type Operations = std::sync::Arc<std::collections::HashSet<(Method, String)>>;

/// On every route of the API: a token or the session must have signed someone in, or the
/// answer is 401 before a body or a parameter is read. A method the route does not have
/// passes on to the router's 405. Open are only signing in and out
/// (tests/integration/negative.rs checks that the document marks no other operation
/// open) and, outside these routes, the description of the API.
pub async fn signed_in_or_refused(
    State((state, operations)): State<(AppState, Operations)>,
    req: Request,
    next: Next,
) -> Response {
    let pattern = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let known = pattern.is_some_and(|p| operations.contains(&(req.method().clone(), p)));
    if !known || req.uri().path() == super::session::PATH {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    if let Err(e) = Ctx::from_parts(&parts, state).signed_in_user() {
        return problem::from_error(&e);
    }
    next.run(Request::from_parts(parts, body)).await
}
