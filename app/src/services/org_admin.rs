//! Regionaldirektionen, Agenturen and Dienststellen created and renamed by the Zentrale on
//! their pages — the same objects, versions and audit records as the master-data import,
//! one at a time, with a version check on renaming.

use super::db_err;
use crate::db::master_data::VersionNote;
use crate::db::org_admin::{agency_closed, has_headquarters, location, unit};
use crate::db::write::Reader;
use crate::domain::fields::FieldError;
use crate::domain::master_data_import::{creation, describe, edit as edit_change, Level, Object};
use crate::domain::org::{OfficeKind, OrgLocation};
use crate::domain::org_form::{check_name, check_new};
use crate::domain::policy::{Action, Actor};
use crate::error::AppError;
use crate::services::context::Ctx;
use time::OffsetDateTime;

/// The levels these forms manage, by their code in the form ("rd", "agentur",
/// "dienststelle").
fn level_of(code: &str) -> Result<Level, AppError> {
    match Level::from_code(code.trim()) {
        Some(l @ (Level::Region | Level::Agency | Level::Office)) => Ok(l),
        _ => Err(AppError::BadRequest),
    }
}

/// The page of a unit.
pub fn unit_href(level: Level, code: &str) -> String {
    let path = match level {
        Level::Region => "rd",
        Level::Agency => "agentur",
        _ => "dienststelle",
    };
    format!("/organisation/{path}/{code}")
}

fn field(name: &str, message: impl Into<String>) -> AppError {
    AppError::Validation(vec![FieldError::new(name, message)])
}

/// What the creation form names.
pub struct NewUnit<'a> {
    pub level: &'a str,
    /// The parent's code: the RD of a new agency, the agency of a new Dienststelle.
    pub parent: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    /// A Dienststelle's kind ("hauptagentur" or "geschaeftsstelle").
    pub kind: &'a str,
}

/// Who may do it where: RDs and agencies are created and RDs renamed only by the
/// Zentrale; agencies and Dienststellen are renamed and Dienststellen added where the
/// policy allows `ManageRegionOrganisation` (the Zentrale, an RD in its region).
/// `unit` is the unit renamed, or the parent a new unit is added to.
async fn authorise(ctx: &Ctx, level: Level, unit: &str, object: &str) -> Result<Actor, AppError> {
    let actor = ctx.actor()?;
    let (action, location) = match level {
        Level::Agency | Level::Office => {
            let location = location(&mut Reader::Pool(ctx.db()), level, unit)
                .await
                .map_err(db_err)?
                .ok_or(AppError::NotFound)?;
            (Action::ManageRegionOrganisation, location)
        }
        _ => (Action::ManageCatalogue, OrgLocation::Central),
    };
    ctx.require(&actor, action, location, object).await?;
    Ok(actor)
}

/// The refusal for changing a closed agency or adding to it.
const CLOSED_AGENCY: &str =
    "Die Agentur ist geschlossen und mit ihrer Nachfolgerin zusammengelegt; sie wird nicht mehr geändert.";

/// Whether the RD with this code exists and is deactivated.
async fn region_inactive(r: &mut Reader<'_>, code: &str) -> Result<bool, AppError> {
    let region = crate::db::region_status::region(r, code)
        .await
        .map_err(db_err)?;
    Ok(region.is_some_and(|(_, _, active)| !active))
}

/// The refusal for changing a deactivated RD or adding an agency to it.
const INACTIVE_REGION: &str = "Die Regionaldirektion ist deaktiviert; reaktivieren Sie sie zuerst.";

/// Creates the unit with its first version and audit record; answers its page.
pub async fn create(ctx: &Ctx, input: NewUnit<'_>) -> Result<String, AppError> {
    ctx.actor()?;
    let level = level_of(input.level)?;
    // A new Dienststelle is managed in its agency; an RD or an agency only centrally.
    let (checked_level, checked_unit) = match level {
        Level::Office => (Level::Agency, input.parent.trim()),
        _ => (Level::Region, ""),
    };
    let actor = authorise(
        ctx,
        checked_level,
        checked_unit,
        &format!("{}:neu", level.code()),
    )
    .await?;
    let checked = check_new(input.code, input.name);
    let kind = match level {
        Level::Office => OfficeKind::from_code(input.kind.trim())
            .map(Some)
            .ok_or_else(|| FieldError::new("art", "Bitte wählen Sie die Art der Dienststelle.")),
        _ => Ok(None),
    };
    let (code, name, kind) = match (checked, kind) {
        (Ok((code, name)), Ok(kind)) => (code, name, kind),
        (checked, kind) => {
            let errors = checked.err().into_iter().flatten().chain(kind.err());
            return Err(AppError::Validation(errors.collect()));
        }
    };
    let parent = input.parent.trim();
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let mut r = Reader::Tx(&mut tx);
    if unit(&mut r, level, &code).await.map_err(db_err)?.is_some() {
        return Err(field(
            "kuerzel",
            format!("Das Kürzel „{code}“ ist schon vergeben."),
        ));
    }
    let parent_level = match level {
        Level::Agency => Some(Level::Region),
        Level::Office => Some(Level::Agency),
        _ => None,
    };
    if let Some(p) = parent_level {
        if unit(&mut r, p, parent).await.map_err(db_err)?.is_none() {
            return Err(AppError::NotFound);
        }
    }
    if level == Level::Office && agency_closed(&mut r, parent).await.map_err(db_err)? {
        return Err(AppError::Conflict(CLOSED_AGENCY.into()));
    }
    if level == Level::Agency && region_inactive(&mut r, parent).await? {
        return Err(AppError::Conflict(INACTIVE_REGION.into()));
    }
    if kind == Some(OfficeKind::Headquarters)
        && has_headquarters(&mut r, parent).await.map_err(db_err)?
    {
        return Err(field(
            "art",
            "Die Agentur hat bereits eine Hauptagentur; legen Sie eine Geschäftsstelle an.",
        ));
    }
    let object = match (level, kind) {
        (Level::Region, _) => Object::Region {
            code: code.clone(),
            name,
        },
        (Level::Agency, _) => Object::Agency {
            code: code.clone(),
            name,
            region: parent.to_string(),
        },
        (_, kind) => Object::Office {
            code: code.clone(),
            name,
            kind: kind.unwrap_or(OfficeKind::Branch),
            agency: parent.to_string(),
        },
    };
    let change = creation(0, object);
    let now = OffsetDateTime::now_utc();
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "angelegt",
    };
    tx.apply_master_data(&change, &note).await.map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        &format!("{}-angelegt", level.code()),
        &format!("{}:{code}", level.code()),
        describe(&change),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    ctx.state.cache.forget_organisation();
    Ok(unit_href(level, &code))
}

/// Renames the unit seen at `version`; answers the new version.
pub async fn rename(
    ctx: &Ctx,
    level: &str,
    code: &str,
    version: &str,
    name: &str,
) -> Result<i64, AppError> {
    ctx.actor()?;
    let level = level_of(level)?;
    let object_name = format!("{}:{}", level.code(), code.trim());
    let actor = authorise(ctx, level, code.trim(), &object_name).await?;
    let seen = super::form_version(version)?;
    let name = check_name(name).map_err(|e| AppError::Validation(vec![e]))?;
    let mut tx = ctx.db().begin_write().await.map_err(db_err)?;
    let (id, before) = unit(&mut Reader::Tx(&mut tx), level, code.trim())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if level == Level::Agency
        && agency_closed(&mut Reader::Tx(&mut tx), code.trim())
            .await
            .map_err(db_err)?
    {
        return Err(AppError::Conflict(CLOSED_AGENCY.into()));
    }
    if level == Level::Region && region_inactive(&mut Reader::Tx(&mut tx), code.trim()).await? {
        return Err(AppError::Conflict(INACTIVE_REGION.into()));
    }
    let live = tx
        .master_data_live_version(level.code(), id)
        .await
        .map_err(db_err)?;
    if live != seen {
        return Err(AppError::Conflict(
            "Die Angaben wurden inzwischen geändert. Bitte laden Sie die Seite neu.".into(),
        ));
    }
    let after = match before.clone() {
        Object::Region { code, .. } => Object::Region { code, name },
        Object::Agency { code, region, .. } => Object::Agency { code, name, region },
        Object::Office {
            code, kind, agency, ..
        } => Object::Office {
            code,
            name,
            kind,
            agency,
        },
        other => other,
    };
    let Some(change) = edit_change(&before, after) else {
        return Err(AppError::Conflict(
            "Der Name ist unverändert; es wurde nichts gespeichert.".into(),
        ));
    };
    let now = OffsetDateTime::now_utc();
    let existing = VersionNote::existing(now);
    tx.version_unversioned(&[(id, before)], &existing)
        .await
        .map_err(db_err)?;
    let note = VersionNote {
        at: now,
        author_id: Some(actor.user_id),
        note: "umbenannt",
    };
    tx.apply_master_data(&change, &note).await.map_err(db_err)?;
    let version = tx
        .master_data_live_version(level.code(), id)
        .await
        .map_err(db_err)?;
    let entry = ctx.audit_entry(
        &actor,
        &format!("{}-umbenannt", level.code()),
        &object_name,
        describe(&change),
    );
    tx.audit(&entry).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    ctx.state.cache.forget_organisation();
    Ok(version)
}
