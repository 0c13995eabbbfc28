//! The configuration kinds and their workflow setting: whether an RD reviews changes of
//! a kind before RIM implements them (set by the Zentrale).

pub mod model;
pub mod pages;

pub use model::*;

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "arten")]
pub async fn fetch_kind_settings() -> Result<KindSettings, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::kinds::settings(&ctx).await)
}

#[server(prefix = "/api", endpoint = "arten/pruefung")]
pub async fn set_kind_review(art: String, pruefung: String) -> Result<(), AppError> {
    use crate::domain::kind::{Kind, Review};
    let ctx = crate::services::context::Ctx::current()?;
    let kind = Kind::from_code(art.trim()).ok_or(AppError::BadRequest)?;
    let review = Review::from_code(pruefung.trim()).ok_or(AppError::BadRequest)?;
    crate::services::access::respond(crate::services::kinds::set_review(&ctx, kind, review).await)?;
    if crate::services::request::is_plain_form_post() {
        leptos_axum::redirect("/arten");
    }
    Ok(())
}
