//! Idempotency keys of filed orders (`POST /api/v1/auftraege` with `Idempotency-Key`).

use super::write::{on_tx, WriteTx};
use super::Db;
use crate::on_db;
use time::OffsetDateTime;

/// How long a key names its order; a retry later files a new one.
pub const KEPT_FOR: time::Duration = time::Duration::hours(24);

const FILED_WITH: &str =
    "SELECT k.fingerprint, o.number FROM idempotency_keys k JOIN orders o ON o.id = k.order_id
    WHERE k.user_id = $1 AND k.key = $2 AND k.created_at >= $3";

/// (fingerprint, order number) of the order a user filed with `key` since `since`.
pub async fn filed_with(
    db: &Db,
    user_id: i64,
    key: &str,
    since: OffsetDateTime,
) -> sqlx::Result<Option<(String, String)>> {
    const SQL: &str =
        "SELECT k.fingerprint, o.number FROM idempotency_keys k JOIN orders o ON o.id = k.order_id
        WHERE k.user_id = $1 AND k.key = $2 AND k.created_at >= $3";
    on_db!(db, pool => sqlx::query_as(SQL).bind(user_id).bind(key).bind(since).fetch_optional(pool).await)
}

impl WriteTx {
    /// `filed_with`, read inside the write transaction.
    pub async fn idempotency_key(
        &mut self,
        user_id: i64,
        key: &str,
        since: OffsetDateTime,
    ) -> sqlx::Result<Option<(String, String)>> {
        on_tx!(self, conn => sqlx::query_as(FILED_WITH).bind(user_id).bind(key).bind(since).fetch_optional(conn).await)
    }

    /// Records the key of a new order, dropping expired keys first (of every user, so the
    /// table stays small). A second order with the same key fails on the primary key.
    pub async fn remember_idempotency_key(
        &mut self,
        (user_id, key, fingerprint): (i64, &str, &str),
        order_id: i64,
        now: OffsetDateTime,
    ) -> sqlx::Result<()> {
        on_tx!(self, conn => {
            sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                .bind(now - KEPT_FOR).execute(&mut *conn).await?;
            sqlx::query("INSERT INTO idempotency_keys (user_id, key, fingerprint, order_id, created_at)
                         VALUES ($1, $2, $3, $4, $5)")
                .bind(user_id).bind(key).bind(fingerprint).bind(order_id).bind(now)
                .execute(&mut *conn).await.map(|_| ())
        })
    }
}
