//! The configuration kind "E-Mail-Kommunikation" (Weisung 202505010): whether a Team-,
//! Organisations- or Liegenschaftspostfach accepts external e-mail. Its items live in
//! the same change orders as routing items.

pub mod history;
pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "auftrag/einstellung")]
pub async fn save_mailbox_setting(
    nummer: String,
    revision: i64,
    eintrag: i64,
    modus: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::mailbox_settings::save_item;
    crate::services::access::respond(save_item(&ctx, &nummer, revision, eintrag, &modus).await)?;
    leptos_axum::redirect(&crate::orders::order_href(&nummer));
    Ok(())
}

#[server(prefix = "/api", endpoint = "auftrag/einstellung-auswahl")]
pub async fn fetch_setting_choices(nummer: String) -> Result<SettingChoices, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::mailbox_settings::choices;
    crate::services::access::respond(choices(&ctx, &nummer).await)
}

#[server(prefix = "/api", endpoint = "postfach-einstellung")]
pub async fn fetch_setting_history(eintrag: i64) -> Result<SettingHistory, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::mailbox_settings::history(&ctx, eintrag).await,
    )
}
