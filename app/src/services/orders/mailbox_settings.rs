//! Items of the kind "E-Mail-Kommunikation" in a change order: saved and removed like
//! routing items (same order, same revision check, same audit), checked against the
//! mailbox kind and the keep-in-place obligations, and implemented as new versions.

use super::{begin_at_revision, editable_order};
use crate::db::mailbox_settings::{self as q, ItemRow, NewSettingVersion, SettingRow};
use crate::db::write::WriteTx;
use crate::db::Db;
use crate::domain::fields::FieldError;
use crate::domain::kind::Kind;
use crate::domain::mailbox_setting::{check, EmailMode, Lock};
use crate::error::AppError;
use crate::mailbox_settings::model::{SettingChoice, SettingChoices, SettingItemView};
use crate::services::context::Ctx;
use crate::services::db_err;
use time::{Date, OffsetDateTime};

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
    let now = OffsetDateTime::now_utc();
    let mut tx = begin_at_revision(&db, order.id, revision, st, now).await?;
    tx.save_setting_item(order.id, entry_id, target.version, mode)
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "position-gespeichert",
        &format!("auftrag:{number}"),
        format!(
            "E-Mail-Kommunikation {}: {} → {}",
            target.mailbox_address,
            target.email_mode.label(),
            mode.label()
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
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
pub async fn views(db: &Db, order_id: i64) -> Result<Vec<SettingItemView>, AppError> {
    let rows = q::items(db, order_id).await.map_err(db_err)?;
    Ok(rows.iter().map(view).collect())
}

fn view(i: &ItemRow) -> SettingItemView {
    SettingItemView {
        id: i.id,
        mailbox: mailbox_label(
            &i.mailbox_name,
            &i.mailbox_address,
            i.mailbox_kind,
            &i.office_name,
        ),
        before: i.live_mode.label().to_string(),
        after: i.email_mode.label().to_string(),
        base_version: i.base_version,
        live_version: i.live_version,
        stale: i.base_version != i.live_version,
        unchanged: i.email_mode == i.live_mode,
    }
}

/// Whether any setting item of the order is stale.
pub async fn any_stale(db: &Db, order_id: i64) -> Result<bool, AppError> {
    let rows = q::items(db, order_id).await.map_err(db_err)?;
    Ok(rows.iter().any(|i| i.base_version != i.live_version))
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

/// What implementing the setting items did: new versions, or the stale items.
pub struct Implemented {
    pub new_versions: Vec<String>,
    pub stale: Vec<String>,
    /// Audit records (object, detail) of the new versions.
    pub audit: Vec<(String, String)>,
}

/// Turns every setting item into the next live version of its mailbox.
pub async fn implement(
    tx: &mut WriteTx,
    order_id: i64,
    number: &str,
    author_id: i64,
    note: &str,
    now: OffsetDateTime,
) -> Result<Implemented, AppError> {
    let mut done = Implemented {
        new_versions: Vec::new(),
        stale: Vec::new(),
        audit: Vec::new(),
    };
    for i in tx.setting_items(order_id).await.map_err(db_err)? {
        let closed = tx
            .close_live_version(Kind::MailboxSetting, i.entry_id, i.base_version, now)
            .await
            .map_err(db_err)?;
        if !closed {
            done.stale
                .push(format!("E-Mail-Kommunikation {}", i.mailbox_address));
            continue;
        }
        let version = i.base_version + 1;
        let new = NewSettingVersion {
            entry_id: i.entry_id,
            version,
            mode: i.email_mode,
            valid_from: now,
            order_id,
            author_id,
            note,
        };
        tx.insert_setting_version(&new).await.map_err(db_err)?;
        done.new_versions
            .push(format!("postfach-einstellung:{} v{version}", i.entry_id));
        done.audit.push((
            format!("postfach-einstellung:{}", i.mailbox_address),
            format!(
                "Version {} → {version} ({number}): E-Mail-Kommunikation vorher {}, nachher {}",
                i.base_version,
                i.base_mode.map(EmailMode::label).unwrap_or("–"),
                i.email_mode.label()
            ),
        ));
    }
    Ok(done)
}

/// Brings stale setting items onto the live version (dropping those that would no longer
/// change anything); returns how many were stale.
pub async fn refresh(tx: &mut WriteTx, order_id: i64) -> Result<usize, AppError> {
    let items = tx.setting_items(order_id).await.map_err(db_err)?;
    let mut n = 0;
    for i in items.iter().filter(|i| i.base_version != i.live_version) {
        tx.refresh_setting_item(i).await.map_err(db_err)?;
        n += 1;
    }
    Ok(n)
}
