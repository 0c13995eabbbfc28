//! Deactivating and reactivating a Regionaldirektion (Zentrale): refused while anything
//! depends on it; versioned and audited like every master-data change.

use super::db_err;
use crate::db::master_data::{status_fields, version_fields};
use crate::db::region_status as q;
use crate::db::write::Reader;
use crate::domain::master_data_import::{Level, Object};
use crate::domain::region_status::deactivation_refusal;
use crate::error::AppError;
use crate::services::context::Ctx;

/// Why the RD cannot be deactivated now, for its page; `None` when it can (or is inactive).
pub async fn refusal(
    r: &mut Reader<'_>,
    region_id: i64,
    name: &str,
) -> Result<Option<String>, AppError> {
    let today = crate::domain::calendar::today_berlin(time::OffsetDateTime::now_utc());
    let uses = q::uses(r, region_id, today).await.map_err(db_err)?;
    Ok(deactivation_refusal(name, &uses))
}

/// "deaktivieren" or "reaktivieren" the RD seen at `version`; answers the new version.
pub async fn set_active(
    ctx: &Ctx,
    code: &str,
    version: &str,
    action: &str,
) -> Result<i64, AppError> {
    let object_name = format!("rd:{}", code.trim());
    let actor = ctx.catalogue_admin(&object_name).await?;
    let active = super::master_data::requested_status(action)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let (id, name, was_active) = q::region(&mut Reader::Tx(&mut tx), code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let object = Object::Region {
        code: code.trim().to_string(),
        name: name.clone(),
    };
    super::master_data::check_seen_version(
        &mut tx,
        (Level::Region.code(), id),
        version,
        &status_fields(&object, was_active),
        "Die Regionaldirektion",
    )
    .await?;
    if was_active == active {
        return Err(AppError::Conflict(if active {
            "Die Regionaldirektion ist bereits aktiv.".into()
        } else {
            "Die Regionaldirektion ist bereits deaktiviert.".into()
        }));
    }
    if !active {
        if let Some(refusal) = refusal(&mut Reader::Tx(&mut tx), id, &name).await? {
            return Err(AppError::Conflict(refusal));
        }
    }
    tx.set_region_active(id, active).await.map_err(db_err)?;
    let fields = if active {
        version_fields(&object)
    } else {
        status_fields(&object, false)
    };
    let new_version = super::master_data::record_status(
        ctx,
        &mut tx,
        &actor,
        super::master_data::StatusChange {
            level: Level::Region.code(),
            object_id: id,
            object: &object_name,
            fields: &fields,
            what: "Regionaldirektion",
            active,
            consequence: "",
        },
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    ctx.state.cache.forget_organisation();
    Ok(new_version)
}
