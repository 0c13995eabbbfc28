//! The Zentrale's batch order (Sammelauftrag) for what a directive has done centrally
//! (Weisung 202505010: every Liegenschaftspostfach is locked on "Intern"). Every mailbox
//! a lock covers that does not have its mode yet, and has no order on the way, gets an
//! item: one order per agency, submitted at once to the agency's RIM (the kind has no RD
//! review), all in one transaction. The orders are ordinary orders of their agency from
//! then on; the batch groups them.

use crate::db::compliance::Reading;
use crate::db::order_batches::{self as q, NewBatch};
use crate::db::order_changes::NewDraft;
use crate::domain::calendar::{format_berlin, today_berlin};
use crate::domain::kind::Kind;
use crate::domain::order::OrderState;
use crate::domain::order_form::check_header;
use crate::domain::org::OrgLocation;
use crate::domain::policy::{Action, ScopeFilter};
use crate::error::AppError;
use crate::orders::model::{BatchOrderView, BatchView};
use crate::services::context::Ctx;
use crate::services::db_err;
use crate::services::directives::{load_by_number, Judged};
use crate::services::setting_compliance::{self as settings, SettingPrefill};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// One agency's part of the batch.
struct AgencyPart {
    region_id: i64,
    agency_name: String,
    items: Vec<SettingPrefill>,
}

/// Files the batch for the directive's locks; returns its number (SA-JJJJ-NNNN).
pub async fn file(
    ctx: &Ctx,
    directive: &str,
    justification: &str,
    effective_date: &str,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let directive = directive.trim();
    ctx.require(
        &actor,
        Action::FileCentralOrder,
        OrgLocation::Central,
        &format!("weisung:{directive}/sammelauftrag"),
    )
    .await?;
    let db = ctx.db().clone();
    let now = OffsetDateTime::now_utc();
    let header = check_header(justification, effective_date, today_berlin(now))
        .map_err(AppError::Validation)?;
    let d = load_by_number(&db, directive).await?;
    if d.lock_rules.is_empty() {
        return Err(AppError::Conflict(format!(
            "Die Weisung {} sieht keine zentrale Sperre vor.",
            d.row.number
        )));
    }
    let mut parts: BTreeMap<i64, AgencyPart> = BTreeMap::new();
    for rule in &d.lock_rules {
        let everywhere = ScopeFilter::everywhere();
        let evaluated =
            settings::evaluate(&db, rule, (&d.applies, &everywhere), now, Reading::Shown).await?;
        for e in evaluated.iter().filter(|e| e.needs_order()) {
            parts
                .entry(e.row.agency_id)
                .or_insert_with(|| AgencyPart {
                    region_id: e.row.region_id,
                    agency_name: e.row.agency_name.clone(),
                    items: Vec::new(),
                })
                .items
                .push(settings::item_for(rule, e));
        }
    }
    if parts.is_empty() {
        return Err(AppError::Conflict(
            "Es gibt nichts zu sperren: Alle Postfächer, die die Weisung sperrt, sind gesperrt oder mit einem Auftrag unterwegs.".into(),
        ));
    }
    let year = today_berlin(now).year();
    let mut tx = db.begin_write().await.map_err(db_err)?;
    let batch = NewBatch {
        directive_id: Some(d.row.id),
        author_id: actor.user_id,
        justification: header.justification.as_str(),
        now,
        year,
    };
    let (batch_id, batch_number) = tx.insert_batch(&batch).await.map_err(db_err)?;
    let mut mailboxes = 0;
    for (agency_id, part) in &parts {
        let draft = NewDraft {
            agency_id: *agency_id,
            region_id: part.region_id,
            author_id: actor.user_id,
            justification: header.justification.as_str(),
            effective_date: header.effective_date,
            directive_id: Some(d.row.id),
            now,
            year,
        };
        let (order_id, number) = super::batch_filing::open(&mut tx, &draft, batch_id).await?;
        for item in &part.items {
            tx.save_value_item(
                Kind::MailboxSetting,
                order_id,
                item.entry_id,
                item.base_version,
                item.mode,
            )
            .await
            .map_err(db_err)?;
        }
        mailboxes += part.items.len();
        let what: Vec<&str> = part.items.iter().map(|i| i.mailbox.as_str()).collect();
        let filed = super::batch_filing::Filed {
            order_id,
            number: &number,
            region_id: part.region_id,
            agency_name: &part.agency_name,
            effective_date: header.effective_date,
            directive: Some((d.row.number.as_str(), d.row.deadline_on)),
            summary: format!(
                "Sammelauftrag {batch_number} zur Weisung {}: {}",
                d.row.number,
                what.join(", ")
            ),
        };
        super::batch_filing::submit(ctx, &mut tx, &actor, &filed, now).await?;
    }
    let entry = ctx.audit_entry(
        &actor,
        "sammelauftrag-angelegt",
        &format!("sammelauftrag:{batch_number}"),
        format!(
            "Weisung {}: {} Aufträge für {mailboxes} Postfächer",
            d.row.number,
            parts.len()
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(batch_number)
}

/// A batch with those of its orders the user may see (all, for the Zentrale).
pub async fn batch(ctx: &Ctx, number: &str) -> Result<BatchView, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db();
    let row = q::by_number(db, number.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let visible = ScopeFilter::for_action(&actor, Action::ViewOrganisation);
    let all = q::orders(db, row.id).await.map_err(db_err)?;
    let total = all.len();
    let orders: Vec<BatchOrderView> = all
        .into_iter()
        .filter(|o| {
            visible.shows(OrgLocation::Agency {
                region_id: o.region_id,
                agency_id: o.agency_id,
            })
        })
        .map(|o| BatchOrderView {
            number: o.number,
            agency: o.agency_name,
            region: o.region_name,
            items: o.item_count,
            state_code: o.state,
            state_label: o.state.label().into(),
        })
        .collect();
    if orders.is_empty() {
        return Err(AppError::NotFound);
    }
    let implemented = orders
        .iter()
        .filter(|o| o.state_code == OrderState::Implemented)
        .count();
    Ok(BatchView {
        number: row.number,
        justification: row.justification,
        author: row.author_name,
        filed_at: format_berlin(row.created_at),
        directive: row.directive_number.zip(row.directive_title),
        hidden: total - orders.len(),
        implemented,
        orders,
    })
}
