//! The JSON API under /api/v1 for RIM tooling and scripts. Every handler runs the same
//! service as the pages (with a `Ctx` built from the request), so policy, validation, four eyes and the
//! optimistic checks are one code path. The OpenAPI document is generated from these
//! handlers (utoipa) and served at /api/v1/openapi.json.

mod bearer;
pub mod limits;
mod orders;
pub mod problem;
mod reading;
mod session;

use app::services::context::Ctx;
use app::services::AppState;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::{middleware, Json, Router};
use serde::de::DeserializeOwned;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Konfigurationstool – API",
        description = "Änderungsaufträge für das Routing des Postfachservice. Anmeldung per Sitzung (POST /api/v1/session) oder persönlichem API-Schlüssel (Authorization: Bearer kt_…). Fehler als application/problem+json (RFC 9457).",
        version = "1"
    ),
    modifiers(&Security),
    tags(
        (name = "Anmeldung"),
        (name = "Aufträge"),
        (name = "Routing"),
        (name = "Weisungen"),
        (name = "Exporte"),
    )
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_schluessel",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "sitzung",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::new("kt_sitzung"),
            )),
        );
    }
}

/// Whether a request path belongs to the JSON API (whose errors are problem+json).
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/v1/")
}

/// The API routes and their OpenAPI document.
pub fn router<S>(state: AppState, limits: limits::ApiLimits) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    AppState: FromRef<S>,
{
    let (routes, doc) = OpenApiRouter::<S>::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::sign_in, session::sign_out))
        .routes(routes!(orders::list, orders::create))
        .routes(routes!(orders::get, orders::update))
        .routes(routes!(orders::save_item))
        .routes(routes!(orders::remove_item))
        .routes(routes!(orders::act))
        .routes(routes!(reading::office))
        .routes(routes!(reading::agency))
        .routes(routes!(reading::history))
        .routes(routes!(reading::directives))
        .routes(routes!(reading::directive))
        .routes(routes!(reading::export_items))
        .routes(routes!(reading::export_configuration))
        .routes(routes!(reading::export_audit))
        .split_for_parts();
    let mut doc = doc;
    document_rate_limit(&mut doc);
    let document = serde_json::to_string(&doc).unwrap_or_default();
    let routes = routes
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    document.clone(),
                )
            }),
        )
        // Unknown API paths get a problem, not the server functions' 405.
        .route(
            "/api/v1/{*rest}",
            axum::routing::any(|| async {
                problem::response(404, "Diesen Endpunkt gibt es nicht.".into(), Vec::new())
            }),
        )
        .layer(middleware::from_fn_with_state(state, bearer::sign_in));
    // Outermost, so guessing tokens is limited too.
    limits.apply(routes)
}

/// Every operation can be refused by the rate limit (limits.rs); the document says so.
fn document_rate_limit(api: &mut utoipa::openapi::OpenApi) {
    for item in api.paths.paths.values_mut() {
        for op in operations(item) {
            op.responses.responses.insert(
                "429".into(),
                utoipa::openapi::RefOr::T(
                    utoipa::openapi::ResponseBuilder::new()
                        .description(
                            "Zu viele Anfragen (Retry-After nennt die Wartezeit in Sekunden)",
                        )
                        .content(
                            "application/problem+json",
                            utoipa::openapi::ContentBuilder::new()
                                .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                                .build(),
                        )
                        .build(),
                ),
            );
        }
    }
}

fn operations(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// The request parts and its JSON body; a body that is not JSON, or JSON that does not
/// fit, is a problem response in German naming the field (never serde's own message).
pub(crate) async fn json_body<T: DeserializeOwned>(req: Request) -> Result<(Parts, T), Response> {
    let (parts, body) = req.into_parts();
    let value = match Json::<serde_json::Value>::from_request(
        Request::from_parts(parts.clone(), body),
        &(),
    )
    .await
    {
        Ok(Json(value)) => value,
        Err(rejection) => {
            let status = rejection.status().as_u16();
            let detail = match status {
                415 => "Bitte senden Sie JSON (Content-Type: application/json).",
                413 => "Die Anfrage ist zu groß.",
                _ => "Der Inhalt ist kein gültiges JSON.",
            };
            return Err(problem::response(status, detail.into(), Vec::new()));
        }
    };
    serde_path_to_error::deserialize::<_, T>(value)
        .map(|v| (parts, v))
        .map_err(|e| {
            let (field, message) = unfit_field(&e.path().to_string(), &e.inner().to_string());
            problem::response(
                422,
                "Bitte prüfen Sie die markierten Angaben.".into(),
                vec![problem::FieldProblem { field, message }],
            )
        })
}

/// The field and a German message for a value that did not deserialize: serde names a
/// missing field in its message ("missing field `x`"), every other problem by the path.
fn unfit_field(path: &str, serde_message: &str) -> (String, String) {
    let missing = serde_message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let at = |name: &str| match path {
        "" | "." => name.to_string(),
        p => format!("{p}.{name}"),
    };
    match missing {
        Some(name) => (at(name), "Dieses Feld fehlt.".into()),
        None => (
            match path {
                "" | "." => "Anfrage".into(),
                p => p.to_string(),
            },
            "Der Wert hat nicht die erwartete Form (siehe API-Beschreibung).".into(),
        ),
    }
}

/// Query parameters, or a problem naming what did not parse.
// The error is the response itself, returned at once by the handler (as axum's own
// rejections are); boxing it would only add an allocation.
#[allow(clippy::result_large_err)]
pub(crate) fn query<T>(
    q: Result<axum::extract::Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, Response> {
    q.map(|axum::extract::Query(v)| v).map_err(|_| {
        problem::response(
            400,
            "Die Abfrageparameter passen nicht; erlaubte Namen und Werte nennt die API-Beschreibung."
                .into(),
            Vec::new(),
        )
    })
}

/// Parses the query, then runs `work` with the request's context; Err is the problem
/// response for a query that does not parse.
pub(crate) async fn with_query<Q, T>(
    state: AppState,
    q: Result<axum::extract::Query<Q>, axum::extract::rejection::QueryRejection>,
    req: Request,
    work: impl AsyncFnOnce(&Ctx, Q) -> Result<T, app::error::AppError>,
) -> Result<Result<T, app::error::AppError>, Response> {
    let q = query(q)?;
    let (parts, _) = req.into_parts();
    let ctx = Ctx::from_parts(&parts, state);
    Ok(work(&ctx, q).await)
}

/// JSON or problem, for `with_query` results.
pub(crate) fn json_reply<T: serde::Serialize>(
    result: Result<Result<T, app::error::AppError>, Response>,
) -> Response {
    match result {
        Ok(r) => reply(axum::http::StatusCode::OK, r),
        Err(problem) => problem,
    }
}

/// A service result as JSON, or its problem.
pub(crate) fn reply<T: serde::Serialize>(
    status: axum::http::StatusCode,
    result: Result<T, app::error::AppError>,
) -> Response {
    match result {
        Ok(value) => (status, Json(value)).into_response(),
        Err(e) => problem::from_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::unfit_field;

    #[test]
    fn unfit_json_names_the_field_in_german() {
        assert_eq!(
            unfit_field(".", "missing field `begruendung`"),
            ("begruendung".into(), "Dieses Feld fehlt.".into())
        );
        let (field, message) =
            unfit_field("agentur", "invalid type: integer `5`, expected a string");
        assert_eq!(field, "agentur");
        assert!(!message.contains("invalid") && message.contains("erwartete Form"));
        assert_eq!(unfit_field("", "invalid type: map").0, "Anfrage");
    }
}
