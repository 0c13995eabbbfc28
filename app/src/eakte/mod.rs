//! The configuration kind "eAkte-Regelwerk" (Weisung 202505010, 1): per agency, Aktentyp,
//! Dokumenttyp and Dokumentart the Postkorb an incoming document lands in. Its items
//! live in the same change orders as routing items; the agency files with its RIM.

pub mod history;
pub mod model;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "eakte-regel")]
pub async fn fetch_eakte_history(eintrag: i64) -> Result<EakteHistory, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::eakte_rules::history(&ctx, eintrag).await)
}
