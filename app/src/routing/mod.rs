//! The live routing configuration, its history and point-in-time views.

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "routing/agentur")]
pub async fn fetch_agency_routing(
    code: String,
    stand: Option<String>,
) -> Result<AgencyRouting, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::routing::agency(&ctx, &code, stand.as_deref()).await,
    )
}

#[server(prefix = "/api", endpoint = "routing/dienststelle")]
pub async fn fetch_office_routing(
    code: String,
    stand: Option<String>,
) -> Result<OfficeRouting, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::routing::office(&ctx, &code, stand.as_deref()).await,
    )
}

#[server(prefix = "/api", endpoint = "routing/verlauf")]
pub async fn fetch_entry_history(
    eintrag: i64,
    von: Option<i64>,
    bis: Option<i64>,
) -> Result<EntryHistory, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::routing::history(&ctx, eintrag, von, bis).await,
    )
}
