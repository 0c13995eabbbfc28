//! Reading through the API: routing (live, at a date, an entry's history), directives
//! with their compliance, and the CSV exports.

use super::problem::Problem;
use super::{json_reply, reply, with_query};
use app::directives::{DirectiveDetail, DirectiveList};
use app::routing::{AgencyRouting, EntryHistory, OfficeRouting};
use app::services::context::Ctx;
use app::services::export::{ItemQuery, PeriodQuery, ScopeQuery};
use app::services::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
pub struct AsOf {
    /// TT.MM.JJJJ: the configuration as it was at the end of this day (Europe/Berlin)
    pub stand: Option<String>,
}

/// The routing of a Dienststelle per Anliegen, live or at a date.
#[utoipa::path(get, path = "/api/v1/routing/dienststellen/{code}", tag = "Routing",
    params(("code" = String, Path, description = "Dienststellen-Kürzel, z. B. kiel.kiel"), AsOf),
    responses(
        (status = 200, body = OfficeRouting),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn office(
    State(state): State<AppState>,
    Path(code): Path<String>,
    q: Result<Query<AsOf>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            app::services::routing::office(ctx, &code, q.stand.as_deref()).await
        })
        .await,
    )
}

/// Every Dienststelle of an agency, live or at a date.
#[utoipa::path(get, path = "/api/v1/routing/agenturen/{code}", tag = "Routing",
    params(("code" = String, Path, description = "Agentur-Kürzel, z. B. kiel"), AsOf),
    responses(
        (status = 200, body = AgencyRouting),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn agency(
    State(state): State<AppState>,
    Path(code): Path<String>,
    q: Result<Query<AsOf>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            app::services::routing::agency(ctx, &code, q.stand.as_deref()).await
        })
        .await,
    )
}

#[derive(Deserialize, IntoParams)]
pub struct Compare {
    /// Version to compare from
    pub von: Option<i64>,
    /// Version to compare to
    pub bis: Option<i64>,
}

/// Every version of a routing entry (who, when, which order, why), with a field-level
/// comparison of two versions.
#[utoipa::path(get, path = "/api/v1/routing/eintraege/{id}", tag = "Routing",
    params(("id" = i64, Path), Compare),
    responses(
        (status = 200, body = EntryHistory),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn history(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    q: Result<Query<Compare>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            app::services::routing::history(ctx, id, q.von, q.bis).await
        })
        .await,
    )
}

/// The directive register with each directive's standing in the caller's scope.
#[utoipa::path(get, path = "/api/v1/weisungen", tag = "Weisungen",
    responses(
        (status = 200, body = DirectiveList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn directives(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    reply(
        StatusCode::OK,
        app::services::directives::list(&Ctx::from_parts(&parts, state)).await,
    )
}

#[derive(Deserialize, IntoParams)]
pub struct Level {
    /// RD-Kürzel: its agencies
    pub rd: Option<String>,
    /// Agentur-Kürzel: its Dienststellen
    pub agentur: Option<String>,
}

/// A directive and its compliance: all RDs, the agencies of one RD, or the Dienststellen
/// of one agency (each within the caller's scope).
#[utoipa::path(get, path = "/api/v1/weisungen/{nummer}", tag = "Weisungen",
    params(("nummer" = String, Path), Level),
    responses(
        (status = 200, body = DirectiveDetail),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn directive(
    State(state): State<AppState>,
    Path(nummer): Path<String>,
    q: Result<Query<Level>, QueryRejection>,
    req: Request,
) -> Response {
    json_reply(
        with_query(state, q, req, async |ctx, q| {
            app::services::directives::detail(ctx, &nummer, q.rd.as_deref(), q.agentur.as_deref())
                .await
        })
        .await,
    )
}

/// Order items as CSV (default: approved), as on the export page.
#[utoipa::path(get, path = "/api/v1/exporte/auftraege", tag = "Exporte",
    params(("rd" = Option<String>, Query), ("agentur" = Option<String>, Query),
        ("status" = Option<String>, Query, description = "Status-Code oder „alle“; Standard: genehmigt"),
        ("weisung" = Option<String>, Query), ("von" = Option<String>, Query, description = "TT.MM.JJJJ"),
        ("bis" = Option<String>, Query, description = "TT.MM.JJJJ")),
    responses(
        (status = 200, description = "CSV (Semikolon, UTF-8 mit BOM)", content_type = "text/csv"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn export_items(
    State(state): State<AppState>,
    q: Result<Query<ItemQuery>, QueryRejection>,
    req: Request,
) -> Response {
    match with_query(state, q, req, async |ctx, q| {
        app::services::export::order_items(ctx, &q).await
    })
    .await
    {
        Ok(result) => csv(result),
        Err(problem) => problem,
    }
}

/// The live configuration as CSV: one agency, one RD, or everything in scope.
#[utoipa::path(get, path = "/api/v1/exporte/konfiguration", tag = "Exporte",
    params(("rd" = Option<String>, Query), ("agentur" = Option<String>, Query)),
    responses(
        (status = 200, description = "CSV (Semikolon, UTF-8 mit BOM)", content_type = "text/csv"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn export_configuration(
    State(state): State<AppState>,
    q: Result<Query<ScopeQuery>, QueryRejection>,
    req: Request,
) -> Response {
    match with_query(state, q, req, async |ctx, q| {
        app::services::export::configuration(ctx, &q).await
    })
    .await
    {
        Ok(result) => csv(result),
        Err(problem) => problem,
    }
}

/// The audit log as CSV (Zentrale).
#[utoipa::path(get, path = "/api/v1/exporte/protokoll", tag = "Exporte",
    params(("von" = Option<String>, Query, description = "TT.MM.JJJJ"), ("bis" = Option<String>, Query, description = "TT.MM.JJJJ")),
    responses(
        (status = 200, description = "CSV (Semikolon, UTF-8 mit BOM)", content_type = "text/csv"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    ),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn export_audit(
    State(state): State<AppState>,
    q: Result<Query<PeriodQuery>, QueryRejection>,
    req: Request,
) -> Response {
    match with_query(state, q, req, async |ctx, q| {
        app::services::export::audit_log(ctx, &q).await
    })
    .await
    {
        Ok(result) => csv(result),
        Err(problem) => problem,
    }
}

fn csv(result: Result<app::services::export::Download, app::error::AppError>) -> Response {
    match result {
        Ok(d) => crate::export::download(Ok(d)),
        Err(e) => super::problem::from_error(&e),
    }
}
