//! Personal API tokens.

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::on_db;
use time::OffsetDateTime;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
}

pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub hash: &'a str,
    pub prefix: &'a str,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

impl WriteTx {
    /// Stores a new token (only its hash), in a transaction that also writes the audit record.
    pub async fn insert_token(&mut self, t: &NewToken<'_>) -> sqlx::Result<()> {
        const SQL: &str =
            "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6)";
        on_tx!(self, conn => sqlx::query(SQL).bind(t.user_id).bind(t.name).bind(t.hash)
            .bind(t.prefix).bind(t.created_at).bind(t.expires_at).execute(conn).await.map(|r| r.rows_affected()))
        .map(|_| ())
    }
}

pub async fn of_user(db: &Db, user_id: i64) -> sqlx::Result<Vec<TokenRow>> {
    const SQL: &str = "SELECT id, name, prefix, created_at, expires_at, revoked_at, last_used_at
        FROM api_tokens WHERE user_id = $1 ORDER BY id DESC";
    on_db!(db, pool => sqlx::query_as(SQL).bind(user_id).fetch_all(pool).await)
}

/// Revokes one of the user's own tokens; false if there is none (or it is revoked).
pub async fn revoke(db: &Db, user_id: i64, id: i64, now: OffsetDateTime) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL";
    on_db!(db, pool => sqlx::query(SQL).bind(now).bind(id).bind(user_id).execute(pool).await
        .map(|r| r.rows_affected() == 1))
}

/// The owner of a valid (not expired, not revoked) token; records its use at most once a
/// minute, so reading through the API does not turn every request into a write.
pub async fn owner(db: &Db, hash: &str, now: OffsetDateTime) -> sqlx::Result<Option<i64>> {
    const FIND: &str = "SELECT id, user_id, last_used_at FROM api_tokens
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2";
    const TOUCH: &str = "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2";
    let found: Option<(i64, i64, Option<OffsetDateTime>)> =
        on_db!(db, pool => sqlx::query_as(FIND).bind(hash).bind(now).fetch_optional(pool).await)?;
    let Some((id, user_id, last_used)) = found else {
        return Ok(None);
    };
    if last_used.is_none_or(|t| now - t > time::Duration::minutes(1)) {
        on_db!(db, pool => sqlx::query(TOUCH).bind(now).bind(id).execute(pool).await.map(|_| ()))?;
    }
    Ok(Some(user_id))
}
