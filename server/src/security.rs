//! Request safety: same-origin writes only, security headers, the absolute session limit,
//! and a tracing span carrying the request id.

use app::auth::backend::AuthSession;
use app::db::audit::{self, AuditEntry};
use app::domain::session_limits::SessionLimits;
use app::services::auth::SIGNED_IN_AT_KEY;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

fn is_safe_method(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// host[:port] of an Origin header value ("https://host:port").
fn origin_authority(origin: &str) -> Option<&str> {
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
}

/// Whether a state-changing request comes from a page of this site. Browsers send
/// Sec-Fetch-Site and Origin; requests with neither come from non-browser clients, which
/// cannot be tricked into sending a user's cookie.
pub fn is_same_origin(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return false;
        }
    }
    match headers
        .get(header::ORIGIN)
        .map(|v| v.to_str().unwrap_or(""))
    {
        None => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            matches!((origin_authority(origin), host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
        }
    }
}

pub async fn same_origin_writes(req: Request, next: Next) -> Response {
    if is_safe_method(req.method()) || is_same_origin(&req) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-origin write refused");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Anfrage abgelehnt: Änderungen sind nur von Seiten dieser Anwendung aus möglich.",
    )
        .into_response()
}

/// Headers on every response; pages add their own CSP with a nonce.
pub async fn headers(State(https): State<bool>, req: Request, next: Next) -> Response {
    let is_static = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // No window we open, and none that opens us, gets a handle on this one.
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    if !is_static && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// Ends a session at its absolute limit after sign-in (eight hours unless shortened),
/// however active it was, and marks it active otherwise.
pub async fn absolute_session_limit(
    State(limits): State<SessionLimits>,
    mut auth: AuthSession,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if let Some(user) = auth.user.clone() {
        let signed_in_at: Option<i64> = auth.session.get(SIGNED_IN_AT_KEY).await.ok().flatten();
        let expired = match signed_in_at.and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok()) {
            Some(t) => limits.past_absolute(t, OffsetDateTime::now_utc()),
            None => true,
        };
        if expired {
            let _ = auth.logout().await;
            let db = auth.backend.db();
            let entry = AuditEntry {
                actor_id: Some(user.id),
                actor_name: user.username.clone(),
                client: "-".into(),
                request_id: req
                    .headers()
                    .get(app::services::request::REQUEST_ID_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-")
                    .into(),
                action: "abmeldung".into(),
                object: format!("benutzer:{}", user.username),
                outcome: "erfolg".into(),
                detail: format!("Sitzung nach {} beendet", duration_de(limits.absolute)),
            };
            if let Err(e) = audit::append(db, &entry).await {
                tracing::error!(error = %e, "audit write failed");
            }
            req.extensions_mut().insert(auth);
        } else {
            touch_session(&auth.session, signed_in_at, limits.activity_interval()).await;
        }
    }
    next.run(req).await
}

/// "8 Stunden", "90 Minuten", "5 Sekunden": the limit as the audit record names it.
fn duration_de(d: time::Duration) -> String {
    let s = d.whole_seconds();
    match (s % 3600, s % 60) {
        (0, _) => format!("{} Stunden", s / 3600),
        (_, 0) => format!("{} Minuten", s / 60),
        _ => format!("{s} Sekunden"),
    }
}

/// Marks the session active, which moves its idle limit on. Writing it on every request
/// would cost a database write (and an fsync on SQLite) per request; once per `every`
/// (a minute for the 30-minute limit) keeps the idle limit exact to that. Signing in
/// counts as activity, so the first page after it writes nothing.
async fn touch_session(
    session: &tower_sessions::Session,
    signed_in_at: Option<i64>,
    every: time::Duration,
) {
    const LAST_ACTIVE_KEY: &str = "zuletzt_aktiv";
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let last: Option<i64> = session.get(LAST_ACTIVE_KEY).await.ok().flatten();
    if last
        .or(signed_in_at)
        .is_none_or(|t| now - t >= every.whole_seconds())
    {
        if let Err(e) = session.insert(LAST_ACTIVE_KEY, now).await {
            tracing::warn!(error = %e, "could not mark the session active");
        }
    }
}

/// A client's X-Request-Id is taken over only as a UUID; anything else is dropped, so
/// SetRequestIdLayer gives the request a fresh one. The id reaches logs, the audit log and
/// error pages, so a client must not choose what they say.
pub async fn safe_request_id(mut req: Request, next: Next) -> Response {
    let header = app::services::request::REQUEST_ID_HEADER;
    let values = req.headers().get_all(header);
    let unsafe_id = values.iter().count() > 1
        || values.iter().any(|v| {
            v.to_str()
                .ok()
                .and_then(|s| uuid::Uuid::try_parse(s).ok())
                .is_none()
        });
    if unsafe_id {
        req.headers_mut().remove(header);
    }
    next.run(req).await
}

/// Names the request id for everything that runs in the request's task, so an internal
/// error logged anywhere below carries it (services get it explicitly in their `Ctx`).
pub async fn scope_request_id(req: Request, next: Next) -> Response {
    let id = request_id(&req);
    app::services::request::with_request_id(id, next.run(req)).await
}

/// The request id SetRequestIdLayer gave the request, for log lines and messages.
pub fn request_id(req: &Request) -> String {
    app::services::request::id_in(req.headers())
        .unwrap_or("-")
        .to_string()
}

/// Errors raised below our handlers (session store down, a panic) come as bare 5xx
/// responses; users get the same German message with a correlation id as from our code,
/// API clients the same as problem+json.
pub async fn friendly_server_errors(req: Request, next: Next) -> Response {
    let request_id = request_id(&req);
    let is_api = crate::api::is_api_path(req.uri().path());
    let is_server_fn = req.uri().path().starts_with("/api/");
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let res = next.run(req).await;
    let empty = !res.headers().contains_key(header::CONTENT_TYPE)
        || res
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v == "0");
    let bare = res.status().is_server_error() && empty;
    if !bare {
        return res;
    }
    tracing::error!(request_id = %request_id, status = %res.status(), "server error below the handlers");
    let error = app::error::AppError::Internal {
        correlation_id: request_id,
    };
    if is_server_fn && !is_api {
        // A server function's caller decodes its error as from the function itself.
        if let Ok(body) = serde_json::to_string(&error) {
            return (
                res.status(),
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response();
        }
    }
    let message = error.to_string();
    if is_api {
        return crate::api::problem::response(res.status().as_u16(), message, Vec::new());
    }
    if wants_html {
        let page = plain_page(
            "Es ist ein Fehler aufgetreten",
            &message,
            ("/", "Zur Startseite"),
        );
        return (
            res.status(),
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response();
    }
    (
        res.status(),
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// A page of its own for answers outside the app's layout (a fault below the handlers,
/// an upload without a session): heading, message and one way on.
pub fn plain_page(heading: &str, message: &str, (href, link): (&str, &str)) -> String {
    let (heading, message) = (html_escape(heading), html_escape(message));
    format!(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{heading} – Konfigurationstool</title></head>\
         <body><main><h1>{heading}</h1><p>{message}</p><p><a href=\"{href}\">{link}</a></p></main></body></html>"
    )
}

/// Text for HTML: the five characters that could end an element or attribute, escaped.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The response for a panicking handler: a bare 500 (details go to the log).
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("?");
    tracing::error!(panic = detail, "handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

pub fn request_span(req: &Request<Body>) -> tracing::Span {
    let id = req
        .headers()
        .get(app::services::request::REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request {
        let mut b = Request::builder().method("POST").uri("/api/anmelden");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Body::empty()).unwrap()
    }

    /// A panicking handler behind the same two layers as in the router.
    async fn panicking(path: &str, accept: &str) -> (StatusCode, String, String) {
        use axum::routing::get;
        use tower::ServiceExt;
        async fn boom() -> &'static str {
            panic!("kaputt")
        }
        let app = axum::Router::new()
            .route(path, get(boom))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                panic_response,
            ))
            .layer(axum::middleware::from_fn(friendly_server_errors));
        let req = Request::builder()
            .uri(path)
            .header(header::ACCEPT, accept)
            .header(app::services::request::REQUEST_ID_HEADER, "abc-123")
            .body(Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        let status = res.status();
        let kind = res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_string();
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, kind, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_panic_reaches_api_clients_as_a_problem_and_pages_as_german_html() {
        let (status, kind, body) = panicking("/api/v1/auftraege", "application/json").await;
        assert_eq!(
            (status, kind.as_str()),
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "application/problem+json"
            )
        );
        let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["status"], 500);
        assert_eq!(problem["title"], "Interner Fehler");
        assert!(
            problem["detail"].as_str().unwrap().contains("abc-123"),
            "{body}"
        );
        assert!(!body.contains("kaputt"), "internals leak: {body}");

        let (status, kind, body) = panicking("/auftraege", "text/html").await;
        assert_eq!(
            (status, kind.as_str()),
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8"
            )
        );
        assert!(
            body.contains("lang=\"de\"") && body.contains("abc-123"),
            "{body}"
        );
        assert!(!body.contains("kaputt"), "internals leak: {body}");
    }

    #[test]
    fn same_origin_rules() {
        assert!(is_same_origin(&post(&[("host", "127.0.0.1:3000")])));
        assert!(is_same_origin(&post(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ])));
        assert!(!is_same_origin(&post(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://evil.example")
        ])));
        assert!(!is_same_origin(&post(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "null")
        ])));
        assert!(!is_same_origin(&post(&[
            ("host", "a"),
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(!is_same_origin(&post(&[
            ("host", "a"),
            ("sec-fetch-site", "same-site")
        ])));
        assert!(is_same_origin(&post(&[
            ("host", "a"),
            ("sec-fetch-site", "same-origin")
        ])));
    }
}
