//! Every field of every request, checked once at the edge: text with a control character
//! other than tab and line breaks is refused on its field (422), before a handler or the
//! database sees it. The JSON API answers at once with problem+json; a server function
//! gets the field in the request's extensions and refuses the call like any field error,
//! so forms show it with and without JavaScript. File uploads are read by their own rules.

use crate::api::problem::{self, FieldProblem};
use app::domain::text_input::{first_bad_field, has_forbidden_control, CONTROL_CHARACTER};
use app::services::request::ControlCharacterIn;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

pub async fn refuse_control_characters(req: Request, next: Next) -> Response {
    let query_field = req
        .uri()
        .query()
        .and_then(|q| first_bad_field(form_urlencoded::parse(q.as_bytes())));
    let (parts, body) = req.into_parts();
    let kind = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let form = kind.starts_with("application/x-www-form-urlencoded");
    let json = kind.starts_with("application/json") || kind.contains("+json");
    let with_body = matches!(parts.method, Method::POST | Method::PUT | Method::PATCH);
    let (body, body_field) = if with_body && (form || json) {
        // The body limit layer below has already bounded it.
        let Ok(bytes) = to_bytes(body, usize::MAX).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        let field = if form {
            first_bad_field(form_urlencoded::parse(&bytes))
        } else {
            serde_json::from_slice::<Value>(&bytes)
                .ok()
                .and_then(|v| json_field(&v, ""))
        };
        (Body::from(bytes), field)
    } else {
        (body, None)
    };
    let mut req = Request::from_parts(parts, body);
    if let Some(field) = query_field.or(body_field) {
        if crate::api::is_api_path(req.uri().path()) {
            let errors = vec![FieldProblem {
                field,
                message: CONTROL_CHARACTER.into(),
            }];
            return problem::response(
                422,
                "Bitte prüfen Sie die markierten Angaben.".into(),
                errors,
            );
        }
        req.extensions_mut().insert(ControlCharacterIn(field));
    }
    next.run(req).await
}

/// The path ("kopf.begruendung", "positionen[2].adressen") of the first JSON string or key
/// with a forbidden control character.
fn json_field(v: &Value, path: &str) -> Option<String> {
    let here = || {
        if path.is_empty() {
            "Anfrage".to_string()
        } else {
            path.to_string()
        }
    };
    match v {
        Value::String(s) => has_forbidden_control(s).then(here),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| json_field(x, &format!("{}[{i}]", here()))),
        Value::Object(map) => map.iter().find_map(|(k, x)| {
            let key: String = k.chars().filter(|c| !c.is_control()).collect();
            let p = if path.is_empty() {
                key
            } else {
                format!("{path}.{key}")
            };
            if has_forbidden_control(k) {
                Some(p)
            } else {
                json_field(x, &p)
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_fields_are_named_by_their_path() {
        assert_eq!(json_field(&json!({"begruendung": "ok"}), ""), None);
        assert_eq!(
            json_field(&json!({"begruendung": "a\u{0}b"}), ""),
            Some("begruendung".into())
        );
        assert_eq!(
            json_field(
                &json!({"positionen": [{"adressen": "x"}, {"adressen": "\u{1b}"}]}),
                ""
            ),
            Some("positionen[1].adressen".into())
        );
        assert_eq!(json_field(&json!("\u{7}"), ""), Some("Anfrage".into()));
        assert_eq!(json_field(&json!({"zeilen": "a\r\nb\tc"}), ""), None);
    }
}
