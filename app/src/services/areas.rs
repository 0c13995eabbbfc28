//! The Bereiche (Zentrale): list, create, rename, deactivate and reactivate — every change
//! versioned like the master-data import, with a version check and an audit record.
//! Deactivation is refused while active mailboxes, Anliegen or Postkörbe use the Bereich.

use super::db_err;
use super::master_data::version_view;
use crate::catalogue::model::{AreaDetail, AreaList, AreaView};
use crate::db::areas::{self as q, AreaRow};
use crate::db::master_data::{self as versions, status_fields, VersionNote};
use crate::db::write::{Reader, WriteTx};
use crate::domain::area::deactivation_refusal;
use crate::domain::fields::FieldError;
use crate::domain::master_data_import::{creation, describe, edit as edit_change, Level, Object};
use crate::domain::org::OrgLocation;
use crate::domain::org_form::{check_name, check_new};
use crate::domain::policy::{decide, Action};
use crate::error::AppError;
use crate::services::context::Ctx;
use time::OffsetDateTime;

const LEVEL: Level = Level::Area;

fn object(row: &AreaRow) -> Object {
    Object::Area {
        code: row.code.clone(),
        name: row.name.clone(),
    }
}

fn view(row: AreaRow, version: i64) -> AreaView {
    AreaView {
        refusal: deactivation_refusal(&row.name, row.uses()),
        code: row.code,
        name: row.name,
        active: row.active,
        mailboxes: row.mailboxes,
        concerns: row.concerns,
        postkoerbe: row.postkoerbe,
        version,
    }
}

/// Every Bereich, for everyone signed in; `editable` for the Zentrale.
pub async fn list(ctx: &Ctx) -> Result<AreaList, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let rows = q::areas(&mut Reader::Pool(&db)).await.map_err(db_err)?;
    let mut areas = Vec::with_capacity(rows.len());
    for row in rows {
        let version = versions::live_version(&db, LEVEL.code(), row.id)
            .await
            .map_err(db_err)?;
        areas.push(view(row, version));
    }
    Ok(AreaList {
        areas,
        editable: decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed(),
    })
}

/// One Bereich with its versions.
pub async fn detail(ctx: &Ctx, code: &str) -> Result<AreaDetail, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let row = q::area(&mut Reader::Pool(&db), code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let version = versions::live_version(&db, LEVEL.code(), row.id)
        .await
        .map_err(db_err)?;
    let history = versions::history(&db, LEVEL.code(), row.id, 1000)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(version_view)
        .collect();
    Ok(AreaDetail {
        area: view(row, version),
        editable: decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed(),
        history,
    })
}

/// Creates a Bereich with its first version; answers its code as stored.
pub async fn create(ctx: &Ctx, code: &str, name: &str) -> Result<String, AppError> {
    let actor = ctx.catalogue_admin("katalog/bereich").await?;
    let (code, name) = check_new(code, name).map_err(AppError::Validation)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    if q::area(&mut Reader::Tx(&mut tx), &code)
        .await
        .map_err(db_err)?
        .is_some()
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "kuerzel",
            format!("Das Kürzel „{code}“ ist schon vergeben."),
        )]));
    }
    let change = creation(
        0,
        Object::Area {
            code: code.clone(),
            name,
        },
    );
    let note = VersionNote {
        at: OffsetDateTime::now_utc(),
        author_id: Some(actor.user_id),
        note: "Bereich angelegt",
    };
    tx.apply_master_data(&change, &note).await.map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        "bereich-angelegt",
        &format!("bereich:{code}"),
        describe(&change),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(code)
}

/// The Bereich, read in the transaction, if its live version is still the one seen.
async fn as_seen(tx: &mut WriteTx, code: &str, seen: &str) -> Result<AreaRow, AppError> {
    let seen = super::form_version(seen)?;
    let row = q::area(&mut Reader::Tx(tx), code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let live = tx
        .master_data_live_version(LEVEL.code(), row.id)
        .await
        .map_err(db_err)?;
    if live != seen {
        return Err(AppError::Conflict(
            "Der Bereich wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die Angaben.".into(),
        ));
    }
    // The seeded state becomes version 1 before the first change.
    let existing = VersionNote::existing(OffsetDateTime::now_utc());
    tx.version_unversioned(&[(row.id, object(&row))], &existing)
        .await
        .map_err(db_err)?;
    Ok(row)
}

/// Renames the Bereich seen at `version`; answers the new version.
pub async fn rename(ctx: &Ctx, code: &str, version: &str, name: &str) -> Result<i64, AppError> {
    let object_name = format!("bereich:{}", code.trim());
    let actor = ctx.catalogue_admin(&object_name).await?;
    let name = check_name(name).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, code, version).await?;
    let after = Object::Area {
        code: row.code.clone(),
        name,
    };
    let Some(change) = edit_change(&object(&row), after) else {
        return Err(AppError::Conflict(
            "Die Angaben sind unverändert; es wurde nichts gespeichert.".into(),
        ));
    };
    let note = VersionNote {
        at: OffsetDateTime::now_utc(),
        author_id: Some(actor.user_id),
        note: "Bereich geändert",
    };
    tx.apply_master_data(&change, &note).await.map_err(db_err)?;
    let version = tx
        .master_data_live_version(LEVEL.code(), row.id)
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(&actor, "bereich-geaendert", &object_name, describe(&change));
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(version)
}

/// "deaktivieren" or "reaktivieren" the Bereich seen at `version`; answers the new version.
pub async fn set_active(
    ctx: &Ctx,
    code: &str,
    version: &str,
    action: &str,
) -> Result<i64, AppError> {
    let object_name = format!("bereich:{}", code.trim());
    let actor = ctx.catalogue_admin(&object_name).await?;
    let active = super::master_data::requested_status(action)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, code, version).await?;
    if row.active == active {
        return Err(AppError::Conflict(if active {
            "Der Bereich ist bereits aktiv.".into()
        } else {
            "Der Bereich ist bereits deaktiviert.".into()
        }));
    }
    if !active {
        if let Some(refusal) = deactivation_refusal(&row.name, row.uses()) {
            return Err(AppError::Conflict(refusal));
        }
    }
    tx.set_area_active(row.id, active).await.map_err(db_err)?;
    let new_version = super::master_data::record_status(
        ctx,
        &mut tx,
        &actor,
        super::master_data::StatusChange {
            level: LEVEL.code(),
            object_id: row.id,
            object: &object_name,
            fields: &status_fields(&object(&row), active),
            what: "Bereich",
            active,
            consequence: "",
        },
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    Ok(new_version)
}
