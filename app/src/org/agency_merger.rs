//! Merging an agency into a successor agency (Zentrale): the plan for a chosen successor
//! and the merger, which files the order that moves the routing it would strand.

use super::model::AgencyMergerPlan;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "organisation/agentur/zusammenlegen/plan")]
pub async fn fetch_agency_merger(
    agentur: String,
    nachfolger: Option<String>,
) -> Result<AgencyMergerPlan, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::agency_merger::merger_page(&ctx, &agentur, nachfolger.as_deref()).await,
    )
}

/// Merges the agency seen at `version` into `nachfolger`; `begruendung` and `wirksam_ab`
/// head the order that moves the routing, when there is any. Goes to the agency's page.
#[server(prefix = "/api", endpoint = "organisation/agentur/zusammenlegen")]
pub async fn merge_agency(
    agentur: String,
    version: String,
    nachfolger: String,
    begruendung: Option<String>,
    wirksam_ab: Option<String>,
) -> Result<Option<String>, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::agency_merger::MergeInput {
        code: &agentur,
        version: &version,
        successor: &nachfolger,
        justification: begruendung.as_deref().unwrap_or_default(),
        effective_date: wirksam_ab.as_deref().unwrap_or_default(),
    };
    let batch =
        crate::services::access::respond(crate::services::agency_merger::merge(&ctx, input).await)?;
    let filed = batch
        .as_ref()
        .map(|b| format!("&sammelauftrag={b}"))
        .unwrap_or_default();
    leptos_axum::redirect(&format!(
        "/organisation/agentur/{}?zusammengelegt=1{filed}",
        agentur.trim()
    ));
    Ok(batch)
}
