//! The CSV exports through the API (as on the export page; the CSV keeps `TT.MM.JJJJ`,
//! the query dates are ISO like everywhere in the API).

use super::dates::ui_date_param;
use super::with_query;
use app::services::export::{self as service, ItemQuery, PeriodQuery, ScopeQuery};
use app::services::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Which orders' items to export: a status, a queue, or all.
#[derive(Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Exportstatus {
    Alle,
    Entwurf,
    Eingereicht,
    Genehmigt,
    Abgelehnt,
    ZurUeberarbeitung,
    Umgesetzt,
    Zurueckgezogen,
    ZurPruefung,
    ZurUmsetzung,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Positionsabfrage {
    /// RD-Kürzel
    pub rd: Option<String>,
    /// Agentur-Kürzel
    pub agentur: Option<String>,
    /// Standard: zur-umsetzung (was RIM umzusetzen hat)
    pub status: Option<Exportstatus>,
    /// Nummer einer Weisung
    pub weisung: Option<String>,
    /// Eingereicht ab diesem Tag (JJJJ-MM-TT)
    #[param(format = Date)]
    pub von: Option<String>,
    /// Eingereicht bis zu diesem Tag (JJJJ-MM-TT)
    #[param(format = Date)]
    pub bis: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Bereichsabfrage {
    /// RD-Kürzel
    pub rd: Option<String>,
    /// Agentur-Kürzel
    pub agentur: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Zeitraum {
    /// Erster Tag (JJJJ-MM-TT)
    #[param(format = Date)]
    pub von: Option<String>,
    /// Letzter Tag (JJJJ-MM-TT)
    #[param(format = Date)]
    pub bis: Option<String>,
}

fn code<T: Serialize>(value: T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// Order items as CSV, as on the export page.
#[utoipa::path(get, path = "/api/v1/exporte/auftraege", operation_id = "export_positionen", tag = "Exporte",
    params(Positionsabfrage),
    responses((status = 200, description = "CSV (Semikolon, UTF-8 mit BOM)", content_type = "text/csv")),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn items(
    State(state): State<AppState>,
    q: Result<Query<Positionsabfrage>, QueryRejection>,
    req: Request,
) -> Response {
    csv(with_query(state, q, req, async |ctx, q| {
        let query = ItemQuery {
            rd: q.rd,
            agentur: q.agentur,
            status: q.status.and_then(code),
            weisung: q.weisung,
            von: ui_date_param("von", q.von.as_deref())?,
            bis: ui_date_param("bis", q.bis.as_deref())?,
        };
        service::order_items(ctx, &query).await
    })
    .await)
}

/// The live configuration as CSV: one agency, one RD, or everything in scope.
#[utoipa::path(get, path = "/api/v1/exporte/konfiguration", operation_id = "export_konfiguration", tag = "Exporte",
    params(Bereichsabfrage),
    responses((status = 200, description = "CSV (Semikolon, UTF-8 mit BOM)", content_type = "text/csv")),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn configuration(
    State(state): State<AppState>,
    q: Result<Query<Bereichsabfrage>, QueryRejection>,
    req: Request,
) -> Response {
    csv(with_query(state, q, req, async |ctx, q| {
        let query = ScopeQuery {
            rd: q.rd,
            agentur: q.agentur,
        };
        service::configuration(ctx, &query).await
    })
    .await)
}

/// The audit log as CSV (Zentrale).
#[utoipa::path(get, path = "/api/v1/exporte/protokoll", operation_id = "export_protokoll", tag = "Exporte",
    params(Zeitraum),
    responses((status = 200, description = "CSV (Semikolon, UTF-8 mit BOM)", content_type = "text/csv")),
    security(("api_schluessel" = []), ("sitzung" = [])))]
pub async fn audit(
    State(state): State<AppState>,
    q: Result<Query<Zeitraum>, QueryRejection>,
    req: Request,
) -> Response {
    csv(with_query(state, q, req, async |ctx, q| {
        let query = PeriodQuery {
            von: ui_date_param("von", q.von.as_deref())?,
            bis: ui_date_param("bis", q.bis.as_deref())?,
        };
        service::audit_log(ctx, &query).await
    })
    .await)
}

fn csv(result: Result<Result<service::Download, app::error::AppError>, Response>) -> Response {
    match result {
        Ok(Ok(d)) => crate::export::download(Ok(d)),
        Ok(Err(e)) => super::problem::from_error(&e),
        Err(problem) => problem,
    }
}
