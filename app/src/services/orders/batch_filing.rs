//! The steps every order of a Zentrale batch (Sammelauftrag) takes: opened in its agency
//! as part of the batch, then — once its items are saved — submitted at once, audited,
//! and its next hands notified. Used by the central locks of a directive and by the move
//! of a mailbox's routing to its successor.

use crate::db::order_changes::{NewDraft, Stamp, StateChange};
use crate::db::write::WriteTx;
use crate::domain::calendar::format_date;
use crate::domain::notify;
use crate::domain::order::{Action as OrderAction, OrderState};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::context::Ctx;
use crate::services::db_err;
use time::Date;

/// Opens a draft in its agency as part of the batch; returns its id and number.
pub(crate) async fn open(
    tx: &mut WriteTx,
    draft: &NewDraft<'_>,
    batch_id: i64,
) -> Result<(i64, String), AppError> {
    let (order_id, number) = tx.insert_draft(draft).await.map_err(db_err)?;
    tx.join_batch(order_id, batch_id).await.map_err(db_err)?;
    Ok((order_id, number))
}

/// An opened order whose items are saved.
pub(crate) struct Filed<'a> {
    pub order_id: i64,
    pub number: &'a str,
    pub region_id: i64,
    pub agency_name: &'a str,
    pub effective_date: Date,
    /// (number, deadline) of the directive it answers.
    pub directive: Option<(&'a str, Date)>,
    /// What the audit record says after the agency and date ("Sammelauftrag …: …").
    pub summary: String,
}

/// Submits the order at once (to the RD when its items need a review, else to RIM),
/// with the audit records of filing and submitting and the notification.
pub(crate) async fn submit(
    ctx: &Ctx,
    tx: &mut WriteTx,
    actor: &Actor,
    f: &Filed<'_>,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    let review = tx.review_of_order(f.order_id).await.map_err(db_err)?;
    let submitted = StateChange {
        order_id: f.order_id,
        from: OrderState::Draft,
        to: OrderState::Submitted,
        revision: 1,
        now,
        stamp: Stamp::Submitted {
            review_required: review.is_required(),
        },
    };
    if !tx.change_state(&submitted).await.map_err(db_err)? {
        return Err(super::stale_order());
    }
    let object = format!("auftrag:{}", f.number);
    let filed = ctx.audit_entry(
        actor,
        "auftrag-angelegt",
        &object,
        format!(
            "Agentur {}, wirksam ab {}; {}",
            f.agency_name,
            format_date(f.effective_date),
            f.summary
        ),
    );
    tx.audit(&filed).await.map_err(db_err)?;
    let submit = ctx.audit_entry(
        actor,
        &format!("auftrag-{}", OrderAction::Submit.code()),
        &object,
        format!(
            "{} → {}",
            OrderState::Draft.label(),
            OrderState::Submitted.label()
        ),
    );
    tx.audit(&submit).await.map_err(db_err)?;
    let next_hands = tx
        .next_hands(review, f.region_id, actor.user_id)
        .await
        .map_err(db_err)?;
    let message = notify::order_submitted(f.number, 2, f.agency_name, f.directive, review);
    tx.notify(&next_hands, &message, ctx.state.mail, now)
        .await
        .map_err(db_err)?;
    Ok(())
}
