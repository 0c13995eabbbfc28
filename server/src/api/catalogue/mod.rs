//! The reference lists a client needs to fill its requests (agencies, Dienststellen,
//! mailboxes, Anliegen, Bereiche, the eAkte catalogue, Postkörbe), within its scope.

pub mod model;

use super::read_json;
use app::error::AppError;
use app::services::reference as service;
use app::services::AppState;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use model::*;

fn listed<R, T: From<R>>(rows: Result<Vec<R>, AppError>) -> Result<Vec<T>, AppError> {
    rows.map(|rows| rows.into_iter().map(T::from).collect())
}

/// The open agencies in the caller's scope.
#[utoipa::path(get, path = "/api/v1/agenturen", operation_id = "agenturen", tag = "Kataloge",
    responses((status = 200, body = Vec<Agentur>)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn agencies(State(state): State<AppState>, req: Request) -> Response {
    read_json(state, req, async |ctx| {
        listed::<_, Agentur>(service::agencies(ctx).await)
    })
    .await
}

/// The active Dienststellen of an agency, the Hauptagentur first.
#[utoipa::path(get, path = "/api/v1/agenturen/{kuerzel}/dienststellen", operation_id = "dienststellen", tag = "Kataloge",
    params(("kuerzel" = String, Path, description = "Agentur-Kürzel")),
    responses((status = 200, body = Vec<Dienststelle>)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn offices(
    State(state): State<AppState>,
    Path(kuerzel): Path<String>,
    req: Request,
) -> Response {
    read_json(state, req, async |ctx| {
        listed::<_, Dienststelle>(service::offices(ctx, &kuerzel).await)
    })
    .await
}

/// The active Postkörbe of an agency (targets of the eAkte-Regelwerk).
#[utoipa::path(get, path = "/api/v1/agenturen/{kuerzel}/postkoerbe", operation_id = "postkoerbe", tag = "Kataloge",
    params(("kuerzel" = String, Path, description = "Agentur-Kürzel")),
    responses((status = 200, body = Vec<Postkorb>)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn postkoerbe(
    State(state): State<AppState>,
    Path(kuerzel): Path<String>,
    req: Request,
) -> Response {
    read_json(state, req, async |ctx| {
        listed::<_, Postkorb>(service::postkoerbe(ctx, &kuerzel).await)
    })
    .await
}

/// A Dienststelle's own active mailboxes and the Hauptagentur's that may receive its
/// Anliegen (`routing_ziel`).
#[utoipa::path(get, path = "/api/v1/dienststellen/{kuerzel}/postfaecher", operation_id = "postfaecher", tag = "Kataloge",
    params(("kuerzel" = String, Path, description = "Dienststellen-Kürzel")),
    responses((status = 200, body = Vec<Postfach>)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn mailboxes(
    State(state): State<AppState>,
    Path(kuerzel): Path<String>,
    req: Request,
) -> Response {
    read_json(state, req, async |ctx| {
        let found = service::office_mailboxes(ctx, &kuerzel).await;
        listed::<_, Postfach>(found.map(|(_, m)| m))
    })
    .await
}

/// Every Anliegen, retired ones too.
#[utoipa::path(get, path = "/api/v1/anliegen", operation_id = "anliegen", tag = "Kataloge",
    responses((status = 200, body = Vec<Anliegen>)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn concerns(State(state): State<AppState>, req: Request) -> Response {
    read_json(state, req, async |ctx| {
        listed::<_, Anliegen>(service::concerns(ctx).await)
    })
    .await
}

/// Every Bereich, inactive ones too.
#[utoipa::path(get, path = "/api/v1/bereiche", operation_id = "bereiche", tag = "Kataloge",
    responses((status = 200, body = Vec<Bereich>)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn areas(State(state): State<AppState>, req: Request) -> Response {
    read_json(state, req, async |ctx| {
        listed::<_, Bereich>(service::areas(ctx).await)
    })
    .await
}

/// The catalogue of the eAkte-Regelwerk.
#[utoipa::path(get, path = "/api/v1/eakte-katalog", operation_id = "eakte_katalog", tag = "Kataloge",
    responses((status = 200, body = EakteKatalog)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn eakte_catalogue(State(state): State<AppState>, req: Request) -> Response {
    read_json(state, req, async |ctx| {
        service::eakte_catalogue(ctx).await.map(|[a, t, k]| {
            let entries = |rows: Vec<_>| rows.into_iter().map(Katalogeintrag::from).collect();
            EakteKatalog {
                aktentypen: entries(a),
                dokumenttypen: entries(t),
                dokumentarten: entries(k),
            }
        })
    })
    .await
}
