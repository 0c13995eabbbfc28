//! The signed-in user's notifications; nobody reads or marks another's.

use super::db_err;
use crate::db::notifications as q;
use crate::domain::calendar::format_berlin;
use crate::error::AppError;
use crate::notifications::model::{Inbox, NotificationView};
use crate::services::context::Ctx;
use time::OffsetDateTime;

const SHOWN: i64 = 100;

pub async fn inbox(ctx: &Ctx) -> Result<Inbox, AppError> {
    let user = ctx.user()?;
    let db = ctx.db().clone();
    let rows = q::recent(&db, user.id, SHOWN).await.map_err(db_err)?;
    let unread = q::unread_count(&db, user.id).await.map_err(db_err)?;
    Ok(Inbox {
        unread,
        notifications: rows
            .into_iter()
            .map(|r| NotificationView {
                id: r.id,
                at: format_berlin(r.created_at),
                title: r.title,
                body: r.body,
                link: r.link,
                unread: r.read_at.is_none(),
            })
            .collect(),
    })
}

pub async fn mark_read(ctx: &Ctx, id: Option<i64>) -> Result<u64, AppError> {
    let user = ctx.user()?;
    let db = ctx.db().clone();
    q::mark_read(&db, user.id, id, OffsetDateTime::now_utc())
        .await
        .map_err(db_err)
}

/// The unread count shown in the navigation.
pub async fn unread(ctx: &Ctx, user_id: i64) -> Result<i64, AppError> {
    q::unread_count(&ctx.state.db, user_id)
        .await
        .map_err(db_err)
}
