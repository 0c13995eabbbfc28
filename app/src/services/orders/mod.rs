//! Change orders: drafts and items, the life cycle with four eyes, and implementation
//! that turns every item into a new live version — all items or none.

pub(crate) mod batch_filing;
pub mod central_lock;
pub(crate) mod drafts;
mod eakte_restore;
pub mod eakte_rules;
mod idempotent;
mod lifecycle;
pub mod mailbox_settings;
mod reading;
mod setting_restore;
pub(crate) mod value_items;
mod value_restore;

pub use drafts::{
    create_draft, new_order_form, refresh_stale, remove_item, save_item, update_header, DraftInput,
    ItemInput, Restore, RestoreRequest,
};
pub use idempotent::file_once;
pub use lifecycle::transition;
pub use reading::{
    detail, item_changes, item_choices, list, list_page, record, ListPage, OrderRecord, PAGE_SIZE,
};

use super::db_err;
use crate::db::orders as q;
use crate::domain::order::{self, OrderState};
use crate::domain::org::OrgLocation;
use crate::domain::policy::{self, Actor};
use crate::error::AppError;
use crate::services::context::Ctx;

/// Starts the write of `actor`'s change to an order they saw at `revision` (still in
/// `state`): the revision is raised first, so a stale form is refused before anything
/// else is written, and the actor becomes one of the order's hands (four eyes).
pub(crate) async fn begin_at_revision(
    db: &crate::db::Db,
    actor: &Actor,
    order_id: i64,
    revision: i64,
    state: OrderState,
    now: time::OffsetDateTime,
) -> Result<crate::db::write::WriteTx, AppError> {
    let mut tx = db.begin_write().await.map_err(db_err)?;
    match tx
        .bump_revision(order_id, revision, state, now, actor.user_id)
        .await
    {
        Ok(true) => Ok(tx),
        Ok(false) => Err(stale_order()),
        Err(e) => Err(db_err(e)),
    }
}

const STALE_ORDER: &str = "Der Auftrag wurde inzwischen geändert. Bitte laden Sie die Seite neu; Ihre Änderung wurde nicht gespeichert.";

pub(crate) fn stale_order() -> AppError {
    AppError::Conflict(STALE_ORDER.into())
}

/// Whether a change was refused because the order changed since the revision it named
/// (the API answers that with 412 to an `If-Match`).
pub fn is_stale_order(e: &AppError) -> bool {
    matches!(e, AppError::Conflict(m) if m == STALE_ORDER)
}

/// The revision of an order the actor may see (the API's `ETag` after a change).
pub async fn revision(ctx: &Ctx, number: &str) -> Result<i64, AppError> {
    let actor = ctx.actor()?;
    Ok(visible_order(ctx, &actor, number).await?.revision)
}

fn location(order: &q::OrderRow) -> OrgLocation {
    OrgLocation::Agency {
        region_id: order.region_id,
        agency_id: order.agency_id,
    }
}

/// Loads an order the actor may see.
pub async fn visible_order(
    ctx: &Ctx,
    actor: &Actor,
    number: &str,
) -> Result<q::OrderRow, AppError> {
    let db = ctx.db().clone();
    let order = q::by_number(&db, number)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    ctx.require(
        actor,
        policy::Action::ViewOrganisation,
        location(&order),
        &format!("auftrag:{number}"),
    )
    .await?;
    Ok(order)
}

/// An order whose items the actor may change now (own agency, Entwurf or Zur Überarbeitung).
async fn editable_order(
    ctx: &Ctx,
    actor: &Actor,
    number: &str,
) -> Result<(q::OrderRow, OrderState), AppError> {
    let order = visible_order(ctx, actor, number).await?;
    let st = order.state;
    ctx.require(
        actor,
        policy::Action::FileOrder,
        location(&order),
        &format!("auftrag:{number}"),
    )
    .await?;
    if !order::may_edit_items(actor, location(&order), st) {
        return Err(AppError::Conflict(format!(
            "Positionen können nur im Entwurf oder zur Überarbeitung geändert werden (Status: {}).",
            st.label()
        )));
    }
    Ok((order, st))
}
