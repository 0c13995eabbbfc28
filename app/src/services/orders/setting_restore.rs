//! Restoring an earlier version of a mailbox's "E-Mail-Kommunikation" as a new draft: one
//! setting item back to that version's value, based on the live version and held to the
//! keep-in-place locks like any other item. (Routing's counterpart: `drafts.rs`.)

use super::value_restore::{nothing_to_restore, restored_and_live};
use crate::db::mailbox_settings::{self as q, EntryMeta};
use crate::db::Db;
use crate::domain::kind::Kind;
use crate::domain::mailbox_setting::{check, EmailMode, Lock};
use crate::domain::org::OrgLocation;
use crate::error::AppError;
use crate::orders::model::Restoring;
use crate::services::db_err;
use time::Date;

/// An earlier setting version a new draft starts by restoring.
pub(crate) struct SettingRestore {
    pub entry_id: i64,
    pub version: i64,
    pub mode: EmailMode,
    /// The live version the item replaces.
    pub base_version: i64,
    pub meta: EntryMeta,
    /// (code, name) of the mailbox's agency.
    pub agency: (String, String),
}

/// The version, refused when it is what the mailbox already has.
pub(crate) async fn load(db: &Db, entry_id: i64, version: i64) -> Result<SettingRestore, AppError> {
    let meta = q::entry_meta(db, entry_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let versions = q::versions(db, entry_id).await.map_err(db_err)?;
    let (restored, live) = restored_and_live(
        &versions,
        version,
        |v| v.version,
        |v| v.valid_until.is_none(),
    )?;
    if restored.email_mode == live.email_mode {
        return Err(nothing_to_restore(
            version,
            live.version,
            live.email_mode.label(),
        ));
    }
    let agency = crate::db::org::agency_code_name(db, meta.agency_id)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    Ok(SettingRestore {
        entry_id,
        version,
        mode: restored.email_mode,
        base_version: live.version,
        meta,
        agency,
    })
}

impl SettingRestore {
    pub fn location(&self) -> OrgLocation {
        OrgLocation::Agency {
            region_id: self.meta.region_id,
            agency_id: self.meta.agency_id,
        }
    }

    /// Refused when a keep-in-place lock forbids the value from `effective` on.
    pub fn check(&self, effective: Date, locks: &[Lock]) -> Result<(), AppError> {
        check(self.meta.mailbox_kind, self.mode, effective, locks).map_err(|reason| {
            AppError::Conflict(format!(
                "Version {} kann nicht wiederhergestellt werden: {reason}",
                self.version
            ))
        })
    }

    /// "E-Mail-Kommunikation von „Team Eingangszone Kiel“"
    pub fn subject(&self) -> String {
        format!("E-Mail-Kommunikation von „{}“", self.meta.mailbox_name)
    }

    /// What the new-order form shows.
    pub fn restoring(&self) -> Restoring {
        Restoring {
            kind: Kind::MailboxSetting,
            entry_id: self.entry_id,
            version: self.version,
            agency_code: self.agency.0.clone(),
            agency_name: self.agency.1.clone(),
            office: self.meta.office_name.clone(),
            subject: self.subject(),
            summary: format!(
                "{} <{}>: {}",
                self.meta.mailbox_name,
                self.meta.mailbox_address,
                self.mode.description()
            ),
        }
    }
}
