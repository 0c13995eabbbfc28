//! Errors of the JSON API as RFC 9457 problem details, with German title and detail.

use app::error::AppError;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// `application/problem+json`
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Always `about:blank`: the status code says what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The field errors of a 422, by the field names of the request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

pub fn title(status: u16) -> &'static str {
    match status {
        400 => "Fehlerhafte Anfrage",
        401 => "Nicht angemeldet",
        403 => "Keine Berechtigung",
        404 => "Nicht gefunden",
        405 => "Methode nicht erlaubt",
        409 => "Konflikt",
        412 => "Vorbedingung nicht erfüllt",
        413 => "Anfrage zu groß",
        415 => "Nicht unterstütztes Format",
        422 => "Ungültige Eingaben",
        428 => "Vorbedingung erforderlich",
        429 => "Zu viele Anfragen",
        503 => "Vorübergehend nicht verfügbar",
        _ => "Interner Fehler",
    }
}

pub fn response(status: u16, detail: String, errors: Vec<FieldProblem>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = Problem {
        kind: "about:blank".into(),
        title: title(status).into(),
        status,
        detail,
        errors,
    };
    (
        code,
        [(header::CONTENT_TYPE, "application/problem+json")],
        serde_json::to_string(&body).unwrap_or_default(),
    )
        .into_response()
}

pub fn from_error(e: &AppError) -> Response {
    let errors = e
        .field_errors()
        .iter()
        .map(|f| FieldProblem {
            field: f.field.clone(),
            message: f.message.clone(),
        })
        .collect();
    response(e.status(), e.to_string(), errors)
}

/// Errors that layers below the API answer in their own format (the body limit's 413,
/// the router's 405) become problem details too, so API clients can rely on
/// `application/problem+json` for every error. Bare 5xx (panics included, which are
/// caught further out) are turned into problems by `security::friendly_server_errors`.
pub async fn errors_as_problems(req: Request, next: Next) -> Response {
    if !super::is_api_path(req.uri().path()) {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    let status = res.status();
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v == "application/problem+json");
    if !status.is_client_error() || is_problem {
        return res;
    }
    let detail = match status.as_u16() {
        405 => "Diese Methode ist für diesen Endpunkt nicht vorgesehen.".to_string(),
        413 => format!(
            "Die Anfrage ist zu groß (höchstens {} KB).",
            crate::router::BODY_LIMIT / 1024
        ),
        s => title(s).to_string(),
    };
    let (mut parts, _) = res.into_parts();
    let mut problem = response(status.as_u16(), detail, Vec::new());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    for (name, value) in parts.headers.iter() {
        problem.headers_mut().insert(name.clone(), value.clone());
    }
    problem
}
