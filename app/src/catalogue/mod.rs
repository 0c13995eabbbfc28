//! The Anliegen catalogue: everyone reads it, the Zentrale creates and changes Anliegen.

pub mod area_pages;
pub mod areas;
pub mod eakte;
pub mod eakte_pages;
pub mod model;
pub mod pages;
pub mod retirement;
pub mod retirement_pages;

use crate::error::AppError;
use leptos::prelude::*;
use model::{CatalogueView, ConcernHistory};

#[server(prefix = "/api", endpoint = "katalog")]
pub async fn fetch_catalogue() -> Result<CatalogueView, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::catalogue::catalogue(&ctx).await)
}

#[server(prefix = "/api", endpoint = "katalog/anliegen")]
pub async fn fetch_concern(kuerzel: String) -> Result<ConcernHistory, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::catalogue::history(&ctx, &kuerzel).await)
}

/// Creates an Anliegen; answers how many routing entries got their initial configuration.
#[server(prefix = "/api", endpoint = "katalog/anliegen/anlegen")]
pub async fn create_concern(
    kuerzel: String,
    name: String,
    kundengruppe: String,
    bereich: String,
) -> Result<u64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let routed = crate::services::access::respond(
        crate::services::catalogue::create(&ctx, &kuerzel, &name, &kundengruppe, &bereich).await,
    )?;
    leptos_axum::redirect(&format!(
        "/katalog/anliegen/{}?angelegt={routed}",
        kuerzel.trim().to_lowercase()
    ));
    Ok(routed)
}

/// Changes an Anliegen made from version `version`; "aktiv" is "ja" when checked.
/// Answers the new version; the page's address carries it, so the page loads anew.
#[server(prefix = "/api", endpoint = "katalog/anliegen/aendern")]
pub async fn change_concern(
    kuerzel: String,
    version: String,
    name: String,
    kundengruppe: String,
    bereich: String,
    aktiv: Option<String>,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let active = aktiv.as_deref() == Some("ja");
    let version = crate::services::access::respond(
        crate::services::catalogue::change(
            &ctx,
            &kuerzel,
            &version,
            (&name, &kundengruppe, &bereich),
            active,
        )
        .await,
    )?;
    leptos_axum::redirect(&format!(
        "/katalog/anliegen/{}?gespeichert={version}",
        kuerzel.trim()
    ));
    Ok(version)
}
