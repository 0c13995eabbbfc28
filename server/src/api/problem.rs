//! Errors of the JSON API as RFC 9457 problem details, with German title and detail.

use app::error::AppError;
use axum::http::{header, StatusCode};
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
        409 => "Konflikt",
        413 => "Anfrage zu groß",
        415 => "Nicht unterstütztes Format",
        422 => "Ungültige Eingaben",
        429 => "Zu viele Anfragen",
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
