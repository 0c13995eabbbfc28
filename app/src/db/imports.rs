//! Staged CSV uploads and the names an import resolves against.

use super::{BeginWrite, Db};
use crate::domain::upload::MAX_PENDING_UPLOADS;
use crate::on_db;
use time::OffsetDateTime;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StagedRow {
    pub user_id: i64,
    pub agency_id: i64,
    pub file_name: String,
    pub content: String,
    pub created_at: OffsetDateTime,
}

/// Stores an upload, first dropping uploads older than `expired_before`; false (nothing
/// stored) when the user already has `MAX_PENDING_UPLOADS` waiting.
pub async fn stage(
    db: &Db,
    token: &str,
    (user_id, agency_id): (i64, i64),
    file_name: &str,
    content: &str,
    now: OffsetDateTime,
    expired_before: OffsetDateTime,
) -> sqlx::Result<bool> {
    on_db!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query("DELETE FROM csv_imports WHERE created_at < $1")
            .bind(expired_before).execute(&mut *tx).await?;
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM csv_imports WHERE user_id = $1")
            .bind(user_id).fetch_one(&mut *tx).await?;
        if pending >= MAX_PENDING_UPLOADS {
            tx.commit().await?;
            return Ok(false);
        }
        sqlx::query("INSERT INTO csv_imports (token, user_id, agency_id, file_name, content, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(token).bind(user_id).bind(agency_id).bind(file_name).bind(content).bind(now)
            .execute(&mut *tx).await?;
        tx.commit().await.map(|_| true)
    })
}

pub async fn staged(db: &Db, token: &str) -> sqlx::Result<Option<StagedRow>> {
    const SQL: &str = "SELECT user_id, agency_id, file_name, content, created_at FROM csv_imports WHERE token = $1";
    on_db!(db, pool => sqlx::query_as(SQL).bind(token).fetch_optional(pool).await)
}

/// Every Dienststelle (code, agency id).
pub async fn offices(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, agency_id FROM offices").fetch_all(pool).await)
}

/// Every Anliegen (code, name).
pub async fn concerns(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT code, name FROM concerns").fetch_all(pool).await)
}

/// Every Bereich (id, code, short name, name).
pub async fn areas(db: &Db) -> sqlx::Result<Vec<(i64, String, String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, code, short_name, name FROM areas").fetch_all(pool).await)
}

/// Every mailbox (id, address, name).
pub async fn mailboxes(db: &Db) -> sqlx::Result<Vec<(i64, String, String)>> {
    on_db!(db, pool => sqlx::query_as("SELECT id, address, name FROM mailboxes").fetch_all(pool).await)
}
