//! Reading the configuration: a Dienststelle's routing, an agency's configuration of
//! every kind (live or at a past day), a routing entry's versions.

pub mod model;

use super::dates::ui_date_param;
use super::{json_reply, problem, reply, signed_in, with_query};
use app::error::AppError;
use app::services::routing as service;
use app::services::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use model::*;

/// The routing of a Dienststelle per Anliegen, live or at a date.
#[utoipa::path(get, path = "/api/v1/routing/dienststellen/{kuerzel}", operation_id = "routing_dienststelle", tag = "Konfiguration",
    params(("kuerzel" = String, Path, description = "Dienststellen-Kürzel, z. B. kiel.kiel"), Stichtag),
    responses((status = 200, body = Dienststellenrouting)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn office(
    State(state): State<AppState>,
    Path(kuerzel): Path<String>,
    q: Result<Query<Stichtag>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            let stand = ui_date_param("stand", q.stand.as_deref())?;
            service::office_record(ctx, &kuerzel, stand.as_deref())
                .await
                .map(Dienststellenrouting::from)
        })
        .await,
    )
}

/// An agency's configuration of every kind, live or at a date.
#[utoipa::path(get, path = "/api/v1/routing/agenturen/{kuerzel}", operation_id = "konfiguration_agentur", tag = "Konfiguration",
    params(("kuerzel" = String, Path, description = "Agentur-Kürzel, z. B. kiel"), Stichtag),
    responses((status = 200, body = Agenturkonfiguration)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn agency(
    State(state): State<AppState>,
    Path(kuerzel): Path<String>,
    q: Result<Query<Stichtag>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            let stand = ui_date_param("stand", q.stand.as_deref())?;
            service::agency_record(ctx, &kuerzel, stand.as_deref())
                .await
                .map(Agenturkonfiguration::from)
        })
        .await,
    )
}

/// Every version of a routing entry (who, when, which order, why), newest first.
#[utoipa::path(get, path = "/api/v1/routing/eintraege/{id}", operation_id = "eintragshistorie", tag = "Konfiguration",
    params(("id" = i64, Path, description = "Id des Routing-Eintrags")),
    responses((status = 200, body = Eintragshistorie)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn history(
    State(state): State<AppState>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = match signed_in(&parts, state) {
        Ok(ctx) => ctx,
        Err(problem) => return problem,
    };
    // Parsed after the credentials: an anonymous caller learns nothing from the path.
    let Ok(id) = id.parse::<i64>() else {
        return problem::from_error(&AppError::NotFound);
    };
    reply(
        StatusCode::OK,
        service::history_record(&ctx, id)
            .await
            .map(Eintragshistorie::from),
    )
}
