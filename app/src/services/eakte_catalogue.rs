//! The catalogue of the eAkte-Regelwerk (Zentrale): Aktentypen, Dokumenttypen and
//! Dokumentarten — list, create (a new Dokumenttyp or Dokumentart gets its rules in every
//! agency, first to the Hauptagentur's Postkorb of the Leistungsgewährung), rename,
//! deactivate (its rules end; refused while directives in force name it, open orders change
//! its rules, or an Aktentyp still has active Dokumenttypen) and reactivate (its rules come
//! back). Every change versioned like the organisation and audited.

use super::db_err;
use super::master_data::{record_status, version_view, StatusChange};
use crate::catalogue::model::{EakteCatalogueView, EakteEntryDetail, EakteEntryView};
use crate::db::directives::RuleColumn;
use crate::db::eakte_catalogue::{self as q, CatalogueRow};
use crate::db::master_data::{self as versions, VersionNote};
use crate::db::write::{Reader, WriteTx};
use crate::domain::eakte_catalogue::{
    check_new, deactivation_refusal, document_type_key, CatalogueKind,
};
use crate::domain::eakte_obligation::EakteObligation;
use crate::domain::fields::FieldError;
use crate::domain::org::OrgLocation;
use crate::domain::org_form::check_name;
use crate::domain::policy::{decide, Action};
use crate::error::AppError;
use crate::services::context::Ctx;
use time::OffsetDateTime;

fn kind_of(code: &str) -> Result<CatalogueKind, AppError> {
    CatalogueKind::from_code(code).ok_or(AppError::NotFound)
}

fn view(kind: CatalogueKind, row: CatalogueRow) -> EakteEntryView {
    EakteEntryView {
        kind: kind.code().into(),
        code: row.code,
        name: row.name,
        active: row.active,
        file_type: row.file_type,
        children: row.children,
        live_rules: row.live_rules,
        version: row.version,
    }
}

fn editable(ctx: &Ctx) -> Result<bool, AppError> {
    let actor = ctx.actor()?;
    Ok(decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed())
}

/// The three lists, for everyone signed in.
pub async fn catalogue(ctx: &Ctx) -> Result<EakteCatalogueView, AppError> {
    let editable = editable(ctx)?;
    let db = ctx.db().clone();
    let mut lists = Vec::with_capacity(3);
    for kind in CatalogueKind::ALL {
        let rows = q::list(&mut Reader::Pool(&db), kind)
            .await
            .map_err(db_err)?;
        lists.push(
            rows.into_iter()
                .map(|row| view(kind, row))
                .collect::<Vec<_>>(),
        );
    }
    let document_kinds = lists.pop().unwrap_or_default();
    let document_types = lists.pop().unwrap_or_default();
    let file_types = lists.pop().unwrap_or_default();
    Ok(EakteCatalogueView {
        file_types,
        document_types,
        document_kinds,
        editable,
    })
}

/// Numbers of the directives in force whose eAkte obligation names the entry.
async fn directives_naming(
    r: &mut Reader<'_>,
    kind: CatalogueKind,
    code: &str,
) -> Result<Vec<String>, AppError> {
    super::directives::in_force_naming(r, RuleColumn::Eakte, |o: &EakteObligation| match kind {
        CatalogueKind::FileType => o.file_type == code,
        CatalogueKind::DocumentKind => o.document_kind == code,
        CatalogueKind::DocumentType => false,
    })
    .await
}

async fn refusal(
    r: &mut Reader<'_>,
    kind: CatalogueKind,
    row: &CatalogueRow,
) -> Result<Option<String>, AppError> {
    let open = q::open_orders(r, kind, row.id).await.map_err(db_err)?;
    let directives = directives_naming(r, kind, &row.code).await?;
    Ok(deactivation_refusal(
        kind,
        &row.name,
        row.children as usize,
        &open,
        &directives,
    ))
}

async fn found(
    r: &mut Reader<'_>,
    kind: CatalogueKind,
    code: &str,
) -> Result<CatalogueRow, AppError> {
    q::entry(r, kind, code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

/// One entry with its versions.
pub async fn detail(ctx: &Ctx, kind: &str, code: &str) -> Result<EakteEntryDetail, AppError> {
    let editable = editable(ctx)?;
    let kind = kind_of(kind)?;
    let db = ctx.db().clone();
    let row = found(&mut Reader::Pool(&db), kind, code).await?;
    let refusal = if row.active {
        refusal(&mut Reader::Pool(&db), kind, &row).await?
    } else {
        None
    };
    let history = versions::history(&db, kind.code(), row.id, 1000)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(version_view)
        .collect();
    Ok(EakteEntryDetail {
        entry: view(kind, row),
        kind_label: kind.label().into(),
        refusal,
        editable,
        history,
    })
}

/// The version's stored fields, by label.
fn fields(row_code: &str, name: &str, active: bool) -> String {
    let mut fields = serde_json::json!({ "Kürzel": row_code, "Name": name });
    if let (false, Some(map)) = (active, fields.as_object_mut()) {
        map.insert("Status".into(), "deaktiviert".into());
    }
    fields.to_string()
}

/// Creates an entry with its first version; a Dokumenttyp or Dokumentart gets its rules.
/// Answers (kind, code) of the new entry's page.
pub async fn create(
    ctx: &Ctx,
    kind: &str,
    file_type: &str,
    code: &str,
    name: &str,
) -> Result<(String, String), AppError> {
    let actor = ctx.catalogue_admin("katalog/eakte").await?;
    let kind = CatalogueKind::from_code(kind).ok_or_else(|| {
        AppError::Validation(vec![FieldError::new(
            "art",
            "Bitte wählen Sie, was angelegt wird.",
        )])
    })?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let active_file_types: Vec<String> = q::list(&mut Reader::Tx(&mut tx), CatalogueKind::FileType)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter(|f| f.active)
        .map(|f| f.code)
        .collect();
    let new =
        check_new(kind, file_type, code, name, &active_file_types).map_err(AppError::Validation)?;
    let Some(id) = tx
        .insert_catalogue_entry(kind, new.file_type.as_deref(), &new.code, &new.name)
        .await
        .map_err(db_err)?
    else {
        return Err(AppError::Validation(vec![FieldError::new(
            "kuerzel",
            format!("Das Kürzel „{}“ ist schon vergeben.", new.code),
        )]));
    };
    let key = match &new.file_type {
        Some(f) => document_type_key(f, &new.code),
        None => new.code.clone(),
    };
    let now = OffsetDateTime::now_utc();
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "angelegt",
    };
    tx.add_master_data_version(kind.code(), id, &fields(&key, &new.name, true), &note)
        .await
        .map_err(db_err)?;
    let rules = tx
        .fill_initial_eakte_rules(now, "Ausgangskonfiguration (neu im eAkte-Katalog)")
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        &format!("{}-angelegt", kind.code()),
        &format!("{}:{key}", kind.code()),
        format!(
            "angelegt: Name „{}“; Ausgangskonfiguration für {rules} eAkte-Regeln",
            new.name
        ),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok((kind.code().to_string(), key))
}

/// The entry, read in the transaction, if its live version is still the one seen; a
/// seeded entry gets its state before the first change as version 1.
async fn as_seen(
    tx: &mut WriteTx,
    kind: CatalogueKind,
    code: &str,
    seen: &str,
) -> Result<CatalogueRow, AppError> {
    let row = found(&mut Reader::Tx(tx), kind, code).await?;
    let current = fields(&row.code, &row.name, row.active);
    let what = format!("{} „{}“", kind.label(), row.name);
    super::master_data::check_seen_version(tx, (kind.code(), row.id), seen, &current, &what)
        .await?;
    Ok(row)
}

/// Renames the entry seen at `version`; answers the new version.
pub async fn rename(
    ctx: &Ctx,
    kind: &str,
    code: &str,
    version: &str,
    name: &str,
) -> Result<i64, AppError> {
    let object = format!("{}:{}", kind.trim(), code.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let kind = kind_of(kind)?;
    let name = check_name(name).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, kind, code, version).await?;
    if row.name == name {
        return Err(AppError::Conflict(
            "Die Angaben sind unverändert; es wurde nichts gespeichert.".into(),
        ));
    }
    tx.rename_catalogue_entry(kind, row.id, &name)
        .await
        .map_err(db_err)?;
    let new_version = tx
        .add_master_data_version(
            kind.code(),
            row.id,
            &fields(&row.code, &name, row.active),
            &VersionNote {
                at: OffsetDateTime::now_utc(),
                author_id: Some(actor.user_id),
                note: "umbenannt",
            },
        )
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        &format!("{}-geaendert", kind.code()),
        &object,
        format!("Name: „{}“ → „{name}“ (Version {new_version})", row.name),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(new_version)
}

/// "deaktivieren" (its rules end) or "reaktivieren" (they come back) the entry seen at
/// `version`; answers the new version.
pub async fn set_active(
    ctx: &Ctx,
    kind: &str,
    code: &str,
    version: &str,
    action: &str,
) -> Result<i64, AppError> {
    let object = format!("{}:{}", kind.trim(), code.trim());
    let actor = ctx.catalogue_admin(&object).await?;
    let kind = kind_of(kind)?;
    let active = super::master_data::requested_status(action)?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let row = as_seen(&mut tx, kind, code, version).await?;
    if row.active == active {
        return Err(AppError::Conflict(format!(
            "{} ist bereits {}.",
            kind.label(),
            if active { "aktiv" } else { "deaktiviert" }
        )));
    }
    if !active {
        if let Some(refusal) = refusal(&mut Reader::Tx(&mut tx), kind, &row).await? {
            return Err(AppError::Conflict(refusal));
        }
    }
    if active {
        if let Some(parent) = row.file_type.as_deref() {
            let parent = found(&mut Reader::Tx(&mut tx), CatalogueKind::FileType, parent).await?;
            if !parent.active {
                return Err(AppError::Conflict(format!(
                    "Der Aktentyp „{}“ ist deaktiviert; reaktivieren Sie ihn zuerst.",
                    parent.name
                )));
            }
        }
    }
    tx.set_catalogue_entry_active(kind, row.id, active)
        .await
        .map_err(db_err)?;
    let now = OffsetDateTime::now_utc();
    let rules = if active {
        let restored = tx
            .restore_catalogue_rules(kind, row.id, now, actor.user_id)
            .await
            .map_err(db_err)?;
        let filled = tx
            .fill_initial_eakte_rules(now, "Ausgangskonfiguration (eAkte-Katalog reaktiviert)")
            .await
            .map_err(db_err)?;
        format!("; {} eAkte-Regeln wieder gültig", restored + filled)
    } else {
        let ended = tx
            .end_catalogue_rules(kind, row.id, now)
            .await
            .map_err(db_err)?;
        format!("; {ended} eAkte-Regeln beendet")
    };
    let new_version = record_status(
        ctx,
        &mut tx,
        &actor,
        StatusChange {
            level: kind.code(),
            object_id: row.id,
            object: &object,
            fields: &fields(&row.code, &row.name, active),
            what: kind.label(),
            active,
            consequence: &rules,
        },
    )
    .await?;
    tx.commit().await.map_err(db_err)?;
    Ok(new_version)
}
