//! Facts about the current request, read from the Leptos context.

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use leptos::prelude::use_context;
use std::net::SocketAddr;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The request id set by the server's middleware, or "-" outside a request.
pub fn request_id() -> String {
    use_context::<Parts>()
        .and_then(|p| {
            p.headers
                .get(REQUEST_ID_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "-".into())
}

/// The client's address (the TCP peer).
pub fn client() -> String {
    use_context::<Parts>()
        .and_then(|p| {
            p.extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unbekannt".into())
}

/// Whether the request came from a plain HTML form (no JavaScript): such requests get
/// redirects, never error statuses, so the browser shows the page with the message.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| {
            p.headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Whether the request carried a session cookie (used to tell "expired" from "never
/// signed in").
pub fn has_session_cookie(cookie_name: &str) -> bool {
    use_context::<Parts>()
        .map(|p| {
            p.headers
                .get_all(axum::http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|v| {
                    v.split(';')
                        .any(|c| c.trim().starts_with(&format!("{cookie_name}=")))
                })
        })
        .unwrap_or(false)
}

/// Sets the HTTP status of a server-function response to the error's, except for plain
/// form posts (they must stay redirects).
pub fn set_error_status(err: &crate::error::AppError) {
    if is_plain_form_post() {
        return;
    }
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(err.status()) {
            res.set_status(code);
        }
    }
}
