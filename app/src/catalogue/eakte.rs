//! The catalogue of the eAkte-Regelwerk: Aktentypen, Dokumenttypen and Dokumentarten
//! (everyone reads; the Zentrale creates, renames, deactivates and reactivates).

use super::model::{EakteCatalogueView, EakteEntryDetail};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "katalog/eakte")]
pub async fn fetch_eakte_catalogue() -> Result<EakteCatalogueView, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::eakte_catalogue::catalogue(&ctx).await)
}

#[server(prefix = "/api", endpoint = "katalog/eakte/eintrag")]
pub async fn fetch_eakte_entry(art: String, kuerzel: String) -> Result<EakteEntryDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::eakte_catalogue::detail(&ctx, &art, &kuerzel).await,
    )
}

/// The page of an entry.
pub fn entry_href(kind: &str, code: &str) -> String {
    format!("/katalog/eakte/{}/{}", kind.trim(), code.trim())
}

/// Creates an Aktentyp, Dokumenttyp (of `aktentyp`) or Dokumentart; goes to its page.
#[server(prefix = "/api", endpoint = "katalog/eakte/anlegen")]
pub async fn create_eakte_entry(
    art: String,
    aktentyp: Option<String>,
    kuerzel: String,
    name: String,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let (kind, key) = crate::services::access::respond(
        crate::services::eakte_catalogue::create(
            &ctx,
            &art,
            aktentyp.as_deref().unwrap_or_default(),
            &kuerzel,
            &name,
        )
        .await,
    )?;
    leptos_axum::redirect(&format!("{}?angelegt=1", entry_href(&kind, &key)));
    Ok(key)
}

/// Renames the entry seen at `version`; the page loads anew with the new version.
#[server(prefix = "/api", endpoint = "katalog/eakte/aendern")]
pub async fn rename_eakte_entry(
    art: String,
    kuerzel: String,
    version: String,
    name: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::eakte_catalogue::rename(&ctx, &art, &kuerzel, &version, &name).await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?gespeichert={version}",
        entry_href(&art, &kuerzel)
    ));
    Ok(version)
}

/// "deaktivieren" or "reaktivieren" the entry seen at `version`.
#[server(prefix = "/api", endpoint = "katalog/eakte/status")]
pub async fn set_eakte_entry_status(
    art: String,
    kuerzel: String,
    version: String,
    aktion: String,
) -> Result<i64, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let version = crate::services::access::respond(
        crate::services::eakte_catalogue::set_active(&ctx, &art, &kuerzel, &version, &aktion).await,
    )?;
    leptos_axum::redirect(&format!(
        "{}?gespeichert={version}",
        entry_href(&art, &kuerzel)
    ));
    Ok(version)
}
