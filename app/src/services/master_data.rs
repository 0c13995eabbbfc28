//! Master-data import (Zentrale): stage the file, preview the plan, and on confirmation
//! write every new and changed object with its version and audit record, then give new
//! Dienststellen and mailboxes their initial configuration, in one transaction.

use super::db_err;
use super::import::KEEP_UPLOADS;
use crate::db::audit::AuditEntry;
use crate::db::mailbox_admin::UseRow;
use crate::db::master_data::{self as q, VersionNote};
use crate::db::write::Reader;
use crate::db::Db;
use crate::domain::csv_format::{decode, read, Table};
use crate::domain::import::{MAX_BYTES, MAX_ROWS};
use crate::domain::mailbox_use::{kind_change_refusal, MailboxRef, UseKind};
use crate::domain::master_data::MASTER_DATA_COLUMNS;
use crate::domain::master_data_import::{
    describe, kind_changes, plan, refuse_inactive_places, refuse_kind, Current, Level, Plan,
    REQUIRED,
};
use crate::domain::org::MailboxKind;
use crate::domain::org::OrgLocation;
use crate::domain::policy::{decide, Action, Actor};
use crate::domain::upload::UploadProblem;
use crate::error::AppError;
use crate::org::master_data::{
    MasterDataChange, MasterDataError, MasterDataOutcome, MasterDataPreview, SHOWN_CHANGES,
};
use crate::routing::FieldChange;
use crate::services::context::Ctx;
use time::OffsetDateTime;

pub async fn may_import(ctx: &Ctx) -> Result<bool, AppError> {
    let actor = ctx.actor()?;
    Ok(decide(&actor, Action::ManageCatalogue, OrgLocation::Central).is_allowed())
}

/// Stages an uploaded file; returns the preview's key, or why the file cannot be read.
pub async fn stage(
    ctx: &Ctx,
    file_name: &str,
    bytes: &[u8],
) -> Result<Result<String, UploadProblem>, AppError> {
    let actor = ctx.catalogue_admin("stammdaten").await?;
    if bytes.len() > MAX_BYTES {
        return Ok(Err(UploadProblem::TooLarge));
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e.upload_problem().unwrap_or(UploadProblem::NotText))),
    };
    let token = uuid::Uuid::new_v4().simple().to_string();
    let now = OffsetDateTime::now_utc();
    let name = super::import::shown_file_name(file_name);
    let stored = q::stage(
        ctx.db(),
        &token,
        actor.user_id,
        (&name, &text),
        now,
        now - KEEP_UPLOADS,
    )
    .await
    .map_err(db_err)?;
    Ok(if stored {
        Ok(token)
    } else {
        Err(UploadProblem::TooMany)
    })
}

impl super::import::StagedUpload for q::StagedUpload {
    fn owner(&self) -> i64 {
        self.user_id
    }
    fn staged_at(&self) -> OffsetDateTime {
        self.created_at
    }
}

async fn staged(db: &Db, actor: &Actor, token: &str) -> Result<q::StagedUpload, AppError> {
    super::import::own_fresh(q::staged(db, token.trim()).await.map_err(db_err)?, actor)
}

fn table(content: &str) -> Result<Table, String> {
    read(content, &MASTER_DATA_COLUMNS, &REQUIRED, MAX_ROWS).map_err(|e| e.message())
}

fn change_view(c: &crate::domain::master_data_import::PlannedChange) -> MasterDataChange {
    MasterDataChange {
        line: c.line,
        level: c.after.level().label().into(),
        key: c.after.key().into(),
        new: c.before.is_none(),
        fields: c
            .fields
            .iter()
            .map(|(field, before, after)| FieldChange {
                field: (*field).into(),
                before: before.clone(),
                after: after.clone(),
            })
            .collect(),
    }
}

fn counts(p: &Plan) -> (usize, usize) {
    let created = p.changes.iter().filter(|c| c.before.is_none()).count();
    (created, p.changes.len() - created)
}

pub async fn preview(ctx: &Ctx, token: &str) -> Result<MasterDataPreview, AppError> {
    let actor = ctx.catalogue_admin("stammdaten").await?;
    let db = ctx.db().clone();
    let staged = staged(&db, &actor, token).await?;
    let mut preview = MasterDataPreview {
        token: token.trim().into(),
        file_name: staged.file_name,
        file_error: None,
        created: 0,
        changed: 0,
        unchanged: 0,
        error_lines: 0,
        changes: Vec::new(),
        errors: Vec::new(),
    };
    let table = match table(&staged.content) {
        Ok(t) => t,
        Err(message) => {
            preview.file_error = Some(message);
            return Ok(preview);
        }
    };
    let objects = q::objects(&db).await.map_err(db_err)?;
    let current = Current::new(objects.iter().map(|(_, o)| o.clone()));
    let mut p = plan(&table, &current, &ctx.state.mail_domains.list());
    let places = crate::db::master_data::inactive_places(&mut Reader::Pool(&db))
        .await
        .map_err(db_err)?;
    refuse_inactive_places(&mut p, &places);
    for (line, id, address, kind) in kind_changes_with_ids(&p, &objects) {
        let me = MailboxRef {
            id,
            address: &address,
        };
        let uses = crate::db::mailbox_admin::live_uses(&db, me)
            .await
            .map_err(db_err)?;
        refuse_kind_if(&mut p, line, kind, &uses);
    }
    (preview.created, preview.changed) = counts(&p);
    preview.unchanged = p.unchanged;
    preview.error_lines = p.error_lines();
    preview.changes = p
        .changes
        .iter()
        .take(SHOWN_CHANGES)
        .map(change_view)
        .collect();
    preview.errors = p
        .errors
        .into_iter()
        .map(|e| MasterDataError {
            line: e.line,
            column: e.column.into(),
            message: e.message,
        })
        .collect();
    Ok(preview)
}

/// Takes the file over: planned again inside the transaction (the data may have moved
/// on since the preview), and any error refuses the whole file.
pub async fn confirm(ctx: &Ctx, token: &str) -> Result<MasterDataOutcome, AppError> {
    let actor = ctx.catalogue_admin("stammdaten").await?;
    let db = ctx.db().clone();
    let staged = staged(&db, &actor, token).await?;
    let table = table(&staged.content).map_err(AppError::Conflict)?;
    let mut tx = db.begin_write().await.map_err(db_err)?;
    let objects = tx.master_data_objects().await.map_err(db_err)?;
    let current = Current::new(objects.iter().map(|(_, o)| o.clone()));
    let mut p = plan(&table, &current, &ctx.state.mail_domains.list());
    let places = crate::db::master_data::inactive_places(&mut Reader::Tx(&mut tx))
        .await
        .map_err(db_err)?;
    refuse_inactive_places(&mut p, &places);
    for (line, id, address, kind) in kind_changes_with_ids(&p, &objects) {
        let me = MailboxRef {
            id,
            address: &address,
        };
        let uses = tx.mailbox_uses(me).await.map_err(db_err)?;
        refuse_kind_if(&mut p, line, kind, &uses);
    }
    if !p.errors.is_empty() {
        return Err(AppError::Conflict(format!(
            "Die Datei enthält {} fehlerhafte Zeile(n). Bitte korrigieren Sie die Datei und laden Sie sie erneut hoch; es wurde nichts gespeichert.",
            p.error_lines()
        )));
    }
    if p.changes.is_empty() {
        return Err(AppError::Conflict(
            "Die Datei ändert nichts an den Stammdaten; es wurde nichts gespeichert.".into(),
        ));
    }
    let now = OffsetDateTime::now_utc();
    // What stood before keeps a version of its own, so the first change has a "before".
    let existing = VersionNote {
        at: now,
        author_id: None,
        note: "Bestand vor dem Stammdatenimport",
    };
    tx.version_unversioned(&objects, &existing)
        .await
        .map_err(db_err)?;
    let note = format!("Stammdatenimport „{}“", staged.file_name);
    let version = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: &note,
    };
    for change in &p.changes {
        tx.apply_master_data(change, &version)
            .await
            .map_err(db_err)?;
        let object = format!("{}:{}", change.after.level().code(), change.after.key());
        tx.audit(&ctx.audit_entry(&actor, "stammdaten-import", &object, describe(change)))
            .await
            .map_err(db_err)?;
    }
    let filled = tx
        .fill_initial_configuration(now, "Ausgangskonfiguration (Stammdatenimport)")
        .await
        .map_err(db_err)?;
    tx.drop_master_data_upload(token.trim())
        .await
        .map_err(db_err)?;
    let (created, changed) = counts(&p);
    let outcome = MasterDataOutcome {
        created,
        changed,
        routing_entries: filled.routing_entries,
        mailbox_settings: filled.mailbox_settings,
    };
    tx.audit(&summary(ctx, &actor, &staged.file_name, &outcome))
        .await
        .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    ctx.state.cache.forget_organisation();
    Ok(outcome)
}

/// The plan's mailbox kind changes with the mailbox's id: (line, id, address, kind).
fn kind_changes_with_ids(
    p: &Plan,
    objects: &[(i64, crate::domain::master_data_import::Object)],
) -> Vec<(u64, i64, String, MailboxKind)> {
    kind_changes(p)
        .into_iter()
        .filter_map(|(line, address, kind)| {
            let id = objects.iter().find_map(|(id, o)| {
                (o.level() == Level::Mailbox && o.key().eq_ignore_ascii_case(address))
                    .then_some(*id)
            })?;
            Some((line, id, address.to_string(), kind))
        })
        .collect()
}

/// Refuses the row when live routing cannot keep the mailbox's new kind.
fn refuse_kind_if(p: &mut Plan, line: u64, kind: MailboxKind, uses: &[(UseRow, UseKind)]) {
    let kinds: Vec<UseKind> = uses.iter().map(|(_, k)| *k).collect();
    if let Some(message) = kind_change_refusal(kind, &kinds) {
        refuse_kind(p, line, message);
    }
}

fn summary(ctx: &Ctx, actor: &Actor, file_name: &str, o: &MasterDataOutcome) -> AuditEntry {
    ctx.audit_entry(
        actor,
        "stammdaten-import",
        "stammdaten",
        format!(
            "Datei „{file_name}“: {} neu, {} geändert; Ausgangskonfiguration für {} Routing-Einträge und {} Postfacheinstellungen",
            o.created, o.changed, o.routing_entries, o.mailbox_settings
        ),
    )
}

/// A version's stored fields as "Name: …; Art: …".
pub(crate) fn fields_text(json: &str) -> String {
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json) {
        Ok(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("; "),
        Err(_) => json.to_string(),
    }
}

/// A stored version as the history tables show it.
pub(crate) fn version_view(v: q::VersionRow) -> crate::org::model::MasterDataVersionView {
    let level = match crate::domain::master_data_import::Level::from_code(&v.level) {
        Some(l) => l.label(),
        None if v.level == "postkorb" => "Postkorb",
        None => crate::domain::eakte_catalogue::CatalogueKind::from_code(&v.level)
            .map_or("Anliegen", |k| k.label()),
    };
    crate::org::model::MasterDataVersionView {
        object: format!("{level} {}", v.object),
        version: v.version,
        valid_from: crate::domain::calendar::format_berlin(v.valid_from),
        by: format!(
            "{} ({})",
            v.author.unwrap_or_else(|| "System".into()),
            v.note
        ),
        fields: fields_text(&v.fields),
    }
}

/// The status a form's `aktion` asks for: "deaktivieren" → inactive, "reaktivieren" → active.
pub(crate) fn requested_status(action: &str) -> Result<bool, AppError> {
    match action.trim() {
        "deaktivieren" => Ok(false),
        "reaktivieren" => Ok(true),
        _ => Err(AppError::BadRequest),
    }
}

/// A master-data object made inactive or active again, recorded in the caller's transaction.
pub(crate) struct StatusChange<'a> {
    /// The version table's level ("postfach", "bereich", "postkorb").
    pub level: &'a str,
    pub object_id: i64,
    /// The audit log's object ("postkorb:kiel.kiel/lg").
    pub object: &'a str,
    /// The new version's fields.
    pub fields: &'a str,
    /// "Postfach": the version's note and, lower-cased, the audit action's prefix.
    pub what: &'a str,
    pub active: bool,
    /// What else the change did, for the audit record ("" if nothing).
    pub consequence: &'a str,
}

/// The status change's new version and audit record; answers the version.
pub(crate) async fn record_status(
    ctx: &crate::services::context::Ctx,
    tx: &mut crate::db::write::WriteTx,
    actor: &crate::domain::policy::Actor,
    c: StatusChange<'_>,
) -> Result<i64, AppError> {
    let (verb, change) = if c.active {
        ("reaktiviert", "deaktiviert → aktiv")
    } else {
        ("deaktiviert", "aktiv → deaktiviert")
    };
    let note = format!("{} {verb}", c.what);
    let version = tx
        .add_master_data_version(
            c.level,
            c.object_id,
            c.fields,
            &VersionNote {
                at: time::OffsetDateTime::now_utc(),
                author_id: Some(actor.user_id),
                note: &note,
            },
        )
        .await
        .map_err(db_err)?;
    let action = format!("{}-{verb}", c.what.to_lowercase());
    let entry = ctx.audit_entry(
        actor,
        &action,
        c.object,
        format!("Status: {change} (Version {version}){}", c.consequence),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    Ok(version)
}

/// Refuses a form made from another version than the object's live one (`what` names the
/// object in the message); an object without versions yet (seeded) gets `current` as
/// version 1 before its first change.
pub(crate) async fn check_seen_version(
    tx: &mut crate::db::write::WriteTx,
    (level, object_id): (&str, i64),
    seen: &str,
    current: &str,
    what: &str,
) -> Result<(), AppError> {
    let seen = super::form_version(seen)?;
    let live = tx
        .master_data_live_version(level, object_id)
        .await
        .map_err(db_err)?;
    if live != seen {
        return Err(AppError::Conflict(format!(
            "{what} wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die Angaben."
        )));
    }
    if live == 0 {
        let existing = VersionNote::existing(time::OffsetDateTime::now_utc());
        tx.add_master_data_version(level, object_id, current, &existing)
            .await
            .map_err(db_err)?;
    }
    Ok(())
}
