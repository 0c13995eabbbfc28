//! The Anliegen catalogue (Zentrale): list, create, change, activate and deactivate.
//! Every change is versioned and audited; a new Anliegen gets its initial routing in
//! every Dienststelle that has a fitting mailbox, in the same transaction.

use super::db_err;
use super::master_data::{fields_text, version_view};
use crate::catalogue::model::{CatalogueView, ConcernHistory, ConcernView};
use crate::db::catalogue::{self as q, ConcernRow, ConcernValues};
use crate::db::master_data::VersionNote;
use crate::domain::catalogue::{check_concern_code, check_concern_fields, ConcernFields};
use crate::domain::org::OrgLocation;
use crate::domain::policy::{decide, Action};
use crate::error::AppError;
use crate::services::context::Ctx;
use time::OffsetDateTime;

const LEVEL: &str = "anliegen";

fn view(r: ConcernRow) -> ConcernView {
    ConcernView {
        code: r.code,
        name: r.name,
        customer_group: r.customer_group,
        area_code: r.area_code,
        area: r.area_name,
        active: r.active,
        version: r.version,
        successor: r.successor_code.zip(r.successor_name),
    }
}

/// The catalogue as everyone signed in may read it; `editable` for the Zentrale.
pub async fn catalogue(ctx: &Ctx) -> Result<CatalogueView, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db();
    Ok(CatalogueView {
        concerns: q::concerns(db)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(view)
            .collect(),
        areas: q::areas(db).await.map_err(db_err)?,
        editable: decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed(),
    })
}

/// One Anliegen with its versions.
pub async fn history(ctx: &Ctx, code: &str) -> Result<ConcernHistory, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db();
    let row = q::concern(db, code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let versions = crate::db::master_data::history(db, LEVEL, row.id, 1000)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(version_view)
        .collect();
    Ok(ConcernHistory {
        concern: view(row),
        areas: q::areas(db).await.map_err(db_err)?,
        editable: decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed(),
        versions,
    })
}

/// The version's stored fields, by label; a retired Anliegen names its successor.
pub(super) fn version_fields(
    code: &str,
    f: &ConcernFields,
    active: bool,
    successor: Option<&str>,
) -> String {
    let mut fields = serde_json::json!({
        "Kürzel": code,
        "Name": f.name,
        "Kundengruppe": f.customer_group,
        "Bereich": f.area,
        "Aktiv": if active { "ja" } else { "nein" },
    });
    if let (Some(successor), Some(map)) = (successor, fields.as_object_mut()) {
        map.insert("Nachfolger".into(), successor.into());
    }
    fields.to_string()
}

async fn checked_fields(
    ctx: &Ctx,
    name: &str,
    customer_group: &str,
    area: &str,
) -> Result<ConcernFields, AppError> {
    let areas: Vec<String> = q::areas(ctx.db())
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    check_concern_fields(name, customer_group, area, &areas).map_err(AppError::Validation)
}

/// Creates an Anliegen; returns how many routing entries got their initial configuration.
pub async fn create(
    ctx: &Ctx,
    code: &str,
    name: &str,
    customer_group: &str,
    area: &str,
) -> Result<u64, AppError> {
    let actor = ctx.catalogue_admin("katalog").await?;
    let code = check_concern_code(code);
    let fields = match checked_fields(ctx, name, customer_group, area).await {
        Ok(f) => Ok(f),
        Err(AppError::Validation(errors)) => Err(errors),
        Err(other) => return Err(other),
    };
    let (code, fields) = match (code, fields) {
        (Ok(c), Ok(f)) => (c, f),
        (c, f) => {
            let errors = c.err().into_iter().chain(f.err().into_iter().flatten());
            return Err(AppError::Validation(errors.collect()));
        }
    };
    let now = OffsetDateTime::now_utc();
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let values = ConcernValues {
        name: &fields.name,
        customer_group: &fields.customer_group,
        area: &fields.area,
        active: true,
    };
    let Some(id) = tx.insert_concern(&code, &values).await.map_err(db_err)? else {
        return Err(AppError::Validation(vec![
            crate::domain::fields::FieldError::new(
                "kuerzel",
                format!("Das Kürzel „{code}“ ist schon vergeben."),
            ),
        ]));
    };
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "angelegt",
    };
    tx.add_master_data_version(
        LEVEL,
        id,
        &version_fields(&code, &fields, true, None),
        &note,
    )
    .await
    .map_err(db_err)?;
    let routed = tx
        .fill_initial_routing(now, "Ausgangskonfiguration (neues Anliegen)")
        .await
        .map_err(db_err)?;
    let detail = format!(
        "angelegt: Name „{}“; Kundengruppe „{}“; Bereich „{}“; Ausgangskonfiguration für {routed} Routing-Einträge",
        fields.name, fields.customer_group, fields.area
    );
    tx.audit(&ctx.audit_entry(
        &actor,
        "anliegen-anlegen",
        &format!("anliegen:{code}"),
        detail,
    ))
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(routed)
}

/// Changes name, customer group, Bereich and whether the Anliegen is active, if the
/// form was made from the live version.
pub async fn change(
    ctx: &Ctx,
    code: &str,
    version: &str,
    fields: (&str, &str, &str),
    active: bool,
) -> Result<i64, AppError> {
    let actor = ctx
        .catalogue_admin(&format!("anliegen:{}", code.trim()))
        .await?;
    let expected: i64 = version.trim().parse().map_err(|_| AppError::BadRequest)?;
    let (name, customer_group, area) = fields;
    let fields = checked_fields(ctx, name, customer_group, area).await?;
    let now = OffsetDateTime::now_utc();
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = tx
        .concern(code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if row.version != expected {
        return Err(AppError::Conflict(
            "Das Anliegen wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die Angaben.".into(),
        ));
    }
    let before = ConcernFields {
        name: row.name.clone(),
        customer_group: row.customer_group.clone(),
        area: row.area_code.clone(),
    };
    if before == fields && row.active == active {
        return Err(AppError::Conflict(
            "Die Angaben sind unverändert; es wurde nichts gespeichert.".into(),
        ));
    }
    if row.active && !active {
        // Deactivation here only where nothing routes it; otherwise it is retired into a
        // successor on its own page.
        if let Some(refusal) =
            super::concern_retirement::refusal_without_successor(&mut tx, &row.code).await?
        {
            return Err(AppError::Conflict(refusal));
        }
    }
    if row.version == 0 {
        // A seeded Anliegen keeps its state before the first change as version 1.
        let seeded = VersionNote::existing(now);
        tx.add_master_data_version(
            LEVEL,
            row.id,
            &version_fields(&row.code, &before, row.active, None),
            &seeded,
        )
        .await
        .map_err(db_err)?;
    }
    let values = ConcernValues {
        name: &fields.name,
        customer_group: &fields.customer_group,
        area: &fields.area,
        active,
    };
    tx.update_concern(row.id, &values).await.map_err(db_err)?;
    let restored = if active && !row.active {
        reactivated_routing(&mut tx, row.id, now, actor.user_id).await?
    } else {
        0
    };
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "geändert",
    };
    let version = tx
        .add_master_data_version(
            LEVEL,
            row.id,
            &version_fields(&row.code, &fields, active, None),
            &note,
        )
        .await
        .map_err(db_err)?;
    let mut detail = format!(
        "vorher: {}; nachher: {}",
        fields_text(&version_fields(&row.code, &before, row.active, None)),
        fields_text(&version_fields(&row.code, &fields, active, None))
    );
    if restored > 0 {
        detail.push_str(&format!("; {restored} Routing-Einträge wieder gültig"));
    }
    tx.audit(&ctx.audit_entry(
        &actor,
        "anliegen-aendern",
        &format!("anliegen:{}", row.code),
        detail,
    ))
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(version)
}

/// A reactivated Anliegen routes again: its ended entries get their last version back where
/// the mailbox is still active, and the rest of the organisation its initial configuration.
async fn reactivated_routing(
    tx: &mut crate::db::write::WriteTx,
    concern_id: i64,
    now: OffsetDateTime,
    author_id: i64,
) -> Result<u64, AppError> {
    let restored = tx
        .restore_concern_routing(concern_id, now, author_id, "Anliegen reaktiviert")
        .await
        .map_err(db_err)?;
    let filled = tx
        .fill_initial_routing(now, "Ausgangskonfiguration (Anliegen reaktiviert)")
        .await
        .map_err(db_err)?;
    Ok(restored + filled)
}
