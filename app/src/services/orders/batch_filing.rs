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

/// What every order of one batch shares.
pub(crate) struct BatchHeader<'a> {
    pub batch_id: i64,
    pub author_id: i64,
    pub justification: &'a str,
    pub effective_date: time::Date,
    pub directive_id: Option<i64>,
    pub now: time::OffsetDateTime,
    /// The year in the order numbers (in Berlin).
    pub year: i32,
}

impl<'a> BatchHeader<'a> {
    /// Inserts a new batch (answering no directive) and answers its header and number.
    pub(crate) async fn start(
        tx: &mut WriteTx,
        author_id: i64,
        justification: &'a str,
        effective_date: time::Date,
        now: time::OffsetDateTime,
    ) -> Result<(BatchHeader<'a>, String), AppError> {
        let year = crate::domain::calendar::today_berlin(now).year();
        let batch = crate::db::order_batches::NewBatch {
            directive_id: None,
            author_id,
            justification,
            now,
            year,
        };
        let (batch_id, number) = tx.insert_batch(&batch).await.map_err(db_err)?;
        let header = BatchHeader {
            batch_id,
            author_id,
            justification,
            effective_date,
            directive_id: None,
            now,
            year,
        };
        Ok((header, number))
    }

    /// Opens the batch's draft for one agency; returns its id and number.
    pub(crate) async fn open_for(
        &self,
        tx: &mut WriteTx,
        agency_id: i64,
        region_id: i64,
    ) -> Result<(i64, String), AppError> {
        let draft = NewDraft {
            agency_id,
            region_id,
            author_id: self.author_id,
            justification: self.justification,
            effective_date: self.effective_date,
            directive_id: self.directive_id,
            now: self.now,
            year: self.year,
        };
        open(tx, &draft, self.batch_id).await
    }
}

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
            by: actor.user_id,
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
