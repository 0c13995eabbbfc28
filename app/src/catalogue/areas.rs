//! The Bereiche: everyone reads them, the Zentrale creates, renames, deactivates and
//! reactivates them.

use super::model::{AreaDetail, AreaList};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "katalog/bereiche")]
pub async fn fetch_areas() -> Result<AreaList, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::areas::list(&ctx).await)
}

#[server(prefix = "/api", endpoint = "katalog/bereich")]
pub async fn fetch_area(kuerzel: String) -> Result<AreaDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::areas::detail(&ctx, &kuerzel).await)
}

/// Creates a Bereich; goes to its page.
#[server(prefix = "/api", endpoint = "katalog/bereich/anlegen")]
pub async fn create_area(kuerzel: String, name: String) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let code = crate::services::access::respond(
        crate::services::areas::create(&ctx, &kuerzel, &name).await,
    )?;
    leptos_axum::redirect(&format!("/katalog/bereich/{code}?gespeichert=1"));
    Ok(code)
}

/// Renames the Bereich seen at `version`; the page's address then carries the new version.
#[server(prefix = "/api", endpoint = "katalog/bereich/aendern")]
pub async fn rename_area(kuerzel: String, version: String, name: String) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::areas::rename(&ctx, &kuerzel, &version, &name).await,
    )?;
    leptos_axum::redirect(&format!(
        "/katalog/bereich/{}?gespeichert={version}",
        kuerzel.trim()
    ));
    Ok(version)
}

/// "deaktivieren" or "reaktivieren" the Bereich seen at `version`.
#[server(prefix = "/api", endpoint = "katalog/bereich/status")]
pub async fn change_area_status(
    kuerzel: String,
    version: String,
    aktion: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::areas::set_active(&ctx, &kuerzel, &version, &aktion).await,
    )?;
    leptos_axum::redirect(&format!(
        "/katalog/bereich/{}?gespeichert={version}",
        kuerzel.trim()
    ));
    Ok(version)
}
