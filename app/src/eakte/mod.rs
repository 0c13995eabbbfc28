//! The configuration kind "eAkte-Regelwerk" (Weisung 202505010, 1): per agency, Aktentyp,
//! Dokumenttyp and Dokumentart the Postkorb an incoming document lands in. Its items
//! live in the same change orders as routing items; the agency files with its RIM.

pub mod history;
pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "eakte-regel")]
pub async fn fetch_eakte_history(eintrag: i64) -> Result<EakteHistory, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::eakte_rules::history(&ctx, eintrag).await)
}

#[server(prefix = "/api", endpoint = "auftrag/eakte-regel")]
pub async fn save_eakte_rule(
    nummer: String,
    revision: i64,
    regel: i64,
    postkorb: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::eakte_rules::save_item;
    crate::services::access::respond(save_item(&ctx, &nummer, revision, regel, &postkorb).await)?;
    leptos_axum::redirect(&crate::orders::order_href(&nummer));
    Ok(())
}

#[server(prefix = "/api", endpoint = "auftrag/eakte-auswahl")]
pub async fn fetch_eakte_choices(nummer: String) -> Result<EakteChoices, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::eakte_rules::choices;
    crate::services::access::respond(choices(&ctx, &nummer).await)
}
