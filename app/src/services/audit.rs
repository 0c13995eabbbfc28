//! Reading the audit log (Zentrale only).

use super::db_err;
use crate::audit::model::{AuditLine, AuditPage};
use crate::db::audit as q;
use crate::domain::org::OrgLocation;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::services::context::Ctx;

pub const PAGE_SIZE: i64 = 100;

pub async fn page(ctx: &Ctx, filter: q::AuditFilter) -> Result<AuditPage, AppError> {
    let actor = ctx.actor()?;
    ctx.require(
        &actor,
        Action::ViewAuditLog,
        OrgLocation::Central,
        "protokoll",
    )
    .await?;
    let db = ctx.db().clone();
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
