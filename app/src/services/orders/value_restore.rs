//! Restoring an earlier version of a single-value kind (mailbox setting, eAkte rule) as a
//! new draft, the same way for each: load and refuse what restores nothing, check the
//! scope where the entry lives, re-check the kind's rule, write one item, describe it.

use super::eakte_restore::{self, EakteRestore};
use super::setting_restore::{self, SettingRestore};
use super::Restore;
use crate::db::write::WriteTx;
use crate::db::Db;
use crate::domain::kind::Kind;
use crate::domain::org::OrgLocation;
use crate::error::AppError;
use crate::orders::model::Restoring;
use crate::services::db_err;
use time::Date;

/// The version to restore and the live one among an entry's versions; not found when
/// either is missing.
pub(super) fn restored_and_live<V>(
    versions: &[V],
    version: i64,
    number: impl Fn(&V) -> i64,
    is_live: impl Fn(&V) -> bool,
) -> Result<(&V, &V), AppError> {
    let restored = versions
        .iter()
        .find(|v| number(v) == version)
        .ok_or(AppError::NotFound)?;
    let live = versions
        .iter()
        .find(|v| is_live(v))
        .ok_or(AppError::NotFound)?;
    Ok((restored, live))
}

/// The refusal of a version that holds what is live already.
pub(super) fn nothing_to_restore(version: i64, live_version: i64, live_value: &str) -> AppError {
    AppError::Conflict(format!(
        "Version {version} entspricht der gültigen Version {live_version} („{live_value}“); es gibt nichts wiederherzustellen."
    ))
}

pub(crate) enum ValueRestore {
    Setting(SettingRestore),
    Eakte(EakteRestore),
}

impl ValueRestore {
    /// The version to restore, if `r` names one of a single-value kind.
    pub async fn load(db: &Db, r: Restore) -> Result<Option<Self>, AppError> {
        Ok(match r.kind {
            Kind::Routing => None,
            Kind::MailboxSetting => Some(Self::Setting(
                setting_restore::load(db, r.entry_id, r.version).await?,
            )),
            Kind::EakteRule => Some(Self::Eakte(
                eakte_restore::load(db, r.entry_id, r.version).await?,
            )),
        })
    }

    pub fn agency_code(&self) -> &str {
        match self {
            Self::Setting(s) => &s.agency.0,
            Self::Eakte(e) => &e.meta.agency_code,
        }
    }

    pub fn location(&self) -> OrgLocation {
        match self {
            Self::Setting(s) => s.location(),
            Self::Eakte(e) => e.location(),
        }
    }

    /// The audit object of the restored entry.
    pub fn object(&self) -> String {
        match self {
            Self::Setting(s) => format!("postfach-einstellung:{}", s.entry_id),
            Self::Eakte(e) => format!("eakte-regel:{}", e.entry_id),
        }
    }

    /// The kind's rule for the restored value, from `effective` on.
    pub async fn check(&self, db: &Db, effective: Date) -> Result<(), AppError> {
        match self {
            Self::Setting(s) => {
                let locks = crate::db::mailbox_settings::locks(db)
                    .await
                    .map_err(db_err)?;
                s.check(effective, &locks)
            }
            Self::Eakte(e) => e.check(db).await,
        }
    }

    /// Writes the one item into the new draft.
    pub async fn save(&self, tx: &mut WriteTx, order_id: i64) -> sqlx::Result<()> {
        match self {
            Self::Setting(s) => {
                tx.save_value_item(
                    Kind::MailboxSetting,
                    order_id,
                    s.entry_id,
                    s.base_version,
                    s.mode,
                )
                .await
            }
            Self::Eakte(e) => {
                tx.save_value_item(
                    Kind::EakteRule,
                    order_id,
                    e.entry_id,
                    e.base_version,
                    e.postkorb_id,
                )
                .await
            }
        }
    }

    /// "; stellt Version 1 der … wieder her (…)" for the draft's audit record.
    pub fn audit_detail(&self) -> String {
        match self {
            Self::Setting(s) => format!(
                "; stellt Version {} der {} <{}> wieder her ({})",
                s.version,
                s.subject(),
                s.meta.mailbox_address,
                s.mode.label()
            ),
            Self::Eakte(e) => format!(
                "; stellt Version {} der {} wieder her ({})",
                e.version,
                e.subject(),
                e.postkorb
            ),
        }
    }

    pub fn restoring(&self) -> Restoring {
        match self {
            Self::Setting(s) => s.restoring(),
            Self::Eakte(e) => e.restoring(),
        }
    }
}
