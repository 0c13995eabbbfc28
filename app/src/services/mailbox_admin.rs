//! One mailbox administered: its page (who uses it), deactivation and reactivation by the
//! Zentrale — refused while live routing or an open order points to it — and the batch
//! order that moves those routing entries to a successor, one order per agency, through
//! the ordinary review and implementation.

use super::db_err;
use super::master_data::version_view;
use super::orders::batch_filing::{self, BatchHeader, Filed};
use crate::db::mailbox_admin::{self as q, MailboxRow, UseRow};
use crate::db::master_data::{self as versions, status_fields, VersionNote};
use crate::db::order_changes::NewItem;
use crate::db::routing::join_addresses;
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::fields::FieldError;
use crate::domain::mailbox_form::{check_mailbox_fields, check_new_mailbox};
use crate::domain::mailbox_use::{
    check_successor, deactivation_refusal, kind_change_refusal, replaced, MailboxRef, Successor,
    UseKind, UsingEntry,
};
use crate::domain::master_data_import::{creation, describe, edit as edit_change, Level, Object};
use crate::domain::order_form::check_header;
use crate::domain::org::{MailboxKind, MailboxPlace, OfficeKind, OrgLocation};
use crate::domain::policy::{decide, Action, Actor};
use crate::error::AppError;
use crate::org::model::{MailboxDetail, MailboxOpenItemView, MailboxUseView};
use crate::services::context::Ctx;
use std::collections::BTreeMap;
use time::OffsetDateTime;

const LEVEL: Level = Level::Mailbox;

const CLOSED_OFFICE: &str =
    "Die Dienststelle ist geschlossen; ihre Postfächer bleiben deaktiviert, neue werden ihr nicht angelegt.";

fn kind_of(row: &MailboxRow) -> Result<MailboxKind, AppError> {
    MailboxKind::from_code(&row.kind).ok_or_else(|| super::internal("unbekannte Postfachart"))
}

fn object_of(row: &MailboxRow) -> Result<Object, AppError> {
    Ok(Object::Mailbox {
        address: row.address.clone(),
        name: row.name.clone(),
        kind: kind_of(row)?,
        office: row.office_code.clone(),
        area: row.area_code.clone(),
    })
}

fn reference(row: &MailboxRow) -> MailboxRef<'_> {
    MailboxRef {
        id: row.id,
        address: &row.address,
    }
}

fn location(row: &MailboxRow) -> OrgLocation {
    OrgLocation::Agency {
        region_id: row.region_id,
        agency_id: row.agency_id,
    }
}

/// The mailbox, if the user may see it.
async fn visible(ctx: &Ctx, actor: &Actor, address: &str) -> Result<MailboxRow, AppError> {
    let row = q::mailbox(ctx.db(), address.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let object = format!("postfach:{}", row.address);
    ctx.require(actor, Action::ViewOrganisation, location(&row), &object)
        .await?;
    Ok(row)
}

fn use_view(row: &UseRow, kind: UseKind) -> MailboxUseView {
    MailboxUseView {
        agency: row.agency_name.clone(),
        office: row.office_name.clone(),
        concern: row.concern_name.clone(),
        use_label: kind.label().into(),
        open_order: row.open_order.clone(),
        href: format!("/routing/eintrag/{}", row.entry_id),
    }
}

pub async fn detail(ctx: &Ctx, address: &str) -> Result<MailboxDetail, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let row = visible(ctx, &actor, address).await?;
    let me = reference(&row);
    let uses = q::live_uses(&db, me).await.map_err(db_err)?;
    let open = q::open_items(&db, me).await.map_err(db_err)?;
    let may_manage = decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed();
    let may_move = decide(&actor, Action::FileCentralOrder, OrgLocation::Central).is_allowed();
    let successors = if may_move && !uses.is_empty() {
        successor_choices(&db, &row).await?
    } else {
        Vec::new()
    };
    let history = versions::history(&db, LEVEL.code(), row.id, 100)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(version_view)
        .collect();
    let areas = if may_manage {
        crate::db::catalogue::areas(&db).await.map_err(db_err)?
    } else {
        Vec::new()
    };
    Ok(MailboxDetail {
        kind_label: kind_of(&row)?.label().into(),
        kind_code: row.kind.clone(),
        area_code: row.area_code.clone(),
        areas,
        refusal: deactivation_refusal(&row.address, uses.len(), open.len()),
        version: versions::live_version(&db, LEVEL.code(), row.id)
            .await
            .map_err(db_err)?,
        uses: uses.iter().map(|(r, k)| use_view(r, *k)).collect(),
        open_items: open
            .into_iter()
            .map(|i| MailboxOpenItemView {
                order: i.order_number,
                office: i.office_name,
                concern: i.concern_name,
            })
            .collect(),
        may_manage,
        may_move,
        successors,
        today: format_date(today_berlin(OffsetDateTime::now_utc())),
        history,
        address: row.address,
        name: row.name,
        office_code: row.office_code,
        office_name: row.office_name,
        agency_name: row.agency_name,
        area_name: row.area_name,
        active: row.active,
    })
}

/// The agency's other active mailboxes that can receive Anliegen.
async fn successor_choices(
    db: &crate::db::Db,
    row: &MailboxRow,
) -> Result<Vec<(String, String)>, AppError> {
    let choices = crate::db::compliance::routable_mailboxes(db, row.agency_id)
        .await
        .map_err(db_err)?;
    Ok(choices
        .into_iter()
        .filter(|m| m.id != row.id)
        .map(|m| {
            let kind = MailboxKind::from_code(&m.kind).map_or("", |k| k.label());
            let label = format!("{} – {} ({kind})", m.name, m.address);
            (m.address, label)
        })
        .collect())
}

async fn area_codes(db: &crate::db::Db) -> Result<Vec<String>, AppError> {
    Ok(crate::db::catalogue::areas(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(code, _)| code)
        .collect())
}

/// "deaktivieren" or "reaktivieren" the mailbox the form was made from at `version`;
/// answers the new version.
pub async fn set_active(
    ctx: &Ctx,
    address: &str,
    version: &str,
    action: &str,
) -> Result<i64, AppError> {
    let object = format!("postfach:{}", address.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let active = super::master_data::requested_status(action)?;
    let seen = super::form_version(version)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, address, seen).await?;
    if row.active == active {
        return Err(AppError::Conflict(if active {
            "Das Postfach ist bereits aktiv.".into()
        } else {
            "Das Postfach ist bereits deaktiviert.".into()
        }));
    }
    if active && !row.office_active {
        return Err(AppError::Conflict(CLOSED_OFFICE.into()));
    }
    if !active {
        let uses = tx.mailbox_uses(reference(&row)).await.map_err(db_err)?;
        let open = tx
            .mailbox_open_items(reference(&row))
            .await
            .map_err(db_err)?;
        if let Some(refusal) = deactivation_refusal(&row.address, uses.len(), open.len()) {
            return Err(AppError::Conflict(refusal));
        }
    }
    let now = OffsetDateTime::now_utc();
    let object_data = object_of(&row)?;
    let existing = VersionNote::existing(now);
    tx.version_unversioned(&[(row.id, object_data.clone())], &existing)
        .await
        .map_err(db_err)?;
    tx.set_mailbox_active(row.id, active)
        .await
        .map_err(db_err)?;
    let new_version = super::master_data::record_status(
        ctx,
        &mut tx,
        &actor,
        super::master_data::StatusChange {
            level: LEVEL.code(),
            object_id: row.id,
            object: &object_name(&row),
            fields: &status_fields(&object_data, active),
            what: "Postfach",
            active,
            consequence: "",
        },
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    Ok(new_version)
}

/// The change form: the version it was made from and the new name, kind and Bereich.
pub struct EditInput<'a> {
    pub address: &'a str,
    pub version: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub area: &'a str,
}

/// Changes name, kind and Bereich; answers the new version. A kind that live routing
/// could not keep (a target that becomes a Liegenschaftspostfach, a notified mailbox that
/// may no longer be notified) is refused until the entries are moved.
pub async fn edit(ctx: &Ctx, input: EditInput<'_>) -> Result<i64, AppError> {
    let object = format!("postfach:{}", input.address.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let seen = super::form_version(input.version)?;
    let db = ctx.db().clone();
    let areas = area_codes(&db).await?;
    let fields = check_mailbox_fields(input.name, input.kind, input.area, &areas)
        .map_err(AppError::Validation)?;
    let mut tx = db.begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, input.address, seen).await?;
    let before = object_of(&row)?;
    let after = Object::Mailbox {
        address: row.address.clone(),
        name: fields.name.as_str().to_string(),
        kind: fields.kind,
        office: row.office_code.clone(),
        area: fields.area,
    };
    let Some(change) = edit_change(&before, after) else {
        return Err(AppError::Conflict(
            "Die Angaben sind unverändert; es wurde nichts gespeichert.".into(),
        ));
    };
    if fields.kind != kind_of(&row)? {
        let uses: Vec<UseKind> = tx
            .mailbox_uses(reference(&row))
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        if let Some(refusal) = kind_change_refusal(fields.kind, &uses) {
            return Err(AppError::Conflict(refusal));
        }
    }
    let now = OffsetDateTime::now_utc();
    let existing = VersionNote::existing(now);
    tx.version_unversioned(&[(row.id, before)], &existing)
        .await
        .map_err(db_err)?;
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "Postfach geändert",
    };
    tx.apply_master_data(&change, &note).await.map_err(db_err)?;
    // A mailbox that is no longer a Funktionspostfach gets its "E-Mail-Kommunikation".
    tx.fill_initial_configuration(now, "Ausgangskonfiguration (Postfach geändert)")
        .await
        .map_err(db_err)?;
    let version = tx
        .master_data_live_version(LEVEL.code(), row.id)
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "postfach-geaendert",
        &object_name(&row),
        describe(&change),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(version)
}

/// A new mailbox of the Dienststelle `office`: its address and fields.
pub struct NewMailbox<'a> {
    pub office: &'a str,
    pub address: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub area: &'a str,
}

/// Creates a mailbox with its first version, audit record and initial configuration;
/// answers its address as stored.
pub async fn create(ctx: &Ctx, input: NewMailbox<'_>) -> Result<String, AppError> {
    let object = format!("dienststelle:{}/postfach", input.office.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let db = ctx.db().clone();
    let office = crate::db::org::office_by_code(&db, input.office.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if !office.active {
        return Err(AppError::Conflict(CLOSED_OFFICE.into()));
    }
    let areas = area_codes(&db).await?;
    let (address, fields) = check_new_mailbox(
        input.address,
        (input.name, input.kind, input.area),
        &areas,
        &ctx.state.mail_domains.list(),
    )
    .map_err(AppError::Validation)?;
    let mut tx = db.begin_write().await.map_err(db_err)?;
    if tx
        .mailbox_for_admin(&address)
        .await
        .map_err(db_err)?
        .is_some()
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "adresse",
            format!("Die Adresse „{address}“ hat schon ein Postfach."),
        )]));
    }
    let change = creation(
        0,
        Object::Mailbox {
            address: address.clone(),
            name: fields.name.as_str().to_string(),
            kind: fields.kind,
            office: office.code.clone(),
            area: fields.area,
        },
    );
    let now = OffsetDateTime::now_utc();
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "Postfach angelegt",
    };
    tx.apply_master_data(&change, &note).await.map_err(db_err)?;
    tx.fill_initial_configuration(now, "Ausgangskonfiguration (Postfach angelegt)")
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "postfach-angelegt",
        &format!("postfach:{address}"),
        describe(&change),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(address)
}

fn object_name(row: &MailboxRow) -> String {
    format!("postfach:{}", row.address)
}

/// The mailbox, read in the transaction, if its live version is still the one the form
/// was made from.
async fn as_seen(
    tx: &mut crate::db::write::WriteTx,
    address: &str,
    seen: i64,
) -> Result<MailboxRow, AppError> {
    let row = tx
        .mailbox_for_admin(address.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let live = tx
        .master_data_live_version(LEVEL.code(), row.id)
        .await
        .map_err(db_err)?;
    if live != seen {
        return Err(stale());
    }
    Ok(row)
}

fn stale() -> AppError {
    AppError::Conflict(
        "Das Postfach wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die Angaben.".into(),
    )
}

/// The form of the move: successor, justification and effective date.
pub struct MoveInput<'a> {
    pub address: &'a str,
    pub successor: &'a str,
    pub justification: &'a str,
    pub effective_date: &'a str,
}

/// One agency's part of the move.
struct AgencyPart {
    region_id: i64,
    agency_name: String,
    items: Vec<(UseRow, UseKind)>,
}

/// Files the batch order that moves every live routing entry using the mailbox to the
/// successor (as target and as notification address); returns the batch's number.
pub async fn file_move(ctx: &Ctx, input: MoveInput<'_>) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let object = format!("postfach:{}/umhaengen", input.address.trim());
    ctx.require(
        &actor,
        Action::FileCentralOrder,
        OrgLocation::Central,
        &object,
    )
    .await?;
    let now = OffsetDateTime::now_utc();
    let header = check_header(input.justification, input.effective_date, today_berlin(now))
        .map_err(AppError::Validation)?;
    let no_successor = || {
        AppError::Validation(vec![FieldError::new(
            "nachfolger",
            "Bitte wählen Sie das Postfach, das die Einträge übernimmt.",
        )])
    };
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let old = tx
        .mailbox_for_admin(input.address.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let new = match input.successor.trim() {
        "" => return Err(no_successor()),
        s => tx
            .mailbox_for_admin(s)
            .await
            .map_err(db_err)?
            .ok_or_else(no_successor)?,
    };
    let uses = tx.mailbox_uses(reference(&old)).await.map_err(db_err)?;
    if uses.is_empty() {
        return Err(AppError::Conflict(format!(
            "Kein gültiger Routing-Eintrag verwendet das Postfach „{}“; es gibt nichts umzuhängen.",
            old.address
        )));
    }
    let successor = Successor {
        mailbox: reference(&new),
        place: MailboxPlace {
            office_id: new.office_id,
            agency_id: new.agency_id,
            office_kind: OfficeKind::from_code(&new.office_kind)
                .ok_or_else(|| super::internal("unbekannte Dienststellenart"))?,
            kind: kind_of(&new)?,
        },
        active: new.active,
    };
    let entries: Vec<UsingEntry> = uses
        .iter()
        .map(|(r, k)| UsingEntry {
            office_id: r.office_id,
            agency_id: r.agency_id,
            kind: *k,
        })
        .collect();
    check_successor(reference(&old), &successor, &entries)
        .map_err(|m| AppError::Validation(vec![FieldError::new("nachfolger", m)]))?;
    let mut parts: BTreeMap<i64, AgencyPart> = BTreeMap::new();
    for (row, kind) in uses {
        parts
            .entry(row.agency_id)
            .or_insert_with(|| AgencyPart {
                region_id: row.region_id,
                agency_name: row.agency_name.clone(),
                items: Vec::new(),
            })
            .items
            .push((row, kind));
    }
    let (batch, batch_number) = BatchHeader::start(
        &mut tx,
        actor.user_id,
        header.justification.as_str(),
        header.effective_date,
        now,
    )
    .await?;
    let successor_kind = successor.place.kind;
    let mut moved = 0;
    for (agency_id, part) in &parts {
        let (order_id, number) = batch.open_for(&mut tx, *agency_id, part.region_id).await?;
        for (row, _) in &part.items {
            let next = replaced(
                &row.live(),
                reference(&old),
                reference(&new),
                successor_kind,
            );
            let item = NewItem {
                entry_id: row.entry_id,
                base_version: row.version,
                mailbox_id: next.mailbox_id,
                area_id: next.area_id,
                addresses: join_addresses(&next.addresses),
            };
            tx.add_item(order_id, &item).await.map_err(db_err)?;
        }
        moved += part.items.len();
        let filed = Filed {
            order_id,
            number: &number,
            region_id: part.region_id,
            agency_name: &part.agency_name,
            effective_date: header.effective_date,
            directive: None,
            summary: format!(
                "Sammelauftrag {batch_number}: {} Routing-Einträge von „{}“ auf „{}“",
                part.items.len(),
                old.address,
                new.address
            ),
        };
        batch_filing::submit(ctx, &mut tx, &actor, &filed, now).await?;
    }
    let entry = ctx.audit_entry(
        &actor,
        "sammelauftrag-angelegt",
        &format!("sammelauftrag:{batch_number}"),
        format!(
            "Postfach „{}“ → „{}“: {} Aufträge für {moved} Routing-Einträge",
            old.address,
            new.address,
            parts.len()
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(batch_number)
}
