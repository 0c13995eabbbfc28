//! Change orders: filing, editing, review, implementation.

pub mod batch;
pub mod model;
pub mod pages;
pub mod value_items;

pub use model::*;
// create_order takes one argument per form field.
#[allow(clippy::too_many_arguments)]
mod filing;
pub use filing::*;

use crate::error::AppError;
use leptos::prelude::*;

/// The order's page (see `domain::order::order_path`).
pub fn order_href(number: &str) -> String {
    crate::domain::order::order_path(number)
}

/// The order number a page path stands for ("2026-000001" → "ÄA-2026-000001").
pub fn number_from_path(segment: &str) -> String {
    let s = crate::ui::decode_param(segment);
    if s.starts_with("ÄA-") {
        s
    } else {
        format!("ÄA-{s}")
    }
}

/// Justification, effective date and directive of a draft (or returned order).
#[server(prefix = "/api", endpoint = "auftrag/angaben")]
pub async fn update_order(
    nummer: String,
    revision: i64,
    begruendung: String,
    wirksam_ab: String,
    weisung: Option<String>,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::update_header(
            &ctx,
            &nummer,
            revision,
            &begruendung,
            &wirksam_ab,
            weisung.as_deref().unwrap_or(""),
        )
        .await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "auftrag/position")]
pub async fn save_order_item(
    nummer: String,
    revision: i64,
    dienststelle: String,
    anliegen: String,
    postfach: i64,
    bereich: i64,
    adressen: String,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::{save_item, ItemInput};
    let input = ItemInput {
        office_code: dienststelle,
        concern_code: anliegen,
        mailbox_id: postfach,
        area_id: bereich,
        addresses: adressen,
    };
    crate::services::access::respond(save_item(&ctx, &nummer, revision, input).await)?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

#[server(prefix = "/api", endpoint = "auftrag/position-entfernen")]
pub async fn remove_order_item(
    nummer: String,
    revision: i64,
    position: i64,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::remove_item(
            &ctx,
            &nummer,
            revision,
            crate::domain::kind::Kind::Routing,
            position,
        )
        .await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

/// Removes an item of a kind with a single field (`art`: the kind's code, e.g.
/// "e-mail-kommunikation", "eakte-regelwerk").
#[server(prefix = "/api", endpoint = "auftrag/art-position-entfernen")]
pub async fn remove_kind_item(
    nummer: String,
    revision: i64,
    art: String,
    position: i64,
) -> Result<(), AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let kind = crate::domain::kind::Kind::from_code(&art).ok_or(AppError::BadRequest)?;
    crate::services::access::respond(
        crate::services::orders::remove_item(&ctx, &nummer, revision, kind, position).await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(())
}

/// einreichen | genehmigen | ablehnen | zurueckgeben | umsetzen | zurueckziehen
#[server(prefix = "/api", endpoint = "auftrag/aktion")]
pub async fn order_action(
    nummer: String,
    revision: i64,
    aktion: String,
    grund: Option<String>,
) -> Result<String, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    use crate::services::orders::transition;
    let action = crate::domain::order::Action::from_code(&aktion).ok_or(AppError::BadRequest)?;
    let state = crate::services::access::respond(
        transition(
            &ctx,
            &nummer,
            revision,
            action,
            grund.as_deref().unwrap_or(""),
        )
        .await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(state.label().to_string())
}

#[server(prefix = "/api", endpoint = "auftrag/aktualisieren")]
pub async fn refresh_order(nummer: String, revision: i64) -> Result<usize, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    let n = crate::services::access::respond(
        crate::services::orders::refresh_stale(&ctx, &nummer, revision).await,
    )?;
    leptos_axum::redirect(&order_href(&nummer));
    Ok(n)
}

#[server(prefix = "/api", endpoint = "auftrag")]
pub async fn fetch_order(nummer: String) -> Result<OrderDetail, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::orders::detail(&ctx, &nummer).await)
}

#[server(prefix = "/api", endpoint = "auftraege")]
pub async fn fetch_orders(
    status: Option<String>,
    rd: Option<String>,
    nach: Option<i64>,
) -> Result<OrderList, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(
        crate::services::orders::list(&ctx, status.as_deref(), rd.as_deref(), nach).await,
    )
}

#[server(prefix = "/api", endpoint = "auftrag/auswahl")]
pub async fn fetch_item_choices(nummer: String) -> Result<ItemChoices, AppError> {
    let ctx = crate::services::context::Ctx::current()?;
    crate::services::access::respond(crate::services::orders::item_choices(&ctx, &nummer).await)
}
