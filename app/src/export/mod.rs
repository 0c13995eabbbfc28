//! CSV exports (order items for RIM, the live configuration, the audit log) and the CSV
//! import of an edited configuration as a draft order.

pub mod import;
pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "export/auswahl")]
pub async fn load_export_choices() -> Result<ExportChoices, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::export_choices::choices(&ctx).await)
}
