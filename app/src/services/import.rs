//! CSV import of an edited configuration: stage the upload, preview every row as an item
//! (or a German error per row and column), and on confirmation file one draft with all
//! items in one transaction, or nothing.

use super::db_err;
use super::orders::drafts::{
    check_item, concern_limit_at_directive, create_draft, DraftInput, ImportedItem, ItemInput,
};
use super::org::agency_for;
use super::routing::{field_changes, Side};
use crate::db::imports as q;
use crate::db::Db;
use crate::domain::calendar::{format_date, today_berlin};
use crate::domain::csv_format::{decode, read};
use crate::domain::import::{
    column_of_field, resolve, Catalogue, CellError, COLUMNS, MAX_BYTES, MAX_ROWS, REQUIRED,
};
use crate::domain::policy::{self, Action, Actor};
use crate::domain::upload::UploadProblem;
use crate::error::AppError;
use crate::export::import::{ImportPreview, PreviewRow};
use crate::services::context::Ctx;
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};

/// How long an upload waits for its confirmation.
pub(crate) const KEEP_UPLOADS: Duration = Duration::hours(24);

/// Whether the caller may upload at all: signed in and filing orders for some agency.
/// Asked before the upload's body is read, so nobody else makes the server take in
/// megabytes; `stage` then checks the agency the form names.
pub fn may_stage(ctx: &Ctx) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    if policy::ScopeFilter::for_action(&actor, Action::FileOrder).is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Stages an uploaded file for an agency the user files for; returns the preview's key,
/// or why the file cannot be read at all.
pub async fn stage(
    ctx: &Ctx,
    agency_code: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Result<String, UploadProblem>, AppError> {
    let actor = ctx.actor()?;
    let agency = match agency_for(ctx, &actor, agency_code, Action::FileOrder).await {
        Ok(a) => a,
        Err(AppError::Forbidden | AppError::NotFound) => return Ok(Err(UploadProblem::Agency)),
        Err(other) => return Err(other),
    };
    if bytes.len() > MAX_BYTES {
        return Ok(Err(UploadProblem::TooLarge));
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => return Ok(Err(e.upload_problem().unwrap_or(UploadProblem::NotText))),
    };
    let name = shown_file_name(file_name);
    let token = uuid::Uuid::new_v4().simple().to_string();
    let now = OffsetDateTime::now_utc();
    let db = ctx.db().clone();
    let stored = q::stage(
        &db,
        &token,
        (actor.user_id, agency.id),
        &name,
        &text,
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

/// An uploaded file's name as shown: without its folders and control characters, at
/// most 200 characters.
pub(crate) fn shown_file_name(file_name: &str) -> String {
    file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// A staged upload's owner and time, whichever import it is for.
pub(crate) trait StagedUpload {
    fn owner(&self) -> i64;
    fn staged_at(&self) -> OffsetDateTime;
}

impl StagedUpload for q::StagedRow {
    fn owner(&self) -> i64 {
        self.user_id
    }
    fn staged_at(&self) -> OffsetDateTime {
        self.created_at
    }
}

/// The upload, only for the user who staged it and only while it is fresh.
pub(crate) fn own_fresh<T: StagedUpload>(row: Option<T>, actor: &Actor) -> Result<T, AppError> {
    let row = row
        .filter(|r| r.owner() == actor.user_id)
        .ok_or(AppError::NotFound)?;
    if row.staged_at() < OffsetDateTime::now_utc() - KEEP_UPLOADS {
        return Err(AppError::Conflict(
            "Die hochgeladene Datei ist abgelaufen. Bitte laden Sie sie erneut hoch.".into(),
        ));
    }
    Ok(row)
}

async fn staged(db: &Db, actor: &Actor, token: &str) -> Result<q::StagedRow, AppError> {
    own_fresh(q::staged(db, token.trim()).await.map_err(db_err)?, actor)
}

/// Names for ids, to show the differences.
struct Labels {
    mailboxes: HashMap<i64, String>,
    areas: HashMap<i64, String>,
}

async fn catalogue(db: &Db) -> Result<(Catalogue, Labels), AppError> {
    let mut cat = Catalogue::default();
    let mut labels = Labels {
        mailboxes: HashMap::new(),
        areas: HashMap::new(),
    };
    for (code, agency) in q::offices(db).await.map_err(db_err)? {
        cat.add_office(&code, agency);
    }
    for (code, name) in q::concerns(db).await.map_err(db_err)? {
        cat.add_concern(&code, &name);
    }
    for (id, code, short, name) in q::areas(db).await.map_err(db_err)? {
        cat.add_area(id, &[&code, &short, &name]);
        labels.areas.insert(id, name);
    }
    for (id, address, name) in q::mailboxes(db).await.map_err(db_err)? {
        cat.add_mailbox(id, &address);
        labels.mailboxes.insert(id, format!("{name} <{address}>"));
    }
    Ok((cat, labels))
}

/// What a staged file would become.
struct Analysis {
    file_error: Option<String>,
    rows: Vec<PreviewRow>,
    items: Vec<ImportedItem>,
    unchanged: usize,
}

async fn analyse(
    ctx: &Ctx,
    db: &Db,
    actor: &Actor,
    agency_id: i64,
    content: &str,
) -> Result<Analysis, AppError> {
    let mut analysis = Analysis {
        file_error: None,
        rows: Vec::new(),
        items: Vec::new(),
        unchanged: 0,
    };
    let table = match read(content, &COLUMNS, &REQUIRED, MAX_ROWS) {
        Ok(t) => t,
        Err(e) => {
            analysis.file_error = Some(e.message());
            return Ok(analysis);
        }
    };
    let (cat, labels) = catalogue(db).await?;
    let filing = policy::ScopeFilter::for_action(actor, Action::FileOrder);
    let may_file = |agency: i64| filing.all || filing.agency_ids().contains(&agency);
    let label = |id: i64, map: &HashMap<i64, String>| map.get(&id).cloned().unwrap_or_default();
    for (row, resolved) in table
        .rows
        .iter()
        .zip(resolve(&table, &cat, agency_id, may_file))
    {
        let mut preview = PreviewRow {
            line: row.line,
            office: row.cell(0).trim().to_string(),
            concern: row.cell(1).trim().to_string(),
            changes: Vec::new(),
            errors: Vec::new(),
        };
        let r = match resolved {
            Ok(r) => r,
            Err(errors) => {
                preview.errors = errors
                    .into_iter()
                    .map(|e| (e.column.to_string(), e.message))
                    .collect();
                analysis.rows.push(preview);
                continue;
            }
        };
        let input = ItemInput {
            office_code: r.office_code.clone(),
            concern_code: r.concern_code.clone(),
            mailbox_id: r.mailbox_id,
            area_id: r.area_id,
            addresses: r.addresses.clone(),
        };
        let checked = match check_item(ctx, db, agency_id, &input).await {
            Ok(c) => c,
            Err(AppError::Validation(errors)) => {
                preview.errors = errors
                    .into_iter()
                    .map(|e| (column_of_field(&e.field).to_string(), e.message))
                    .collect();
                analysis.rows.push(preview);
                continue;
            }
            Err(other) => return Err(other),
        };
        if let Some(v) = r.version.filter(|v| *v != checked.live_version) {
            let e = CellError::new(r.line, COLUMNS[5], format!(
                "Der Eintrag wurde nach dem Export geändert (Version {v} in der Datei, gültig ist Version {}). Bitte exportieren Sie die Konfiguration neu.",
                checked.live_version
            ));
            preview.errors.push((e.column.to_string(), e.message));
            analysis.rows.push(preview);
            continue;
        }
        if checked.unchanged {
            analysis.unchanged += 1;
            continue;
        }
        let live_area = label(checked.live.area_id, &labels.areas);
        let new_area = label(r.area_id, &labels.areas);
        let before = Side {
            mailbox_id: checked.live.mailbox_id,
            mailbox: label(checked.live.mailbox_id, &labels.mailboxes),
            area_id: checked.live.area_id,
            area: &live_area,
            addresses: checked
                .live
                .notification_addresses
                .iter()
                .map(|a| a.as_str().to_string())
                .collect(),
        };
        let after = Side {
            mailbox_id: r.mailbox_id,
            mailbox: label(r.mailbox_id, &labels.mailboxes),
            area_id: r.area_id,
            area: &new_area,
            addresses: checked
                .addresses
                .iter()
                .map(|a| a.as_str().to_string())
                .collect(),
        };
        preview.changes = field_changes(&before, &after);
        analysis.rows.push(preview);
        analysis.items.push((
            input,
            checked.entry_id,
            checked.live_version,
            checked.addresses,
        ));
    }
    Ok(analysis)
}

/// The preview of a staged upload.
pub async fn preview(ctx: &Ctx, token: &str) -> Result<ImportPreview, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let staged = staged(&db, &actor, token).await?;
    let (agency_code, agency_name) = crate::db::org::agency_code_name(&db, staged.agency_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    // The right to file for the agency may have ended since the upload.
    agency_for(ctx, &actor, &agency_code, Action::FileOrder).await?;
    let a = analyse(ctx, &db, &actor, staged.agency_id, &staged.content).await?;
    let directives = super::directives::choices(&db).await?;
    Ok(ImportPreview {
        token: token.trim().to_string(),
        file_name: staged.file_name,
        agency_code,
        agency: agency_name,
        error_rows: a.rows.iter().filter(|r| !r.errors.is_empty()).count(),
        changes: a.items.len(),
        unchanged: a.unchanged,
        file_error: a.file_error,
        rows: a.rows,
        directives,
        today: format_date(today_berlin(OffsetDateTime::now_utc())),
    })
}

/// Files the draft: the file is analysed again (the live configuration may have moved
/// on), and any error refuses the whole file.
pub async fn confirm(
    ctx: &Ctx,
    token: &str,
    justification: &str,
    effective_date: &str,
    directive: &str,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let db = ctx.db().clone();
    let staged = staged(&db, &actor, token).await?;
    let (agency_code, _) = crate::db::org::agency_code_name(&db, staged.agency_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let a = analyse(ctx, &db, &actor, staged.agency_id, &staged.content).await?;
    if let Some(message) = a.file_error {
        return Err(AppError::Conflict(message));
    }
    let errors = a.rows.iter().filter(|r| !r.errors.is_empty()).count();
    if errors > 0 {
        return Err(AppError::Conflict(format!(
            "Die Datei enthält {errors} fehlerhafte Zeile(n). Bitte korrigieren Sie die Datei und laden Sie sie erneut hoch; es wurde nichts gespeichert."
        )));
    }
    if a.items.is_empty() {
        return Err(AppError::Conflict(
            "Die Datei ändert nichts an der gültigen Konfiguration; es wurde kein Auftrag angelegt.".into(),
        ));
    }
    let concerns: Vec<&str> = a
        .items
        .iter()
        .map(|(i, ..)| i.concern_code.as_str())
        .collect();
    concern_limit_at_directive(&db, directive, &concerns).await?;
    create_draft(
        ctx,
        DraftInput {
            agency_code: &agency_code,
            justification,
            effective_date,
            directive,
            imported: a.items,
            upload_token: Some(token.trim().to_string()),
            ..Default::default()
        },
    )
    .await
}
