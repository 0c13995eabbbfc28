//! Reading directives with their compliance in the caller's scope.

pub mod model;

use super::{json_reply, read_json, with_query};
use app::services::directives as service;
use app::services::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::response::Response;
use model::*;

/// The directive register with each directive's standing in the caller's scope.
#[utoipa::path(get, path = "/api/v1/weisungen", operation_id = "weisungen", tag = "Weisungen",
    responses((status = 200, body = Weisungsliste)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn list(State(state): State<AppState>, req: Request) -> Response {
    read_json(state, req, async |ctx| {
        service::list(ctx).await.map(Weisungsliste::from)
    })
    .await
}

/// A directive and its compliance: all RDs, the agencies of one RD, or the Dienststellen
/// of one agency (each within the caller's scope).
#[utoipa::path(get, path = "/api/v1/weisungen/{nummer}", operation_id = "weisungsstand", tag = "Weisungen",
    params(("nummer" = String, Path), Ebenenwahl),
    responses((status = 200, body = Weisungsstand)),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn detail(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    q: Result<Query<Ebenenwahl>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            service::detail(ctx, &nummer, q.rd.as_deref(), q.agentur.as_deref())
                .await
                .map(Weisungsstand::from)
        })
        .await,
    )
}
