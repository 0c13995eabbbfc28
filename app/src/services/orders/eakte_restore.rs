//! Restoring an earlier version of an eAkte rule as a new draft: one item back to that
//! version's Ziel-Postkorb, based on the live version, held to the rule that a Postkorb
//! belongs to one of the agency's own Dienststellen. (Counterparts: `setting_restore.rs`,
//! routing in `drafts.rs`.)

use super::value_restore::{nothing_to_restore, restored_and_live};
use crate::db::eakte_rules::{self as q, EntryMeta};
use crate::db::Db;
use crate::domain::eakte_rule::{check_target, entry_label, postkorb_label, PostkorbPlace};
use crate::domain::kind::Kind;
use crate::domain::org::OrgLocation;
use crate::error::AppError;
use crate::orders::model::Restoring;
use crate::services::db_err;

/// An earlier rule version a new draft starts by restoring.
pub(crate) struct EakteRestore {
    pub entry_id: i64,
    pub version: i64,
    pub postkorb_id: i64,
    /// "Postkorb EZ Kiel (Kiel)"
    pub postkorb: String,
    /// The live version the item replaces.
    pub base_version: i64,
    pub meta: EntryMeta,
}

/// The version, refused when it is what the rule already has.
pub(crate) async fn load(db: &Db, entry_id: i64, version: i64) -> Result<EakteRestore, AppError> {
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
    if restored.postkorb_id == live.postkorb_id {
        return Err(nothing_to_restore(version, live.version, &live.postkorb));
    }
    Ok(EakteRestore {
        entry_id,
        version,
        postkorb_id: restored.postkorb_id,
        postkorb: postkorb_label(&restored.postkorb, &restored.postkorb_office),
        base_version: live.version,
        meta,
    })
}

impl EakteRestore {
    pub fn location(&self) -> OrgLocation {
        OrgLocation::Agency {
            region_id: self.meta.region_id,
            agency_id: self.meta.agency_id,
        }
    }

    /// Refused when the Postkorb no longer belongs to the agency (its Dienststelle moved).
    pub async fn check(&self, db: &Db) -> Result<(), AppError> {
        let place = q::postkorb_agency(db, self.postkorb_id)
            .await
            .map_err(db_err)?
            .map(|agency_id| PostkorbPlace { agency_id });
        check_target(self.meta.agency_id, place).map_err(|reason| {
            AppError::Conflict(format!(
                "Version {} kann nicht wiederhergestellt werden: {reason}",
                self.version
            ))
        })
    }

    /// "eAkte-Regel 1001 Alg · Widerspruch · Online-Dokument"
    pub fn subject(&self) -> String {
        let m = &self.meta;
        format!(
            "eAkte-Regel {}",
            entry_label(&m.file_type, &m.document_type, &m.document_kind)
        )
    }

    /// What the new-order form shows.
    pub fn restoring(&self) -> Restoring {
        Restoring {
            kind: Kind::EakteRule,
            entry_id: self.entry_id,
            version: self.version,
            agency_code: self.meta.agency_code.clone(),
            agency_name: self.meta.agency_name.clone(),
            office: self.meta.agency_name.clone(),
            subject: self.subject(),
            summary: format!("Ziel-Postkorb {}", self.postkorb),
        }
    }
}
