//! Facts about the current request, read from the Leptos context.

use axum::http::request::Parts;
use leptos::prelude::use_context;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Set by the server's edge check: the field of the request that holds a forbidden control
/// character (`domain::text_input`); every server function then refuses the call on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlCharacterIn(pub String);

/// The request id the server's middleware set in `headers`.
pub fn id_in(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok())
}

tokio::task_local! {
    static REQUEST_ID: String;
}

/// Runs `work` with `id` as the request id that error logs and messages name (the server
/// wraps every request in it).
pub async fn with_request_id<F: std::future::Future>(id: String, work: F) -> F::Output {
    REQUEST_ID.scope(id, work).await
}

/// The request id set by the server's middleware, or "-" outside a request.
pub fn request_id() -> String {
    REQUEST_ID
        .try_with(String::clone)
        .ok()
        .or_else(|| use_context::<Parts>().and_then(|p| id_in(&p.headers).map(str::to_string)))
        .unwrap_or_else(|| "-".into())
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

/// Whether `headers` carry a cookie named `cookie_name` (tells "expired" from "never
/// signed in").
pub fn cookie_in(headers: &axum::http::HeaderMap, cookie_name: &str) -> bool {
    let prefix = format!("{cookie_name}=");
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(';').any(|c| c.trim().starts_with(&prefix)))
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
