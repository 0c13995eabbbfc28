//! Items of the kind "E-Mail-Kommunikation" in a change order: saved and removed like
//! routing items (same order, same revision check, same audit), checked against the
//! mailbox kind and the keep-in-place obligations, and implemented as new versions.

use super::editable_order;
use super::value_items::{self, ValueItem};
use crate::db::kind_store::ItemBase;
use crate::db::mailbox_settings::{self as q, ItemRow, SettingRow};
use crate::db::write::WriteTx;
use crate::db::Db;
use crate::domain::fields::FieldError;
use crate::domain::kind::Kind;
use crate::domain::mailbox_setting::{check, EmailMode, Lock};
use crate::error::AppError;
use crate::mailbox_settings::model::{SettingChoice, SettingChoices};
use crate::orders::model::ValueItemView;
use crate::services::context::Ctx;
use crate::services::db_err;
use time::Date;

fn field(name: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new(name, message)])
}

/// "Name – adresse (Teampostfach, Dienststelle)"
fn mailbox_label(
    name: &str,
    address: &str,
    kind: crate::domain::org::MailboxKind,
    office: &str,
) -> String {
    format!("{name} – {address} ({}, {office})", kind.label())
}

/// Adds an item that sets a mailbox's "E-Mail-Kommunikation", or replaces the order's
/// item for the same mailbox.
pub async fn save_item(
    ctx: &Ctx,
    number: &str,
    revision: i64,
    entry_id: i64,
    mode: &str,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let (order, st) = editable_order(ctx, &actor, number).await?;
    let mode = EmailMode::from_code(mode.trim())
        .ok_or_else(|| field("modus", "Bitte wählen Sie „Intern“ oder „Extern“."))?;
    let target = q::in_agency(&db, order.agency_id, entry_id)
        .await
        .map_err(db_err)?
        .ok_or_else(|| field("eintrag", "Bitte wählen Sie ein Postfach der Agentur."))?;
    let locks = q::locks(&db).await.map_err(db_err)?;
    check(target.mailbox_kind, mode, order.effective_date, &locks)
        .map_err(|m| field("modus", m))?;
    if target.email_mode == mode {
        return Err(field(
            "modus",
            format!(
                "Das Postfach ist bereits auf „{}“ eingestellt; die Position würde nichts ändern.",
                mode.label()
            ),
        ));
    }
    let detail = format!(
        "E-Mail-Kommunikation {}: {} → {}",
        target.mailbox_address,
        target.email_mode.label(),
        mode.label()
    );
    let entry = (entry_id, target.version);
    value_items::store(
        ctx,
        &actor,
        (&order, st),
        revision,
        Kind::MailboxSetting,
        entry,
        mode,
        detail,
    )
    .await
}

/// The mailboxes of the order's agency that have the setting, with their live value.
pub async fn choices(ctx: &Ctx, number: &str) -> Result<SettingChoices, AppError> {
    let actor = ctx.actor()?;
    let (order, _) = editable_order(ctx, &actor, number).await?;
    let rows = q::of_agency(ctx.db(), order.agency_id)
        .await
        .map_err(db_err)?;
    Ok(SettingChoices {
        mailboxes: rows.iter().map(choice).collect(),
        modes: EmailMode::ALL
            .into_iter()
            .map(|m| (m.code().to_string(), m.description().to_string()))
            .collect(),
    })
}

fn choice(r: &SettingRow) -> SettingChoice {
    SettingChoice {
        entry_id: r.entry_id,
        label: format!(
            "{} – derzeit {}",
            mailbox_label(
                &r.mailbox_name,
                &r.mailbox_address,
                r.mailbox_kind,
                &r.office_name
            ),
            r.email_mode.label()
        ),
    }
}

/// The order's setting items as the order page shows them.
pub async fn views(db: &Db, order_id: i64) -> Result<Vec<ValueItemView>, AppError> {
    let rows = q::items(db, order_id).await.map_err(db_err)?;
    Ok(rows.iter().map(ValueItem::view).collect())
}

impl ValueItem for ItemRow {
    const KIND: Kind = Kind::MailboxSetting;
    type Value = EmailMode;

    fn base(&self) -> ItemBase {
        self.at
    }
    fn value(&self) -> EmailMode {
        self.email_mode
    }
    fn live_value(&self) -> EmailMode {
        self.live_mode
    }
    fn subject(&self) -> String {
        mailbox_label(
            &self.mailbox_name,
            &self.mailbox_address,
            self.mailbox_kind,
            &self.office_name,
        )
    }
    fn stale_name(&self) -> String {
        format!("E-Mail-Kommunikation {}", self.mailbox_address)
    }
    fn shown(&self) -> (String, String) {
        (
            self.live_mode.label().to_string(),
            self.email_mode.label().to_string(),
        )
    }
    fn version_audit(&self, version: i64, number: &str) -> (String, String) {
        (
            format!("postfach-einstellung:{}", self.mailbox_address),
            format!(
                "Version {} → {version} ({number}): E-Mail-Kommunikation vorher {}, nachher {}",
                self.at.base_version,
                self.base_mode.map(EmailMode::label).unwrap_or("–"),
                self.email_mode.label()
            ),
        )
    }
}

/// The server's re-check at submission: the items still meet the locks for the order's
/// (possibly changed) effective date.
pub async fn check_items(
    tx: &mut WriteTx,
    db: &Db,
    order_id: i64,
    effective: Date,
) -> Result<(), AppError> {
    let items = tx.setting_items(order_id).await.map_err(db_err)?;
    if items.is_empty() {
        return Ok(());
    }
    let locks: Vec<Lock> = q::locks(db).await.map_err(db_err)?;
    let refused: Vec<String> = items
        .iter()
        .filter_map(|i| {
            check(i.mailbox_kind, i.email_mode, effective, &locks)
                .err()
                .map(|m| format!("{}: {m}", i.mailbox_address))
        })
        .collect();
    if refused.is_empty() {
        Ok(())
    } else {
        Err(AppError::Conflict(format!(
            "Der Auftrag kann so nicht eingereicht werden. {}",
            refused.join(" ")
        )))
    }
}
