//! What every page links in its footer: the accessibility statement (BITV 2.0), the
//! operator's Impressum and Datenschutzerklärung.

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

/// The operator's settings; public, like the statement that shows them.
#[server(prefix = "/api", endpoint = "betreiber")]
pub async fn operator_settings() -> Result<SiteSettings, AppError> {
    let state = use_context::<crate::services::AppState>()
        .ok_or_else(|| crate::services::internal("AppState fehlt im Kontext"))?;
    Ok(state.site.as_ref().clone())
}
