//! The JSON API under /api/v1 for RIM tooling and scripts. Every handler runs the same
//! service as the pages (with a `Ctx` built from the request), so policy, validation, four eyes and the
//! optimistic checks are one code path. The OpenAPI document is generated from these
//! handlers (utoipa) and served at /api/v1/openapi.json.

mod bearer;
mod catalogue;
pub mod dates;
mod directives;
mod export;
pub mod limits;
mod orders;
mod preconditions;
pub mod problem;
mod routing;
mod session;
mod statuses;

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
        description = "Änderungsaufträge für die Konfiguration des Postfachservice. Anmeldung per Sitzung (POST /api/v1/sitzung) oder persönlichem API-Schlüssel (Authorization: Bearer kt_…). Feldnamen, Codes und Pfade sind deutsch (wie Oberfläche und CSV), Daten ISO 8601 (JJJJ-MM-TT; Zeitpunkte RFC 3339). Jede Referenz in einer Anfrage ist ein Kürzel oder eine Id, die ein Katalog-Endpunkt auflistet. Änderungen an Aufträgen brauchen If-Match mit dem ETag des Auftrags. Fehler als application/problem+json (RFC 9457).",
        version = "1"
    ),
    modifiers(&Security),
    tags(
        (name = "Anmeldung"),
        (name = "Kataloge"),
        (name = "Aufträge"),
        (name = "Konfiguration"),
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

/// Every documented route: the router serves these and the document describes them,
/// from the same list.
fn api_routes<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    AppState: FromRef<S>,
{
    OpenApiRouter::<S>::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::sign_in, session::sign_out))
        .routes(routes!(catalogue::agencies))
        .routes(routes!(catalogue::offices))
        .routes(routes!(catalogue::postkoerbe))
        .routes(routes!(catalogue::mailboxes))
        .routes(routes!(catalogue::concerns))
        .routes(routes!(catalogue::areas))
        .routes(routes!(catalogue::eakte_catalogue))
        .routes(routes!(orders::list, orders::create))
        .routes(routes!(orders::get, orders::update))
        .routes(routes!(orders::save_item))
        .routes(routes!(orders::remove_item))
        .routes(routes!(orders::act))
        .routes(routes!(routing::office))
        .routes(routes!(routing::agency))
        .routes(routes!(routing::history))
        .routes(routes!(directives::list))
        .routes(routes!(directives::detail))
        .routes(routes!(export::items))
        .routes(routes!(export::configuration))
        .routes(routes!(export::audit))
}

/// The OpenAPI document (served at /api/v1/openapi.json, printed by `openapi`).
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = api_routes::<AppState>().split_for_parts();
    statuses::document(&mut doc);
    // Query parameters refer to these enums, but utoipa collects only the schemas of
    // bodies and answers.
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in [
        schema_of::<orders::model::Statusfilter>(),
        schema_of::<export::Exportstatus>(),
    ] {
        components.schemas.insert(name, schema);
    }
    doc
}

fn schema_of<T: utoipa::ToSchema>() -> (
    String,
    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
) {
    (T::name().into_owned(), T::schema())
}

/// Where the API describes itself (OpenAPI 3.1), readable without signing in.
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// Every operation of the document: method and path pattern.
fn operations() -> bearer::Operations {
    use axum::http::Method;
    let mut found = std::collections::HashSet::new();
    for (path, item) in document().paths.paths {
        let methods = [
            (Method::GET, item.get.is_some()),
            (Method::POST, item.post.is_some()),
            (Method::PUT, item.put.is_some()),
            (Method::PATCH, item.patch.is_some()),
            (Method::DELETE, item.delete.is_some()),
        ];
        for (method, _) in methods.into_iter().filter(|(_, present)| *present) {
            found.insert((method, path.clone()));
        }
    }
    std::sync::Arc::new(found)
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
    let (routes, _) = api_routes::<S>().split_for_parts();
    let document = serde_json::to_string(&document()).unwrap_or_default();
    let routes = routes
        .route_layer(middleware::from_fn_with_state(
            (state.clone(), operations()),
            bearer::signed_in_or_refused,
        ))
        .route(
            OPENAPI_PATH,
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
    let named = |prefix: &str| {
        serde_message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
    };
    // serde_path_to_error may already end the path with the field (unknown fields).
    let at = |name: &str| match path {
        "" | "." => name.to_string(),
        p if p == name || p.ends_with(&format!(".{name}")) => p.to_string(),
        p => format!("{p}.{name}"),
    };
    if let Some(name) = named("unknown field `") {
        return (
            at(name),
            "Dieses Feld gibt es hier nicht (siehe API-Beschreibung).".into(),
        );
    }
    match named("missing field `") {
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

/// The request's context once its caller is signed in: credentials come first, before
/// the query, the body or a precondition is looked at.
// The error is the response itself, returned at once by the handler.
#[allow(clippy::result_large_err)]
pub(crate) fn signed_in(parts: &Parts, state: AppState) -> Result<Ctx, Response> {
    let ctx = Ctx::from_parts(parts, state);
    match ctx.actor() {
        Ok(_) => Ok(ctx),
        Err(e) => Err(problem::from_error(&e)),
    }
}

/// A read by a signed-in caller answered as JSON (200) or its problem: the whole body of
/// a handler that needs nothing of the request but the caller.
pub(crate) async fn read_json<T: serde::Serialize>(
    state: AppState,
    req: Request,
    work: impl AsyncFnOnce(&Ctx) -> Result<T, app::error::AppError>,
) -> Response {
    let (parts, _) = req.into_parts();
    match signed_in(&parts, state) {
        Ok(ctx) => reply(axum::http::StatusCode::OK, work(&ctx).await),
        Err(problem) => problem,
    }
}

/// A signed-in caller's context and JSON body (`signed_in`, then `json_body`).
pub(crate) async fn signed_in_with<T: DeserializeOwned>(
    state: AppState,
    req: Request,
) -> Result<(Ctx, Parts, T), Response> {
    let (parts, body) = req.into_parts();
    let ctx = signed_in(&parts, state)?;
    let (parts, value) = json_body::<T>(Request::from_parts(parts, body)).await?;
    Ok((ctx, parts, value))
}

/// Checks the caller, parses the query, then runs `work` with the request's context;
/// Err is the problem response for a caller who is not signed in or a query that does
/// not parse.
pub(crate) async fn with_query<Q, T>(
    state: AppState,
    q: Result<axum::extract::Query<Q>, axum::extract::rejection::QueryRejection>,
    req: Request,
    work: impl AsyncFnOnce(&Ctx, Q) -> Result<T, app::error::AppError>,
) -> Result<Result<T, app::error::AppError>, Response> {
    let (parts, _) = req.into_parts();
    let ctx = signed_in(&parts, state)?;
    let q = query(q)?;
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
        let (field, message) = unfit_field(".", "unknown field `revison`, expected one of `a`");
        assert_eq!(field, "revison");
        assert!(message.contains("gibt es hier nicht"), "{message}");
    }
}
