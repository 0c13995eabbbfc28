//! Retiring an Anliegen into a successor (Zentrale): the plan for a chosen successor, the
//! batch order that makes the successor route the same way, and the deactivation.

use super::model::ConcernRetirementPlan;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "katalog/anliegen/abloesen/plan")]
pub async fn fetch_concern_retirement(
    kuerzel: String,
    nachfolger: Option<String>,
) -> Result<ConcernRetirementPlan, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::concern_retirement::retirement_page(&ctx, &kuerzel, nachfolger.as_deref())
            .await,
    )
}

/// Files the batch order that sets `nachfolger`'s routing to the Anliegen's; goes to the
/// batch.
#[server(prefix = "/api", endpoint = "katalog/anliegen/abloesen/umzug")]
pub async fn file_concern_move(
    kuerzel: String,
    nachfolger: String,
    begruendung: String,
    wirksam_ab: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::concern_retirement::MoveInput {
        code: &kuerzel,
        successor: &nachfolger,
        justification: &begruendung,
        effective_date: &wirksam_ab,
    };
    let number = crate::services::access::respond(
        crate::services::concern_retirement::file_move(&ctx, input).await,
    )?;
    leptos_axum::redirect(&crate::orders::batch::batch_href(&number));
    Ok(number)
}

/// Deactivates the Anliegen seen at `version` into `nachfolger`; goes to its page.
#[server(prefix = "/api", endpoint = "katalog/anliegen/abloesen")]
pub async fn retire_concern(
    kuerzel: String,
    version: String,
    nachfolger: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let input = crate::services::concern_retirement::RetireInput {
        code: &kuerzel,
        version: &version,
        successor: &nachfolger,
    };
    let version = crate::services::access::respond(
        crate::services::concern_retirement::retire(&ctx, input).await,
    )?;
    leptos_axum::redirect(&format!(
        "/katalog/anliegen/{}?gespeichert={version}",
        kuerzel.trim()
    ));
    Ok(version)
}
