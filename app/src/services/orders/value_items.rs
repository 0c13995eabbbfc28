//! What every configuration kind with a single field (the mailbox setting, the eAkte
//! rule) does with its order items the same way: store one with its audit record, bring
//! stale ones onto the live version, and implement them as new live versions. The kinds
//! supply only how an item reads (`ValueItem`).

use super::begin_at_revision;
use crate::db::kind_store::{ItemBase, NewValueVersion, ValueColumn};
use crate::db::orders::OrderRow;
use crate::db::write::WriteTx;
use crate::domain::kind::Kind;
use crate::domain::order::OrderState;
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::orders::model::ValueItemView;
use crate::services::context::Ctx;
use crate::services::db_err;
use time::OffsetDateTime;

/// An order item of a single-field kind, read with the live version of its entry.
pub trait ValueItem {
    const KIND: Kind;
    type Value: ValueColumn + PartialEq;

    fn base(&self) -> ItemBase;
    fn value(&self) -> Self::Value;
    fn live_value(&self) -> Self::Value;
    /// What the item changes, as the order page names it.
    fn subject(&self) -> String;
    /// The item as a refusal names it ("E-Mail-Kommunikation kiel.…@…").
    fn stale_name(&self) -> String;
    /// (before, after) as the order page shows them: the live and the proposed value.
    fn shown(&self) -> (String, String);
    /// (object, detail) of the audit record of the new version `version`.
    fn version_audit(&self, version: i64, number: &str) -> (String, String);

    fn view(&self) -> ValueItemView {
        let ((before, after), at) = (self.shown(), self.base());
        ValueItemView {
            id: at.id,
            subject: self.subject(),
            before,
            after,
            base_version: at.base_version,
            live_version: at.live_version,
            stale: at.is_stale(),
            unchanged: self.value() == self.live_value(),
        }
    }
}

/// Stores an item the caller has checked, at the revision the user saw, with its audit
/// record (`detail`).
#[allow(clippy::too_many_arguments)]
pub async fn store<V: ValueColumn>(
    ctx: &Ctx,
    actor: &Actor,
    (order, state): (&OrderRow, OrderState),
    revision: i64,
    kind: Kind,
    (entry_id, base_version): (i64, i64),
    value: V,
    detail: String,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let mut tx = begin_at_revision(ctx.db(), actor, order.id, revision, state, now).await?;
    tx.save_value_item(kind, order.id, entry_id, base_version, value)
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        actor,
        "position-gespeichert",
        &format!("auftrag:{}", order.number),
        detail,
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// Brings stale items onto the live version, dropping those that would no longer change
/// anything; returns how many were stale.
pub async fn refresh<I: ValueItem>(
    tx: &mut WriteTx,
    order_id: i64,
    items: &[I],
) -> Result<usize, AppError> {
    let mut n = 0;
    for (i, at) in items
        .iter()
        .map(|i| (i, i.base()))
        .filter(|(_, at)| at.is_stale())
    {
        if i.value() == i.live_value() {
            tx.remove_item(I::KIND, order_id, at.id).await
        } else {
            tx.rebase_item(I::KIND, at.id, at.live_version)
                .await
                .map(|_| true)
        }
        .map_err(db_err)?;
        n += 1;
    }
    Ok(n)
}

/// The order being implemented, as its new versions record it.
pub struct Implementing<'a> {
    pub order_id: i64,
    pub number: &'a str,
    pub author_id: i64,
    pub note: &'a str,
    pub now: OffsetDateTime,
}

/// What implementing the items did: new versions, or the stale items.
#[derive(Default)]
pub struct Implemented {
    pub new_versions: Vec<String>,
    pub stale: Vec<String>,
    /// Audit records (object, detail) of the new versions.
    pub audit: Vec<(String, String)>,
}

/// Turns every item into the next live version of its entry; a stale one is only named.
pub async fn implement<I: ValueItem>(
    tx: &mut WriteTx,
    order: &Implementing<'_>,
    items: &[I],
    done: &mut Implemented,
) -> Result<(), AppError> {
    for (i, at) in items.iter().map(|i| (i, i.base())) {
        let closed = tx
            .close_live_version(I::KIND, at.entry_id, at.base_version, order.now)
            .await
            .map_err(db_err)?;
        if !closed {
            done.stale.push(i.stale_name());
            continue;
        }
        let version = at.base_version + 1;
        let new = NewValueVersion {
            entry_id: at.entry_id,
            version,
            value: i.value(),
            valid_from: order.now,
            order_id: order.order_id,
            author_id: order.author_id,
            note: order.note,
        };
        tx.insert_value_version(I::KIND, &new)
            .await
            .map_err(db_err)?;
        done.new_versions
            .push(format!("{}:{} v{version}", I::KIND.code(), at.entry_id));
        done.audit.push(i.version_audit(version, order.number));
    }
    Ok(())
}
