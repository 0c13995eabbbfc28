//! Reading the audit log (Zentrale only).

use super::access::{current_actor, require};
use super::{db_err, state};
use crate::audit::{AuditLine, AuditPage};
use crate::db::audit as q;
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::error::AppError;

pub const PAGE_SIZE: i64 = 100;

pub async fn page(filter: q::AuditFilter) -> Result<AuditPage, AppError> {
    let (_, actor) = current_actor().await?;
    require(
        &actor,
        Action::ViewAuditLog,
        OrgLocation::Central,
        "protokoll",
    )
    .await?;
    let db = state()?.db;
    let mut rows = q::page(&db, &filter, PAGE_SIZE + 1).await.map_err(db_err)?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let older = more.then(|| rows.last().map(|r| r.id)).flatten();
    Ok(AuditPage {
        older,
        lines: rows
            .into_iter()
            .map(|r| AuditLine {
                id: r.id,
                at: crate::domain::calendar::format_berlin_seconds(r.occurred_at),
                actor: r.actor_name,
                action: r.action,
                object: r.object,
                outcome: r.outcome,
                detail: r.detail,
                request_id: r.request_id,
            })
            .collect(),
    })
}
